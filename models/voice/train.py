#!/usr/bin/env python3
"""Voice emotion model: training with leave-speakers-out cross-validation (CPU, PyTorch).

Reads the features written by scripts/voice/extract-features.ts (models/voice/work/features/),
trains the 1-D CNN of net.py on 2 s windows (100 frames x 76 features) and writes checkpoints.

  python3 models/voice/train.py --cv --folds 0,1,2,3,4 --epochs 40     # leave-speakers-out CV
  python3 models/voice/train.py --final --epochs 40                     # all speakers -> final.pt

Folds: RAVDESS actors 1..20 -> fold (actor-1) % 5 (fold 0 = actors 1,6,11,16 ...); nEMO and CASIA
speakers are assigned round-robin (sorted names) to folds, so every validation speaker of every
corpus is unseen in training. Validation uses only the un-augmented copy of each held-out clip; a
clip's prediction is the mean of its window probabilities (windows every 0.5 s; the quieter half of
the windows is dropped, a stand-in for the runtime VAD). Prints UAR / accuracy / confusion per
corpus and overall, and writes them to <work>/cv_results.json.
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from net import VoiceNet  # noqa: E402

EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS_SHARE = {'ravdess': 0.45, 'nemo': 0.35, 'casia': 0.20}


def load(feat_dir):
    idx = json.load(open(os.path.join(feat_dir, 'index.json')))
    D = idx['config']['frameDim']
    frames = np.fromfile(os.path.join(feat_dir, 'frames.f16'), dtype=np.float16).reshape(-1, D)
    return idx, frames


def fold_of(speaker_keys):
    """speaker key 'corpus:name' -> fold index 0..4."""
    folds = {}
    others = {}
    for s in sorted(set(speaker_keys)):
        corpus, name = s.split(':', 1)
        if corpus == 'ravdess':
            folds[s] = (int(name.split('_')[1]) - 1) % 5
        else:
            others.setdefault(corpus, []).append(s)
    for corpus, names in others.items():
        for i, s in enumerate(sorted(names)):
            folds[s] = i % 5
    return folds


class Data:
    def __init__(self, idx, frames, W):
        self.frames = frames
        self.W = W
        items = idx['items']
        self.corpus = np.array([it['corpus'] for it in items])
        self.speaker = np.array([it['speaker'] for it in items])
        self.label = np.array([it['label'] for it in items], dtype=np.int64)
        self.copy = np.array([it['copy'] for it in items], dtype=np.int64)
        self.offset = np.array([it['offset'] for it in items], dtype=np.int64)
        self.n = np.array([it['nFrames'] for it in items], dtype=np.int64)
        self.clip = np.array([it['corpus'] + '/' + it['file'] for it in items])
        self.logrms = frames[:, 60].astype(np.float32)


LAYER_SPEC = None  # None: net.LAYERS
CMN = None  # (start, end) feature dims whose per-window mean is subtracted, or None


def window_mean_norm(x):
    """x [B, T, D] raw features -> per-window mean removed on the CMN dims (in place)."""
    if CMN is not None:
        a, b = CMN
        x[:, :, a:b] -= x[:, :, a:b].mean(1, keepdims=True)
    return x


def norm_stats(data, sel, n_windows=4000, seed=0):
    """Per-feature mean/std over random training windows (after the per-window mean removal)."""
    rng = np.random.default_rng(seed)
    ids = rng.choice(np.where(sel)[0], n_windows)
    starts = [int(rng.integers(0, max(1, data.n[i] - data.W + 1))) for i in ids]
    x = window_mean_norm(np.stack([data.frames[data.offset[i] + s: data.offset[i] + s + data.W] for i, s in zip(ids, starts)]).astype(np.float64))
    x = x.reshape(-1, x.shape[-1])
    mean = x.mean(0)
    std = np.maximum(x.std(0), 1e-3)
    return mean.astype(np.float32), std.astype(np.float32)


def pick_start(data, i, rng, tries=3):
    """Random crop start, preferring the louder of a few candidates (less pure-silence windows)."""
    n, W = data.n[i], data.W
    if n <= W:
        return 0
    best, best_e = 0, -1e9
    for _ in range(tries):
        s = int(rng.integers(0, n - W + 1))
        e = data.logrms[data.offset[i] + s: data.offset[i] + s + W].mean()
        if e > best_e:
            best, best_e = s, e
    return best


def make_batch(data, ids, starts, mean, std):
    W = data.W
    x = np.stack([data.frames[data.offset[i] + s: data.offset[i] + s + W] for i, s in zip(ids, starts)])
    x = (window_mean_norm(x.astype(np.float32)) - mean) / std
    return x


def spec_augment(x, rng):
    """x [B, T, D] normalised: random time masks and log-mel band masks."""
    B, T, D = x.shape
    for b in range(B):
        if rng.random() < 0.5:
            w = int(rng.integers(1, 16)); t0 = int(rng.integers(0, T - w))
            x[b, t0:t0 + w, :] = 0
        if rng.random() < 0.5:
            w = int(rng.integers(1, 7)); f0 = int(rng.integers(0, 40 - w))
            x[b, :, f0:f0 + w] = 0
    return x


def evaluate(model, data, sel_clean, mean, std, hop=25, bs=256):
    """Clip-level probabilities (mean over the louder half of its windows)."""
    model.eval()
    W = data.W
    probs = np.zeros((len(sel_clean), 7), np.float32)
    wins, owners = [], []
    for k, i in enumerate(sel_clean):
        n = data.n[i]
        starts = list(range(0, n - W + 1, hop)) or [0]
        if starts[-1] != n - W and n > W:
            starts.append(n - W)
        e = np.array([data.logrms[data.offset[i] + s: data.offset[i] + s + W].mean() for s in starts])
        keep = [s for s, ee in zip(starts, e) if ee >= np.median(e)]
        for s in keep:
            wins.append((i, s)); owners.append(k)
    owners = np.array(owners)
    out = np.zeros((len(wins), 7), np.float32)
    with torch.no_grad():
        for b in range(0, len(wins), bs):
            chunk = wins[b:b + bs]
            x = make_batch(data, [c[0] for c in chunk], [c[1] for c in chunk], mean, std)
            out[b:b + bs] = F.softmax(model(torch.from_numpy(x)), -1).numpy()
    for k in range(len(sel_clean)):
        probs[k] = out[owners == k].mean(0)
    return probs


def metrics(y, p):
    cm = np.zeros((7, 7), np.int64)
    for t, q in zip(y, p):
        cm[t, q] += 1
    present = cm.sum(1) > 0
    rec = np.where(present, np.diag(cm) / np.maximum(cm.sum(1), 1), np.nan)
    return {
        'n': int(cm.sum()),
        'accuracy': float(np.trace(cm) / max(cm.sum(), 1)),
        'uar': float(np.nanmean(rec)),
        'perClassRecall': {EMOTIONS[c]: (None if np.isnan(rec[c]) else round(float(rec[c]), 4)) for c in range(7)},
        'confusion': cm.tolist(),
    }


def print_metrics(name, m):
    print(f'{name}: n={m["n"]} accuracy={m["accuracy"]:.4f} UAR={m["uar"]:.4f}')
    print('  recall ' + ' '.join(f'{k}={"-" if v is None else f"{v:.3f}"}' for k, v in m['perClassRecall'].items()))
    print('  confusion (rows true, cols predicted: ' + ' '.join(e[:3] for e in EMOTIONS) + ')')
    for e, row in zip(EMOTIONS, m['confusion']):
        print(f'    {e[:3]:>4} ' + ' '.join(f'{v:4d}' for v in row))


def train(data, train_sel, args, seed, log_prefix='', val=None):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    mean, std = norm_stats(data, train_sel, seed=seed)
    model = VoiceNet(in_dim=data.frames.shape[1], dropout=args.dropout, **({'layers': [(c, k, bool(p)) for c, k, p in LAYER_SPEC]} if LAYER_SPEC else {}))
    # sampling weights: each corpus gets its share, classes balanced within a corpus
    tr = np.where(train_sel)[0]
    clips = {}
    for i in tr:
        clips.setdefault(data.clip[i], []).append(i)
    clip_keys = list(clips.keys())
    first = np.array([clips[c][0] for c in clip_keys])
    corp = data.corpus[first]; lab = data.label[first]
    w = np.zeros(len(first))
    for c in np.unique(corp):
        m = corp == c
        for l in np.unique(lab[m]):
            mm = m & (lab == l)
            w[mm] = CORPUS_SHARE.get(c, 0.2) / (len(np.unique(lab[m])) * mm.sum())
    w /= w.sum()
    cls_mass = np.array([w[lab == l].sum() for l in range(7)])
    cw = np.where(cls_mass > 0, (1 / 7) / np.maximum(cls_mass, 1e-9), 1.0)
    cw = np.clip(cw / (cw * cls_mass).sum(), 0.2, 5.0)
    cls_weight = torch.tensor(cw, dtype=torch.float32)
    steps_per_epoch = args.samples // args.batch
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.wd)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps_per_epoch * args.epochs, pct_start=0.15)
    t0 = time.time()
    for ep in range(args.epochs):
        model.train()
        tot, cnt = 0.0, 0
        picks = rng.choice(len(first), size=steps_per_epoch * args.batch, p=w)
        for st in range(steps_per_epoch):
            pk = picks[st * args.batch:(st + 1) * args.batch]
            ids = []
            for c in pk:
                copies = clips[clip_keys[c]]
                ids.append(copies[int(rng.integers(0, len(copies)))])
            starts = [pick_start(data, i, rng) for i in ids]
            x = spec_augment(make_batch(data, ids, starts, mean, std), rng)
            y = torch.from_numpy(data.label[ids])
            if args.mixup > 0:
                lam = float(rng.beta(args.mixup, args.mixup))
                perm = rng.permutation(len(ids))
                x = lam * x + (1 - lam) * x[perm]
                logits = model(torch.from_numpy(x))
                yp = y[torch.from_numpy(perm)]
                loss = lam * F.cross_entropy(logits, y, weight=cls_weight, label_smoothing=0.1) + \
                    (1 - lam) * F.cross_entropy(logits, yp, weight=cls_weight, label_smoothing=0.1)
            else:
                logits = model(torch.from_numpy(x))
                loss = F.cross_entropy(logits, y, weight=cls_weight, label_smoothing=0.1)
            opt.zero_grad(); loss.backward(); opt.step(); sched.step()
            tot += loss.item() * len(ids); cnt += len(ids)
        msg = f'{log_prefix}epoch {ep + 1}/{args.epochs} loss {tot / cnt:.4f} {time.time() - t0:.0f}s'
        if val is not None and (ep + 1 == args.epochs or (ep + 1) % args.val_every == 0):
            vsel = val
            p = evaluate(model, data, vsel, mean, std)
            m = metrics(data.label[vsel], p.argmax(1))
            msg += f' val acc {m["accuracy"]:.4f} UAR {m["uar"]:.4f}'
        print(msg, flush=True)
    return model, mean, std


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--features', default=os.path.join(HERE, 'work', 'features'))
    ap.add_argument('--work', default=os.path.join(HERE, 'work'))
    ap.add_argument('--cv', action='store_true')
    ap.add_argument('--final', action='store_true')
    ap.add_argument('--folds', default='0,1,2,3,4')
    ap.add_argument('--epochs', type=int, default=40)
    ap.add_argument('--samples', type=int, default=6144, help='training windows per epoch')
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--lr', type=float, default=3e-3)
    ap.add_argument('--wd', type=float, default=1e-2)
    ap.add_argument('--val-every', type=int, default=4)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--dropout', type=float, default=0.3)
    ap.add_argument('--shares', default='ravdess=0.45,nemo=0.35,casia=0.20', help='sampling share of each corpus')
    ap.add_argument('--mixup', type=float, default=0.4, help='mixup Beta(a, a) parameter; 0 = off')
    ap.add_argument('--layers', default='', help='e.g. "48,3,1;64,5,1;96,3,1;128,3,0" (channels,kernel,pool)')
    ap.add_argument('--cmn', default='0,60', help='e.g. 0,60: remove the per-window mean of feature dims [0,60) (log-mel, MFCC)')
    args = ap.parse_args()
    global CMN, LAYER_SPEC
    CORPUS_SHARE.update({k: float(v) for k, v in (kv.split('=') for kv in args.shares.split(','))})
    LAYER_SPEC = [tuple(int(v) for v in l.split(',')) for l in args.layers.split(';')] if args.layers else None
    CMN = tuple(int(v) for v in args.cmn.split(',')) if args.cmn else None
    torch.set_num_threads(args.threads)
    idx, frames = load(args.features)
    W = idx['config']['windowFrames']
    data = Data(idx, frames, W)
    print(f'{len(data.label)} copies, {frames.shape[0]} frames, window {W} frames', flush=True)
    folds = fold_of(data.speaker)
    fold = np.array([folds[s] for s in data.speaker])
    os.makedirs(args.work, exist_ok=True)
    json.dump(folds, open(os.path.join(args.work, 'folds.json'), 'w'), indent=1)
    cfg = {k: getattr(args, k) for k in ['epochs', 'samples', 'batch', 'lr', 'wd', 'seed', 'cmn', 'layers', 'dropout', 'mixup', 'shares']}
    if args.cv:
        run = [int(f) for f in args.folds.split(',')]
        ys, ps, corp, files = [], [], [], []
        for f in run:
            val = np.where((fold == f) & (data.copy == 0))[0]
            spk = sorted(set(data.speaker[fold == f]))
            print(f'== fold {f}: validation speakers {spk}', flush=True)
            model, mean, std = train(data, fold != f, args, args.seed + f, f'[fold {f}] ', val)
            p = evaluate(model, data, val, mean, std)
            ys.append(data.label[val]); ps.append(p); corp.append(data.corpus[val]); files.append(data.clip[val])
            torch.save({'state_dict': model.state_dict(), 'mean': mean, 'std': std, 'in_dim': frames.shape[1], 'layers': model.spec, 'cmn': CMN,
                        'fold': f, 'val_speakers': spk, 'config': cfg}, os.path.join(args.work, f'fold{f}.pt'))
        y = np.concatenate(ys); p = np.concatenate(ps); c = np.concatenate(corp)
        res = {'folds': run, 'config': cfg, 'overall': metrics(y, p.argmax(1))}
        for name in ['ravdess', 'nemo', 'casia']:
            m = c == name
            if m.any():
                res[name] = metrics(y[m], p[m].argmax(1))
        print('== leave-speakers-out cross-validation (python, clean copies) folds', run, 'config', cfg)
        for k in ['ravdess', 'nemo', 'casia', 'overall']:
            if k in res:
                print_metrics(k, res[k])
        json.dump(res, open(os.path.join(args.work, 'cv_results.json'), 'w'), indent=1)
    if args.final:
        model, mean, std = train(data, np.ones(len(data.label), bool), args, args.seed + 100, '[final] ')
        torch.save({'state_dict': model.state_dict(), 'mean': mean, 'std': std, 'in_dim': frames.shape[1], 'layers': model.spec, 'cmn': CMN,
                    'fold': None, 'val_speakers': [], 'config': cfg}, os.path.join(args.work, 'final.pt'))
        print('saved', os.path.join(args.work, 'final.pt'))


if __name__ == '__main__':
    main()
