#!/usr/bin/env python3
"""Voice emotion model v2: training and validation on unseen corpora and unseen speakers (CPU, PyTorch).

Reads the features written by scripts/voice/extract-features.ts (models/voice/work/features/),
trains the 1-D CNN of net.py on 2 s windows (100 frames x 76 features) and writes checkpoints.

  python3 models/voice/train.py --recipe v2 --loco ravdess,nemo,casia,ased   # leave one corpus out
  python3 models/voice/train.py --recipe v2 --lso 0,1,2,3,4                 # leave speakers out (5 folds)
  python3 models/voice/train.py --recipe v2 --final                         # all data -> work/final-v2.pt

Recipes (RECIPES below) bundle the choices compared by the leave-one-corpus-out table:
  v1       the shipped v1 recipe: per-window mean removal of log-mel + MFCC, corpus shares
           ravdess .45 / nemo .35 / casia .20 (ased .20), classes balanced within a corpus
  bal      v1 + equal corpus shares, speakers balanced within a corpus, classes within a speaker
  spk      bal + speaker normalisation of all 76 dims (speaker_norm.py; running-norm.ts at run time),
           no per-window mean removal
  spkcmn   spk + per-window mean removal of log-mel + MFCC after the speaker normalisation
  spk60    bal with the per-window mean removal of log-mel + MFCC replaced by the speaker
           normalisation of those 60 dims only (level, ZCR, chroma, flatness, centroid stay absolute)

Speaker normalisation in training mimics the runtime stream: a training window is normalised by
the statistics of its own clip up to the window's end (causal, as RunningNorm sees it) plus, with
probability 0.65, 1..16 other clips of the same speaker (a stream that has heard the speaker for a
while), shrunk towards the prior as in the runtime warm-up.

Validation uses only un-augmented copies. A clip's prediction = mean of window probabilities
(windows every 0.5 s, the quieter half dropped as a stand-in for the VAD), in two stream modes:
  clip     each clip is its own stream (statistics from the clip so far; what eval:voice does per clip)
  speaker  the stream has heard 15 other clips of the same speaker before (a call after a minute)
Results go to <work>/results-<recipe>.json, one entry per split, so a killed run resumes.
"""
import argparse, json, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from net import VoiceNet  # noqa: E402
import speaker_norm as sn  # noqa: E402

EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']
HERE = os.path.dirname(os.path.abspath(__file__))
CORPORA = ['ravdess', 'nemo', 'casia', 'ased']

RECIPES = {
    'v1': dict(cmn=(0, 60), spk=False, balance='corpus', shares={'ravdess': 0.45, 'nemo': 0.35, 'casia': 0.20, 'ased': 0.20}),
    'bal': dict(cmn=(0, 60), spk=False, balance='speaker', shares=None),
    'spk': dict(cmn=None, spk=True, balance='speaker', shares=None),
    'spkcmn': dict(cmn=(0, 60), spk=True, balance='speaker', shares=None),
    'spk60': dict(cmn=None, spk=True, balance='speaker', shares=None, dims=(0, 60)),
}


def load(feat_dirs):
    """One or more extraction outputs (comma-separated dirs, e.g. shards) -> one index and frame array."""
    idx, parts, off = None, [], 0
    for d in feat_dirs.split(','):
        if os.path.exists(os.path.join(d, 'index.json')):
            ix = json.load(open(os.path.join(d, 'index.json')))
        else:  # an extraction still running or stopped early: the records written so far
            ix = json.load(open(os.path.join(d, 'config.json')))
            ix['items'] = [json.loads(l) for l in open(os.path.join(d, 'index.jsonl')) if l.strip()]
        D = ix['config']['frameDim']
        n_rec = max((it['offset'] + it['nFrames'] for it in ix['items']), default=0)
        parts.append(np.fromfile(os.path.join(d, 'frames.f16'), dtype=np.float16, count=n_rec * D).reshape(-1, D))
        for it in ix['items']:
            it['offset'] += off
        off += parts[-1].shape[0]
        if idx is None:
            idx = ix
        else:
            idx['items'].extend(ix['items'])
    return idx, np.concatenate(parts) if len(parts) > 1 else parts[0]


