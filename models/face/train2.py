"""Train the v2 face expression model (facenet2.FaceNet2) on the CPU.

    nice -n 5 /usr/bin/python3 models/face/train2.py [--epochs 24] [--threads 1]     (npm run train:face)

Data (../shared/data/faces and models/face/work, see models/face/README.md):
  - FER2013 train (minus flag-2 rows and FER+ not-a-face), targets mixed from the FER2013 label, the
    FER+ vote distribution and the teachers' soft outputs;
  - muxspace_train without the held-out identities (subject hash, `muxspace_split`), targets from
    the single annotator's label and the teachers;
  - each face in two views: the 48x48 crop as stored ("raw", what eval:face feeds) and the aligned
    detector crop made by the runtime's preprocessing (scripts/face/align-data.ts); one of the two is
    drawn per sample and epoch.
Teachers (scripts/face/teachers.ts, models/face/work/teachers_*.f32): v1 with flip TTA, human, face-api.
Validation every epoch on FER2013 PublicTest and the muxspace held-out identities, raw and aligned;
`score` = mean of accuracy and macro-F1 over the two sets (raw views).
Writes models/face/work/v2_<tag>/: last.pt (model + EMA), metrics.jsonl."""
import argparse, json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from facenet import standardise, DEFAULT_DATA
from facenet2 import FaceNet2
from train_data import WORK, add_data_args, training_set, make_augment, evaluate as evaluate_sets

def main():
    p = argparse.ArgumentParser()
    p.add_argument('--data', default=DEFAULT_DATA)
    p.add_argument('--tag', default='main')
    p.add_argument('--epochs', type=int, default=24)
    p.add_argument('--batch', type=int, default=128)
    p.add_argument('--lr', type=float, default=0.08)
    p.add_argument('--wd', type=float, default=1e-4)
    p.add_argument('--ema', type=float, default=0.998)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--seed', type=int, default=1)
    add_data_args(p)
    p.add_argument('--max-batches', type=int, default=0)
    p.add_argument('--resume', default='')
    p.add_argument('--init', default='', help='start from the EMA weights of a checkpoint (a further stage: fresh optimiser and schedule)')
    p.add_argument('--warmup', type=float, default=0.03)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed); np.random.seed(a.seed)
    out = os.path.join(WORK, f'v2_{a.tag}')
    os.makedirs(out, exist_ok=True)

    d = training_set(a)
    RAW_t, ALI_t, DET_t, T_t, W_t, val = d['RAW'], d['ALI'], d['DET'], d['T'], d['W'], d['val']
    augment = make_augment(a)

    model = FaceNet2().to(memory_format=torch.channels_last)
    ema = FaceNet2().to(memory_format=torch.channels_last); ema.load_state_dict(model.state_dict())
    for q in ema.parameters(): q.requires_grad_(False)
    decay, no_decay = [], []
    for n_, q in model.named_parameters():
        # no weight decay on BN, biases and depthwise kernels (few weights each, as in MobileNets)
        (decay if q.ndim == 4 and q.shape[1] > 1 or q.ndim == 2 else no_decay).append(q)
    opt = torch.optim.SGD([{'params': decay, 'weight_decay': a.wd}, {'params': no_decay, 'weight_decay': 0}], lr=a.lr, momentum=0.9, nesterov=True)
    spe = math.ceil(len(RAW_t) / a.batch)
    if a.max_batches: spe = min(spe, a.max_batches)
    total = spe * a.epochs; warm = max(1, int(a.warmup * total))
    lr_at = lambda s: a.lr * (s + 1) / warm if s < warm else a.lr * 0.5 * (1 + math.cos(math.pi * (s - warm) / max(1, total - warm)))
    print(f'params {sum(q.numel() for q in model.parameters())}; {spe} batches/epoch x {a.epochs} epochs', flush=True)

    evaluate = lambda m, full=True: evaluate_sets(m, val, full)

    step, first = 0, 1
    if a.init:
        ck0 = torch.load(a.init, map_location='cpu')
        model.load_state_dict(ck0['ema']); ema.load_state_dict(ck0['ema'])
        print(f'initialised from the EMA weights of {a.init} (epoch {ck0["epoch"]})', flush=True)
    if a.resume:
        ck = torch.load(a.resume, map_location='cpu')
        model.load_state_dict(ck['model']); ema.load_state_dict(ck['ema']); opt.load_state_dict(ck['opt']); torch.set_rng_state(ck['rng'])
        first = ck['epoch'] + 1; step = ck['epoch'] * spe
    log = open(os.path.join(out, 'metrics.jsonl'), 'a')
    t_start = time.time()
    for epoch in range(first, a.epochs + 1):
        model.train(); t0 = time.time(); perm = torch.randperm(len(RAW_t)); tl = 0.0; tn = 0
        for b in range(spe):
            idx = perm[b * a.batch:(b + 1) * a.batch]
            use_al = DET_t[idx] & (torch.rand(len(idx)) < a.p_aligned)
            x = torch.where(use_al[:, None, None, None], ALI_t[idx], RAW_t[idx]).float()
            x = standardise(augment(x)).contiguous(memory_format=torch.channels_last)
            for g_ in opt.param_groups: g_['lr'] = lr_at(step)
            o = model(x)
            loss = (-(T_t[idx] * F.log_softmax(o, 1)).sum(1) * W_t[idx]).mean()
            opt.zero_grad(set_to_none=True); loss.backward(); opt.step(); step += 1
            with torch.no_grad():
                d = min(a.ema, (1 + step) / (10 + step))
                for pe, pm in zip(ema.parameters(), model.parameters()): pe.mul_(d).add_(pm.detach(), alpha=1 - d)
                for be, bm in zip(ema.buffers(), model.buffers()): be.copy_(bm)
            tl += loss.item() * len(idx); tn += len(idx)
            if epoch == first and b in (20, 100):
                print(f'  batch {b}: {(time.time() - t0) / (b + 1):.3f} s/batch', flush=True)
        train_s = time.time() - t0
        ve = evaluate(ema, full=epoch % 4 == 0 or epoch == a.epochs)
        rec = {'epoch': epoch, 'loss': round(tl / tn, 4), 'lr': round(lr_at(step - 1), 5), 'train_s': round(train_s, 1), 'elapsed_s': round(time.time() - t_start, 1), 'val_ema': ve}
        print(json.dumps(rec), flush=True); log.write(json.dumps(rec) + '\n'); log.flush()
        ck = {'epoch': epoch, 'model': model.state_dict(), 'ema': ema.state_dict(), 'opt': opt.state_dict(), 'rng': torch.get_rng_state(), 'args': vars(a), 'val_ema': ve}
        torch.save(ck, os.path.join(out, 'last.pt'))
    print(f'done in {time.time() - t_start:.0f} s', flush=True)


if __name__ == '__main__':
    main()
