"""Fit the softmax temperature of a trained FaceNet2 (v2 or v3) on the validation data and report the expected
calibration error (ECE, 15 equal-width bins of the top probability) before and after.

    /usr/bin/python3 models/face/calibrate.py [--ckpt models/face/work/v2_main/last.pt]

Validation = FER2013 PublicTest + the muxspace held-out identities, raw crops and (not for models of
upright crops, v1 fine-tuned and v3) aligned crops
(models/face/work/aligned_*.u8), i.e. the four views train2.py validates on. T minimises the mean
negative log-likelihood over all of them (each set weighted equally). To keep the ECE after
calibration honest, it is also reported 2-fold cross-fitted (T fitted on one half of each set,
ECE measured on the other half). Models that run with flip TTA (upright crops) are fitted on the
average of the crop's and its mirror's probabilities, each at T, as the runtime computes. Writes calibration.json beside the checkpoint (export2.py bakes T
into model.json)."""
import argparse, json, os, sys
import numpy as np
import torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from facenet import standardise, load_split, DEFAULT_DATA, HERE
from facenet2 import model_from_checkpoint
from train_data import muxspace_split, load_mux, load_work


def ece(p, y, bins=15):
    conf = p.max(1); pred = p.argmax(1); ok = (pred == y).astype(np.float64)
    b = np.minimum((conf * bins).astype(int), bins - 1)
    e = 0.0
    for i in range(bins):
        m = b == i
        if m.any():
            e += abs(ok[m].mean() - conf[m].mean()) * m.sum()
    return e / len(y)


def softmax(z, t):
    """Probabilities of V x N x 7 logits (V views of each face: one, or the crop and its mirror) at
    temperature t, averaged over the views as the runtime's flip TTA averages them."""
    z = z / t
    z = z - z.max(2, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(2, keepdims=True)).mean(0)


def nll(z, y, t):
    return float(-np.log(softmax(z, t)[np.arange(len(y)), y] + 1e-12).mean())


def fit_t(sets):
    grid = np.exp(np.linspace(np.log(0.5), np.log(3.0), 241))
    losses = [np.mean([nll(z, y, t) for z, y in sets]) for t in grid]
    return float(grid[int(np.argmin(losses))])


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--ckpt', default=os.path.join(HERE, 'work', 'v2_main', 'last.pt'))
    p.add_argument('--weights', default='ema')
    p.add_argument('--data', default=DEFAULT_DATA)
    p.add_argument('--flip', choices=['auto', 'on', 'off'], default='auto',
                   help='fit T on flip-TTA averages, as the runtime predicts (auto: on for models of upright crops, which run with flip TTA)')
    a = p.parse_args()
    torch.set_num_threads(1)
    ck = torch.load(a.ckpt, map_location='cpu')
    model = model_from_checkpoint(ck, a.weights)
    vpx, vy, _ = load_split('publictest', a.data)
    mpx, my = load_mux(a.data)
    held, _ = muxspace_split(a.data)
    views = {
        'fer_raw': (vpx, vy),
        'mux_raw': (mpx[held], my[held]),
    }
    # a model of upright crops (v1 fine-tuned, v3) never sees aligned ones: its raw views only
    if not ck.get('arch', '').startswith('v1'):
        views['fer_aligned'] = (load_work('aligned_fer2013_publictest.u8', (len(vpx), 48, 48), np.uint8), vy)
        views['mux_aligned'] = (load_work('aligned_muxspace_train.u8', (len(mpx), 48, 48), np.uint8)[held], my[held])
    flip = a.flip == 'on' or (a.flip == 'auto' and ck.get('arch', '').startswith('v1'))
    logits = {}
    with torch.no_grad():
        for k, (x, y) in views.items():
            X = standardise(torch.from_numpy(x).unsqueeze(1).float())
            passes = [X, torch.flip(X, dims=[3])] if flip else [X]
            logits[k] = (np.stack([torch.cat([model(v[i:i + 512]) for i in range(0, len(v), 512)]).double().numpy() for v in passes]), y)
    t = fit_t(list(logits.values()))
    rng = np.random.RandomState(0)
    halves = {k: rng.rand(len(y)) < 0.5 for k, (_, y) in logits.items()}
    t_a = fit_t([(z[:, halves[k]], y[halves[k]]) for k, (z, y) in logits.items()])
    t_b = fit_t([(z[:, ~halves[k]], y[~halves[k]]) for k, (z, y) in logits.items()])
    res = {'temperature': round(t, 4), 'foldTemperatures': [round(t_a, 4), round(t_b, 4)], 'flipTTA': flip, 'sets': {}}
    for k, (z, y) in logits.items():
        h = halves[k]
        cross = (ece(softmax(z[:, ~h], t_a), y[~h]) * (~h).sum() + ece(softmax(z[:, h], t_b), y[h]) * h.sum()) / len(y)
        res['sets'][k] = {'n': int(len(y)), 'eceBefore': round(ece(softmax(z, 1.0), y), 4), 'eceAfter': round(ece(softmax(z, t), y), 4),
                          'eceAfterCrossFitted': round(float(cross), 4), 'nllBefore': round(nll(z, y, 1.0), 4), 'nllAfter': round(nll(z, y, t), 4)}
    out = os.path.join(os.path.dirname(a.ckpt), 'calibration.json')
    with open(out, 'w') as f:
        json.dump(res, f, indent=1)
    print(json.dumps(res))


if __name__ == '__main__':
    main()