def fold_of(speaker_keys):
    """speaker key 'corpus:name' -> fold index 0..4 (RAVDESS by actor number, others round-robin)."""
    folds, others = {}, {}
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
    def __init__(self, idx, frames, W, norm_cfg):
        self.frames = frames.astype(np.float32)  # once: per-batch float16 -> float32 conversions dominated the step time
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
        self.norm_cfg = norm_cfg
        # per-copy sums over speech-like frames (speaker statistics are sums of these)
        w = norm_cfg['dims'][1] - norm_cfg['dims'][0]
        self.S = np.zeros((len(items), w)); self.SS = np.zeros((len(items), w)); self.cnt = np.zeros(len(items))
        for i in range(len(items)):
            self.S[i], self.SS[i], self.cnt[i] = sn.sums(frames[self.offset[i]: self.offset[i] + self.n[i]], norm_cfg)
        self.by_speaker = {}
        for i, s in enumerate(self.speaker):
            self.by_speaker.setdefault(s, []).append(i)
        self.by_speaker = {k: np.array(v) for k, v in self.by_speaker.items()}

    def window(self, i, s):
        return self.frames[self.offset[i] + s: self.offset[i] + s + self.W]


def prior_stats(data, sel, cfg, per_corpus=60000, seed=0):
    """Prior mean/var of the normalised dims: speech-like frames of the training copies, corpora weighted equally."""
    rng = np.random.default_rng(seed)
    a, b = cfg['dims']
    means, vars_ = [], []
    for c in np.unique(data.corpus[sel]):
        ids = np.where(sel & (data.corpus == c))[0]
        pick = rng.choice(ids, min(len(ids), 1500), replace=False)
        f = np.concatenate([data.frames[data.offset[i]: data.offset[i] + data.n[i]] for i in pick]).astype(np.float64)
        f = f[sn.stat_mask(f, cfg)][:, a:b]
        f = f[rng.choice(len(f), min(len(f), per_corpus), replace=False)]
        means.append(f.mean(0)); vars_.append(f.var(0) + f.mean(0) ** 2)
    mu = np.mean(means, 0)
    var = np.mean(vars_, 0) - mu ** 2
    return mu, var


class Recipe:
    def __init__(self, name, args):
        r = RECIPES[name]
        self.name = name
        self.cmn = r['cmn']
        self.spk = r['spk']
        self.balance = r['balance']
        self.shares = r['shares']
        self.dims = list(r.get('dims', sn.DEFAULT['dims']))
        self.args = args


def speaker_norm_for(data, cfg, ids, ends, rng=None, others=None, n_others=15):
    """Normalisation stats for windows (item ids[k] up to frame ends[k]): own clip causal sums plus
    other clips of the speaker (training: random 0..16 with p; eval: `others`=n_others fixed)."""
    a, b = cfg['dims']  # data.S / data.SS hold all 76 dims (DEFAULT dims); slice to this recipe's
    w = b - a
    S = np.zeros((len(ids), w)); SS = np.zeros((len(ids), w)); n = np.zeros(len(ids))
    for k, (i, e) in enumerate(zip(ids, ends)):
        S[k], SS[k], n[k] = sn.sums(data.frames[data.offset[i]: data.offset[i] + e], cfg)
        pool = data.by_speaker[data.speaker[i]]
        if rng is not None:
            m = 0 if rng.random() < 0.35 else int(rng.integers(1, 17))
            if m:
                o = pool[rng.integers(0, len(pool), m)]
                o = o[data.clip[o] != data.clip[i]]
                S[k] += data.S[o, a:b].sum(0); SS[k] += data.SS[o, a:b].sum(0); n[k] += data.cnt[o].sum()
        elif others:
            o = others[data.clip[i]]
            S[k] += data.S[o, a:b].sum(0); SS[k] += data.SS[o, a:b].sum(0); n[k] += data.cnt[o].sum()
    return sn.stats_from_sums(cfg, S, SS, n)


