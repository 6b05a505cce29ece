#!/usr/bin/env python3
"""Exports a VoiceNet checkpoint to a TF.js layers model (model.json + one float16 shard).

No tensorflowjs converter is needed: the Keras topology is written by hand and PyTorch weights are
transposed to Keras layout (Conv1D kernel [k, in, out], Dense kernel [in, out]).

  python3 models/voice/export_tfjs.py --ckpt models/voice/work/final.pt --out models/voice/tfjs
  python3 models/voice/export_tfjs.py --random-tiny --out /tmp/x   # tiny random model (exporter test)

Writes:
  model.json       layers model; userDefinedMetadata = feature config, emotions, normalisation stats
  voice.weights.bin float16 weights
  features.json    the feature config and per-feature mean/std used to normalise each window
  parity.json      deterministic test inputs (formula) and the PyTorch probabilities for them
"""
import argparse, json, os, sys
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from net import VoiceNet, BN_EPS  # noqa: E402
import speaker_norm as sn  # noqa: E402

EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']
HERE = os.path.dirname(os.path.abspath(__file__))


def parity_inputs(n, T, D):
    """Deterministic inputs, reproduced exactly in tests/modalities/voice (see parityInputs in the test)."""
    b = np.arange(n, dtype=np.float64)[:, None, None]
    t = np.arange(T, dtype=np.float64)[None, :, None]
    d = np.arange(D, dtype=np.float64)[None, None, :]
    x = 1.5 * np.sin(0.37 * (t + 1) * (d + 1) / D + 1.3 * b) * np.cos(0.11 * d + 0.05 * t * (b + 1)) + 0.2 * (b - 1)
    return x.astype(np.float32)


def keras_topology(model, T, D):
    layers = []
    i = 0
    first = True
    for c, k, pool in model.spec:
        i += 1
        conv = {'name': f'conv{i}', 'trainable': True, 'dtype': 'float32', 'filters': c, 'kernel_size': [k],
                'strides': [1], 'padding': 'same', 'data_format': 'channels_last', 'dilation_rate': [1],
                'activation': 'linear', 'use_bias': True,
                'kernel_initializer': {'class_name': 'Zeros', 'config': {}},
                'bias_initializer': {'class_name': 'Zeros', 'config': {}},
                'kernel_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None,
                'kernel_constraint': None, 'bias_constraint': None}
        if first:
            conv['batch_input_shape'] = [None, T, D]
            first = False
        layers.append({'class_name': 'Conv1D', 'config': conv})
        layers.append({'class_name': 'BatchNormalization', 'config': {
            'name': f'bn{i}', 'trainable': True, 'dtype': 'float32', 'axis': -1, 'momentum': 0.99,
            'epsilon': BN_EPS, 'center': True, 'scale': True,
            'beta_initializer': {'class_name': 'Zeros', 'config': {}},
            'gamma_initializer': {'class_name': 'Ones', 'config': {}},
            'moving_mean_initializer': {'class_name': 'Zeros', 'config': {}},
            'moving_variance_initializer': {'class_name': 'Ones', 'config': {}},
            'beta_regularizer': None, 'gamma_regularizer': None, 'beta_constraint': None, 'gamma_constraint': None}})
        layers.append({'class_name': 'Activation', 'config': {'name': f'relu{i}', 'trainable': True, 'dtype': 'float32', 'activation': 'relu'}})
        if pool:
            layers.append({'class_name': 'MaxPooling1D', 'config': {'name': f'pool{i}', 'trainable': True, 'dtype': 'float32',
                                                                     'pool_size': [2], 'strides': [2], 'padding': 'valid', 'data_format': 'channels_last'}})
    layers.append({'class_name': 'GlobalAveragePooling1D', 'config': {'name': 'gap', 'trainable': True, 'dtype': 'float32', 'data_format': 'channels_last'}})
    layers.append({'class_name': 'Dense', 'config': {
        'name': 'probs', 'trainable': True, 'dtype': 'float32', 'units': 7, 'activation': 'softmax', 'use_bias': True,
        'kernel_initializer': {'class_name': 'Zeros', 'config': {}}, 'bias_initializer': {'class_name': 'Zeros', 'config': {}},
        'kernel_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None,
        'kernel_constraint': None, 'bias_constraint': None}})
    return {'class_name': 'Sequential', 'config': {'name': 'voice_emotion_cnn', 'layers': layers},
            'keras_version': '2.11.0', 'backend': 'tensorflow'}


