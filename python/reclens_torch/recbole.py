"""RecBole checkpoints into RecLens.

`python3 -m reclens_torch recbole-export --pth model.pth --item-tokens tokens.json --out DIR` reads a RecBole .pth
(torch pickle {config, state_dict, other_parameter, …}) without RecBole installed -- its classes are unpickled as
stubs -- and writes DIR/model.safetensors (the state dict under RecBole's own names) and DIR/recbole.json (model
class, hyper-parameters, item tokens). `reclens import-recbole --model-dir DIR --data LOG --out CKPT` then maps the
names onto RecLens's (src/ml/seqrec/recbole.ts) and writes a normal checkpoint folder.

The item order is RecBole's remap (index 0 = [PAD]), which the .pth does not hold: save
`dataset.field2id_token['item_id']` as a JSON list (or one token per line) and pass it as --item-tokens.

Also here, for the tests: an independent RecBole-layout reference -- small modules with RecBole's parameter names and
forward passes (recbole/model/sequential_recommender/sasrec.py, bert4rec.py; layers.py TransformerEncoder), written
from RecBole's description, not imported from it -- that builds a random state dict, saves a .pth as RecBole's trainer
does, and computes RecBole's full-sort scores.
"""
import contextlib
import enum
import importlib.machinery
import importlib.util
import inspect
import json
import math
import os
import sys
import types

import numpy as np
import torch
from torch import nn

from .safetensors import write_safetensors

EXPORT_FORMAT = 'reclens-recbole-export'
# Hyper-parameters recbole.json carries (whatever of them the config has); the rest of RecBole's config stays behind.
CONFIG_KEYS = ('model', 'dataset', 'n_layers', 'n_heads', 'hidden_size', 'inner_size', 'hidden_dropout_prob',
               'attn_dropout_prob', 'hidden_act', 'layer_norm_eps', 'initializer_range', 'loss_type', 'mask_ratio',
               'MAX_ITEM_LIST_LENGTH', 'ITEM_ID_FIELD', 'USER_ID_FIELD')


# --- reading a RecBole .pth without RecBole ------------------------------------------------------------------------

class _StubMeta(type):
    def __getattr__(cls, name):
        # Enum members pickle as getattr(EnumClass, name) since Python 3.11.
        if name.startswith('__'):
            raise AttributeError(name)
        member = cls.__new__(cls)
        member._name = name
        return member


class _Stub(metaclass=_StubMeta):
    """Any RecBole object (its Config, its enums): keeps whatever state the pickle gives it."""

    def __init__(self, *args, **kwargs):
        self._args = args

    def __setstate__(self, state):
        if isinstance(state, dict):
            self.__dict__.update(state)
        else:
            self._state = state


class _StubFinder:
    """A meta-path finder that makes every recbole.* module a stub whose attributes are stub classes. torch.load's
    pickle_module cannot do it: Debian's torch 1.13 replaces it with the standard pickle whenever weights_only is off."""

    def __init__(self):
        self.classes = {}

    def find_spec(self, fullname, path=None, target=None):
        if fullname == 'recbole' or fullname.startswith('recbole.'):
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        mod = types.ModuleType(spec.name)
        mod.__path__ = []

        def attr(name, module=spec.name):
            if name.startswith('__'):
                raise AttributeError(name)
            key = (module, name)
            if key not in self.classes:
                self.classes[key] = type(name, (_Stub,), {'__module__': module})
            return self.classes[key]
        mod.__getattr__ = attr
        return mod

    def exec_module(self, module):
        pass


@contextlib.contextmanager
def _recbole_stubs():
    if importlib.util.find_spec('recbole') is not None:  # the real RecBole is installed: its own classes load
        yield
        return
    finder = _StubFinder()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for name in [n for n in sys.modules if n == 'recbole' or n.startswith('recbole.')]:
            del sys.modules[name]


def load_pth(path):
    """The .pth as a dict, RecBole's classes as stubs, tensors on the CPU."""
    kwargs = {'map_location': 'cpu'}
    if 'weights_only' in inspect.signature(torch.load).parameters:
        kwargs['weights_only'] = False  # torch ≥ 2.6 defaults to True, which refuses any class
    with _recbole_stubs():
        state = torch.load(path, **kwargs)
    if not isinstance(state, dict) or 'state_dict' not in state:
        raise ValueError(f'{path}: not a RecBole checkpoint (expected a dict with state_dict, as RecBole\'s trainer saves)')
    return state


