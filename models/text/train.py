#!/usr/bin/env python3
"""Trains the text emotion model on the feature hashes written by scripts/text/extract-features.ts.

Model (models/text/net.py): hashed n-gram ids -> embedding bag (mean) -> [hidden ReLU] -> 7 logits.
Imbalance: each sample's loss weight = corpus weight x (class weight within its corpus), class weight
= (n_corpus / (k * n_corpus_class)) ** --class-power; corpora weighted so each contributes
(its size) ** --corpus-power. Validation on each corpus's own dev split (ISEAR: 15 % by text hash).
After training: a temperature (min NLL on dev) and a per-class logit bias (coordinate ascent on the mean
dev macro-F1 of the evaluation groups), both folded into the last layer at export. Dev numbers are
reported raw, with the bias cross-fitted (each half of dev scored with the bias tuned on the other
half: an honest estimate) and with the final bias tuned on all dev (optimistic).

  python3 models/text/train.py [--holdout meld] [--out models/text/work/run] [--epochs 8] ...
Last line of stdout: one JSON object with the dev metrics.
"""
import argparse, json, os, sys, time
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from net import TextNet  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']
K = 7


def load_features(d):
    rows = json.load(open(os.path.join(d, 'rows.json')))
    h = np.fromfile(os.path.join(d, 'hashes.u32'), dtype='<u4')
    off = np.fromfile(os.path.join(d, 'offsets.u32'), dtype='<u4').astype(np.int64)
    return rows, h, off


def group_names(rows):
    corp = [rows['corpora'][c] for c in rows['corpus']]
    return np.array([c + ('-' + l if c == 'emoevent' else '') for c, l in zip(corp, rows['lang'])])


def macro_f1(y, p):
    """Mean F1 over the classes present in the labels or the predictions (as src/eval/metrics.ts)."""
    fs = []
    for c in range(K):
        tp = np.sum((y == c) & (p == c)); fp = np.sum((y != c) & (p == c)); fn = np.sum((y == c) & (p != c))
        if tp + fp + fn:
            fs.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(fs)) if fs else 0.0


def batch_tensors(idx, ids, off):
    starts = off[idx]; ends = off[idx + 1]
    lens = ends - starts
    flat = np.concatenate([ids[s:e] for s, e in zip(starts, ends)])
    offsets = np.concatenate([[0], np.cumsum(lens)[:-1]])
    w = np.repeat(1.0 / np.maximum(lens, 1), lens).astype(np.float32)
    return torch.from_numpy(flat), torch.from_numpy(offsets), torch.from_numpy(w)


def logits_of(model, idx, ids, off, bs=2048):
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(idx), bs):
            f, o, w = batch_tensors(idx[i:i + bs], ids, off)
            out.append(model(f, o, w))
    return torch.cat(out).numpy().astype(np.float64)


def fit_temperature(logits, y):
    best = (1e9, 1.0)
    for T in np.exp(np.linspace(np.log(0.3), np.log(5), 80)):
        z = logits / T
        z = z - z.max(1, keepdims=True)
        nll = -np.mean(z[np.arange(len(y)), y] - np.log(np.exp(z).sum(1)))
        best = min(best, (nll, float(T)))
    return best[1], best[0]


def tune_bias(logits, y, groups, eval_groups, rounds=3):
    """Per-class logit offsets maximising the mean macro-F1 over eval_groups (coordinate ascent)."""
    b = np.zeros(K)
    masks = [groups == g for g in eval_groups if np.any(groups == g)]

    def score(bb):
        p = np.argmax(logits + bb, 1)
        return float(np.mean([macro_f1(y[m], p[m]) for m in masks]))
    cur = score(b)
    grid = np.linspace(-2, 2, 41)
    for _ in range(rounds):
        for c in range(K - 1):  # neutral's offset stays 0 (only differences matter)
            best = (cur, b[c])
            for v in grid:
                bb = b.copy(); bb[c] = v
                s = score(bb)
                if s > best[0] + 1e-9:
                    best = (s, v)
            cur, b[c] = best
    return b, cur