def preprocess(data, recipe, cfg, ids, starts, rng=None, others=None):
    x = np.stack([data.window(i, s) for i, s in zip(ids, starts)])
    if recipe.spk:
        ends = [min(data.n[i], s + data.W) for i, s in zip(ids, starts)]
        m, sd = speaker_norm_for(data, cfg, ids, ends, rng, others)
        sn.apply(x, cfg, m.astype(np.float32), sd.astype(np.float32))
    if recipe.cmn is not None:
        a, b = recipe.cmn
        x[:, :, a:b] -= x[:, :, a:b].mean(1, keepdims=True)
    return x


def pick_start(data, i, rng, tries=3):
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


def spec_augment(x, rng):
    B, T, D = x.shape
    for b in range(B):
        if rng.random() < 0.5:
            w = int(rng.integers(1, 16)); t0 = int(rng.integers(0, T - w))
            x[b, t0:t0 + w, :] = 0
        if rng.random() < 0.5:
            w = int(rng.integers(1, 7)); f0 = int(rng.integers(0, 40 - w))
            x[b, :, f0:f0 + w] = 0
    return x


def sampling_weights(data, first, recipe, train_corpora):
    corp = data.corpus[first]; lab = data.label[first]; spk = data.speaker[first]
    w = np.zeros(len(first))
    for c in np.unique(corp):
        m = corp == c
        share = recipe.shares.get(c, 0.2) if recipe.shares else 1.0 / len(train_corpora)
        if recipe.balance == 'corpus':
            for l in np.unique(lab[m]):
                mm = m & (lab == l)
                w[mm] = share / (len(np.unique(lab[m])) * mm.sum())
        else:
            speakers = np.unique(spk[m])
            for s in speakers:
                ms = m & (spk == s)
                for l in np.unique(lab[ms]):
                    mm = ms & (lab == l)
                    w[mm] = share / (len(speakers) * len(np.unique(lab[ms])) * mm.sum())
    return w / w.sum()


def train(data, train_sel, recipe, cfg, seed, log_prefix=''):
    args = recipe.args
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = VoiceNet(in_dim=data.frames.shape[1], dropout=args.dropout)
    tr = np.where(train_sel)[0]
    clips = {}
    for i in tr:
        clips.setdefault(data.clip[i], []).append(i)
    clip_keys = list(clips.keys())
    first = np.array([clips[c][0] for c in clip_keys])
    train_corpora = sorted(set(data.corpus[first]))
    w = sampling_weights(data, first, recipe, train_corpora)
    lab = data.label[first]
    cls_mass = np.array([w[lab == l].sum() for l in range(7)])
    cw = np.where(cls_mass > 0, (1 / 7) / np.maximum(cls_mass, 1e-9), 1.0)
    cw = np.clip(cw / (cw * cls_mass).sum(), 0.2, 5.0)
    cls_weight = torch.tensor(cw, dtype=torch.float32)
    # global standardisation after the speaker / window normalisation: 1,500 random training windows
    ids = first[rng.choice(len(first), 1500, p=w)]
    xs = preprocess(data, recipe, cfg, ids, [pick_start(data, i, rng) for i in ids], rng).reshape(-1, data.frames.shape[1]).astype(np.float64)
    mean = xs.mean(0).astype(np.float32); std = np.maximum(xs.std(0), 1e-3).astype(np.float32)
    steps = args.samples // args.batch
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.wd)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps * args.epochs, pct_start=0.15)
    t0 = time.time()
    for ep in range(args.epochs):
        model.train()
        tot, cnt = 0.0, 0
        picks = rng.choice(len(first), size=steps * args.batch, p=w)
        for st in range(steps):
            pk = picks[st * args.batch:(st + 1) * args.batch]
            ids = [clips[clip_keys[c]][int(rng.integers(0, len(clips[clip_keys[c]])))] for c in pk]
            starts = [pick_start(data, i, rng) for i in ids]
            x = ((preprocess(data, recipe, cfg, ids, starts, rng) - mean) / std).astype(np.float32)
            x = spec_augment(x, rng)
            y = torch.from_numpy(data.label[ids])
            lam = float(rng.beta(args.mixup, args.mixup)) if args.mixup > 0 else 1.0
            perm = rng.permutation(len(ids))
            x = lam * x + (1 - lam) * x[perm]
            logits = model(torch.from_numpy(x.astype(np.float32)))
            loss = lam * F.cross_entropy(logits, y, weight=cls_weight, label_smoothing=0.1) + \
                (1 - lam) * F.cross_entropy(logits, y[torch.from_numpy(perm)], weight=cls_weight, label_smoothing=0.1)
            opt.zero_grad(); loss.backward(); opt.step(); sched.step()
            tot += loss.item() * len(ids); cnt += len(ids)
        if (ep + 1) % 5 == 0 or ep + 1 == args.epochs:
            print(f'{log_prefix}epoch {ep + 1}/{args.epochs} loss {tot / cnt:.4f} {time.time() - t0:.0f}s', flush=True)
    return model, mean, std