def config_values(config):
    """RecBole's Config keeps its values in final_config_dict; a plain dict is taken as it is."""
    if isinstance(config, dict):
        values = config
    else:
        values = getattr(config, 'final_config_dict', None) or getattr(config, '__dict__', {})
    out = {}
    for k in CONFIG_KEYS:
        v = values.get(k)
        if isinstance(v, (str, int, float, bool)) or v is None:
            if v is not None:
                out[k] = v
    return out


def read_tokens(path):
    """A JSON list (dataset.field2id_token['item_id'].tolist()) or a text file with one token per line."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    try:
        tokens = json.loads(text)
    except json.JSONDecodeError:
        tokens = [line.rstrip('\r') for line in text.split('\n') if line.strip()]
    if not isinstance(tokens, list) or not all(isinstance(t, (str, int)) for t in tokens):
        raise ValueError(f'{path}: expected a JSON list of item tokens or one token per line')
    return [str(t) for t in tokens]


def recbole_export(pth, item_tokens, out):
    state = load_pth(pth)
    cfg = config_values(state.get('config') or {})
    model = cfg.get('model')
    if not model:
        raise ValueError(f'{pth}: its config names no model')
    sd = state['state_dict']
    tensors = {k: v.detach().cpu().float().numpy() for k, v in sd.items() if torch.is_tensor(v)}
    # A model RecBole trained with DistributedDataParallel saves its names under `module.`.
    if tensors and all(k.startswith('module.') for k in tensors):
        tensors = {k[len('module.'):]: v for k, v in tensors.items()}
    tokens = read_tokens(item_tokens)
    # RecBole's n_items counts [PAD]; a token list without it (one real item per line) gets it back at index 0.
    item = tensors.get('item_embedding.weight')
    rows = item.shape[0] - (1 if model == 'BERT4Rec' else 0) if item is not None else None
    if tokens and tokens[0] != '[PAD]' and rows == len(tokens) + 1:
        tokens = ['[PAD]'] + tokens
    if rows is not None and rows != len(tokens):
        raise ValueError(f'{item_tokens}: {len(tokens)} tokens, but {model}\'s item_embedding.weight has {item.shape[0]} rows '
                         f'({rows} items with [PAD]): these are not the tokens of this model\'s dataset')
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'model.safetensors'), 'wb') as f:
        f.write(write_safetensors(tensors, {'format': EXPORT_FORMAT, 'model': model}))
    meta = {'format': EXPORT_FORMAT, 'version': 1, 'model': model, 'config': cfg, 'itemTokens': tokens,
            'source': os.path.basename(pth)}
    with open(os.path.join(out, 'recbole.json'), 'w', encoding='utf-8') as f:
        json.dump(meta, f, ensure_ascii=False)
    return {'out': out, 'model': model, 'items': len(tokens) - 1, 'tensors': len(tensors),
            'files': [os.path.join(out, 'model.safetensors'), os.path.join(out, 'recbole.json')]}


# --- the reference: RecBole's layout and forward ------------------------------------------------------------------

def _gelu(x):
    return x * 0.5 * (1.0 + torch.erf(x / math.sqrt(2.0)))


class MultiHeadAttention(nn.Module):
    def __init__(self, n_heads, hidden, eps):
        super().__init__()
        self.n_heads, self.head = n_heads, hidden // n_heads
        self.query, self.key, self.value = nn.Linear(hidden, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, hidden)
        self.dense = nn.Linear(hidden, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x, mask):
        b, l, _ = x.shape
        split = lambda t: t.view(b, l, self.n_heads, self.head).permute(0, 2, 1, 3)  # noqa: E731
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head) + mask
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v).permute(0, 2, 1, 3).reshape(b, l, -1)
        return self.LayerNorm(self.dense(ctx) + x)


class FeedForward(nn.Module):
    def __init__(self, hidden, inner, eps):
        super().__init__()
        self.dense_1, self.dense_2 = nn.Linear(hidden, inner), nn.Linear(inner, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x):
        return self.LayerNorm(self.dense_2(_gelu(self.dense_1(x))) + x)


class TransformerLayer(nn.Module):
    def __init__(self, n_heads, hidden, inner, eps):
        super().__init__()
        self.multi_head_attention = MultiHeadAttention(n_heads, hidden, eps)
        self.feed_forward = FeedForward(hidden, inner, eps)

    def forward(self, x, mask):
        return self.feed_forward(self.multi_head_attention(x, mask))


class TransformerEncoder(nn.Module):
    def __init__(self, n_layers, n_heads, hidden, inner, eps):
        super().__init__()
        self.layer = nn.ModuleList([TransformerLayer(n_heads, hidden, inner, eps) for _ in range(n_layers)])

    def forward(self, x, mask):
        for layer in self.layer:
            x = layer(x, mask)
        return x


class RecBoleSequential(nn.Module):
    """SASRec (causal, no output head) or BERT4Rec (bidirectional, mask token, output_ffn/output_ln/output_bias)."""

    def __init__(self, model, n_items, max_len, hidden=16, n_layers=2, n_heads=2, inner=32, eps=1e-12):
        super().__init__()
        self.model, self.n_items, self.max_len = model, n_items, max_len
        self.bert = model == 'BERT4Rec'
        self.item_embedding = nn.Embedding(n_items + (1 if self.bert else 0), hidden, padding_idx=0)
        self.position_embedding = nn.Embedding(max_len, hidden)
        self.trm_encoder = TransformerEncoder(n_layers, n_heads, hidden, inner, eps)
        self.LayerNorm = nn.LayerNorm(hidden, eps=eps)
        if self.bert:
            self.output_ffn = nn.Linear(hidden, hidden)
            self.output_ln = nn.LayerNorm(hidden, eps=eps)
            self.output_bias = nn.Parameter(torch.zeros(n_items))
        self.hyper = {'model': model, 'n_layers': n_layers, 'n_heads': n_heads, 'hidden_size': hidden, 'inner_size': inner,
                      'hidden_dropout_prob': 0.2, 'attn_dropout_prob': 0.2, 'hidden_act': 'gelu', 'layer_norm_eps': eps,
                      'initializer_range': 0.02, 'loss_type': 'CE', 'MAX_ITEM_LIST_LENGTH': max_len}
        if self.bert:
            self.hyper['mask_ratio'] = 0.2

    def randomize(self, seed):
        """Every parameter random (LayerNorms and biases too, so a mapping that drops one shows in the scores)."""
        g = torch.Generator().manual_seed(seed)
        with torch.no_grad():
            for name, p in self.named_parameters():
                base = 1.0 if name.endswith('LayerNorm.weight') or name.endswith('output_ln.weight') else 0.0
                p.copy_(base + 0.3 * torch.randn(p.shape, generator=g))
        return self

    def attention_mask(self, item_seq):
        m = (item_seq != 0).unsqueeze(1).unsqueeze(2)  # [B 1 1 L]
        if not self.bert:
            m = torch.tril(m.expand(-1, -1, item_seq.size(-1), -1))
        return torch.where(m, 0.0, -10000.0)

    def forward(self, item_seq):
        pos = torch.arange(item_seq.size(1), dtype=torch.long).unsqueeze(0).expand_as(item_seq)
        x = self.LayerNorm(self.item_embedding(item_seq) + self.position_embedding(pos))
        out = self.trm_encoder(x, self.attention_mask(item_seq))
        if self.bert:
            out = self.output_ln(_gelu(self.output_ffn(out)))
        return out

    def reconstruct_test_data(self, item_seq, item_seq_len):
        # As RecBole's BERT4Rec: the mask token after the history, then the first column dropped (so the window keeps
        # max_len tokens; a history shorter than the window loses its oldest item too).
        item_seq = torch.cat([item_seq, torch.zeros(item_seq.size(0), 1, dtype=torch.long)], dim=-1)
        for b, n in enumerate(item_seq_len.tolist()):
            item_seq[b, n] = self.n_items
        return item_seq[:, 1:]

    def full_sort_predict(self, item_seq, item_seq_len):
        """Scores [B, n_items] (column 0 is [PAD]) of left-aligned sequences, as RecBole's full_sort_predict."""
        if self.bert:
            item_seq = self.reconstruct_test_data(item_seq, item_seq_len)
        out = self.forward(item_seq)
        h = out[torch.arange(out.size(0)), item_seq_len - 1]
        table = self.item_embedding.weight[:self.n_items]
        scores = h @ table.T
        return scores + self.output_bias if self.bert else scores

    def scores(self, histories):
        """Full-sort scores of every real item (columns = item ids 1..n_items-1) for histories of item ids, with the
        window RecLens reads: SASRec the newest max_len items; BERT4Rec the newest max_len − 1 and the mask token.
        BERT4Rec's rows are given RecBole's way with one placeholder item in front, which reconstruct_test_data drops."""
        keep = self.max_len - 1 if self.bert else self.max_len
        seq = torch.zeros(len(histories), self.max_len, dtype=torch.long)
        lens = []
        for r, h in enumerate(histories):
            row = ([1] if self.bert else []) + list(h[-keep:])
            seq[r, :len(row)] = torch.tensor(row)
            lens.append(len(row))
        with torch.no_grad():
            return self.full_sort_predict(seq, torch.tensor(lens))[:, 1:].numpy()


