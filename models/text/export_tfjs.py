#!/usr/bin/env python3
"""Exports a TextNet checkpoint (models/text/train.py) to a TF.js layers model.

No tensorflowjs converter is needed: the Keras functional topology is written by hand.
  inputs  ids [n, L] int32 (feature ids, 0 = padding), weights [n, L] float32 (1/count, 0 for padding)
  Embedding(buckets+1, dim) -> Dot(axes=1) with weights (= mean embedding) -> [Dense relu] -> Dense softmax
The temperature (and the optional per-class logit bias) from training are folded into the last Dense.
The embedding table is stored as uint8 (TF.js affine quantisation: w = q * scale + min); the
small dense layers as float32. The reference probabilities in parity.json are computed with exactly
the dequantised weights.

  python3 models/text/export_tfjs.py --ckpt models/text/work/final/model.pt --out models/text/tfjs
  python3 models/text/export_tfjs.py --random-tiny --out /tmp/x     # tiny random model (exporter test)

Writes model.json, text.weights.bin, parity.json (the parity sentences, their feature ids and the
PyTorch probabilities) and, for a real checkpoint, prints the dev metrics of the quantised model.
"""
import argparse, json, os, sys
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from net import TextNet  # noqa: E402

EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']
HERE = os.path.dirname(os.path.abspath(__file__))


def _dense(name, units, activation):
    return {'class_name': 'Dense', 'config': {
        'name': name, 'trainable': True, 'dtype': 'float32', 'units': units, 'activation': activation, 'use_bias': True,
        'kernel_initializer': {'class_name': 'Zeros', 'config': {}}, 'bias_initializer': {'class_name': 'Zeros', 'config': {}},
        'kernel_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None,
        'kernel_constraint': None, 'bias_constraint': None}}


def keras_topology(rows, dim, hidden):
    def node(layer, inbound):
        layer['name'] = layer['config']['name']
        layer['inbound_nodes'] = [[[n, 0, 0, {}] for n in inbound]] if inbound else []
        return layer
    layers = [
        node({'class_name': 'InputLayer', 'config': {'batch_input_shape': [None, None], 'dtype': 'int32', 'sparse': False, 'name': 'ids'}}, []),
        node({'class_name': 'InputLayer', 'config': {'batch_input_shape': [None, None], 'dtype': 'float32', 'sparse': False, 'name': 'weights'}}, []),
        node({'class_name': 'Embedding', 'config': {
            'name': 'emb', 'trainable': True, 'dtype': 'float32', 'input_dim': rows, 'output_dim': dim,
            'embeddings_initializer': {'class_name': 'Zeros', 'config': {}}, 'embeddings_regularizer': None,
            'activity_regularizer': None, 'embeddings_constraint': None, 'mask_zero': False, 'input_length': None}}, ['ids']),
        node({'class_name': 'Dot', 'config': {'name': 'mean', 'trainable': True, 'dtype': 'float32', 'axes': 1, 'normalize': False}},
             ['weights', 'emb']),
    ]
    last = 'mean'
    if hidden:
        layers.append(node(_dense('hidden', hidden, 'relu'), [last]))
        last = 'hidden'
    layers.append(node(_dense('probs', 7, 'softmax'), [last]))
    return {'class_name': 'Model', 'config': {'name': 'text_emotion', 'layers': layers,
                                              'input_layers': [['ids', 0, 0], ['weights', 0, 0]],
                                              'output_layers': [['probs', 0, 0]]},
            'keras_version': '2.11.0', 'backend': 'tensorflow'}


def quantize_uint8(w):
    """TF.js affine uint8 quantisation; returns (bytes, scale, min, dequantised float32 array)."""
    lo, hi = float(w.min()), float(w.max())
    scale = (hi - lo) / 255.0 if hi > lo else 1.0
    q = np.clip(np.round((w - lo) / scale), 0, 255).astype(np.uint8)
    deq = q.astype(np.float32) * np.float32(scale) + np.float32(lo)
    return q.tobytes(), scale, lo, deq


def fold_and_quantize(model, temperature, bias):
    """Temperature and logit bias into the last layer; embedding -> uint8 (the model is updated in place)."""
    with torch.no_grad():
        model.fc.weight.div_(temperature)
        model.fc.bias.div_(temperature).add_(torch.tensor(bias, dtype=torch.float32))
        blob, scale, lo, deq = quantize_uint8(model.emb.weight.numpy())
        model.emb.weight.copy_(torch.from_numpy(deq))
    return blob, scale, lo


def probs_for_ids(model, id_rows):
    lens = [len(r) for r in id_rows]
    flat = torch.tensor([i for r in id_rows for i in r], dtype=torch.int64)
    offsets = torch.tensor(np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64))
    w = torch.tensor(np.repeat(1.0 / np.maximum(lens, 1), lens).astype(np.float32))
    model.eval()
    with torch.no_grad():
        return torch.softmax(model(flat, offsets, w), -1).numpy()


