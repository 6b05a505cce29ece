#!/usr/bin/env python3
"""Recipe selection for the MELD margin, without MELD dev: prints, for each run under work/ trained
with --meld-val, the meld-val macro-F1 (the last 10 % of MELD train, held out) and the guards
(GoEmotions and EmoEvent-es dev), raw and with the per-class bias tuned on meld-val, and the same three
with the texts as live captions write them (work/features_caps, when extracted). MELD dev is
deliberately not printed: it is the number reported, so it must not choose the recipe.

  python3 models/text/select_recipe.py [work/v_*]   (last line: JSON)
"""
import glob, json, os, sys
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from net import TextNet  # noqa: E402
from train import group_names, load_features, logits_of, macro_f1, tune_bias  # noqa: E402

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


def caps_scores(d, caps):
    """meld-val and the guards with every text as live captions write it (work/features_caps)."""
    ck = torch.load(os.path.join(d, 'model.pt'), map_location='cpu')
    rows, h, off = caps
    corpus = np.array([rows['corpora'][c] for c in rows['corpus']])
    split = np.array(rows['split'])
    groups = group_names(rows).copy()
    mt = np.where((split == 'train') & (corpus == 'meld'))[0]
    groups[mt[len(mt) - int(round(ck['result']['config']['meld_val'] * len(mt))):]] = 'meld-val'
    model = TextNet(ck['buckets'] + 1, ck['dim'], ck['hidden'])
    model.load_state_dict(ck['state_dict'])
    y = np.array(rows['label'])
    out = {}
    for g in SHOWN[:3]:
        m = np.where((groups == g) & ((split == 'dev') | (g == 'meld-val')))[0]
        p = np.argmax(logits_of(model, m, 1 + h.astype(np.int64) % ck['buckets'], off), 1)
        out['caps-' + g] = round(macro_f1(y[m], p), 4)
    return out


def main():
    torch.set_num_threads(1)
    feats = load_features(os.path.join(HERE, 'work', 'features'))
    caps_dir = os.path.join(HERE, 'work', 'features_caps')
    caps = load_features(caps_dir) if os.path.exists(os.path.join(caps_dir, 'rows.json')) else None
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
        if caps:
            row['captionStyle'] = caps_scores(d, caps)
        out[os.path.basename(d)] = row
    print('run'.ljust(12), *[f'{g:>12}' for g in SHOWN], '|', 'meld-val+b(xfit)', *[f'{g + "+b":>14}' for g in SHOWN[1:]])
    for name, row in out.items():
        print(name.ljust(12), *[f'{row["raw"].get(g, float("nan")):12.4f}' for g in SHOWN], '|',
              f'{row["meldValBiasCrossFitted"]:16.4f}', *[f'{row["biasMeldVal"].get(g, float("nan")):14.4f}' for g in SHOWN[1:]],
              '| captions:', *[f'{k} {v:.4f}' for k, v in row.get('captionStyle', {}).items()])
    print(json.dumps(out))


if __name__ == '__main__':
    main()
