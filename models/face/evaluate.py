"""PyTorch-side check of a checkpoint on FER2013 PublicTest: float weights, the uint8-dequantised
weights the TF.js export uses, and horizontal-flip test-time augmentation.

    /usr/bin/python3 models/face/evaluate.py [--ckpt models/face/work/last.pt] [--weights ema]"""
import argparse, os, sys
import numpy as np
import torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from facenet import FaceNet, standardise, load_split, HERE, DEFAULT_DATA
import export as E

p = argparse.ArgumentParser()
p.add_argument('--ckpt', default=os.path.join(HERE, 'work', 'ft2_last.pt'))
p.add_argument('--weights', choices=['ema', 'model'], default='ema')
p.add_argument('--data', default=DEFAULT_DATA)
p.add_argument('--threads', type=int, default=1)
p.add_argument('--dequant', action='store_true', help='also score the uint8-dequantised weights (slow: float64 reference)')
a = p.parse_args()
torch.set_num_threads(a.threads)
ck = torch.load(a.ckpt, map_location='cpu')
model = FaceNet(); model.load_state_dict(ck[a.weights]); model.eval()
px, y, _ = load_split('publictest', a.data)
x = standardise(torch.from_numpy(px).float().unsqueeze(1))
_, _, deq = E.convert(model) if a.dequant else (None, None, None)


def run(f):
    out = []
    with torch.no_grad():
        for i in range(0, len(x), 256):
            out.append(f(x[i:i + 256]))
    return torch.cat(out).numpy()


def acc(pr):
    return float((pr.argmax(1) == y).mean())


with torch.no_grad():
    pf = run(lambda b: torch.softmax(model(b), 1))
    pflip = run(lambda b: torch.softmax(model(b.flip(3)), 1))
    pdq = run(lambda b: E.reference_forward(model, deq, b).float()) if a.dequant else None
print(f'{os.path.basename(a.ckpt)} epoch {ck["epoch"]} ({a.weights}) on PublicTest n={len(y)}')
print(f'float32 accuracy            {100 * acc(pf):.2f}%')
if pdq is not None: print(f'uint8-dequantised accuracy  {100 * acc(pdq):.2f}%  (max |dp| vs float {np.abs(pf - pdq).max():.4f}, mean {np.abs(pf - pdq).mean():.5f})')
print(f'float32 + flip TTA accuracy {100 * acc((pf + pflip) / 2):.2f}%')
