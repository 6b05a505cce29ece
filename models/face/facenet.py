"""Model definition, data loading and preprocessing shared by train.py and export.py.

Everything here must stay in sync with src/modalities/face/expression-model.ts (preprocessing) and
export.py (which maps these modules onto TF.js layers)."""
import os
import numpy as np
import torch
import torch.nn as nn

EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']
SIZE = 48
STD_FLOOR = 8.0  # per-image standardisation: (g - mean) / max(std, STD_FLOOR), g in 0..255

# FER+ columns: neutral, happiness, surprise, sadness, anger, disgust, fear, contempt, unknown, NF
# index into the FER+ vote columns for each of our classes (EMOTIONS order)
FERPLUS_TO_OURS = [4, 5, 6, 1, 3, 2, 0]

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'faces'))

# stage widths and conv count; a MaxPool2d(2) sits between stages
ARCH = [(32, 1), (64, 2), (128, 2), (256, 2)]


def conv_bn_relu(cin, cout):
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


class FaceNet(nn.Module):
    """VGG-style net, 48x48x1 in, 7 logits out. Only Conv3x3+BN+ReLU, MaxPool2d, global
    average pooling, dropout and one Linear layer, so the export is a plain TF.js layers model."""

    def __init__(self, arch=ARCH, dropout=0.3):
        super().__init__()
        layers, c = [], 1
        for s, (w, n) in enumerate(arch):
            for _ in range(n):
                layers += conv_bn_relu(c, w)
                c = w
            if s < len(arch) - 1:
                layers.append(nn.MaxPool2d(2))
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(c, 7)

    def forward(self, x):
        x = self.pool(self.features(x)).flatten(1)
        return self.fc(self.dropout(x))


def standardise(x):
    """x: float tensor N,1,H,W in 0..255 -> per-image zero mean, unit std (std floored)."""
    m = x.mean(dim=(1, 2, 3), keepdim=True)
    s = x.std(dim=(1, 2, 3), keepdim=True, unbiased=False).clamp_min(STD_FLOOR)
    return (x - m) / s


def load_split(name, data=DEFAULT_DATA):
    px = np.fromfile(os.path.join(data, f'fer2013_{name}.bin'), dtype=np.uint8).reshape(-1, SIZE, SIZE)
    labels = np.fromfile(os.path.join(data, f'fer2013_{name}.labels'), dtype=np.uint8).astype(np.int64)
    flags = np.fromfile(os.path.join(data, f'fer2013_{name}.flags'), dtype=np.uint8)
    assert len(px) == len(labels) == len(flags)
    return px, labels, flags


def load_ferplus(data=DEFAULT_DATA):
    """Returns dict usage -> int array (N,10) of FER+ votes in file order."""
    rows = {'Training': [], 'PublicTest': []}
    with open(os.path.join(data, 'ferplus_votes.csv')) as f:
        next(f)
        for line in f:
            p = line.strip().split(',')
            rows[p[0]].append([int(v) for v in p[2:12]])
    return {k: np.array(v, dtype=np.int64) for k, v in rows.items()}


def ferplus_majority(votes):
    """7-class FER+ majority label per row (EMOTIONS order), -1 where the plurality is not one of
    the seven classes (contempt/unknown/NF) or is tied."""
    out = np.full(len(votes), -1, dtype=np.int64)
    for i, v in enumerate(votes):
        top = v.max()
        if top == 0 or (v == top).sum() > 1:
            continue
        j = int(v.argmax())
        if j in FERPLUS_TO_OURS:
            out[i] = FERPLUS_TO_OURS.index(j)
    return out