class GRU4RecShaped(nn.Module):
    """Only RecBole GRU4Rec's parameter names and shapes: what the importer must refuse."""

    def __init__(self, n_items, hidden=16):
        super().__init__()
        self.item_embedding = nn.Embedding(n_items, hidden, padding_idx=0)
        self.gru_layers = nn.GRU(hidden, hidden, num_layers=1, bias=False, batch_first=True)
        self.dense = nn.Linear(hidden, hidden)
        self.hyper = {'model': 'GRU4Rec', 'hidden_size': hidden, 'embedding_size': hidden, 'num_layers': 1}


def _recbole_config(values):
    """An object of RecBole's Config class (module recbole.config.configurator) holding an enum of recbole.utils, as
    RecBole's pickles do: loading the .pth then needs RecBole, or the stubs above. The modules are made for the save
    and removed again."""
    def module(name):
        for parent in ('recbole', 'recbole.config', 'recbole.utils'):
            sys.modules.setdefault(parent, types.ModuleType(parent))
        return sys.modules.setdefault(name, types.ModuleType(name))
    conf = module('recbole.config.configurator')
    conf.Config = type('Config', (), {'__module__': conf.__name__})
    enums = module('recbole.utils.enum_type')
    enums.ModelType = enum.Enum('ModelType', {'GENERAL': 1, 'SEQUENTIAL': 2}, module=enums.__name__)
    cfg = conf.Config()
    cfg.final_config_dict = {**values, 'MODEL_TYPE': enums.ModelType.SEQUENTIAL}
    return cfg


