"""v2 face expression model: a small depthwise-separable CNN (MobileNet-v1 style), 48x48x1 in,
7 logits out, chosen by measured TF.js WASM speed (scripts/face/arch-speed.ts, models/face/archs.json).

The layer list (ARCH2) is the same JSON the runtime executes (src/modalities/face/face-net.ts): each
'conv' / 'dw' layer is Conv2d + BatchNorm + ReLU here and one fused conv (BN folded into kernel and
bias) there. Preprocessing is the v1 one (facenet.standardise), on crops made by
src/modalities/face/align.ts (scripts/face/align-data.ts)."""
import json, os
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
ARCH_NAME = 'ds_s'


def load_arch(name=ARCH_NAME):
    with open(os.path.join(HERE, 'archs.json')) as f:
        return json.load(f)[name]


class FaceNet2(nn.Module):
    def __init__(self, layers=None, dropout=0.2):
        super().__init__()
        self.layers_spec = layers or load_arch()
        self.blocks = nn.ModuleList()
        for l in self.layers_spec:
            if l['op'] == 'conv':
                conv = nn.Conv2d(l['cin'], l['cout'], l['k'], stride=l['s'], padding=(l['k'] - 1) // 2, bias=False)
                self.blocks.append(nn.Sequential(conv, nn.BatchNorm2d(l['cout'])))
            elif l['op'] == 'dw':
                conv = nn.Conv2d(l['c'], l['c'], l['k'], stride=l['s'], padding=(l['k'] - 1) // 2, groups=l['c'], bias=False)
                self.blocks.append(nn.Sequential(conv, nn.BatchNorm2d(l['c'])))
            elif l['op'] in ('gap', 'pool'):
                self.blocks.append(nn.Identity())
            elif l['op'] == 'dense':
                self.blocks.append(nn.Sequential(nn.Dropout(dropout), nn.Linear(l['cin'], l['units'])))
            else:
                raise ValueError(l)

    def forward(self, x):
        return self.forward_saved(x)[0]

    def forward_saved(self, x):
        """-> (logits, every conv/dw layer's output by name): the activations a student learns from."""
        saved = {'input': x}
        for l, b in zip(self.layers_spec, self.blocks):
            if l['op'] in ('conv', 'dw'):
                x = b(x)
                if l['act'] == 'relu':
                    x = torch.relu(x)
                if l.get('add'):
                    x = x + saved[l['add']]
                saved[l['name']] = x
            elif l['op'] == 'pool':
                x = torch.nn.functional.max_pool2d(x, 2)
            elif l['op'] == 'gap':
                x = x.mean(dim=(2, 3))
            else:
                x = b(x)
        return x, saved


def bn_eps(model):
    """name -> BatchNorm epsilon of each conv/dw layer (a v3 student keeps v1's Keras 1e-3 where it copied v1)."""
    return {l['name']: b[1].eps for l, b in zip(model.layers_spec, model.blocks) if l['op'] in ('conv', 'dw')}


def model_from_checkpoint(ck, weights='ema'):
    """The FaceNet2 of a train2.py / train3.py checkpoint (its arch, BN epsilons and weights), in eval mode."""
    arch = ck.get('arch', ARCH_NAME)
    model = FaceNet2(load_arch(arch))
    eps = ck.get('bn_eps')  # train3.py saves them (v1's copied layers keep Keras's 1e-3)
    for l, b in zip(model.layers_spec, model.blocks):
        if eps and l['name'] in eps:
            b[1].eps = eps[l['name']]
    model.load_state_dict(ck[weights])
    return model.eval()
