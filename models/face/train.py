"""Train the face expression model on FER2013 train (+ FER+ vote distributions) on the CPU.

    nice -n 5 /usr/bin/python3 models/face/train.py            # full recipe (npm run train:face)
    /usr/bin/python3 models/face/train.py --epochs 1 --max-batches 50   # timing check

Writes models/face/work/: ckpt_epNN.pt every epoch (model + EMA weights), last.pt, metrics.jsonl.
Validation each epoch on FER2013 PublicTest (FER2013 labels and FER+ majority)."""
import argparse, json, math, os, time
import numpy as np
import torch
import torch.nn.functional as F
from facenet import FaceNet, standardise, load_split, load_ferplus, ferplus_majority, FERPLUS_TO_OURS, DEFAULT_DATA, HERE
from train_data import augment_faces

p = argparse.ArgumentParser()
p.add_argument('--data', default=DEFAULT_DATA)
p.add_argument('--out', default=os.path.join(HERE, 'work'))
p.add_argument('--epochs', type=int, default=24)
p.add_argument('--batch', type=int, default=128)
p.add_argument('--lr', type=float, default=0.1)
p.add_argument('--wd', type=float, default=5e-4)
p.add_argument('--alpha', type=float, default=0.5, help='weight of the FER2013 one-hot in the target; 1-alpha goes to the FER+ distribution')
p.add_argument('--class-power', type=float, default=0.3, help='class weight = (mean count / count) ** power')
p.add_argument('--ema', type=float, default=0.999)
p.add_argument('--threads', type=int, default=2)
p.add_argument('--seed', type=int, default=1)
p.add_argument('--resume', default='', help='continue from a checkpoint (model, EMA, optimiser if saved); the LR schedule follows --epochs')
p.add_argument('--init', default='', help='start from the EMA weights of a checkpoint (fine-tuning stage: fresh optimiser and schedule)')
p.add_argument('--tag', default='', help='prefix of the checkpoint files (e.g. ft_)')
p.add_argument('--warmup', type=float, default=0.05, help='fraction of steps with linear LR warm-up')
p.add_argument('--erase-p', type=float, default=0.5, help='probability of random erasing (occlusion)')
p.add_argument('--blur-p', type=float, default=0.25)
p.add_argument('--rot', type=float, default=15, help='max rotation, degrees')
p.add_argument('--eval-raw', action='store_true', help='also validate the raw (non-EMA) weights every epoch (default: last epoch only)')
p.add_argument('--max-batches', type=int, default=0, help='stop each epoch after this many batches (timing)')
args = p.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
np.random.seed(args.seed)
os.makedirs(args.out, exist_ok=True)

# ---------- data and targets ----------
px, y, flags = load_split('train', args.data)
votes = load_ferplus(args.data)
fp = votes['Training']
assert len(fp) == len(px)
v7 = fp[:, FERPLUS_TO_OURS].astype(np.float32)           # FER+ votes for our 7 classes
nf = fp[:, 9]
keep = (flags == 0) & (nf < 5)                            # drop JPEG-copied rows and FER+ "not a face"
onehot = np.eye(7, dtype=np.float32)[y]
has_fp = v7.sum(1) > 0
dist = np.where(has_fp[:, None], v7 / np.maximum(v7.sum(1, keepdims=True), 1), onehot)
target = args.alpha * onehot + (1 - args.alpha) * dist
target = 0.98 * target + 0.02 / 7                           # a little smoothing everywhere
px, y, target = px[keep], y[keep], target[keep]
counts = np.bincount(y, minlength=7).astype(np.float64)
cw = (counts.mean() / counts) ** args.class_power
cw = cw / (cw * counts).sum() * counts.sum()               # mean weight over samples = 1
print(f'train rows kept {len(px)} of {len(keep)}; counts {counts.astype(int).tolist()}; class weights {np.round(cw, 3).tolist()}', flush=True)

X = torch.from_numpy(px).unsqueeze(1)                       # uint8 N,1,48,48
T = torch.from_numpy(target)
W = torch.from_numpy(cw.astype(np.float32))[torch.from_numpy(y)]

vpx, vy, _ = load_split('publictest', args.data)
vfp = ferplus_majority(votes['PublicTest'])
VX = torch.from_numpy(vpx).unsqueeze(1).float()
VY = torch.from_numpy(vy)

# ---------- augmentation (batched, in torch) ----------
def augment(x):
    """x: float N,1,48,48 in 0..255 -> augmented, same range (train_data.augment_faces): rotation
    +-args.rot, scale 0.85..1.2, shift +-20%, blur on args.blur_p, erasing on args.erase_p of 4..25% of the area."""
    return augment_faces(x, args.rot, 0.17, 0.2, args.blur_p, args.erase_p, 0.21)

