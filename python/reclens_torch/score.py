"""Scores of every item for users' histories, computed the way TS's scoreSequences does (inferenceBatch, no dropout),
from a checkpoint folder written by either side."""
import math

import numpy as np
import torch

from .batch import inference_rows, pack
from .checkpoint import history_of, read_checkpoint
from .model import SeqRec

CHUNK = 256


def load_model(folder, device='cpu'):
    ck = read_checkpoint(folder)
    model_name = ck['config']['model']
    if model_name not in ('sasrec', 'bert4rec'):
        raise ValueError(f'{folder} holds a {model_name} model; reclens_torch scores sasrec and bert4rec')
    model = SeqRec(ck['settings'])
    state = {k: torch.from_numpy(np.asarray(v, np.float32)) for k, v in ck['tensors'].items()}
    model.load_state_dict(state, strict=True)
    return ck, model.to(device).eval()


@torch.no_grad()
def score_sequences(model, seqs, device='cpu'):
    """[len(seqs), numItems] float32 scores; rows of similar length share a pass, as score.ts chunks them."""
    c = model.config
    out = np.zeros((len(seqs), c['numItems']), np.float32)
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]['items']))
    for r in range(0, len(order), CHUNK):
        rows = order[r:r + CHUNK]
        b = pack(inference_rows([seqs[i] for i in rows], c), c, device)
        out[rows] = model(b['ids'], b['types'], b['pos'], b['gaps'], b['mask']).float().cpu().numpy()
    return out


def score_users(folder, user_ids=None, stage='all', device='cpu'):
    """(user ids, scores [users × items], item ids) for the given user ids (all users when None), conditioned on
    their history at `stage`."""
    ck, model = load_model(folder, device)
    index = {u: i for i, u in enumerate(ck['users'])}
    wanted = ck['users'] if user_ids is None else user_ids
    missing = [u for u in wanted if u not in index]
    if missing:
        raise ValueError(f"unknown user id(s) {', '.join(missing[:5])} (not in users.json)")
    seqs = [history_of(ck['split'], index[u], stage) for u in wanted]
    return list(wanted), score_sequences(model, seqs, device), ck['items']


@torch.no_grad()
def validation_ndcg10(model, seqs, targets, device='cpu', exclude=None):
    """Mean NDCG@10 of `targets` given `seqs` (score.ts validationNdcg10): full ranking, each row's `exclude` (default:
    its history) never ranked but its target always, ties counted half. Chunk by chunk on the model's device, so a
    catalogue of millions of items never needs a [users × items] matrix at once."""
    if not targets:
        return 0.0
    c = model.config
    was_training = model.training
    model.eval()
    total = 0.0
    for r in range(0, len(seqs), CHUNK):
        part = seqs[r:r + CHUNK]
        b = pack(inference_rows(part, c), c, device)
        s = model(b['ids'], b['types'], b['pos'], b['gaps'], b['mask']).float()
        tgt = torch.as_tensor(targets[r:r + CHUNK], dtype=torch.long, device=s.device)
        rows, cols = [], []
        for k, q in enumerate(part):
            ex = np.asarray(q['items'] if exclude is None else exclude[r + k], np.int64)
            ex = ex[ex != int(tgt[k])]
            rows.append(np.full(len(ex), k))
            cols.append(ex)
        if rows:
            s[torch.as_tensor(np.concatenate(rows), device=s.device), torch.as_tensor(np.concatenate(cols), device=s.device)] = -math.inf
        t = s.gather(1, tgt[:, None])
        rank = 1 + (s > t).sum(1) + ((s == t).sum(1) - 1) // 2
        gain = 1 / torch.log2(rank.double() + 1)
        total += float(torch.where(rank <= 10, gain, torch.zeros_like(gain)).sum())
    model.train(was_training)
    return total / len(targets)


def evaluate_ndcg10(folder, stage='test', device='cpu'):
    """NDCG@10 of a checkpoint on its own split (full ranking, as `reclens evaluate --stage` computes it): every user
    with a held-out item, history before it, target-type items of the history excluded (split.ts excludedItems)."""
    ck, model = load_model(folder, device)
    sp = ck['split']
    pos_of = sp['testPos' if stage == 'test' else 'valPos']
    seqs, targets, exclude = [], [], []
    for u in range(len(ck['users'])):
        if pos_of[u] < 0:
            continue
        h = history_of(sp, u, stage)
        start = int(sp['offsets'][u])
        n = len(h['items'])
        seqs.append(h)
        targets.append(int(sp['items'][start + pos_of[u]]))
        exclude.append(np.asarray(h['items'])[sp['isTarget'][start:start + n] == 1])
    return {'users': len(targets), 'NDCG@10': validation_ndcg10(model, seqs, targets, device, exclude)}


def ndcg10(row, target, exclude):
    """NDCG@10 of one row, ties counted half, history excluded (score.ts ndcg10)."""
    t = row[target]
    keep = np.ones(len(row), bool)
    ex = np.asarray(exclude, np.int64)
    keep[ex[ex != target]] = False
    keep[target] = False
    greater = int(np.sum(row[keep] > t))
    ties = int(np.sum(row[keep] == t))
    rank = 1 + greater + ties // 2
    return 1 / np.log2(rank + 1) if rank <= 10 else 0.0