def keras_weights(model):
    """[(name, float32 array in Keras layout)] in layer order."""
    out = []
    convs = [m for m in model.features if isinstance(m, torch.nn.Conv1d)]
    bns = [m for m in model.features if isinstance(m, torch.nn.BatchNorm1d)]
    for i, (cv, bn) in enumerate(zip(convs, bns), 1):
        out.append((f'conv{i}/kernel', cv.weight.detach().numpy().transpose(2, 1, 0)))
        out.append((f'conv{i}/bias', cv.bias.detach().numpy()))
        out.append((f'bn{i}/gamma', bn.weight.detach().numpy()))
        out.append((f'bn{i}/beta', bn.bias.detach().numpy()))
        out.append((f'bn{i}/moving_mean', bn.running_mean.detach().numpy()))
        out.append((f'bn{i}/moving_variance', bn.running_var.detach().numpy()))
    out.append(('probs/kernel', model.fc.weight.detach().numpy().T))
    out.append(('probs/bias', model.fc.bias.detach().numpy()))
    return [(n, np.ascontiguousarray(w, dtype=np.float32)) for n, w in out]


def round_to_f16(model):
    with torch.no_grad():
        for p in list(model.parameters()) + list(model.buffers()):
            if p.dtype.is_floating_point:
                p.copy_(p.half().float())


def raw_parity_input(T, D):
    """A raw (un-normalised) feature window: parity input 0 scaled and shifted (see the TS test)."""
    return (parity_inputs(1, T, D) * 2.0 - 3.0 + 0.01 * np.arange(D, dtype=np.float32)).astype(np.float32)


def preprocess(raw, mean, std, cmn, spk=None, stream=None):
    """The runtime normalisation (voice-model.ts): speaker normalisation by the statistics of `stream`
    (frames [n, D] pushed into a RunningNorm; none = the prior) when the model has one, per-window
    mean removal on cmn dims, then mean/std."""
    x = raw.astype(np.float64).copy()
    if spk:
        w = spk['dims'][1] - spk['dims'][0]
        S, SS, n = sn.sums(stream, spk) if stream is not None else (np.zeros(w), np.zeros(w), 0.0)
        m, sd = sn.stats_from_sums(spk, S[None], SS[None], np.array([n]))
        sn.apply(x, spk, m, sd)
    if cmn:
        a, b = cmn
        x[:, :, a:b] -= x[:, :, a:b].mean(1, keepdims=True)
    return ((x - mean) / std).astype(np.float32)


