#!/usr/bin/env python3
"""Tables of the validation runs of train.py (work/results-<recipe>.json): leave-one-corpus-out UAR
per held-out corpus and its mean (the selection criterion), and leave-speakers-out UAR per corpus
(confusions summed over the folds run). Markdown on stdout; the last line is JSON.

  python3 models/voice/report.py --recipes "v1 spk"
"""
import argparse, json, os
import numpy as np

CORPORA = ['ravdess', 'nemo', 'casia', 'ased']
HERE = os.path.dirname(os.path.abspath(__file__))


def uar_of(cm):
    cm = np.asarray(cm)
    present = cm.sum(1) > 0
    return float(np.mean(np.diag(cm)[present] / cm.sum(1)[present])) if present.any() else float('nan')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--work', default=os.path.join(HERE, 'work') + ',' + os.path.join(HERE, 'work', 'lso'),
                    help='comma-separated dirs whose results-<recipe>.json are merged (LOCO and LSO run as separate processes)')
    ap.add_argument('--recipes', default='v1 spk')
    args = ap.parse_args()
    out = {}
    print('| recipe | mode | ' + ' | '.join(f'LOCO {c}' for c in CORPORA) + ' | mean LOCO | ' + ' | '.join(f'LSO {c}' for c in CORPORA) + ' | LSO folds |')
    print('|---' * (2 + 2 * len(CORPORA) + 2) + '|')
    for r in args.recipes.split():
        res = {}
        for d in args.work.split(','):
            p = os.path.join(d, f'results-{r}.json')
            if os.path.exists(p):
                res.update(json.load(open(p)))
        if not res:
            continue
        modes = ['clip', 'speaker'] if any('speaker' in v for v in res.values()) else ['clip']
        for mode in modes:
            loco = {c: res[f'loco-{c}'][mode][c]['uar'] for c in CORPORA if f'loco-{c}' in res}
            lso_keys = sorted(k for k in res if k.startswith('lso-'))
            lso = {}
            for c in CORPORA:
                cms = [res[k][mode][c]['confusion'] for k in lso_keys if c in res[k][mode]]
                if cms:
                    lso[c] = round(uar_of(np.sum(cms, 0)), 4)
            mean = round(float(np.mean(list(loco.values()))), 4) if len(loco) == len(CORPORA) else None
            out[f'{r}/{mode}'] = {'loco': loco, 'meanLoco': mean, 'lso': lso, 'lsoFolds': [k[4:] for k in lso_keys]}
            cells = [f'{loco[c]:.3f}' if c in loco else '–' for c in CORPORA]
            lcells = [f'{lso[c]:.3f}' if c in lso else '–' for c in CORPORA]
            print(f'| {r} | {mode} | ' + ' | '.join(cells) + f' | {"–" if mean is None else f"{mean:.3f}"} | ' + ' | '.join(lcells) +
                  f' | {",".join(k[4:] for k in lso_keys) or "–"} |')
    # RAVDESS leave-speakers-out per fold (recipes differ in the folds run: compare fold by fold)
    print()
    print('| recipe | mode | ' + ' | '.join(f'RAVDESS LSO fold {f}' for f in range(5)) + ' |')
    print('|---' * 7 + '|')
    for r in args.recipes.split():
        res = {}
        for d in args.work.split(','):
            p = os.path.join(d, f'results-{r}.json')
            if os.path.exists(p):
                res.update(json.load(open(p)))
        for mode in ['clip', 'speaker']:
            cells = [res[f'lso-{f}'][mode]['ravdess']['uar'] if f'lso-{f}' in res and mode in res[f'lso-{f}'] else None for f in range(5)]
            if any(c is not None for c in cells):
                out.setdefault(f'{r}/{mode}', {})['ravdessLsoByFold'] = cells
                print(f'| {r} | {mode} | ' + ' | '.join('–' if c is None else f'{c:.3f}' for c in cells) + ' |')
    print(json.dumps(out))


if __name__ == '__main__':
    main()