# ---------- model / optimiser ----------
model = FaceNet()
ema = FaceNet(); ema.load_state_dict(model.state_dict())
for q in ema.parameters(): q.requires_grad_(False)
nparams = sum(q.numel() for q in model.parameters())
print(f'params {nparams}', flush=True)
decay, no_decay = [], []
for n_, q in model.named_parameters():
    (no_decay if q.ndim == 1 else decay).append(q)
opt = torch.optim.SGD([{'params': decay, 'weight_decay': args.wd}, {'params': no_decay, 'weight_decay': 0}],
                      lr=args.lr, momentum=0.9, nesterov=True)
steps_per_epoch = math.ceil(len(X) / args.batch)
if args.max_batches: steps_per_epoch = min(steps_per_epoch, args.max_batches)
total = steps_per_epoch * args.epochs
warm = max(1, int(args.warmup * total))
def lr_at(s):
    if s < warm: return args.lr * (s + 1) / warm
    return args.lr * 0.5 * (1 + math.cos(math.pi * (s - warm) / max(1, total - warm)))

@torch.no_grad()
def evaluate(m):
    m.eval(); preds = []
    for i in range(0, len(VX), 512):
        preds.append(m(standardise(VX[i:i + 512])).argmax(1))
    pr = torch.cat(preds).numpy(); yt = VY.numpy()
    acc = float((pr == yt).mean())
    f1s, rec = [], []
    for c in range(7):
        tp = ((pr == c) & (yt == c)).sum(); fpos = ((pr == c) & (yt != c)).sum(); fn = ((pr != c) & (yt == c)).sum()
        f1s.append(2 * tp / max(1, 2 * tp + fpos + fn)); rec.append(tp / max(1, tp + fn))
    mk = vfp >= 0
    accp = float((pr[mk] == vfp[mk]).mean())
    return {'acc': round(acc, 4), 'macroF1': round(float(np.mean(f1s)), 4), 'accFerPlus': round(accp, 4),
            'recall': [round(float(r), 3) for r in rec]}

step, first_epoch = 0, 1
if args.init:
    ck0 = torch.load(args.init, map_location='cpu')
    model.load_state_dict(ck0['ema']); ema.load_state_dict(ck0['ema'])
    print(f'initialised from the EMA weights of {args.init} (epoch {ck0["epoch"]})', flush=True)
if args.resume:
    ck = torch.load(args.resume, map_location='cpu')
    model.load_state_dict(ck['model']); ema.load_state_dict(ck['ema'])
    if 'opt' in ck: opt.load_state_dict(ck['opt'])
    if 'rng' in ck: torch.set_rng_state(ck['rng'])
    first_epoch = ck['epoch'] + 1; step = ck['epoch'] * steps_per_epoch
    print(f'resumed from {args.resume} at epoch {first_epoch}', flush=True)
log = open(os.path.join(args.out, 'metrics.jsonl'), 'a')
t_start = time.time()
for epoch in range(first_epoch, args.epochs + 1):
    model.train(); t0 = time.time()
    perm = torch.randperm(len(X))
    tl, tn = 0.0, 0
    for b in range(steps_per_epoch):
        idx = perm[b * args.batch:(b + 1) * args.batch]
        x = standardise(augment(X[idx].float()))
        for g_ in opt.param_groups: g_['lr'] = lr_at(step)
        out = model(x)
        loss = (-(T[idx] * F.log_softmax(out, 1)).sum(1) * W[idx]).mean()
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step(); step += 1
        with torch.no_grad():
            d = min(args.ema, (1 + step) / (10 + step))
            for pe, pm in zip(ema.parameters(), model.parameters()): pe.mul_(d).add_(pm.detach(), alpha=1 - d)
            for be, bm in zip(ema.buffers(), model.buffers()): be.copy_(bm)
        tl += loss.item() * len(idx); tn += len(idx)
        if epoch == 1 and b in (20, 100):
            print(f'  batch {b}: {(time.time() - t0) / (b + 1):.3f} s/batch', flush=True)
    train_s = time.time() - t0
    ve = evaluate(ema)
    vm = evaluate(model) if (epoch == args.epochs or args.eval_raw) else None
    rec = {'stage': args.tag or 'main', 'epoch': epoch, 'loss': round(tl / tn, 4), 'lr': round(lr_at(step - 1), 5), 'train_s': round(train_s, 1),
           'elapsed_s': round(time.time() - t_start, 1), 'val': vm, 'val_ema': ve}
    print(json.dumps(rec), flush=True); log.write(json.dumps(rec) + '\n'); log.flush()
    ck = {'epoch': epoch, 'model': model.state_dict(), 'ema': ema.state_dict(), 'opt': opt.state_dict(), 'rng': torch.get_rng_state(),
          'args': vars(args), 'val': vm, 'val_ema': ve}
    torch.save(ck, os.path.join(args.out, f'{args.tag}ckpt_ep{epoch:02d}.pt'))
    torch.save(ck, os.path.join(args.out, f'{args.tag}last.pt'))
print(f'done in {time.time() - t_start:.0f} s', flush=True)
