#!/usr/bin/env python3
"""Soft targets for distillation (born-again networks): the mean of several runs' calibrated
probabilities on every row (train.py --save-logits writes each run's logits / T). Prints the
ensemble's meld-val and guard macro-F1 (never MELD dev, which is reported, not chosen on) and writes
the targets for train.py --teacher.

  python3 models/text/ensemble.py OUT.npy work/s_0 work/s_1 ...   (last line: JSON)
"""
import json, os, sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train import group_names, load_features, macro_f1  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SHOWN = ['meld-val', 'goemotions', 'emoevent-es', 'emoevent-en']


def main():
    out, runs = sys.argv[1], sys.argv[2:]
    rows, _, _ = load_features(os.path.join(HERE, 'work', 'features'))
    y = np.array(rows['label'])
    groups = group_names(rows)
    corpus = np.array([rows['corpora'][c] for c in rows['corpus']])
    split = np.array(rows['split'])
    frac = json.load(open(os.path.join(runs[0], 'result.json')))['config']['meld_val']
    mt = np.where((split == 'train') & (corpus == 'meld'))[0]
    groups = groups.copy()
    groups[mt[len(mt) - int(round(frac * len(mt))):]] = 'meld-val'
    groups[(split == 'train') & (groups != 'meld-val')] = 'train'
    probs = []
    for d in runs:
        z = np.load(os.path.join(d, 'logits.npy')).astype(np.float64)
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        probs.append(p / p.sum(1, keepdims=True))
    mean = np.mean(probs, 0)
    np.save(out, mean.astype(np.float32))
    res = {'runs': [os.path.basename(r) for r in runs], 'ensemble': {}, 'single': {}}
    for g in SHOWN:
        m = groups == g
        res['ensemble'][g] = round(macro_f1(y[m], np.argmax(mean[m], 1)), 4)
        res['single'][g] = [round(macro_f1(y[m], np.argmax(p[m], 1)), 4) for p in probs]
    for g in SHOWN:
        print(f'{g:>12}  ensemble {res["ensemble"][g]:.4f}  single {res["single"][g]}')
    print(json.dumps(res))


if __name__ == '__main__':
    main()
