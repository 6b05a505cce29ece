"""Train the v2 face expression model (facenet2.FaceNet2) on the CPU.

    nice -n 5 /usr/bin/python3 models/face/train2.py [--epochs 24] [--threads 1]     (npm run train:face)

Data (../shared/data/faces and models/face/work, see models/face/README.md):
  - FER2013 train (minus flag-2 rows and FER+ not-a-face), targets mixed from the FER2013 label, the
    FER+ vote distribution and the teachers' soft outputs;
  - muxspace_train without the held-out identities (subject hash, `muxspace_split`), targets from
    the single annotator's label and the teachers;
  - each face in two views: the 48x48 crop as stored ("raw", what eval:face feeds) and the aligned
    detector crop made by the runtime's preprocessing (scripts/face/align-data.ts); one of the two is
    drawn per sample and epoch.
Teachers (scripts/face/teachers.ts, models/face/work/teachers_*.f32): v1 with flip TTA, human, face-api.
Validation every epoch on FER2013 PublicTest and the muxspace held-out identities, raw and aligned;
`score` = mean of accuracy and macro-F1 over the two sets (raw views).
Writes models/face/work/v2_<tag>/: last.pt (model + EMA), metrics.jsonl."""
import argparse, hashlib, json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from facenet import standardise, load_split, load_ferplus, FERPLUS_TO_OURS, DEFAULT_DATA, HERE, EMOTIONS
from facenet2 import FaceNet2

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


