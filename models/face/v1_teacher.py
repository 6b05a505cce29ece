"""The v1 model (models/face/tfjs-v1, TF.js layers model with uint8 kernels) rebuilt in PyTorch from
its own model.json + shard, to compute its flip-TTA soft outputs on many faces at once (batched
PyTorch is several times faster on the CPU than one face at a time in TF.js). Checked against the
TF.js outputs on PublicTest (scripts/face/teachers.ts) before use.

    /usr/bin/python3 models/face/v1_teacher.py fer2013_train      # -> work/teacher_v1_fer2013_train.f32 [N, 7]
"""
import json, os, sys
import numpy as np
import torch
import torch.nn.functional as F
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from facenet import standardise, DEFAULT_DATA, HERE


def load_v1(d=os.path.join(HERE, 'tfjs-v1')):
    mj = json.load(open(os.path.join(d, 'model.json')))
    buf = open(os.path.join(d, mj['weightsManifest'][0]['paths'][0]), 'rb').read()
    W, off = {}, 0
    for w in mj['weightsManifest'][0]['weights']:
        n = int(np.prod(w['shape']))
        q = w.get('quantization')
        if q:
            a = np.frombuffer(buf, np.uint8, n, off).astype(np.float32) * np.float32(q['scale']) + np.float32(q['min']); off += n
        else:
            a = np.frombuffer(buf, '<f4', n, off).astype(np.float32); off += 4 * n
        W[w['name']] = torch.from_numpy(a.reshape(w['shape']).copy())
    return mj['modelTopology']['config']['layers'], W


def forward(layers, W, x):
    h = x
    for l in layers:
        c, n = l['class_name'], l['config']['name']
        if c == 'Conv2D':
            h = F.conv2d(h, W[f'{n}/kernel'].permute(3, 2, 0, 1), padding=1)
        elif c == 'BatchNormalization':
            eps = l['config']['epsilon']
            s = W[f'{n}/gamma'] / torch.sqrt(W[f'{n}/moving_variance'] + eps)
            h = (h - W[f'{n}/moving_mean'][None, :, None, None]) * s[None, :, None, None] + W[f'{n}/beta'][None, :, None, None]
        elif c == 'Activation':
            h = torch.relu(h)
        elif c == 'MaxPooling2D':
            h = F.max_pool2d(h, 2)
        elif c == 'GlobalAveragePooling2D':
            h = h.mean(dim=(2, 3))
        elif c == 'Dense':
            h = torch.softmax(h @ W[f'{n}/kernel'] + W[f'{n}/bias'], 1)
    return h


if __name__ == '__main__':
    torch.set_num_threads(1)
    split = sys.argv[1]
    px = np.fromfile(os.path.join(DEFAULT_DATA, f'{split}.bin'), dtype=np.uint8).reshape(-1, 1, 48, 48)
    layers, W = load_v1()
    out = np.zeros((len(px), 7), np.float32)
    with torch.no_grad():
        for i in range(0, len(px), 256):
            x = standardise(torch.from_numpy(px[i:i + 256]).float())
            out[i:i + 256] = ((forward(layers, W, x) + forward(layers, W, x.flip(3))) / 2).numpy()
            if i % 5120 == 0: print(split, i, flush=True)
    out.tofile(os.path.join(HERE, 'work', f'teacher_v1_{split}.f32'))
    ref = os.path.join(HERE, 'work', f'teachers_{split}.f32')
    if os.path.exists(ref):
        t = np.fromfile(ref, np.float32).reshape(-1, 3, 7)[:, 0]
        print(f'vs TF.js: max |dp| {np.abs(t - out).max():.2e}, argmax agreement {(t.argmax(1) == out.argmax(1)).mean():.5f}')
    print('done', out.shape)
