"""Export a trained FaceNet2 checkpoint for the runtime (src/modalities/face/face-net.ts).

    /usr/bin/python3 models/face/export2.py [--ckpt models/face/work/v2_main/last.pt] [--weights ema]
        [--calibration models/face/work/v2_main/calibration.json] [--out models/face/tfjs]
    /usr/bin/python3 models/face/export2.py --random --out /tmp/x        # exporter self-test (CI)

Writes model.json (format "face-net-v2": modelTopology = the layer list, the fitted temperature;
standard weightsManifest) + group1-shard1of1.bin, and parity.json. Each Conv2d + BatchNorm becomes
one conv with bias (BN folded: w * g/sqrt(v+eps), b = beta - mean * g/sqrt(v+eps)); kernels OIHW ->
HWIO (depthwise: HW C 1); Linear weight transposed. All weights float16 (`quantization: float16`,
decoded to float32 by tf.io.decodeWeights): half the bytes, < 1e-3 relative error.
parity.json: synthetic 48x48 faces (no data-set pixels) and the PyTorch probabilities of the float
model and of the model with the float16-rounded weights the runtime gets."""
import argparse, json, os, sys
import numpy as np
import torch
import torch.nn as nn
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from facenet import standardise, EMOTIONS, SIZE, STD_FLOOR, HERE
from facenet2 import FaceNet2, load_arch, model_from_checkpoint, ARCH_NAME
from export import synthetic_faces


def fold(model: FaceNet2):
    """-> list of (name, float32 array) in runtime layout, and a float64 reference forward."""
    model = model.eval()
    ws = []
    for l, b in zip(model.layers_spec, model.blocks):
        if l['op'] in ('conv', 'dw'):
            conv, bn = b[0], b[1]
            w = conv.weight.detach().double()
            s = bn.weight.detach().double() / torch.sqrt(bn.running_var.detach().double() + bn.eps)
            bias = bn.bias.detach().double() - bn.running_mean.detach().double() * s
            w = w * s[:, None, None, None]
            k = w.permute(2, 3, 1, 0) if l['op'] == 'conv' else w.permute(2, 3, 0, 1)   # HWIO / HW C 1
            ws += [(f"{l['name']}/kernel", k.numpy()), (f"{l['name']}/bias", bias.numpy())]
        elif l['op'] == 'dense':
            lin = b[1]
            ws += [(f"{l['name']}/kernel", lin.weight.detach().double().t().numpy()), (f"{l['name']}/bias", lin.bias.detach().double().numpy())]
    return ws


def reference_forward(spec, weights, x, temperature=1.0):
    """float64 forward of the folded network (the runtime's computation), x: N,1,48,48 standardised."""
    W = {n: torch.from_numpy(np.asarray(a, dtype=np.float64)) for n, a in weights}
    h = x.double(); saved = {'input': h}
    for l in spec:
        if l['op'] in ('conv', 'dw'):
            k = W[f"{l['name']}/kernel"]
            k = k.permute(3, 2, 0, 1) if l['op'] == 'conv' else k.permute(2, 3, 0, 1)
            h = torch.nn.functional.conv2d(h, k, W[f"{l['name']}/bias"], stride=l['s'], padding=(l['k'] - 1) // 2,
                                           groups=1 if l['op'] == 'conv' else l['c'])
            if l['act'] == 'relu': h = torch.relu(h)
            if l.get('add'): h = h + saved[l['add']]
            saved[l['name']] = h
        elif l['op'] == 'pool':
            h = torch.nn.functional.max_pool2d(h, 2)
        elif l['op'] == 'gap':
            h = h.mean(dim=(2, 3))
        else:
            h = h @ W[f"{l['name']}/kernel"] + W[f"{l['name']}/bias"]
    return torch.softmax(h / temperature, 1)


def quantize_uint8(a):
    """TF.js affine uint8 quantization of one tensor: value = q * scale + min."""
    lo, hi = float(a.min()), float(a.max())
    scale = (hi - lo) / 255 or 1.0
    q = np.clip(np.round((a - lo) / scale), 0, 255).astype(np.uint8)
    return q, {'dtype': 'uint8', 'min': lo, 'scale': scale}, (q.astype(np.float64) * scale + lo).astype(np.float32)