def teacher_probs(split, n, weights):
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


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--data', default=DEFAULT_DATA)
    p.add_argument('--tag', default='main')
    p.add_argument('--epochs', type=int, default=24)
    p.add_argument('--batch', type=int, default=128)
    p.add_argument('--lr', type=float, default=0.08)
    p.add_argument('--wd', type=float, default=1e-4)
    p.add_argument('--ema', type=float, default=0.998)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--seed', type=int, default=1)
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
    p.add_argument('--max-batches', type=int, default=0)
    p.add_argument('--resume', default='')
    p.add_argument('--init', default='', help='start from the EMA weights of a checkpoint (a further stage: fresh optimiser and schedule)')
    p.add_argument('--warmup', type=float, default=0.03)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed); np.random.seed(a.seed)
    out = os.path.join(WORK, f'v2_{a.tag}')
    os.makedirs(out, exist_ok=True)
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
    t_fer = (a.w_hard * onehot + a.w_ferplus * dist + a.w_teacher * tp_fer) / (a.w_hard + a.w_ferplus + a.w_teacher)
    al_fer = load_work('aligned_fer2013_train.u8', (n_fer, 48, 48), np.uint8)
    det_fer = load_work('det_fer2013_train.f32', (n_fer, 17), np.float32)[:, 0] >= 0.5

    # ---------- muxspace (training identities only) ----------
    mpx, my = load_mux(a.data)
    n_mux = len(mpx)
    held, _ = muxspace_split(a.data)
    tp_mux, _ = teacher_probs('muxspace_train', n_mux, tw)
    m1 = np.eye(7, dtype=np.float32)[my]
    t_mux = a.mux_hard * m1 + (1 - a.mux_hard) * tp_mux
    al_mux = load_work('aligned_muxspace_train.u8', (n_mux, 48, 48), np.uint8)
    det_mux = load_work('det_muxspace_train.f32', (n_mux, 17), np.float32)[:, 0] >= 0.5
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
        'fer_aligned': (load_work('aligned_fer2013_publictest.u8', (len(vpx), 48, 48), np.uint8), vy),
        'mux_raw': (mpx[held], my[held]),
        'mux_aligned': (al_mux[held], my[held]),
    }

    def augment(x):
        n = x.shape[0]
        flip = torch.rand(n) < 0.5
        x = torch.where(flip[:, None, None, None], x.flip(3), x)
        ang = (torch.rand(n) * 2 - 1) * math.radians(a.rot)
        sc = torch.exp((torch.rand(n) * 2 - 1) * 0.1)
        tx, ty = (torch.rand(n) * 2 - 1) * 0.12, (torch.rand(n) * 2 - 1) * 0.12
        cos, sin = torch.cos(ang) / sc, torch.sin(ang) / sc
        theta = torch.stack([torch.stack([cos, -sin, tx], 1), torch.stack([sin, cos, ty], 1)], 1)
        grid = F.affine_grid(theta, x.shape, align_corners=False)
        x = F.grid_sample(x, grid, mode='bilinear', padding_mode='border', align_corners=False)
        b = torch.rand(n) < a.blur_p
        if b.any():
            xb = x[b]
            r = torch.arange(-2, 3, dtype=torch.float32)
            s = 0.5 + torch.rand(xb.shape[0])
            k = torch.exp(-(r[None, :] ** 2) / (2 * s[:, None] ** 2)); k = k / k.sum(1, keepdim=True)
            k = k[:, :, None] * k[:, None, :]
            xb = F.conv2d(F.pad(xb.transpose(0, 1), (2, 2, 2, 2), mode='replicate'), k[:, None], groups=xb.shape[0]).transpose(0, 1)
            x[b] = xb
        x = x / 255.0
        g = torch.exp((torch.rand(n, 1, 1, 1) * 2 - 1) * 0.4)
        x = x.clamp(0, 1) ** g
        c = 0.6 + torch.rand(n, 1, 1, 1) * 0.8
        br = (torch.rand(n, 1, 1, 1) * 2 - 1) * 0.2
        x = ((x - 0.5) * c + 0.5 + br).clamp(0, 1) * 255.0
        for i in torch.nonzero(torch.rand(n) < a.erase_p).flatten().tolist():
            area = (0.04 + 0.16 * torch.rand(1).item()) * 48 * 48
            ar = math.exp((torch.rand(1).item() * 2 - 1) * math.log(3))
            h = min(max(int(round(math.sqrt(area * ar))), 4), 40); w = min(max(int(round(math.sqrt(area / ar))), 4), 40)
            t0 = int(torch.randint(0, 48 - h + 1, (1,))); l0 = int(torch.randint(0, 48 - w + 1, (1,)))
            x[i, :, t0:t0 + h, l0:l0 + w] = torch.rand(1).item() * 255 if torch.rand(1).item() < 0.5 else torch.rand(1, h, w) * 255
        return x

    model = FaceNet2().to(memory_format=torch.channels_last)
    ema = FaceNet2().to(memory_format=torch.channels_last); ema.load_state_dict(model.state_dict())
    for q in ema.parameters(): q.requires_grad_(False)
    decay, no_decay = [], []
    for n_, q in model.named_parameters():
        # no weight decay on BN, biases and depthwise kernels (few weights each, as in MobileNets)
        (decay if q.ndim == 4 and q.shape[1] > 1 or q.ndim == 2 else no_decay).append(q)
    opt = torch.optim.SGD([{'params': decay, 'weight_decay': a.wd}, {'params': no_decay, 'weight_decay': 0}], lr=a.lr, momentum=0.9, nesterov=True)
    spe = math.ceil(len(RAW_t) / a.batch)
    if a.max_batches: spe = min(spe, a.max_batches)
    total = spe * a.epochs; warm = max(1, int(a.warmup * total))
    lr_at = lambda s: a.lr * (s + 1) / warm if s < warm else a.lr * 0.5 * (1 + math.cos(math.pi * (s - warm) / max(1, total - warm)))
    print(f'params {sum(q.numel() for q in model.parameters())}; {spe} batches/epoch x {a.epochs} epochs', flush=True)

    @torch.no_grad()
    def evaluate(m, full=True):
        m.eval(); res = {}
        for k, (vx, vyy) in val.items():
            if not full and k.endswith('_aligned'):
                continue
            X = standardise(torch.from_numpy(vx).unsqueeze(1).float()).to(memory_format=torch.channels_last)
            pr = torch.cat([m(X[i:i + 512]).argmax(1) for i in range(0, len(X), 512)]).numpy()
            res[k] = metrics(pr, vyy)
        res['score'] = round(float(np.mean([res['fer_raw']['acc'], res['fer_raw']['macroF1'], res['mux_raw']['acc'], res['mux_raw']['macroF1']])), 4)
        if full: res['score_aligned'] = round(float(np.mean([res['fer_aligned']['acc'], res['fer_aligned']['macroF1'], res['mux_aligned']['acc'], res['mux_aligned']['macroF1']])), 4)
        return res

    step, first = 0, 1
    if a.init:
        ck0 = torch.load(a.init, map_location='cpu')
        model.load_state_dict(ck0['ema']); ema.load_state_dict(ck0['ema'])
        print(f'initialised from the EMA weights of {a.init} (epoch {ck0["epoch"]})', flush=True)
    if a.resume:
        ck = torch.load(a.resume, map_location='cpu')
        model.load_state_dict(ck['model']); ema.load_state_dict(ck['ema']); opt.load_state_dict(ck['opt']); torch.set_rng_state(ck['rng'])
        first = ck['epoch'] + 1; step = ck['epoch'] * spe
    log = open(os.path.join(out, 'metrics.jsonl'), 'a')
    t_start = time.time()
    for epoch in range(first, a.epochs + 1):
        model.train(); t0 = time.time(); perm = torch.randperm(len(RAW_t)); tl = 0.0; tn = 0
        for b in range(spe):
            idx = perm[b * a.batch:(b + 1) * a.batch]
            use_al = DET_t[idx] & (torch.rand(len(idx)) < a.p_aligned)
            x = torch.where(use_al[:, None, None, None], ALI_t[idx], RAW_t[idx]).float()
            x = standardise(augment(x)).contiguous(memory_format=torch.channels_last)
            for g_ in opt.param_groups: g_['lr'] = lr_at(step)
            o = model(x)
            loss = (-(T_t[idx] * F.log_softmax(o, 1)).sum(1) * W_t[idx]).mean()
            opt.zero_grad(set_to_none=True); loss.backward(); opt.step(); step += 1
            with torch.no_grad():
                d = min(a.ema, (1 + step) / (10 + step))
                for pe, pm in zip(ema.parameters(), model.parameters()): pe.mul_(d).add_(pm.detach(), alpha=1 - d)
                for be, bm in zip(ema.buffers(), model.buffers()): be.copy_(bm)
            tl += loss.item() * len(idx); tn += len(idx)
            if epoch == first and b in (20, 100):
                print(f'  batch {b}: {(time.time() - t0) / (b + 1):.3f} s/batch', flush=True)
        train_s = time.time() - t0
        ve = evaluate(ema, full=epoch % 4 == 0 or epoch == a.epochs)
        rec = {'epoch': epoch, 'loss': round(tl / tn, 4), 'lr': round(lr_at(step - 1), 5), 'train_s': round(train_s, 1), 'elapsed_s': round(time.time() - t_start, 1), 'val_ema': ve}
        print(json.dumps(rec), flush=True); log.write(json.dumps(rec) + '\n'); log.flush()
        ck = {'epoch': epoch, 'model': model.state_dict(), 'ema': ema.state_dict(), 'opt': opt.state_dict(), 'rng': torch.get_rng_state(), 'args': vars(a), 'val_ema': ve}
        torch.save(ck, os.path.join(out, 'last.pt'))
    print(f'done in {time.time() - t_start:.0f} s', flush=True)


if __name__ == '__main__':
    main()