def export(model, mean, std, out, feature_config, T, extra_meta=None):
    os.makedirs(out, exist_ok=True)
    model.eval()
    D = model.features[0].in_channels
    cmn = (extra_meta or {}).get('windowMeanNorm')
    spk = (extra_meta or {}).get('speakerNorm')
    raw = raw_parity_input(T, D)
    mean64, std64 = np.asarray(mean, np.float64), np.asarray(std, np.float64)
    x = np.concatenate([parity_inputs(4, T, D), preprocess(raw, mean64, std64, cmn, spk),
                        preprocess(raw, mean64, std64, cmn, spk, raw[0])])
    with torch.no_grad():
        probs32 = torch.softmax(model(torch.from_numpy(x)), -1).numpy()
    round_to_f16(model)  # the shipped weights are float16: reference outputs use exactly those
    with torch.no_grad():
        probs16 = torch.softmax(model(torch.from_numpy(x)), -1).numpy()
    weights = keras_weights(model)
    blob = b''.join(w.astype(np.float16).tobytes() for _, w in weights)
    shard = 'voice.weights.bin'
    with open(os.path.join(out, shard), 'wb') as f:
        f.write(blob)
    meta = {'emotions': EMOTIONS, 'featureConfig': feature_config, 'windowFrames': T, 'frameDim': D,
            'mean': [round(float(v), 6) for v in mean], 'std': [round(float(v), 6) for v in std]}
    if extra_meta:
        meta.update(extra_meta)
    model_json = {
        'format': 'layers-model',
        'generatedBy': f'pytorch {torch.__version__}',
        'convertedBy': 'models/voice/export_tfjs.py',
        'modelTopology': keras_topology(model, T, D),
        'weightsManifest': [{'paths': [shard], 'weights': [
            {'name': n, 'shape': list(w.shape), 'dtype': 'float32', 'quantization': {'dtype': 'float16'}} for n, w in weights]}],
        'userDefinedMetadata': meta,
    }
    with open(os.path.join(out, 'model.json'), 'w') as f:
        json.dump(model_json, f)
    with open(os.path.join(out, 'features.json'), 'w') as f:
        json.dump(meta, f, indent=1)
    parity = {'inputs': {'formula': 'parityInputs', 'n': 4, 'T': T, 'D': D},
              'torchProbs': probs16[:4].round(7).tolist(), 'torchProbsFloat32Weights': probs32[:4].round(7).tolist(),
              'rawInput': {'formula': 'parityInputs(1)*2 - 3 + 0.01*d', 'note': 'raw features through the full runtime normalisation'},
              'torchProbsFromRaw': probs16[4].round(7).tolist(),
              'torchProbsFromRawWithStream': probs16[5].round(7).tolist(),
              'streamNote': 'speaker-normalised by a RunningNorm fed the raw window itself (same as FromRaw without speakerNorm)',
              'float16VsFloat32MaxDiff': float(np.abs(probs16 - probs32).max())}
    with open(os.path.join(out, 'parity.json'), 'w') as f:
        json.dump(parity, f)
    size = sum(os.path.getsize(os.path.join(out, p)) for p in ['model.json', shard])
    print(f'exported to {out}: {sum(w.size for _, w in weights)} parameters, model.json + shard {size} bytes; '
          f'float16 vs float32 max prob diff {parity["float16VsFloat32MaxDiff"]:.2e}')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', default=os.path.join(HERE, 'work', 'final.pt'))
    ap.add_argument('--out', default=os.path.join(HERE, 'tfjs'))
    ap.add_argument('--features-index', default=os.path.join(HERE, 'work', 'features', 'index.json'))
    ap.add_argument('--random-tiny', action='store_true', help='export a tiny random model (exporter test)')
    ap.add_argument('--random-tiny-spk', action='store_true', help='a tiny random 76-dim model with speaker normalisation (exporter test)')
    args = ap.parse_args()
    if args.random_tiny:
        torch.manual_seed(0)
        D, T = 12, 16
        model = VoiceNet(in_dim=D, layers=[(8, 3, True), (6, 5, False)])
        with torch.no_grad():  # non-trivial BN statistics
            for m in model.modules():
                if isinstance(m, torch.nn.BatchNorm1d):
                    m.running_mean.uniform_(-0.5, 0.5); m.running_var.uniform_(0.5, 2.0)
                    m.weight.uniform_(0.5, 1.5); m.bias.uniform_(-0.3, 0.3)
        export(model, np.zeros(D), np.ones(D), args.out, {'test': True}, T)
        return
    if args.random_tiny_spk:
        torch.manual_seed(1)
        D, T = 76, 16
        model = VoiceNet(in_dim=D, layers=[(8, 3, True), (6, 5, False)])
        rng = np.random.default_rng(3)
        spk = dict(sn.DEFAULT, priorMean=[round(float(v), 6) for v in rng.uniform(-2, 0, D)],
                   priorVar=[round(float(v), 6) for v in rng.uniform(0.5, 3, D)], priorFrames=10)
        export(model, rng.uniform(-0.2, 0.2, D), rng.uniform(0.8, 1.2, D), args.out, {'test': True}, T,
               {'speakerNorm': spk, 'windowMeanNorm': [0, 60]})
        return
    ck = torch.load(args.ckpt, map_location='cpu')
    model = VoiceNet(in_dim=ck['in_dim'], layers=[tuple(l) for l in ck['layers']])
    model.load_state_dict(ck['state_dict'])
    idx_cfg = json.load(open(args.features_index))['config'] if os.path.exists(args.features_index) else {}
    T = idx_cfg.get('windowFrames', 100)
    export(model, ck['mean'], ck['std'], args.out, idx_cfg, T,
           {'windowMeanNorm': list(ck['cmn']) if ck.get('cmn') else None,
            'speakerNorm': ck.get('speakerNorm'), 'recipe': ck.get('recipe'),
            'trainedOn': 'all speakers of all corpora' if not ck.get('heldOut') else f'held out: {ck["heldOut"]}',
            'trainConfig': ck.get('config')})


if __name__ == '__main__':
    main()