def report(logits, y, groups, names):
    p = np.argmax(logits, 1)
    out = {}
    for g in names:
        m = groups == g
        if not np.any(m):
            continue
        out[g] = {'n': int(m.sum()), 'macroF1': round(macro_f1(y[m], p[m]), 4), 'accuracy': round(float(np.mean(y[m] == p[m])), 4)}
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--features', default=os.path.join(HERE, 'work', 'features'))
    ap.add_argument('--out', default=os.path.join(HERE, 'work', 'final'))
    ap.add_argument('--holdout', default='', help='corpus left out of training (leave-one-corpus-out)')
    ap.add_argument('--buckets', type=int, default=1 << 17)
    ap.add_argument('--dim', type=int, default=24)
    ap.add_argument('--hidden', type=int, default=0)
    ap.add_argument('--epochs', type=int, default=8)
    ap.add_argument('--bs', type=int, default=64)
    ap.add_argument('--lr', type=float, default=3e-3)
    ap.add_argument('--wd', type=float, default=0.0)
    ap.add_argument('--dropout', type=float, default=0.2)
    ap.add_argument('--feat-drop', type=float, default=0.1, help='fraction of an utterance\'s features dropped per step')
    ap.add_argument('--class-power', type=float, default=0.5)
    ap.add_argument('--corpus-power', type=float, default=0.5)
    ap.add_argument('--corpus-boost', default='meld=1.5', help='extra corpus weight factors, e.g. meld=1.5,emoevent=1.2')
    ap.add_argument('--eval-groups', default='goemotions,meld,emoevent-es,emoevent-en,isear')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--dense', action='store_true', help='dense Adam on the embedding table instead of SparseAdam')
    ap.add_argument('--meld-val', type=float, default=0.0,
                    help='hold out the last FRACTION of MELD train rows (file order = dialogue order, so whole dialogues '
                         'save one at the boundary) as group meld-val: recipe selection without MELD dev')
    ap.add_argument('--logit-adjust', type=float, default=0.0,
                    help='train on logits + TAU * log(class prior of the sample\'s corpus) (Menon et al. 2021); '
                         'the prior is not applied at inference, which moves decisions towards rare classes')
    ap.add_argument('--aug-features', default='', help='the same rows as live captions write them (extract-features.ts --caption-style): '
                    'trained on with probability --aug-prob per sample, and scored as caps-<group> dev groups')
    ap.add_argument('--aug-prob', type=float, default=0.0)
    ap.add_argument('--save-logits', action='store_true', help='write the logits of every row (train and dev) to OUT/logits.npy')
    ap.add_argument('--teacher', default='', help='a .npy of soft targets [rows, 7] (models/text/ensemble.py): distil from them')
    ap.add_argument('--distill', type=float, default=0.0, help='weight of the soft-target loss (the rest: the labels)')
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    t0 = time.time()

    rows, h, off = load_features(args.features)
    n_rows = len(off) - 1
    if args.aug_features:  # rows n_rows.. are the caption-style copies of rows 0..
        _, h2, off2 = load_features(args.aug_features)
        assert len(off2) == len(off), 'caption-style features must have the same rows'
        h = np.concatenate([h, h2])
        off = np.concatenate([off[:-1], off2 + off[-1]])
    ids = (1 + h.astype(np.int64) % args.buckets)
    y = np.array(rows['label'], dtype=np.int64)
    groups = group_names(rows)
    corpus = np.array([rows['corpora'][c] for c in rows['corpus']])
    split = np.array(rows['split'])
    if args.meld_val > 0:
        mt = np.where((split == 'train') & (corpus == 'meld'))[0]
        val_rows = mt[len(mt) - int(round(args.meld_val * len(mt))):]
        split = split.copy(); split[val_rows] = 'val'
        groups = groups.copy(); groups[val_rows] = 'meld-val'
    train = np.where((split == 'train') & (corpus != args.holdout))[0]
    # meld-val is scored with the dev splits (it is a group of its own, so dev numbers are unchanged)
    dev = np.where((split == 'dev') | (split == 'val'))[0]
    eval_groups = args.eval_groups.split(',') + (['meld-val'] if args.meld_val > 0 else [])
    if args.aug_features:  # the caption-style dev rows, scored beside the originals
        y = np.concatenate([y, y])
        groups = np.concatenate([groups, np.array(['caps-' + g for g in groups])])
        dev = np.concatenate([dev, dev + n_rows])
        eval_groups = eval_groups + ['caps-' + g for g in ('meld-val', 'goemotions', 'emoevent-es')]

    # sample weights
    boost = {kv.split('=')[0]: float(kv.split('=')[1]) for kv in args.corpus_boost.split(',') if kv}
    sw = np.zeros(len(y))
    adj = np.zeros((len(y), K))
    cw_table = {}
    for c in np.unique(corpus[train]):
        m = train[corpus[train] == c]
        n = len(m)
        present = [k for k in range(K) if np.any(y[m] == k)]
        cw = {k: (n / (len(present) * np.sum(y[m] == k))) ** args.class_power for k in present}
        cweight = (n ** args.corpus_power) / n * boost.get(c, 1.0)
        for i in m:
            sw[i] = cweight * cw[y[i]]
        cw_table[c] = {EMOTIONS[k]: round(v, 3) for k, v in cw.items()}
        prior = np.array([max(np.sum(y[m] == k), 1) for k in range(K)], dtype=np.float64) / n
        adj[m] = args.logit_adjust * np.log(prior)
    sw[train] /= sw[train].mean()
    adjt = torch.from_numpy(adj.astype(np.float32))

    model = TextNet(args.buckets + 1, args.dim, args.hidden, args.dropout, sparse=not args.dense)
    if args.dense:  # one Adam over everything (2.5x the CPU: every row of the table moves every step)
        opts = [torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=args.wd)]
    else:  # sparse gradients for the embedding table (only the rows a batch touches are updated)
        opts = [torch.optim.SparseAdam([model.emb.weight], lr=args.lr),
                torch.optim.Adam([p for n, p in model.named_parameters() if not n.startswith('emb.')], lr=args.lr, weight_decay=args.wd)]
    steps = args.epochs * int(np.ceil(len(train) / args.bs))
    warm = max(1, int(0.1 * steps))
    # one-cycle-like: linear warm-up over 10 % of the steps, then cosine decay to 0
    lr_at = lambda s: (s + 1) / warm if s < warm else 0.5 * (1 + np.cos(np.pi * (s - warm) / max(1, steps - warm)))
    scheds = [torch.optim.lr_scheduler.LambdaLR(o, lr_at) for o in opts]
    swt = torch.from_numpy(sw.astype(np.float32))
    soft = torch.from_numpy(np.load(args.teacher).astype(np.float32)) if args.teacher else None
    yt = torch.from_numpy(y)
    history = []
    for ep in range(args.epochs):
        model.train()
        perm = rng.permutation(train)
        tot = 0.0
        for i in range(0, len(perm), args.bs):
            b = perm[i:i + args.bs]
            fb = b + n_rows * (rng.random(len(b)) < args.aug_prob) if args.aug_features else b
            f, o, w = batch_tensors(fb, ids, off)
            if args.feat_drop > 0:  # drop features, renormalise the mean over the kept ones
                keep = torch.rand(len(f)) >= args.feat_drop
                seg = torch.repeat_interleave(torch.arange(len(b)), torch.diff(torch.cat([o, torch.tensor([len(f)])])))
                cnt = torch.zeros(len(b)).index_add_(0, seg, keep.float()).clamp_min(1)
                w = keep.float() / cnt[seg]
            logit = model(f, o, w)
            if args.logit_adjust:
                logit = logit + adjt[b]
            per = torch.nn.functional.cross_entropy(logit, yt[b], reduction='none')
            if soft is not None and args.distill > 0:  # born-again: the teachers' soft targets beside the labels
                kd = -(soft[b] * torch.log_softmax(logit, 1)).sum(1)
                per = (1 - args.distill) * per + args.distill * kd
            loss = (per * swt[b]).mean()
            for o in opts:
                o.zero_grad()
            loss.backward()
            for o, sc in zip(opts, scheds):
                o.step(); sc.step()
            with torch.no_grad():
                model.emb.weight[0].zero_()  # padding row stays 0
            tot += loss.item() * len(b)
        lg = logits_of(model, dev, ids, off)
        rep = report(lg, y[dev], groups[dev], eval_groups)
        mean = np.mean([rep[g]['macroF1'] for g in eval_groups if g in rep])
        history.append({'epoch': ep + 1, 'loss': round(tot / len(perm), 4), 'meanDevMacroF1': round(float(mean), 4),
                        **{g: rep[g]['macroF1'] for g in rep}})
        print(json.dumps(history[-1]), flush=True)

    lg = logits_of(model, dev, ids, off)
    yd, gd = y[dev], groups[dev]
    orig = dev < n_rows  # the temperature is fitted on the original dev rows only
    T, nll = fit_temperature(lg[orig], yd[orig])
    z = lg / T
    # cross-fitted bias: halves of dev by index parity within each group
    half = np.zeros(len(dev), dtype=bool)
    for g in np.unique(gd):
        m = np.where(gd == g)[0]
        half[m[rng.permutation(len(m))[: len(m) // 2]]] = True
    zc = z.copy()
    for a in (half, ~half):
        bb, _ = tune_bias(z[~a], yd[~a], gd[~a], eval_groups)
        zc[a] = z[a] + bb
    bias, _ = tune_bias(z, yd, gd, eval_groups)
    # a per-class bias tuned on meld-val alone (no dev split involved), scored on every dev split
    mv = gd == 'meld-val'
    bias_mv = tune_bias(z[mv], yd[mv], gd[mv], ['meld-val'])[0] if np.any(mv) else np.zeros(K)
    res = {
        'holdout': args.holdout or None,
        'config': vars(args),
        'temperature': round(T, 4), 'devNll': round(nll, 4),
        'bias': [round(float(v), 3) for v in bias],
        'dev': {'raw': report(z, yd, gd, eval_groups), 'biasCrossFitted': report(zc, yd, gd, eval_groups),
                'biasTunedOnDev': report(z + bias, yd, gd, eval_groups),
                'biasMeldVal': report(z + bias_mv, yd, gd, eval_groups)},
        'biasMeldVal': [round(float(v), 3) for v in bias_mv],
        'classWeights': cw_table,
        'history': history,
        'seconds': round(time.time() - t0, 1),
    }
    for k in ('raw', 'biasCrossFitted', 'biasTunedOnDev', 'biasMeldVal'):
        rep = res['dev'][k]
        res['dev'][k]['mean'] = round(float(np.mean([rep[g]['macroF1'] for g in eval_groups if g in rep])), 4)
    os.makedirs(args.out, exist_ok=True)
    torch.save({'state_dict': model.state_dict(), 'buckets': args.buckets, 'dim': args.dim, 'hidden': args.hidden,
                'temperature': T, 'bias': bias.tolist(), 'featureConfig': rows['config'], 'result': res},
               os.path.join(args.out, 'model.pt'))
    json.dump(res, open(os.path.join(args.out, 'result.json'), 'w'), indent=1)
    if args.save_logits:
        np.save(os.path.join(args.out, 'logits.npy'), (logits_of(model, np.arange(n_rows), ids, off) / T).astype(np.float32))
    print(json.dumps({k: res[k] for k in ('holdout', 'temperature', 'bias', 'dev', 'seconds')}))


if __name__ == '__main__':
    main()
