"""The voice emotion network: a small 1-D CNN over time on per-frame features.

Input [batch, T=100, D=76] (channels last, as in the TF.js export), output 7 logits.
Every layer has a direct Keras equivalent (Conv1D 'same', BatchNormalization, ReLU,
MaxPooling1D, GlobalAveragePooling1D, Dense) so export_tfjs.py can write a layers model.
"""
import torch
import torch.nn as nn

# (out_channels, kernel, pool_after)
LAYERS = [(48, 3, True), (64, 5, True), (96, 3, True), (128, 3, False)]
BN_EPS = 1e-3


class VoiceNet(nn.Module):
    def __init__(self, in_dim=76, n_classes=7, layers=LAYERS, dropout=0.3):
        super().__init__()
        self.spec = [(c, k, p) for c, k, p in layers]
        blocks = []
        prev = in_dim
        for c, k, p in layers:
            blocks.append(nn.Conv1d(prev, c, k, padding=k // 2))
            blocks.append(nn.BatchNorm1d(c, eps=BN_EPS))
            blocks.append(nn.ReLU())
            if p:
                blocks.append(nn.MaxPool1d(2))
            prev = c
        self.features = nn.Sequential(*blocks)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(prev, n_classes)

    def forward(self, x):  # x [B, T, D]
        h = self.features(x.transpose(1, 2))
        h = h.mean(-1)
        return self.fc(self.dropout(h))
