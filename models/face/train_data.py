"""Training data, augmentation and validation shared by the face trainers (train2.py: v2 from
scratch; train3.py: v3, the student of v1). See models/face/README.md for the data and targets.

  - FER2013 train (minus flag-2 rows and FER+ not-a-face), targets mixed from the FER2013 label, the
    FER+ vote distribution and the teachers' soft outputs;
  - muxspace_train without the held-out identities (subject hash, `muxspace_split`), targets from
    the single annotator's label and the teachers;
  - each face in two views: the 48x48 crop as stored ("raw", what eval:face feeds) and the aligned
    detector crop made by the runtime's preprocessing (scripts/face/align-data.ts).
Validation: FER2013 PublicTest and the muxspace held-out identities, raw and aligned; `score` = mean
of accuracy and macro-F1 over the two sets (raw views)."""
import hashlib, math, os
import numpy as np
import torch
import torch.nn.functional as F
from facenet import standardise, load_split, load_ferplus, FERPLUS_TO_OURS, DEFAULT_DATA, HERE

WORK = os.environ.get('FACE_WORK', os.path.join(HERE, 'work'))
# teacher order in teachers_*.f32
TEACHERS = ['v1', 'human', 'faceapi']


def muxspace_split(data=DEFAULT_DATA):
    """Boolean mask of the muxspace rows whose identity (`subject`) is held out for validation:
    md5(subject) mod 5 == 0, about a fifth of the identities. Never trained on."""
    import csv
    with open(os.path.join(data, 'muxspace_train.csv')) as f:
        subj = [r['subject'] for r in csv.DictReader(f)]
    return np.array([int(hashlib.md5(s.encode()).hexdigest(), 16) % 5 == 0 for s in subj]), subj


def load_mux(data=DEFAULT_DATA):
    px = np.fromfile(os.path.join(data, 'muxspace_train.bin'), dtype=np.uint8).reshape(-1, 48, 48)
    y = np.fromfile(os.path.join(data, 'muxspace_train.labels'), dtype=np.uint8).astype(np.int64)
    return px, y


def load_work(name, shape, dtype):
    a = np.fromfile(os.path.join(WORK, name), dtype=dtype)
    return a.reshape(shape)


def optional_work(name, shape, dtype, fallback, needed_by):
    """A cache of work/ if it is there; else `fallback`, allowed only where nothing uses it (`needed_by` False)."""
    if os.path.exists(os.path.join(WORK, name)):
        return load_work(name, shape, dtype)
    assert not needed_by, f'{WORK}/{name} is missing (scripts/face/teachers.ts, align-data.ts make it)'
    return fallback


def teacher_probs(split, n, weights):
    if not os.path.exists(os.path.join(WORK, f'teachers_{split}.f32')):
        # no cached teachers (a fresh checkout): only a target mix without them is possible
        print(f'teachers on {split}: none cached', flush=True)
        return None, None
    t = load_work(f'teachers_{split}.f32', (n, 3, 7), np.float32).astype(np.float64)
    v1 = os.path.join(WORK, f'teacher_v1_{split}.f32')   # v1_teacher.py: the same v1 network, batched in PyTorch
    if os.path.exists(v1):
        t[:, 0] = np.fromfile(v1, np.float32).reshape(n, 7)
    present = np.abs(t.sum(2) - 1).max(0) < 1e-3
    absent = np.abs(t.sum(2)).max(0) == 0
    assert np.all(present | absent), f'teachers_{split}: incomplete teacher outputs'
    # a teacher without outputs on this split (v1 on FER2013 train: it was trained on these very faces,
    # so its outputs there echo the labels; not computed) gets weight 0
    w = np.where(present, np.asarray(weights, dtype=np.float64), 0.0)[None, :, None]
    print(f'teachers on {split}: ' + ', '.join(f'{n} {w[0, i, 0]:g}' for i, n in enumerate(TEACHERS)), flush=True)
    p = (t * w).sum(1) / w.sum()
    return (p / p.sum(1, keepdims=True)).astype(np.float32), t


def metrics(pr, yt):
    acc = float((pr == yt).mean())
    f1s, rec = [], []
    for c in range(7):
        tp = ((pr == c) & (yt == c)).sum(); fp = ((pr == c) & (yt != c)).sum(); fn = ((pr != c) & (yt == c)).sum()
        if tp + fp + fn == 0:
            continue
        f1s.append(2 * tp / (2 * tp + fp + fn))
    for c in range(7):
        m = yt == c
        rec.append(float((pr[m] == c).mean()) if m.any() else float('nan'))
    return {'acc': round(acc, 4), 'macroF1': round(float(np.mean(f1s)), 4), 'recall': [round(r, 3) for r in rec]}



