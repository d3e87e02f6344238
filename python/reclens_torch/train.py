"""The training recipe of src/ml/seqrec/train.ts on PyTorch: seeded length-bucketed batches, full softmax or shared
sampled negatives (with logQ for popularity draws), Cloze masking for bert4rec, AdamW with biases and LayerNorm
weights exempt from decay, global-norm clipping, validation NDCG@10 every evalEvery epochs with patience, and the best
validated weights restored. Under torchrun every rank takes its share of each batch's rows (DistributedDataParallel
averages the gradients), rank 0 validates and decides when to stop."""
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from . import dist as D
from .batch import cloze_batch, epoch_batches, sasrec_batch
from .config import ConfigError, default_config, resolve_config
from .model import SeqRec
from .score import validation_ndcg10


class TrainStep(nn.Module):
    """The loss as a forward pass, so DistributedDataParallel sees (and all-reduces) every parameter it uses."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, b, flat, targets, negatives=None, log_q=None, reduction='mean'):
        """reduction 'sum' for DDP, where the caller divides by the targets of every rank (see train)."""
        m = self.model
        hidden = m.encode(b['ids'], b['types'], b['pos'], b['gaps'], b['mask'])
        h = hidden.reshape(-1, hidden.shape[-1])[flat]
        if negatives is None:
            return F.cross_entropy(m.logits(h), targets, reduction=reduction)
        table, bias = m.embeddings.item, m.output.bias
        tgt = (h * table[targets + 1]).sum(1, keepdim=True) + bias[targets].unsqueeze(1)
        neg = h @ table[negatives + 1].T + bias[negatives]
        if log_q is not None:
            tgt = tgt - log_q[targets].unsqueeze(1)
            neg = neg - log_q[negatives]
        # A sampled negative that is the row's own target is hidden from that row's softmax (accidentalHits).
        neg = neg.masked_fill(negatives.unsqueeze(0) == targets.unsqueeze(1), -1e9)
        logits = torch.cat([tgt, neg], 1)
        return F.cross_entropy(logits, torch.zeros(len(targets), dtype=torch.long, device=logits.device), reduction=reduction)


def hold_out_last(seqs, min_len):
    """Each user with at least min_len items: the last item becomes a validation target and leaves training."""
    train, inputs, targets = [], [], []
    for s in seqs:
        n = len(s['items'])
        if n < min_len:
            train.append(s)
            continue
        head = {k: (v[:n - 1] if v is not None else None) for k, v in s.items()}
        inputs.append(head)
        targets.append(s['items'][n - 1])
        train.append(head)
    return train, inputs, targets


def degenerate(seqs, mode, min_len):
    distinct = np.unique(np.concatenate([np.asarray(s['items'], np.int64) for s in seqs] or [np.zeros(0, np.int64)]))
    if len(distinct) == 0:
        return 'the training data has no interactions'
    if len(distinct) == 1:
        return 'the training data has only one distinct item: a recommender has nothing to rank'
    if not any(len(s['items']) >= min_len for s in seqs):
        return f'no user has {min_len} or more distinct items to train on: {mode} learns each item from the ones before it'
    return None


class Negatives:
    """negatives.ts: k distinct uniform items, or a popularity/uniform mix with the logQ correction."""

    def __init__(self, num_items, k, popular_share, counts, device):
        self.n, self.k = num_items, k
        self.k_pop = round(k * popular_share) if popular_share > 0 and k < num_items and counts.sum() > 0 else 0
        self.k_uni = k - self.k_pop
        self.p = counts / counts.sum() if self.k_pop else None
        self.log_q = None
        if self.k_pop:
            q = self.k_uni / num_items + self.k_pop * np.maximum(counts, 0) / counts.sum()
            self.log_q = torch.tensor(np.log(q), dtype=torch.float32, device=device)
        self.device = device

    def sample(self, rng):
        if self.k >= self.n:
            ids = np.arange(self.n)
        elif not self.k_pop:
            ids = rng.choice(self.n, self.k, replace=False)
        else:
            ids = np.concatenate([rng.integers(0, self.n, self.k_uni), rng.choice(self.n, self.k_pop, p=self.p)])
        return torch.as_tensor(ids, dtype=torch.long, device=self.device), self.log_q


def train(split, mode, params, seed=42, device=None, progress=None, on_epoch=None, hold_out=True):
    """Fits a fresh model on the split's training part. Returns (model, config, result); the model is on the CPU, with
    the best validated weights. `progress(dict)` receives one dict per step and per validation (rank 0 only).
    For a benchmark that validates by its own protocol (bench/reference/beauty_bert4rec.py): `on_epoch(epoch, model,
    entry)` runs after each epoch on rank 0 (it may add figures to the history entry; returning True stops the fit),
    and hold_out=False trains on every training item instead of holding each user's last one out for the built-in
    validation (which then has no users and reads 0)."""
    d = D.setup(device)
    started = time.perf_counter()
    from .split import train_sequences
    seqs = train_sequences(split)
    min_len = 2 if mode == 'sasrec' else 1
    seqs, val_inputs, val_targets = hold_out_last(seqs, 3 if mode == 'sasrec' else 2) if hold_out else (seqs, [], [])
    base = default_config(mode, int(split['numItems']), [len(s['items']) for s in seqs], int(split.get('numEventTypes') or 1))
    c = resolve_config(base, {**params, 'mode': mode})
    for key, off in (('itemText', 'off'), ('debias', 'none'), ('epochBudgetSec', 0)):
        if c[key] != off:
            hint = 'set --epochs or timeBudgetSec' if key == 'epochBudgetSec' else 'train it in the app or with `reclens train`'
            raise ConfigError(f'{key}={c[key]} is not supported by reclens_torch: {hint}')
    problem = degenerate(seqs, mode, min_len)
    if problem:
        raise ValueError(problem)
    if len(val_targets) > c['maxValUsers']:
        rows = sorted(np.random.default_rng(seed + 17).permutation(len(val_targets))[:c['maxValUsers']].tolist())
        val_inputs, val_targets = [val_inputs[r] for r in rows], [val_targets[r] for r in rows]
    users = [u for u, s in enumerate(seqs) if len(s['items']) >= min_len]
    torch.manual_seed(seed)
    model = SeqRec(c).to(d.device)
    step_module = TrainStep(model)
    if d.active:
        step_module = nn.parallel.DistributedDataParallel(step_module, device_ids=[d.device.index] if d.device.type == 'cuda' else None)
    # Dropout masks differ per rank; the weights start equal (same seed, and DDP broadcasts rank 0's).
    torch.manual_seed(seed * 1000 + d.rank + 1)
    no_decay = model.no_decay()
    named = list(model.named_parameters())
    opt = torch.optim.AdamW([
        {'params': [p for n, p in named if n not in no_decay], 'weight_decay': c['weightDecay']},
        {'params': [p for n, p in named if n in no_decay], 'weight_decay': 0.0},
    ], lr=c['learningRate'], betas=(0.9, 0.999), eps=1e-8)
    sampler = None
    if c['negatives'] > 0:
        counts = np.zeros(c['numItems'])
        for u in users:
            np.add.at(counts, seqs[u]['items'], 1)
        sampler = Negatives(c['numItems'], c['negatives'], c['popularNegatives'], counts, d.device)
    order_rng = np.random.default_rng(seed)  # the same on every rank: every rank walks the same batches
    row_rng = np.random.default_rng([seed, d.rank])  # masks and negatives of this rank's rows
    history, best, best_ndcg, best_epoch, since_best, step = [], None, -1.0, None, 0, 0
    stopped_by = 'completed'
    steps_per_epoch = -(-len(users) // c['batchSize'])
    total_steps = steps_per_epoch * c['maxEpochs']
    rows_trained = 0
    train_time = 0.0
    model.train()
    epoch = 0
    while epoch < c['maxEpochs'] and stopped_by == 'completed':
        epoch_start = time.perf_counter()
        loss_sum = 0.0
        for batch_users in epoch_batches(users, lambda u: len(seqs[u]['items']), c['batchSize'], order_rng):
            if len(batch_users) < d.world:
                continue  # fewer rows than ranks: skipped by every rank alike (one rank alone would wait on the all-reduce)
            # The step is the batch's mean over its targets, as in one process: each rank sums its own targets' losses
            # and divides by every rank's targets; DDP averages the gradients over ranks, so the sum is scaled by world.
            mine = batch_users[d.rank::d.world]
            part = [seqs[u] for u in mine]
            if mode == 'sasrec':
                b, flat, targets = sasrec_batch(part, c, d.device)
            else:
                b, flat, targets = cloze_batch(part, c, row_rng, d.device)
            flat = torch.as_tensor(flat, dtype=torch.long, device=d.device)
            targets = torch.as_tensor(targets, dtype=torch.long, device=d.device)
            negatives, log_q = sampler.sample(row_rng) if sampler else (None, None)
            opt.zero_grad(set_to_none=True)
            if d.active:
                total = D.all_sum(d, len(targets))
                loss = step_module(b, flat, targets, negatives, log_q, reduction='sum') * (d.world / max(1, total))
            else:
                loss = step_module(b, flat, targets, negatives, log_q)
            loss.backward()
            grad_norm = float(torch.nn.utils.clip_grad_norm_(model.parameters(), c['maxGradNorm']))
            opt.step()
            value = D.all_mean(d, loss.item())
            loss_sum += value
            step += 1
            rows_trained += len(batch_users)
            if progress and d.main:
                progress({'event': 'step', 'epoch': epoch + 1, 'step': step, 'totalSteps': total_steps, 'loss': value,
                          'gradNorm': grad_norm})
            # Every rank must leave the epoch at the same step: the budget is read on rank 0.
            if c['timeBudgetSec'] > 0 and D.broadcast_flag(d, time.perf_counter() - started >= c['timeBudgetSec']):
                stopped_by = 'time-budget'
                break
        train_time += time.perf_counter() - epoch_start
        epoch += 1
        entry = {'epoch': epoch, 'loss': loss_sum / max(1, steps_per_epoch), 'seconds': time.perf_counter() - started}
        if epoch % c['evalEvery'] == 0 or epoch == c['maxEpochs'] or stopped_by != 'completed':
            stop = False
            if d.main:
                ndcg = validation_ndcg10(model, val_inputs, val_targets, d.device)
                entry['valNdcg10'] = ndcg
                # Ties go to the later epoch, as in train.ts.
                if ndcg >= best_ndcg:
                    best_ndcg, best_epoch, since_best = ndcg, epoch, 0
                    best = {k: v.detach().clone() for k, v in model.state_dict().items()}
                else:
                    since_best += 1
                    stop = since_best >= c['patience']
                if progress:
                    progress({'event': 'validation', 'epoch': epoch, 'valNdcg10': ndcg, 'bestValNdcg10': best_ndcg})
            if D.broadcast_flag(d, stop) and stopped_by == 'completed':
                stopped_by = 'early-stopping'
        # on_epoch returning True stops the fit after this epoch (a benchmark's own early stopping), on every rank.
        halt = bool(on_epoch(epoch, model, entry)) if on_epoch and d.main else False
        if D.broadcast_flag(d, halt) and stopped_by == 'completed':
            stopped_by = 'early-stopping'
        history.append(entry)
    if best is not None:
        model.load_state_dict(best)
    result = {'stoppedBy': stopped_by, 'epochs': epoch, 'steps': step, 'bestValNdcg10': best_ndcg if best_epoch else None,
              'bestEpoch': best_epoch, 'history': history, 'seconds': time.perf_counter() - started,
              'trainSeconds': train_time, 'sequencesPerSec': rows_trained / train_time if train_time > 0 else None,
              'ranks': d.world, 'device': str(d.device)}
    return model.cpu(), c, result, d
