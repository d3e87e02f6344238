"""PyTorch reference for RecLens's SASRec (src/ml/seqrec): the network and loss are the package's own
(python/reclens_torch: model.SeqRec, train.TrainStep — the post-LN encoder, tied output layer, full-softmax
cross-entropy at target positions), run with global-norm clipping and AdamW on the batches and from the initial
weights that bench/side/seqrec.ts writes. Ours, written for bench/all.ts and bench/gpu; prints one JSON line.
Usage: python3 seqrec.py DIR REPS [THREADS] [DEVICE]   (DEVICE: cpu, the default, or cuda)"""
import json, os, sys, time
import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'python'))
from reclens_torch.model import SeqRec  # noqa: E402
from reclens_torch.train import TrainStep  # noqa: E402

d = sys.argv[1]
reps = int(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else os.cpu_count()
device = torch.device(sys.argv[4] if len(sys.argv) > 4 else 'cpu')
torch.set_num_threads(threads)
meta = json.load(open(os.path.join(d, 'meta.json')))
c = meta['config']
S, B, L = meta['steps'], meta['batch'], meta['len']
T = meta['targetsPerBatch']
ld = lambda name: np.fromfile(os.path.join(d, name), dtype=np.int32)
ids = torch.from_numpy(ld('ids.i32').reshape(S, B, L)).long().to(device)
types = torch.from_numpy(ld('types.i32').reshape(S, B, L)).long().to(device)
pos = torch.from_numpy(ld('pos.i32').reshape(S, B, L)).long().to(device)
flat = torch.from_numpy(ld('flat.i32').reshape(S, T)).long().to(device)
targets = torch.from_numpy(ld('targets.i32').reshape(S, T)).long().to(device)
raw = np.fromfile(os.path.join(d, 'weights.f32'), dtype=np.float32)
# No padding in these batches: every position is real.
mask = torch.ones(B, L, device=device)
gaps = torch.zeros(B, L, dtype=torch.long, device=device)


def fresh():
    """The package's model holding the TS side's seeded initial weights (same stable names)."""
    model = SeqRec(c)
    state = {e['key']: torch.from_numpy(raw[e['offset']:e['offset'] + int(np.prod(e['shape']))].reshape(e['shape']).copy())
             for e in meta['weights']}
    model.load_state_dict(state, strict=True)
    return model.to(device).train()


def run(rep):
    model = fresh()
    # Seeded after building the model (its initialisation draws from the generator): dropout masks as before.
    torch.manual_seed(rep)
    step = TrainStep(model)
    params = dict(model.named_parameters())
    decay = [params[e['key']] for e in meta['weights'] if e['decay']]
    keep = [params[e['key']] for e in meta['weights'] if not e['decay']]
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': c['weightDecay']}, {'params': keep, 'weight_decay': 0.0}], lr=c['learningRate'], betas=(0.9, 0.999), eps=1e-8)
    losses = []
    t1 = 0.0
    # As the TF.js side (and trainSeqRec): each loss is read one step late, once the next step is queued, so a GPU
    # never idles waiting for the host; item() waits for that step's kernels, and the last read ends the clock.
    unread = None
    for s in range(S):
        if s == 1:
            losses.append(unread.item())
            unread = None
            t1 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        b = {'ids': ids[s], 'types': types[s], 'pos': pos[s], 'gaps': gaps, 'mask': mask}
        loss = step(b, flat[s], targets[s])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(list(params.values()), c['maxGradNorm'])
        opt.step()
        if unread is not None:
            losses.append(unread.item())
        unread = loss.detach()
    losses.append(unread.item())
    return {'stepsPerSec': (S - 1) / (time.perf_counter() - t1), 'losses': losses}


def matmul_gflops(n=1024):
    """GFLOP/s of one n × n float32 product with the same threads and device, after one untimed product: each run's
    share of its backend's own matmul rate is taken against the rate right after it (bench/all.ts does the same)."""
    a = torch.randn(n, n, device=device)
    b = torch.randn(n, n, device=device)
    a @ b
    sync = torch.cuda.synchronize if device.type == 'cuda' else (lambda: None)
    sync()
    t = time.perf_counter()
    a @ b
    sync()
    return 2 * n ** 3 / (time.perf_counter() - t) / 1e9


def run_and_matmul(rep):
    r = run(rep)
    r['matmulGflops'] = matmul_gflops()
    return r


gpu = torch.cuda.get_device_name(device) if device.type == 'cuda' else None
print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'device': device.type, 'gpu': gpu,
                  'runs': [run_and_matmul(r) for r in range(reps)]}))