def export(model, out, meta, temperature=1.0, quant='float16'):
    os.makedirs(out, exist_ok=True)
    spec = model.layers_spec
    ws = fold(model)
    shard_name = 'group1-shard1of1.bin'
    if quant == 'uint8':
        # a quarter of float32's bytes (v1's size: 1.17 M weights in 1.2 MB); biases stay float16
        parts, entries, deq = [], [], []
        for n, a in ws:
            if n.endswith('/kernel'):
                q, qmeta, d = quantize_uint8(a)
                parts.append(q.tobytes())
            else:
                h = a.astype(np.float16); qmeta, d = {'dtype': 'float16'}, h.astype(np.float32)
                parts.append(h.astype('<f2').tobytes())
            entries.append({'name': n, 'shape': list(a.shape), 'dtype': 'float32', 'quantization': qmeta}); deq.append((n, d))
    else:
        f16 = [(n, a.astype(np.float16)) for n, a in ws]
        deq = [(n, a.astype(np.float32)) for n, a in f16]
        parts = [a.astype('<f2').tobytes() for _, a in f16]
        entries = [{'name': n, 'shape': list(a.shape), 'dtype': 'float32', 'quantization': {'dtype': 'float16'}} for n, a in f16]
    with open(os.path.join(out, shard_name), 'wb') as f:
        f.write(b''.join(parts))
    manifest = [{'paths': [shard_name], 'weights': entries}]
    topo = {'format': 'face-net-v2', 'inputSize': SIZE, 'inputChannels': 1, 'layers': spec, 'temperature': float(temperature)}
    mj = {'format': 'face-net-v2', 'generatedBy': 'emotion-overlay models/face/export2.py', 'convertedBy': f'emotion-overlay models/face/export2.py (PyTorch -> TF.js weights, {quant})',
          'modelTopology': topo, 'weightsManifest': manifest,
          'userDefinedMetadata': {'classes': EMOTIONS, 'inputSize': SIZE, 'stdFloor': STD_FLOOR, 'arch': ARCH_NAME,
                                  'preprocess': 'src/modalities/face/align.ts: crop policy around the detector box, roll from the eye keypoints when `align`, gray 0..255, per-image (x-mean)/max(std,stdFloor)',
                                  'temperature': float(temperature), **meta}}
    with open(os.path.join(out, 'model.json'), 'w') as f:
        json.dump(mj, f, indent=1)
    faces = synthetic_faces()
    x = standardise(torch.from_numpy(faces).float().unsqueeze(1))
    with torch.no_grad():
        p_float = torch.softmax(model.eval()(x).double() / temperature, 1)
        p_half = reference_forward(spec, deq, x, temperature)
        p_float_flip = (p_float + torch.softmax(model(x.flip(3)).double() / temperature, 1)) / 2
        p_half_flip = (p_half + reference_forward(spec, deq, x.flip(3), temperature)) / 2
    parity = {'note': 'inputs: 48x48 uint8 synthetic faces (row-major); run through the runtime with box=null',
              'inputs': [f.flatten().tolist() for f in faces],
              'torchFloat': p_float.numpy().round(7).tolist(), 'torchDequantized': p_half.numpy().round(7).tolist(),
              'torchFloatFlipTTA': p_float_flip.numpy().round(7).tolist(), 'torchDequantizedFlipTTA': p_half_flip.numpy().round(7).tolist(),
              'maxDiffFloatVsDequantized': float((p_float - p_half).abs().max()), 'temperature': float(temperature)}
    with open(os.path.join(out, 'parity.json'), 'w') as f:
        json.dump(parity, f)
    size = sum(os.path.getsize(os.path.join(out, n)) for n in ('model.json', shard_name))
    print(f'exported to {out}: {len(ws)} tensors, {sum(a.size for _, a in ws)} values, model.json + shard = {size} bytes, '
          f'T = {temperature:.3f}; torch float vs {quant} max |dp| = {parity["maxDiffFloatVsDequantized"]:.2e}')


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--ckpt', default=os.path.join(HERE, 'work', 'v2_main', 'last.pt'))
    p.add_argument('--weights', choices=['ema', 'model'], default='ema')
    p.add_argument('--calibration', default='', help='calibration.json from calibrate.py (temperature); default: beside the checkpoint if present')
    p.add_argument('--out', default=os.path.join(HERE, 'tfjs'))
    p.add_argument('--random', action='store_true', help='export a randomly initialised net with random BN statistics (exporter test)')
    p.add_argument('--arch', default='', help='with --random: an arch name from archs.json (default: the v2 arch)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--quant', choices=['float16', 'uint8'], default='float16', help='weight encoding (uint8: kernels affine-quantized, biases float16)')
    a = p.parse_args()
    torch.manual_seed(a.seed)
    if a.random:
        model = FaceNet2(load_arch(a.arch) if a.arch else None)
        with torch.no_grad():
            x = standardise(torch.from_numpy(synthetic_faces()).float().unsqueeze(1))
            for m in model.modules():
                if isinstance(m, nn.BatchNorm2d):
                    m.weight.uniform_(0.5, 1.5); m.bias.uniform_(-0.2, 0.2); m.momentum = None  # cumulative statistics
            model.train()
            for _ in range(4):  # BN statistics of (noisy) faces, so that activations neither die nor explode
                model(x + 0.3 * torch.randn_like(x))
            model.eval()
            x = standardise(torch.from_numpy(synthetic_faces()).float().unsqueeze(1))
            lg = model(x)
            sd = (lg - lg.mean(0)).std().clamp_min(1e-6)
            fc = model.blocks[-1][1]
            fc.weight.mul_(1.5 / sd); fc.bias.copy_(-(lg.mean(0) - fc.bias) * 1.5 / sd)
        export(model, a.out, {'source': 'random test model', 'arch': a.arch or ARCH_NAME}, temperature=1.3, quant=a.quant)
        return
    ck = torch.load(a.ckpt, map_location='cpu')
    model = model_from_checkpoint(ck, a.weights)
    # how the runtime must run it: v1 fine-tuned (v1_plain) and v3 (a student of v1) take v1's upright
    # crops, v1 with flip TTA as it shipped; v2 eye-aligned ones
    arch = ck.get('arch', ARCH_NAME)
    v3 = arch.startswith('v1s')
    v1 = arch == 'v1_plain'
    cal = a.calibration or os.path.join(os.path.dirname(a.ckpt), 'calibration.json')
    t = 1.0
    if os.path.exists(cal):
        with open(cal) as f:
            t = json.load(f)['temperature']
    meta = {'source': os.path.relpath(a.ckpt, HERE), 'epoch': ck['epoch'], 'weights': a.weights, 'val': ck.get('val_ema'),
            'arch': arch, 'version': 'v1' if v1 else 'v3' if v3 else 'v2', 'align': not (v1 or v3), 'flipTTA': v1,
            'trainArgs': {k: v for k, v in ck['args'].items() if k not in ('data',)}}
    export(model, a.out, meta, temperature=t, quant=a.quant)


if __name__ == '__main__':
    main()
