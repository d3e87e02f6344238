"""Batches as src/ml/seqrec/batch.ts builds them: left padding, positions counted from the END of the sequence (0 =
newest), model ids item + 1 (0 = padding, numItems + 1 = [MASK]), event type + 1 (0 = padding/[MASK]), Cloze masks
for bert4rec. A sequence is a dict {'items': array, 'events': array or None, 'times': array or None} (numpy arrays or
lists); a row of tokens is an int64 array [len, 3] of (model id, type id, time bucket)."""
import numpy as np
import torch

from .config import time_bucket


def _tokens(seq, start, end, c):
    out = np.zeros((max(0, end - start), 3), np.int64)
    out[:, 0] = np.asarray(seq['items'][start:end], np.int64) + 1
    events, times = seq.get('events'), seq.get('times')
    out[:, 1] = np.asarray(events[start:end], np.int64) + 1 if events is not None else 1
    if c.get('timeBuckets') and times is not None:
        for k in range(start, end):
            out[k - start, 2] = time_bucket(times[k] - times[k - 1] if k > 0 else float('nan'), c['timeBuckets'])
    return out


def pack(rows, c, device=None):
    """Token rows [[id, type, gap], …] → dict of [batch, len] tensors, left-padded to the longest row; positions count
    back from the newest item, or from the window's oldest with positions 'start' (RecBole's numbering)."""
    from_start = c.get('positions', 'end') == 'start'
    batch = len(rows)
    length = max([1] + [len(r) for r in rows])
    ids = np.zeros((batch, length), np.int64)
    types = np.zeros_like(ids)
    pos = np.zeros_like(ids)
    gaps = np.zeros_like(ids)
    mask = np.zeros((batch, length), np.float32)
    for r, row in enumerate(rows):
        if len(row) == 0:
            continue
        a = np.asarray(row, np.int64)
        m = len(row)
        ids[r, length - m:] = a[:, 0]
        types[r, length - m:] = a[:, 1]
        gaps[r, length - m:] = a[:, 2]
        pos[r, length - m:] = np.arange(m) if from_start else np.arange(m - 1, -1, -1)
        mask[r, length - m:] = 1
    t = lambda x: torch.from_numpy(x).to(device) if device is not None else torch.from_numpy(x)
    return {'ids': t(ids), 'types': t(types), 'pos': t(pos), 'gaps': t(gaps), 'mask': t(mask), 'len': length}


def inference_rows(seqs, c):
    """inferenceBatch: the newest history (sasrec maxLen items; bert4rec maxLen − 1 and [MASK]); a lone [MASK] when empty."""
    keep = c['maxLen'] - 1 if c['mode'] == 'bert4rec' else c['maxLen']
    mask_id = c['numItems'] + 1
    rows = []
    for s in seqs:
        n = len(s['items'])
        row = _tokens(s, max(0, n - keep), n, c)
        if c['mode'] == 'bert4rec' or len(row) == 0:
            row = np.vstack([row, [[mask_id, 0, 0]]])
        rows.append(row)
    return rows


def sasrec_batch(seqs, c, device=None):
    """Inputs s[0..n-2], targets s[1..n-1], the newest maxLen of them; every real position carries a loss."""
    rows = [_tokens(s, max(0, len(s['items']) - 1 - c['maxLen']), len(s['items']) - 1, c) for s in seqs]
    b = pack(rows, c, device)
    flat, targets = [], []
    for r, s in enumerate(seqs):
        m, n = len(rows[r]), len(s['items'])
        flat.extend(range(r * b['len'] + b['len'] - m, (r + 1) * b['len']))
        targets.extend(int(x) for x in s['items'][n - m:n])
    return b, flat, targets


def cloze_batch(seqs, c, rng, device=None):
    """bert4rec Cloze: the newest maxLen items, each masked with probability maskProb (at least one per row); in a
    lastMaskShare of rows only the last item is masked, as at inference. Loss on the masked positions only."""
    mask_id = c['numItems'] + 1
    rows, masks = [], []
    for s in seqs:
        n = len(s['items'])
        row = _tokens(s, max(0, n - c['maxLen']), n, c)
        if rng.random() < c['lastMaskShare']:
            m = [False] * len(row)
            m[-1] = True
        else:
            m = list(rng.random(len(row)) < c['maskProb'])
            if not any(m):
                m[int(rng.integers(len(m)))] = True
        for k, x in enumerate(m):
            if x:
                row[k] = [mask_id, 0, row[k][2]]
        rows.append(row)
        masks.append(m)
    b = pack(rows, c, device)
    flat, targets = [], []
    for r, s in enumerate(seqs):
        m, n = masks[r], len(s['items'])
        for k, x in enumerate(m):
            if x:
                flat.append(r * b['len'] + b['len'] - len(m) + k)
                targets.append(int(s['items'][n - len(m) + k]))
    return b, flat, targets


def epoch_batches(users, length_of, batch_size, rng):
    """Shuffled, sorted by length inside windows of 8 batches (little padding), batch order shuffled again."""
    order = [users[i] for i in rng.permutation(len(users))]
    window = batch_size * 8
    batches = []
    for w in range(0, len(order), window):
        chunk = sorted(order[w:w + window], key=length_of)
        batches.extend(chunk[b:b + batch_size] for b in range(0, len(chunk), batch_size))
    return [batches[i] for i in rng.permutation(len(batches))]