def save_pth(model, path):
    """The dict RecBole's trainer saves (_save_checkpoint), with a RecBole-class config."""
    try:
        state = {'config': _recbole_config(model.hyper), 'epoch': 0, 'cur_step': 0, 'best_valid_score': 0.0,
                 'state_dict': model.state_dict(), 'other_parameter': None}
        torch.save(state, path, pickle_protocol=4)
    finally:
        for name in [n for n in sys.modules if n == 'recbole' or n.startswith('recbole.')]:
            del sys.modules[name]


def build_fixture(model, n_items, out_pth, max_len=6, seed=0, **sizes):
    """A random RecBole-layout model saved as RecBole would: what the tests export and import."""
    torch.manual_seed(seed)
    m = GRU4RecShaped(n_items) if model == 'GRU4Rec' else RecBoleSequential(model, n_items, max_len, **sizes).randomize(seed)
    save_pth(m, out_pth)
    return m


def reference_scores(pth, histories):
    """Rebuild the reference from a .pth written by build_fixture and score histories (lists of RecBole item ids)."""
    state = load_pth(pth)
    cfg = config_values(state['config'])
    sd = state['state_dict']
    model = cfg['model']
    n_items = sd['output_bias'].shape[0] if model == 'BERT4Rec' else sd['item_embedding.weight'].shape[0]
    m = RecBoleSequential(model, n_items, cfg['MAX_ITEM_LIST_LENGTH'], hidden=cfg['hidden_size'], n_layers=cfg['n_layers'],
                          n_heads=cfg['n_heads'], inner=cfg['inner_size'], eps=cfg['layer_norm_eps'])
    m.load_state_dict(sd)
    m.eval()
    return m.scores(histories)


def cmd_recbole_export(a):
    out = recbole_export(a.pth, a.item_tokens, a.out)
    print(json.dumps(out) if a.json else f"exported RecBole {out['model']} ({out['items']} items) → {a.out}")
    return 0


def add_parser(sub):
    e = sub.add_parser('recbole-export', help='a RecBole .pth → model.safetensors + recbole.json for `reclens import-recbole`')
    e.add_argument('--pth', required=True, help="RecBole's saved model (saved/<Model>-<date>.pth)")
    e.add_argument('--item-tokens', required=True,
                   help="dataset.field2id_token['item_id'] as a JSON list, or one token per line ([PAD] first or left out)")
    e.add_argument('--out', required=True, help='folder to write')
    e.add_argument('--json', action='store_true')
    e.set_defaults(run=cmd_recbole_export)
