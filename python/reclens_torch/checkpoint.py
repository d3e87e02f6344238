"""The checkpoint folder of src/rec/checkpoint.ts, read and written: config.json (with the SHA-256 of every other
file), users.json, items.json, split.json, model.safetensors. JSON is written compactly as JSON.stringify does, and
config.json indented by 2 with a trailing newline, so the TS reader's checks (ids, sizes, checksums) all pass."""
import datetime
import hashlib
import json
import os

import numpy as np

from .config import validate_config
from .safetensors import read_safetensors, write_safetensors

FORMAT = 'reclens-checkpoint'
VERSION = 1
FILES = ('config.json', 'users.json', 'items.json', 'split.json', 'model.safetensors')


class CheckpointError(ValueError):
    pass


def _compact(x):
    return json.dumps(x, separators=(',', ':'), ensure_ascii=False)


def _plain(v):
    """Numbers as JSON.stringify writes them: 1.0 → 1, so settings read the same on both sides."""
    if isinstance(v, float) and v.is_integer() and abs(v) < 2 ** 53:
        return int(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return _plain(float(v))
    return v


def split_json(split):
    out = {k: [int(x) for x in split[k]] for k in ('offsets', 'items', 'isTarget', 'valPos', 'testPos')}
    if split.get('events') is not None:
        out['events'] = [int(x) for x in split['events']]
        out['numEventTypes'] = int(split['numEventTypes'])
    return out


def write_checkpoint(out_dir, *, model, backend, settings, tensors, users, items, split, seed, train_seconds, source,
                     interactions):
    """Writes the folder; returns the file paths. `tensors`: name → numpy float32 array."""
    files = {
        'users.json': _compact(list(users)).encode('utf-8'),
        'items.json': _compact(list(items)).encode('utf-8'),
        'split.json': _compact(split_json(split)).encode('utf-8'),
        'model.safetensors': write_safetensors(tensors, {'format': FORMAT, 'model': model}),
    }
    config = {
        'format': FORMAT, 'version': VERSION, 'model': model, 'backend': backend,
        'settings': {k: _plain(v) for k, v in settings.items()},
        'seed': seed, 'trainSeconds': train_seconds,
        'createdAt': datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='milliseconds').replace('+00:00', 'Z'),
        'data': {'source': source, 'users': len(users), 'items': len(items), 'interactions': interactions},
        'split': {'kind': 'leave-one-out', 'events': split.get('options', {}).get('events'),
                  'targetEvents': split.get('options', {}).get('targetEvents')},
        'sha256': {name: hashlib.sha256(content).hexdigest() for name, content in files.items()},
    }
    files = {'config.json': (json.dumps(config, indent=2, ensure_ascii=False) + '\n').encode('utf-8'), **files}
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for name, content in files.items():
        path = os.path.join(out_dir, name)
        with open(path, 'wb') as f:
            f.write(content)
        paths.append(path)
    return paths


def read_checkpoint(folder):
    """config, users, items, split (numpy arrays), tensors; checksums and sizes checked as decodeCheckpoint does."""
    def raw(name):
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            raise CheckpointError(f'checkpoint {folder} is missing {name}')
        with open(path, 'rb') as f:
            return f.read()

    config = json.loads(raw('config.json'))
    if config.get('format') != FORMAT:
        raise CheckpointError(f"config.json: not a {FORMAT} (format {config.get('format')!r})")
    if config.get('version') != VERSION:
        raise CheckpointError(f"config.json: version {config.get('version')} is not supported (expected {VERSION})")
    for name, want in (config.get('sha256') or {}).items():
        if hashlib.sha256(raw(name)).hexdigest() != str(want).lower():
            raise CheckpointError(f'{name} does not match the checksum config.json records for it: the file was changed after training')
    users = json.loads(raw('users.json'))
    items = json.loads(raw('items.json'))
    s = json.loads(raw('split.json'))
    split = {k: np.asarray(s[k], np.int64) for k in ('offsets', 'items', 'isTarget', 'valPos', 'testPos')}
    if len(split['offsets']) != len(users) + 1 or split['offsets'][-1] != len(split['items']):
        raise CheckpointError('split.json: sizes do not match users.json')
    if 'events' in s:
        split['events'] = np.asarray(s['events'], np.int64)
        split['numEventTypes'] = s['numEventTypes']
    tensors, _ = read_safetensors(raw('model.safetensors'))
    settings = dict(config.get('settings') or {})
    settings.pop('epochsTrained', None)
    return {'config': config, 'settings': validate_config(settings), 'users': users, 'items': items, 'split': split,
            'tensors': tensors}


def history_of(split, u, stage):
    """historyOf in split.ts: the sequence before the held-out event (stage 'test' includes validation; 'all' = whole)."""
    s, e = int(split['offsets'][u]), int(split['offsets'][u + 1])
    pos = -1 if stage == 'all' else int(split['testPos' if stage == 'test' else 'valPos'][u])
    end = e if pos < 0 else s + pos
    events = split.get('events')
    return {'items': split['items'][s:end].tolist(), 'events': None if events is None else events[s:end].tolist(), 'times': None}