def evaluate(model, data, recipe, cfg, sel_clean, mean, std, mode, hop=25, bs=256, seed=7):
    """Clip-level probabilities (mean over the louder half of its windows every 0.5 s)."""
    model.eval()
    W = data.W
    others = None
    if recipe.spk and mode == 'speaker':
        rng = np.random.default_rng(seed)
        others = {}
        for i in sel_clean:
            pool = data.by_speaker[data.speaker[i]]
            pool = pool[(data.copy[pool] == 0) & (data.clip[pool] != data.clip[i])]
            others[data.clip[i]] = rng.choice(pool, min(15, len(pool)), replace=False)
    wins, owners = [], []
    for k, i in enumerate(sel_clean):
        n = data.n[i]
        starts = list(range(0, n - W + 1, hop)) or [0]
        if starts[-1] != n - W and n > W:
            starts.append(n - W)
        e = np.array([data.logrms[data.offset[i] + s: data.offset[i] + s + W].mean() for s in starts])
        for s, ee in zip(starts, e):
            if ee >= np.median(e):
                wins.append((i, s)); owners.append(k)
    owners = np.array(owners)
    out = np.zeros((len(wins), 7), np.float32)
    with torch.no_grad():
        for b in range(0, len(wins), bs):
            chunk = wins[b:b + bs]
            x = ((preprocess(data, recipe, cfg, [c[0] for c in chunk], [c[1] for c in chunk], None, others) - mean) / std).astype(np.float32)
            out[b:b + bs] = F.softmax(model(torch.from_numpy(x)), -1).numpy()
    probs = np.zeros((len(sel_clean), 7), np.float32)
    np.add.at(probs, owners, out)
    probs /= np.bincount(owners, minlength=len(sel_clean))[:, None]
    return probs


def metrics(y, pred):
    cm = np.zeros((7, 7), np.int64)
    np.add.at(cm, (y, pred), 1)
    present = cm.sum(1) > 0
    rec = np.where(present, np.diag(cm) / np.maximum(cm.sum(1), 1), np.nan)
    return {'n': int(cm.sum()), 'accuracy': round(float(np.trace(cm) / max(cm.sum(), 1)), 4), 'uar': round(float(np.nanmean(rec)), 4),
            'perClassRecall': {EMOTIONS[c]: (None if np.isnan(rec[c]) else round(float(rec[c]), 4)) for c in range(7)},
            'confusion': cm.tolist()}


def save_ckpt(path, model, mean, std, recipe, cfg, desc, args):
    torch.save({'state_dict': model.state_dict(), 'mean': mean, 'std': std, 'in_dim': data_dim(model), 'layers': model.spec,
                'cmn': recipe.cmn, 'speakerNorm': cfg if recipe.spk else None, 'recipe': recipe.name, 'heldOut': desc,
                'config': {k: getattr(args, k) for k in ['epochs', 'samples', 'batch', 'lr', 'wd', 'seed', 'dropout', 'mixup']}}, path)


