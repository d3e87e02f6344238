"""The leave-one-out split of src/rec/split.ts, as split.json holds it, and the training sequences drawn from it.
Per user: interactions in time order (exposures left out unless asked for), a repeated target item dropped, the last
target interaction the test item and the one before it validation, events after the test dropped; users with fewer
than 2 targets, or nothing before validation, are train-only."""
import numpy as np

from .data import user_order


def leave_one_out(log, events=None, target_events=None):
    types = log['eventTypes']
    keep_names = events if events is not None else [t for t in types if t != 'exposure']
    keep = np.array([t in keep_names for t in types] + [False], bool)
    target = None if target_events is None else np.array([t in target_events for t in types] + [False], bool)
    order, offsets = user_order(log)
    n_users = len(log['users'])
    out_offsets = np.zeros(n_users + 1, np.int64)
    items, flags, evs = [], [], []
    val_pos = np.full(n_users, -1, np.int64)
    test_pos = np.full(n_users, -1, np.int64)
    for u in range(n_users):
        rows = order[offsets[u]:offsets[u + 1]]
        e = log['event'][rows]
        rows = rows[keep[e]]
        e = log['event'][rows]
        it = log['item'][rows]
        is_t = np.ones(len(rows), bool) if target is None else target[e]
        # A target item seen before as a target is dropped (we predict the next new item); other events stay as context.
        t_idx = np.flatnonzero(is_t)
        _, first = np.unique(it[t_idx], return_index=True)
        drop = np.ones(len(t_idx), bool)
        drop[first] = False
        kept = np.ones(len(rows), bool)
        kept[t_idx[drop]] = False
        it, e, is_t = it[kept], e[kept], is_t[kept]
        targets = np.flatnonzero(is_t)
        if len(targets) >= 2 and targets[-2] >= 1:
            val_pos[u], test_pos[u] = targets[-2], targets[-1]
            end = targets[-1] + 1
            it, e, is_t = it[:end], e[:end], is_t[:end]
        items.append(it)
        flags.append(is_t)
        evs.append(e)
        out_offsets[u + 1] = out_offsets[u] + len(it)
    cat = lambda xs, dt: np.concatenate(xs).astype(dt) if xs else np.zeros(0, dt)
    return {'offsets': out_offsets, 'items': cat(items, np.int64), 'isTarget': cat(flags, np.int64),
            'events': cat(evs, np.int64), 'numEventTypes': len(types), 'valPos': val_pos, 'testPos': test_pos,
            'options': {'events': list(events) if events is not None else None,
                        'targetEvents': list(target_events) if target_events is not None else None}}


def train_sequences(split, times=None):
    """trainData: every retained interaction but the validation and test events, per user, as batch.py sequences."""
    seqs = []
    for u in range(len(split['valPos'])):
        s, e = int(split['offsets'][u]), int(split['offsets'][u + 1])
        keep = np.ones(e - s, bool)
        for p in (split['valPos'][u], split['testPos'][u]):
            if p >= 0:
                keep[p] = False
        # numpy arrays, not lists: a log of 10^8 events as Python ints would take gigabytes.
        seqs.append({'items': split['items'][s:e][keep], 'events': split['events'][s:e][keep],
                     'times': None if times is None else times[s:e][keep]})
    return seqs