def add_data_args(p):
    """The target mix and augmentation options (both trainers)."""
    p.add_argument('--w-hard', type=float, default=0.35, help='FER2013 faces: weight of the one-hot label')
    p.add_argument('--w-ferplus', type=float, default=0.25, help='FER2013 faces: weight of the FER+ vote distribution')
    p.add_argument('--w-teacher', type=float, default=0.4, help='weight of the teacher ensemble (both data sets)')
    p.add_argument('--mux-hard', type=float, default=0.5, help='muxspace faces: weight of the one-hot label (rest: teachers)')
    p.add_argument('--teacher-weights', default='2,1,1', help='v1,human,faceapi weights in the teacher ensemble')
    p.add_argument('--class-power', type=float, default=0.3)
    p.add_argument('--p-aligned', type=float, default=0.5, help='probability of the aligned view for a detected face')
    p.add_argument('--rot', type=float, default=10)
    p.add_argument('--erase-p', type=float, default=0.25)
    p.add_argument('--blur-p', type=float, default=0.2)


def training_set(a):
    """-> dict of tensors RAW, ALI (N,1,48,48 uint8 views), DET (aligned view exists), T (N,7 targets),
    W (N class weights), Y (N hard labels), and the validation sets `val` (name -> (pixels, labels))."""
    tw = [float(v) for v in a.teacher_weights.split(',')]
    # ---------- FER2013 train ----------
    px, y, flags = load_split('train', a.data)
    n_fer = len(px)
    votes = load_ferplus(a.data)
    fp = votes['Training']
    v7 = fp[:, FERPLUS_TO_OURS].astype(np.float32)
    keep = (flags == 0) & (fp[:, 9] < 5)
    onehot = np.eye(7, dtype=np.float32)[y]
    has = v7.sum(1) > 0
    dist = np.where(has[:, None], v7 / np.maximum(v7.sum(1, keepdims=True), 1), onehot)
    tp_fer, _ = teacher_probs('fer2013_train', n_fer, tw)
    assert tp_fer is not None or a.w_teacher == 0, 'no cached teachers: use --w-teacher 0'
    if tp_fer is None: tp_fer = np.zeros_like(onehot)
    t_fer = (a.w_hard * onehot + a.w_ferplus * dist + a.w_teacher * tp_fer) / (a.w_hard + a.w_ferplus + a.w_teacher)
    # without the aligned views (no detector run yet) every face is trained upright, as stored
    al_fer = optional_work('aligned_fer2013_train.u8', (n_fer, 48, 48), np.uint8, px, a.p_aligned > 0)
    det_fer = optional_work('det_fer2013_train.f32', (n_fer, 17), np.float32, np.zeros((n_fer, 17), np.float32), a.p_aligned > 0)[:, 0] >= 0.5

    # ---------- muxspace (training identities only) ----------
    mpx, my = load_mux(a.data)
    n_mux = len(mpx)
    held, _ = muxspace_split(a.data)
    tp_mux, _ = teacher_probs('muxspace_train', n_mux, tw)
    m1 = np.eye(7, dtype=np.float32)[my]
    assert tp_mux is not None or a.mux_hard == 1, 'no cached teachers: use --mux-hard 1'
    t_mux = m1 if tp_mux is None else a.mux_hard * m1 + (1 - a.mux_hard) * tp_mux
    al_mux = optional_work('aligned_muxspace_train.u8', (n_mux, 48, 48), np.uint8, mpx, a.p_aligned > 0)
    det_mux = optional_work('det_muxspace_train.f32', (n_mux, 17), np.float32, np.zeros((n_mux, 17), np.float32), a.p_aligned > 0)[:, 0] >= 0.5
    tr = ~held

    RAW = np.concatenate([px[keep], mpx[tr]])
    ALI = np.concatenate([al_fer[keep], al_mux[tr]])
    DET = np.concatenate([det_fer[keep], det_mux[tr]])
    T = np.concatenate([t_fer[keep], t_mux[tr]])
    Y = np.concatenate([y[keep], my[tr]])
    T = 0.98 * T + 0.02 / 7
    counts = np.bincount(Y, minlength=7).astype(np.float64)
    cw = (counts.mean() / counts) ** a.class_power
    cw = cw / (cw * counts).sum() * counts.sum()
    src = np.concatenate([np.zeros(keep.sum(), np.int64), np.ones(tr.sum(), np.int64)])
    print(f'train: FER {keep.sum()} + muxspace {tr.sum()} (held out {held.sum()} rows of {n_mux}); detected {DET.mean():.3f}; '
          f'counts {counts.astype(int).tolist()}; class weights {np.round(cw, 3).tolist()}', flush=True)
    RAW_t = torch.from_numpy(RAW).unsqueeze(1); ALI_t = torch.from_numpy(ALI).unsqueeze(1)
    DET_t = torch.from_numpy(DET); T_t = torch.from_numpy(T.astype(np.float32))
    W_t = torch.from_numpy(cw.astype(np.float32))[torch.from_numpy(Y)]

    # ---------- validation ----------
    vpx, vy, _ = load_split('publictest', a.data)
    val = {
        'fer_raw': (vpx, vy),
        'mux_raw': (mpx[held], my[held]),
    }
    if a.p_aligned > 0:
        val['fer_aligned'] = (load_work('aligned_fer2013_publictest.u8', (len(vpx), 48, 48), np.uint8), vy)
        val['mux_aligned'] = (al_mux[held], my[held])

    return {'RAW': RAW_t, 'ALI': ALI_t, 'DET': DET_t, 'T': T_t, 'W': W_t, 'Y': torch.from_numpy(Y), 'val': val}