def export(model, out, meta, parity_sentences, parity_ids):
    os.makedirs(out, exist_ok=True)
    blob, scale, lo = fold_and_quantize(model, meta['temperature'], meta['bias'])
    dense = [('probs/kernel', model.fc.weight.detach().numpy().T), ('probs/bias', model.fc.bias.detach().numpy())]
    if model.hidden is not None:
        dense = [('hidden/kernel', model.hidden.weight.detach().numpy().T), ('hidden/bias', model.hidden.bias.detach().numpy())] + dense
    dense = [(n, np.ascontiguousarray(w, dtype=np.float32)) for n, w in dense]
    rows, dim = model.emb.weight.shape
    shard = 'text.weights.bin'
    with open(os.path.join(out, shard), 'wb') as f:
        f.write(blob)
        for _, w in dense:
            f.write(w.tobytes())
    specs = [{'name': 'emb/embeddings', 'shape': [rows, dim], 'dtype': 'float32',
              'quantization': {'dtype': 'uint8', 'scale': scale, 'min': lo}}]
    specs += [{'name': n, 'shape': list(w.shape), 'dtype': 'float32'} for n, w in dense]
    model_json = {'format': 'layers-model', 'generatedBy': f'pytorch {torch.__version__}',
                  'convertedBy': 'models/text/export_tfjs.py',
                  'modelTopology': keras_topology(rows, dim, model.hidden.out_features if model.hidden is not None else 0),
                  'weightsManifest': [{'paths': [shard], 'weights': specs}], 'userDefinedMetadata': meta}
    with open(os.path.join(out, 'model.json'), 'w') as f:
        json.dump(model_json, f)
    probs = probs_for_ids(model, parity_ids)
    with open(os.path.join(out, 'parity.json'), 'w') as f:
        json.dump({'sentences': parity_sentences, 'ids': parity_ids, 'torchProbs': probs.round(7).tolist()}, f)
    size = sum(os.path.getsize(os.path.join(out, p)) for p in ['model.json', shard])
    print(f'exported to {out}: {rows * dim + sum(w.size for _, w in dense)} parameters, model.json + shard {size} bytes')
    return size


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', default=os.path.join(HERE, 'work', 'final', 'model.pt'))
    ap.add_argument('--out', default=os.path.join(HERE, 'tfjs'))
    ap.add_argument('--features', default=os.path.join(HERE, 'work', 'features'))
    ap.add_argument('--no-bias', action='store_true', help='fold only the temperature, not the tuned logit bias')
    ap.add_argument('--meld-val-bias', action='store_true',
                    help='fold the per-class bias tuned on meld-val (a held-out block of MELD train; train.py --meld-val)')
    ap.add_argument('--random-tiny', action='store_true', help='export a tiny random model (exporter test)')
    args = ap.parse_args()
    torch.set_num_threads(1)
    if args.random_tiny:
        torch.manual_seed(0)
        buckets = 1000
        model = TextNet(buckets + 1, 8, hidden=6)
        with torch.no_grad():
            model.emb.weight.uniform_(-1, 1)
        ids = [[1 + (37 * i * (k + 3) + 11 * k) % buckets for i in range(5 + 7 * k)] for k in range(4)]
        meta = {'emotions': EMOTIONS, 'buckets': buckets, 'dim': 8, 'temperature': 1.3, 'bias': [0.1, 0, 0, 0, -0.2, 0, 0], 'test': True}
        export(model, args.out, meta, [], ids)
        return
    ck = torch.load(args.ckpt, map_location='cpu')
    model = TextNet(ck['buckets'] + 1, ck['dim'], ck['hidden'])
    model.load_state_dict(ck['state_dict'])
    res = ck['result']
    bias = [0.0] * 7 if args.no_bias else res['biasMeldVal'] if args.meld_val_bias else ck['bias']
    par = json.load(open(os.path.join(args.features, 'parity.json')))
    par_ids = [[1 + h % ck['buckets'] for h in row] for row in par['hashes']]
    meta = {'emotions': EMOTIONS, 'buckets': ck['buckets'], 'dim': ck['dim'], 'hidden': ck['hidden'],
            'featureConfig': ck['featureConfig'], 'temperature': round(ck['temperature'], 6), 'bias': [round(b, 6) for b in bias],
            'trainedOn': 'train splits of ' + ', '.join(c for c in ['goemotions', 'emoevent', 'meld', 'isear'] if c != res.get('holdout')),
            'trainConfig': res['config']}
    export(model, args.out, meta, par['sentences'], par_ids)
    # dev metrics of the exported (quantised, folded) model, as a check against training
    sys.path.insert(0, HERE)
    from train import load_features, group_names, logits_of, report  # noqa: E402
    rows, h, off = load_features(args.features)
    ids = 1 + h.astype(np.int64) % ck['buckets']
    dev = np.where(np.array(rows['split']) == 'dev')[0]
    lg = logits_of(model, dev, ids, off)
    rep = report(lg, np.array(rows['label'])[dev], group_names(rows)[dev], ['goemotions', 'meld', 'emoevent-es', 'emoevent-en', 'isear'])
    print(json.dumps({'exportedDev': rep}))


if __name__ == '__main__':
    main()
