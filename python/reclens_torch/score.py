"""Scores of every item for users' histories, computed the way TS's scoreSequences does (inferenceBatch, no dropout),
from a checkpoint folder written by either side."""
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
