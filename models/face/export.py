"""Export a trained FaceNet checkpoint to a TF.js layers model (model.json + one weight shard).

    /usr/bin/python3 models/face/export.py [--ckpt models/face/work/last.pt] [--weights ema] [--out models/face/tfjs-v1]
    /usr/bin/python3 models/face/export.py --random-tiny --out /tmp/x     # exporter self-test (CI)

No tensorflowjs converter: the Keras-style topology and the weights manifest are written here.
Mapping (PyTorch NCHW -> TF.js NHWC):
  Conv2d(bias=False) + BatchNorm2d -> Conv2D(use_bias=false, kernel uint8, per output channel
      normalised to max |w| = 1) + BatchNormalization(gamma = gamma/sqrt(var+eps) * max|w|,
      beta = beta - mean*gamma/sqrt(var+eps), moving mean 0, moving variance 1 - 1e-3, epsilon 1e-3)
      i.e. BN is folded and the BN layer carries the per-channel scale, which makes the uint8
      kernel quantisation effectively per-channel. Kernel OIHW -> HWIO.
  ReLU -> Activation(relu); MaxPool2d(2) -> MaxPooling2D; AdaptiveAvgPool2d(1) -> GlobalAveragePooling2D;
  Dropout -> dropped (identity at inference); Linear -> Dense(softmax), kernel transposed.
Quantisation: conv kernels uint8 (q*scale+min per tensor), everything else float32 (small).
Also writes parity.json: synthetic 48x48 faces, the PyTorch probabilities of the float model and of
the model with the same dequantised weights tfjs will use."""
import argparse, json, math, os, sys
import numpy as np
import torch
import torch.nn as nn
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from facenet import FaceNet, standardise, EMOTIONS, SIZE, STD_FLOOR, HERE

BN_EPS_TFJS = 1e-3


def quant_uint8(a):
    a = a.astype(np.float32)
    lo, hi = float(a.min()), float(a.max())
    scale = (hi - lo) / 255.0 if hi > lo else 1.0
    q = np.clip(np.round((a - lo) / scale), 0, 255).astype(np.uint8)
    deq = (q.astype(np.float32) * np.float32(scale) + np.float32(lo)).astype(np.float32)
    return q, deq, {'dtype': 'uint8', 'min': lo, 'scale': scale}


def convert(model: FaceNet, quantize=True):
    """Returns (layers config list, weights list of (name, np array float32 dequantised, raw bytes, spec),
    and a torch model with the dequantised weights for the reference outputs)."""
    model = model.eval()
    layers = [{'class_name': 'InputLayer', 'config': {'batch_input_shape': [None, SIZE, SIZE, 1], 'dtype': 'float32', 'sparse': False, 'name': 'input'}}]
    weights = []
    deq_model = FaceNet.__new__(FaceNet)  # filled below by copying
    mods = list(model.features)
    i, nconv, npool = 0, 0, 0
    deq_state = {}

    def add_weight(name, arr, q):
        arr = np.ascontiguousarray(arr, dtype=np.float32)
        if q:
            qa, deq, spec = quant_uint8(arr)
            weights.append({'name': name, 'shape': list(arr.shape), 'dtype': 'float32', 'quantization': spec, 'bytes': qa.tobytes()})
            return deq
        weights.append({'name': name, 'shape': list(arr.shape), 'dtype': 'float32', 'bytes': arr.astype('<f4').tobytes()})
        return arr

    while i < len(mods):
        m = mods[i]
        if isinstance(m, nn.Conv2d):
            bn = mods[i + 1]
            assert isinstance(bn, nn.BatchNorm2d) and isinstance(mods[i + 2], nn.ReLU) and m.bias is None
            nconv += 1
            w = m.weight.detach().double().numpy()                      # O,I,H,W
            s = bn.weight.detach().double().numpy() / np.sqrt(bn.running_var.detach().double().numpy() + bn.eps)
            b = bn.bias.detach().double().numpy() - bn.running_mean.detach().double().numpy() * s
            mx = np.abs(w).reshape(w.shape[0], -1).max(1)
            mx = np.where(mx > 0, mx, 1.0)
            wn = w / mx[:, None, None, None]
            gamma = s * mx
            name = f'conv{nconv}'
            k = add_weight(f'{name}/kernel', wn.transpose(2, 3, 1, 0), quantize)   # HWIO
            layers.append({'class_name': 'Conv2D', 'config': {
                'name': name, 'trainable': False, 'filters': int(w.shape[0]), 'kernel_size': [3, 3], 'strides': [1, 1],
                'padding': 'same', 'data_format': 'channels_last', 'dilation_rate': [1, 1], 'activation': 'linear', 'use_bias': False}})
            bname = f'bn{nconv}'
            g = add_weight(f'{bname}/gamma', gamma, False)
            be = add_weight(f'{bname}/beta', b, False)
            add_weight(f'{bname}/moving_mean', np.zeros_like(b), False)
            add_weight(f'{bname}/moving_variance', np.full_like(b, 1.0 - BN_EPS_TFJS), False)
            layers.append({'class_name': 'BatchNormalization', 'config': {
                'name': bname, 'trainable': False, 'axis': -1, 'momentum': 0.99, 'epsilon': BN_EPS_TFJS, 'center': True, 'scale': True}})
            layers.append({'class_name': 'Activation', 'config': {'name': f'relu{nconv}', 'trainable': False, 'activation': 'relu'}})
            deq_state[len(deq_state)] = (k, g, be)
            i += 3
        elif isinstance(m, nn.MaxPool2d):
            npool += 1
            layers.append({'class_name': 'MaxPooling2D', 'config': {
                'name': f'pool{npool}', 'trainable': False, 'pool_size': [2, 2], 'strides': [2, 2], 'padding': 'valid', 'data_format': 'channels_last'}})
            i += 1
        else:
            raise ValueError(f'unsupported module {m}')
    layers.append({'class_name': 'GlobalAveragePooling2D', 'config': {'name': 'gap', 'trainable': False, 'data_format': 'channels_last'}})
    fw = add_weight('fc/kernel', model.fc.weight.detach().numpy().T, False)
    fb = add_weight('fc/bias', model.fc.bias.detach().numpy(), False)
    layers.append({'class_name': 'Dense', 'config': {'name': 'fc', 'trainable': False, 'units': 7, 'activation': 'softmax', 'use_bias': True}})
    return layers, weights, (deq_state, fw, fb)


