#!/usr/bin/env python3
"""Recipe selection for the MELD margin, without MELD dev: prints, for each run under work/ trained
with --meld-val, the meld-val macro-F1 (the last 10 % of MELD train, held out) and the guards
(GoEmotions and EmoEvent-es dev), raw and with the per-class bias tuned on meld-val. MELD dev is
deliberately not printed: it is the number reported, so it must not choose the recipe.

  python3 models/text/select_recipe.py [work/v_*]   (last line: JSON)
"""
import glob, json, os, sys
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from net import TextNet  # noqa: E402
from train import load_features, logits_of, macro_f1, tune_bias  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SHOWN = ['meld-val', 'goemotions', 'emoevent-es', 'emoevent-en']


def meld_val_crossfit(d, feats):
    """meld-val macro-F1 with the bias cross-fitted: each half (first/second 50 %, whole dialogues
    save one) scored with the bias tuned on the other half, so the bias variant is not scored in-sample."""
    ck = torch.load(os.path.join(d, 'model.pt'), map_location='cpu')
    frac = ck['result']['config']['meld_val']
    rows, h, off = feats
    corpus = np.array([rows['corpora'][c] for c in rows['corpus']])
    mt = np.where((np.array(rows['split']) == 'train') & (corpus == 'meld'))[0]
    val = mt[len(mt) - int(round(frac * len(mt))):]
    model = TextNet(ck['buckets'] + 1, ck['dim'], ck['hidden'])
    model.load_state_dict(ck['state_dict'])
    z = logits_of(model, val, 1 + h.astype(np.int64) % ck['buckets'], off) / ck['temperature']
    y = np.array(rows['label'])[val]
    g = np.array(['meld-val'] * len(val))
    half = np.arange(len(val)) < len(val) // 2
    p = np.zeros(len(val), dtype=np.int64)
    for a in (half, ~half):
        b, _ = tune_bias(z[~a], y[~a], g[~a], ['meld-val'])
        p[a] = np.argmax(z[a] + b, 1)
    return round(macro_f1(y, p), 4), round(macro_f1(y, np.argmax(z, 1)), 4)


def main():
    torch.set_num_threads(1)
    feats = load_features(os.path.join(HERE, 'work', 'features'))
    runs = sys.argv[1:] or sorted(glob.glob(os.path.join(HERE, 'work', 'v_*')))
    out = {}
    for d in runs:
        f = os.path.join(d, 'result.json')
        if not os.path.exists(f):
            continue
        r = json.load(open(f))
        row = {}
        for k in ('raw', 'biasMeldVal'):
            row[k] = {g: r['dev'][k][g]['macroF1'] for g in SHOWN if g in r['dev'][k]}
        row['biasMeldVal_vector'] = r.get('biasMeldVal')
        row['seconds'] = r['seconds']
        row['meldValBiasCrossFitted'], row['meldValRawCheck'] = meld_val_crossfit(d, feats)
        out[os.path.basename(d)] = row
    print('run'.ljust(12), *[f'{g:>12}' for g in SHOWN], '|', 'meld-val+b(xfit)', *[f'{g + "+b":>14}' for g in SHOWN[1:]])
    for name, row in out.items():
        print(name.ljust(12), *[f'{row["raw"].get(g, float("nan")):12.4f}' for g in SHOWN], '|',
              f'{row["meldValBiasCrossFitted"]:16.4f}', *[f'{row["biasMeldVal"].get(g, float("nan")):14.4f}' for g in SHOWN[1:]])
    print(json.dumps(out))


if __name__ == '__main__':
    main()