def data_dim(model):
    return model.features[0].in_channels


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--features', default=os.path.join(HERE, 'work', 'features'))
    ap.add_argument('--work', default=os.path.join(HERE, 'work'))
    ap.add_argument('--recipe', default='spk', choices=list(RECIPES))
    ap.add_argument('--loco', default='', help='comma list of corpora to hold out one at a time')
    ap.add_argument('--lso', default='', help='comma list of speaker folds (0..4) to hold out one at a time')
    ap.add_argument('--final', action='store_true')
    ap.add_argument('--epochs', type=int, default=30)
    ap.add_argument('--samples', type=int, default=6144, help='training windows per epoch')
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--lr', type=float, default=3e-3)
    ap.add_argument('--wd', type=float, default=1e-2)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--dropout', type=float, default=0.3)
    ap.add_argument('--mixup', type=float, default=0.4)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    recipe = Recipe(args.recipe, args)
    idx, frames = load(args.features)
    W = idx['config']['windowFrames']
    t0 = time.time()
    data = Data(idx, frames, W, dict(sn.DEFAULT))
    print(f'{len(data.label)} copies, {frames.shape[0]} frames, window {W}; sums {time.time() - t0:.0f}s', flush=True)
    folds = fold_of(data.speaker)
    fold = np.array([folds[s] for s in data.speaker])
    os.makedirs(args.work, exist_ok=True)
    json.dump(folds, open(os.path.join(args.work, 'folds.json'), 'w'), indent=1)
    res_path = os.path.join(args.work, f'results-{recipe.name}.json')
    results = json.load(open(res_path)) if os.path.exists(res_path) else {}

    def run_split(key, train_sel, val_sel, seed):
        if key in results:
            print(f'== {key}: done before, skipped', flush=True)
            return
        cfg = dict(sn.DEFAULT, dims=recipe.dims)
        mu, var = prior_stats(data, train_sel, cfg, seed=seed)
        cfg['priorMean'] = [round(float(v), 6) for v in mu]; cfg['priorVar'] = [round(float(v), 6) for v in var]
        t1 = time.time()
        model, mean, std = train(data, train_sel, recipe, cfg, seed, f'[{recipe.name} {key}] ')
        val = np.where(val_sel & (data.copy == 0))[0]
        entry = {'trainSeconds': round(time.time() - t1)}
        for mode in (['clip', 'speaker'] if recipe.spk else ['clip']):
            p = evaluate(model, data, recipe, cfg, val, mean, std, mode)
            entry[mode] = {'overall': metrics(data.label[val], p.argmax(1))}
            for c in CORPORA:
                m = data.corpus[val] == c
                if m.any():
                    entry[mode][c] = metrics(data.label[val][m], p[m].argmax(1))
            print(f'== {recipe.name} {key} [{mode}] ' + ' '.join(f'{c}={entry[mode][c]["uar"]:.4f}' for c in CORPORA if c in entry[mode]) +
                  f' overall={entry[mode]["overall"]["uar"]:.4f}', flush=True)
        save_ckpt(os.path.join(args.work, f'{recipe.name}-{key}.pt'), model, mean, std, recipe, cfg, key, args)
        results[key] = entry
        json.dump(results, open(res_path, 'w'), indent=1)

    for c in [c for c in args.loco.split(',') if c]:
        run_split(f'loco-{c}', data.corpus != c, data.corpus == c, args.seed + CORPORA.index(c))
    for f in [int(f) for f in args.lso.split(',') if f]:
        run_split(f'lso-{f}', fold != f, fold == f, args.seed + 10 + f)
    if args.final:
        cfg = dict(sn.DEFAULT, dims=recipe.dims)
        sel = np.ones(len(data.label), bool)
        mu, var = prior_stats(data, sel, cfg, seed=args.seed)
        cfg['priorMean'] = [round(float(v), 6) for v in mu]; cfg['priorVar'] = [round(float(v), 6) for v in var]
        model, mean, std = train(data, sel, recipe, cfg, args.seed + 100, f'[{recipe.name} final] ')
        save_ckpt(os.path.join(args.work, f'final-{recipe.name}.pt'), model, mean, std, recipe, cfg, None, args)
        print('saved', os.path.join(args.work, f'final-{recipe.name}.pt'), flush=True)


if __name__ == '__main__':
    main()