def reference_forward(model, deq, x):
    """Forward pass of the exported (dequantised) network in float64 torch, NCHW input."""
    deq_state, fw, fb = deq
    h = x.double()
    ci = 0
    mods = list(model.features)
    i = 0
    while i < len(mods):
        m = mods[i]
        if isinstance(m, nn.Conv2d):
            k, g, be = deq_state[ci]; ci += 1
            kt = torch.from_numpy(np.ascontiguousarray(k.transpose(3, 2, 0, 1))).double()   # HWIO -> OIHW
            h = torch.nn.functional.conv2d(h, kt, padding=1)
            gg = torch.from_numpy(g).double() / math.sqrt(1.0)  # var + eps = 1
            h = h * gg[None, :, None, None] + torch.from_numpy(be).double()[None, :, None, None]
            h = torch.relu(h); i += 3
        else:
            h = torch.nn.functional.max_pool2d(h, 2); i += 1
    h = h.mean(dim=(2, 3))
    logits = h @ torch.from_numpy(fw).double() + torch.from_numpy(fb).double()
    return torch.softmax(logits, 1)


def synthetic_faces(n=6, seed=0):
    """Deterministic cartoon faces (48x48 uint8): ellipse head, eyes, brows, a mouth whose curve
    and opening vary, lighting gradient and noise. Parity fixtures only: no data set pixels."""
    rng = np.random.RandomState(seed)
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)
    out = []
    for j in range(n):
        img = 60 + 40 * (xx / SIZE) * rng.uniform(0.5, 1.5) + rng.normal(0, 6, (SIZE, SIZE))
        head = ((xx - 24) / 17) ** 2 + ((yy - 25) / 21) ** 2 < 1
        img[head] += 90
        for ex in (16, 32):
            img[((xx - ex) / 3.5) ** 2 + ((yy - 19) / 2.2) ** 2 < 1] = 30
            by = 13 + rng.uniform(-2, 2) + (ex - 24) * rng.uniform(-0.15, 0.15)
            img[(np.abs(xx - ex) < 5) & (np.abs(yy - by) < 1)] = 40
        curve = rng.uniform(-0.08, 0.08)
        openh = rng.uniform(0.5, 5)
        my = 35 + curve * (xx - 24) ** 2
        img[(np.abs(xx - 24) < 8) & (yy > my - openh / 2) & (yy < my + openh / 2)] = 25
        out.append(np.clip(img, 0, 255).astype(np.uint8))
    return np.stack(out)


