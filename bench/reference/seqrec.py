"""PyTorch reference for RecLens's SASRec (src/ml/seqrec): the same post-LN BERT-style encoder, tied output layer,
full-softmax cross-entropy at target positions, global-norm clipping and AdamW, trained on the batches and from the
initial weights that bench/side/seqrec.ts writes. Ours, written for bench/all.ts; prints one JSON line.
Usage: python3 seqrec.py DIR REPS [THREADS]"""
import json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

d = sys.argv[1]
reps = int(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else os.cpu_count()
torch.set_num_threads(threads)
meta = json.load(open(os.path.join(d, 'meta.json')))
c = meta['config']
S, B, L = meta['steps'], meta['batch'], meta['len']
T = meta['targetsPerBatch']
ld = lambda name: np.fromfile(os.path.join(d, name), dtype=np.int32)
ids = torch.from_numpy(ld('ids.i32').reshape(S, B, L)).long()
types = torch.from_numpy(ld('types.i32').reshape(S, B, L)).long()
pos = torch.from_numpy(ld('pos.i32').reshape(S, B, L)).long()
flat = torch.from_numpy(ld('flat.i32').reshape(S, T)).long()
targets = torch.from_numpy(ld('targets.i32').reshape(S, T)).long()
raw = np.fromfile(os.path.join(d, 'weights.f32'), dtype=np.float32)
H, heads, n, p = c['hidden'], c['heads'], c['numItems'], c['dropout']
dh = H // heads
EPS = 1e-12
F32_MIN = float(np.finfo(np.float32).min)
# Causal bias as RecLens builds it: -1e9 above the diagonal (no padding in these batches, so no padding mask).
causal = torch.triu(torch.ones(L, L), 1) * -1e9


def fresh():
    w = {}
    for e in meta['weights']:
        size = int(np.prod(e['shape']))
        w[e['key']] = torch.tensor(raw[e['offset']:e['offset'] + size].reshape(e['shape']), requires_grad=True)
    return w


def ln(x, w, key):
    return F.layer_norm(x, (H,), w[key + '.weight'], w[key + '.bias'], EPS)


def lin(x, w, key):
    return F.linear(x, w[key + '.weight'], w[key + '.bias'])


def loss_fn(w, s):
    x = F.embedding(ids[s], w['embeddings.item']) + F.embedding(types[s], w['embeddings.type']) + F.embedding(pos[s], w['embeddings.position'])
    x = F.dropout(ln(x, w, 'embeddings.norm'), p, True)
    for i in range(c['layers']):
        k = f'encoder.layer.{i}'
        split = lambda t: t.view(B, L, heads, dh).transpose(1, 2)
        q, kk, v = (split(lin(x, w, f'{k}.attention.{m}')) for m in ('query', 'key', 'value'))
        probs = torch.softmax(q @ kk.transpose(-1, -2) / math.sqrt(dh) + causal, -1)
        ctx = (F.dropout(probs, p, True) @ v).transpose(1, 2).reshape(B, L, H)
        x = ln(F.dropout(lin(ctx, w, f'{k}.attention.output'), p, True) + x, w, f'{k}.attention.norm')
        inner = F.gelu(lin(x, w, f'{k}.intermediate'))
        x = ln(F.dropout(lin(inner, w, f'{k}.output'), p, True) + x, w, f'{k}.norm')
    h = x.reshape(B * L, H)[flat[s]]
    logits = h @ w['embeddings.item'][1:n + 1].T + w['output.bias']
    return F.cross_entropy(logits, targets[s])


def run(rep):
    torch.manual_seed(rep)
    w = fresh()
    decay = [w[e['key']] for e in meta['weights'] if e['decay']]
    keep = [w[e['key']] for e in meta['weights'] if not e['decay']]
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': c['weightDecay']}, {'params': keep, 'weight_decay': 0.0}], lr=c['learningRate'], betas=(0.9, 0.999), eps=1e-8)
    losses = []
    t1 = 0.0
    for s in range(S):
        if s == 1:
            t1 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(w, s)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(list(w.values()), c['maxGradNorm'])
        opt.step()
        losses.append(loss.item())
    return {'stepsPerSec': (S - 1) / (time.perf_counter() - t1), 'losses': losses}


print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'runs': [run(r) for r in range(reps)]}))
