"""Speaker / channel normalisation: the Python twin of src/modalities/voice/running-norm.ts.

Sums over a stream's speech-like frames (ln RMS > min_log_rms and flatness < max_flatness), shrunk
towards the training prior with a weight of prior_frames frames:
  mean = (S + n0*mu0) / (n + n0);  var = (SS + n0*(var0 + mu0^2)) / (n + n0) - mean^2, floored at 1e-4 + 0.01*var0
"""
import numpy as np

IDX_LOG_RMS = 60
IDX_FLATNESS = 74

DEFAULT = {'dims': [0, 76], 'priorFrames': 100, 'maxFrames': 3000, 'minLogRms': -6.33, 'maxFlatness': 0.6}


def stat_mask(frames, cfg):
    return (frames[:, IDX_LOG_RMS] > cfg['minLogRms']) & (frames[:, IDX_FLATNESS] < cfg['maxFlatness'])


def sums(frames, cfg):
    """frames [n, D] float -> (S [w], SS [w], n) over the speech-like frames (float64)."""
    a, b = cfg['dims']
    f = frames[stat_mask(frames, cfg), a:b].astype(np.float64)
    return f.sum(0), (f * f).sum(0), float(len(f))


def stats_from_sums(cfg, S, SS, n):
    """-> (mean [w], std [w]) with the prior shrinkage; S, SS may be [..., w] with n [...]."""
    mu0 = np.asarray(cfg['priorMean'], np.float64)
    v0 = np.asarray(cfg['priorVar'], np.float64)
    n0 = cfg['priorFrames']
    n = np.asarray(n, np.float64)[..., None]
    m = (S + n0 * mu0) / (n + n0)
    v = (SS + n0 * (v0 + mu0 * mu0)) / (n + n0) - m * m
    return m, np.sqrt(np.maximum(v, 1e-4 + 0.01 * v0))


def apply(x, cfg, mean, std):
    """x [B, T, D] (modified in place): dims a..b -> (x - mean) / std with mean/std [B, w]."""
    a, b = cfg['dims']
    x[:, :, a:b] = (x[:, :, a:b] - mean[:, None, :]) / std[:, None, :]
    return x