def export(model, out, meta):
    os.makedirs(out, exist_ok=True)
    layers, weights, deq = convert(model)
    shard = b''.join(w['bytes'] for w in weights)
    shard_name = 'group1-shard1of1.bin'
    with open(os.path.join(out, shard_name), 'wb') as f:
        f.write(shard)
    manifest = [{'paths': [shard_name], 'weights': [{k: v for k, v in w.items() if k != 'bytes'} for w in weights]}]
    topo = {'class_name': 'Sequential', 'config': {'name': 'face_expression', 'layers': layers},
            'keras_version': '2.15.0', 'backend': 'tensorflow'}
    model_json = {'format': 'layers-model', 'generatedBy': 'emotion-overlay models/face/export.py',
                  'convertedBy': 'emotion-overlay models/face/export.py (PyTorch -> TF.js, uint8 kernels)',
                  'modelTopology': topo, 'weightsManifest': manifest,
                  'userDefinedMetadata': {'classes': EMOTIONS, 'inputSize': SIZE, 'stdFloor': STD_FLOOR,
                                          'preprocess': 'gray 0..255, per-image (x-mean)/max(std,stdFloor)', **meta}}
    with open(os.path.join(out, 'model.json'), 'w') as f:
        json.dump(model_json, f, indent=1)
    # parity fixtures
    faces = synthetic_faces()
    x = standardise(torch.from_numpy(faces).float().unsqueeze(1))
    with torch.no_grad():
        p_float = torch.softmax(model.eval()(x), 1).double()
        p_deq = reference_forward(model, deq, x)
        p_float_flip = (p_float + torch.softmax(model(x.flip(3)), 1).double()) / 2
        p_deq_flip = (p_deq + reference_forward(model, deq, x.flip(3))) / 2
    parity = {'note': 'inputs: 48x48 uint8 synthetic faces (row-major); run through the runtime with box=null',
              'inputs': [f.flatten().tolist() for f in faces],
              'torchFloat': p_float.numpy().round(7).tolist(), 'torchDequantized': p_deq.numpy().round(7).tolist(),
              'torchFloatFlipTTA': p_float_flip.numpy().round(7).tolist(), 'torchDequantizedFlipTTA': p_deq_flip.numpy().round(7).tolist(),
              'maxDiffFloatVsDequantized': float((p_float - p_deq).abs().max())}
    with open(os.path.join(out, 'parity.json'), 'w') as f:
        json.dump(parity, f)
    size = sum(os.path.getsize(os.path.join(out, n)) for n in ('model.json', shard_name))
    print(f'exported to {out}: {len(weights)} weight tensors, {sum(int(np.prod(w["shape"])) for w in weights)} values, '
          f'model.json + shard = {size} bytes; torch float vs dequantised max |dp| = {parity["maxDiffFloatVsDequantized"]:.2e}')


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--ckpt', default=os.path.join(HERE, 'work', 'ft2_last.pt'))
    p.add_argument('--weights', choices=['ema', 'model'], default='ema')
    p.add_argument('--out', default=os.path.join(HERE, 'tfjs-v1'))
    p.add_argument('--random-tiny', action='store_true', help='export a tiny randomly initialised net (exporter test)')
    p.add_argument('--seed', type=int, default=0)
    a = p.parse_args()
    torch.manual_seed(a.seed)
    if a.random_tiny:
        model = FaceNet(arch=[(4, 1), (8, 2), (6, 1)])
        with torch.no_grad():  # non-trivial BN statistics
            for m in model.modules():
                if isinstance(m, nn.BatchNorm2d):
                    m.running_mean.uniform_(-0.5, 0.5); m.running_var.uniform_(0.5, 2.0)
                    m.weight.uniform_(0.5, 1.5); m.bias.uniform_(-0.2, 0.2)
            # centre and spread the logits over the fixture inputs so the probabilities differ
            model.eval()
            f = model.pool(model.features(standardise(torch.from_numpy(synthetic_faces()).float().unsqueeze(1)))).flatten(1)
            lg = f @ model.fc.weight.T
            sd = (lg - lg.mean(0)).std().clamp_min(1e-6)
            model.fc.weight.mul_(1.5 / sd); model.fc.bias.copy_(-(lg.mean(0)) * 1.5 / sd)
        meta = {'source': 'random tiny test model'}
    else:
        ck = torch.load(a.ckpt, map_location='cpu')
        model = FaceNet()
        model.load_state_dict(ck[a.weights])
        meta = {'source': os.path.basename(a.ckpt), 'epoch': ck['epoch'], 'weights': a.weights,
                'trainArgs': ck['args'] and {k: v for k, v in ck['args'].items() if k not in ('data', 'out')}}
    export(model, a.out, meta)


if __name__ == '__main__':
    main()