def augment_faces(x, rot, scale, shift, blur_p, erase_p, erase_area):
    """x: float N,1,48,48 in 0..255 -> augmented, same range: flip; rotation +-rot degrees, scale
    exp(+-scale), shift +-shift of the size; gaussian blur (sigma 0.5..1.5) on blur_p; gamma,
    contrast, brightness; random erasing on erase_p of 4%..(4 + erase_area)% of the area, grey or noise.
    Shared by train.py (v1) and train2.py / train3.py (v2, v3), each with its own amounts."""
    n = x.shape[0]
    flip = torch.rand(n) < 0.5
    x = torch.where(flip[:, None, None, None], x.flip(3), x)
    ang = (torch.rand(n) * 2 - 1) * math.radians(rot)
    sc = torch.exp((torch.rand(n) * 2 - 1) * scale)
    tx, ty = (torch.rand(n) * 2 - 1) * shift, (torch.rand(n) * 2 - 1) * shift
    cos, sin = torch.cos(ang) / sc, torch.sin(ang) / sc
    theta = torch.stack([torch.stack([cos, -sin, tx], 1), torch.stack([sin, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, x.shape, align_corners=False)
    x = F.grid_sample(x, grid, mode='bilinear', padding_mode='border', align_corners=False)
    b = torch.rand(n) < blur_p
    if b.any():
        xb = x[b]
        r = torch.arange(-2, 3, dtype=torch.float32)
        s = 0.5 + torch.rand(xb.shape[0])
        k = torch.exp(-(r[None, :] ** 2) / (2 * s[:, None] ** 2)); k = k / k.sum(1, keepdim=True)
        k = k[:, :, None] * k[:, None, :]
        xb = F.conv2d(F.pad(xb.transpose(0, 1), (2, 2, 2, 2), mode='replicate'), k[:, None], groups=xb.shape[0]).transpose(0, 1)
        x[b] = xb
    # gamma, contrast and brightness (before per-image standardisation these still change the histogram's shape)
    x = x / 255.0
    g = torch.exp((torch.rand(n, 1, 1, 1) * 2 - 1) * 0.4)
    x = x.clamp(0, 1) ** g
    c = 0.6 + torch.rand(n, 1, 1, 1) * 0.8
    br = (torch.rand(n, 1, 1, 1) * 2 - 1) * 0.2
    x = ((x - 0.5) * c + 0.5 + br).clamp(0, 1) * 255.0
    for i in torch.nonzero(torch.rand(n) < erase_p).flatten().tolist():
        area = (0.04 + erase_area * torch.rand(1).item()) * 48 * 48
        ar = math.exp((torch.rand(1).item() * 2 - 1) * math.log(3))
        h = min(max(int(round(math.sqrt(area * ar))), 4), 40); w = min(max(int(round(math.sqrt(area / ar))), 4), 40)
        t0 = int(torch.randint(0, 48 - h + 1, (1,))); l0 = int(torch.randint(0, 48 - w + 1, (1,)))
        x[i, :, t0:t0 + h, l0:l0 + w] = torch.rand(1).item() * 255 if torch.rand(1).item() < 0.5 else torch.rand(1, h, w) * 255
    return x


def make_augment(a):
    """v2/v3's augmentation amounts (train.py's v1 ones are larger)."""
    return lambda x: augment_faces(x, a.rot, 0.1, 0.12, a.blur_p, a.erase_p, 0.16)


@torch.no_grad()
def evaluate(m, val, full=True):
    m.eval(); res = {}
    for k, (vx, vyy) in val.items():
        if not full and k.endswith('_aligned'):
            continue
        X = standardise(torch.from_numpy(vx).unsqueeze(1).float()).to(memory_format=torch.channels_last)
        pr = torch.cat([m(X[i:i + 512]).argmax(1) for i in range(0, len(X), 512)]).numpy()
        res[k] = metrics(pr, vyy)
    res['score'] = round(float(np.mean([res['fer_raw']['acc'], res['fer_raw']['macroF1'], res['mux_raw']['acc'], res['mux_raw']['macroF1']])), 4)
    if full and 'fer_aligned' in res: res['score_aligned'] = round(float(np.mean([res['fer_aligned']['acc'], res['fer_aligned']['macroF1'], res['mux_aligned']['acc'], res['mux_aligned']['macroF1']])), 4)
    return res

