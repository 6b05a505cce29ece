"""TextNet: mean of hashed n-gram embeddings -> [Dense hidden, ReLU] -> Dense 7 (logits).

The TF.js export (export_tfjs.py) is the same computation as a Keras functional model:
inputs ids [n, L] int32 and weights [n, L] (1/count, 0 for padding) -> Embedding -> Dot(axes=1) with
the weights -> [Dense relu] -> Dense softmax.
"""
import torch


class TextNet(torch.nn.Module):
    def __init__(self, rows, dim, hidden=0, dropout=0.0, sparse=False):
        super().__init__()
        self.emb = torch.nn.EmbeddingBag(rows, dim, mode='sum', padding_idx=0, sparse=sparse)
        torch.nn.init.normal_(self.emb.weight, 0, 0.1)
        with torch.no_grad():
            self.emb.weight[0].zero_()
        self.drop = torch.nn.Dropout(dropout)
        self.hidden = torch.nn.Linear(dim, hidden) if hidden else None
        self.fc = torch.nn.Linear(hidden or dim, 7)

    def forward(self, flat_ids, offsets, weights):
        x = self.emb(flat_ids, offsets, per_sample_weights=weights)
        x = self.drop(x)
        if self.hidden is not None:
            x = self.drop(torch.relu(self.hidden(x)))
        return self.fc(x)
