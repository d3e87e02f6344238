"""SASRec and BERT4Rec as src/ml/seqrec/model.ts computes them: item + event type + position (+ time gap) embeddings,
LayerNorm, a post-LN BERT encoder (GELU, eps 1e-12), a causal mask for sasrec, and item scores from the tied item
table plus output.bias. Parameter names are the TS checkpoint's stable tensor names, so `state_dict()` is the
model.safetensors of a checkpoint as it is.

The forward pass reads its options from the config dict with .get defaults, so variants (another position scheme, an
output head) can be added as new keys without touching the existing ones."""
import math

import torch
import torch.nn.functional as F
from torch import nn

EPS = 1e-12
F32_MIN = float(torch.finfo(torch.float32).min)
# The causal bias RecLens adds above the diagonal: large but finite, so that added to a padding key's F32_MIN it
# stays finite (blocks.ts causalBias).
CAUSAL = -1e9


class Holder(nn.Module):
    """A plain namespace module, so parameters get dotted names such as `embeddings.item`. `embeddings.type` clashes
    with Module.type(), so it is registered in _parameters directly and read back with .param('type')."""

    def param(self, name):
        return self._parameters[name]


class Attention(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.query, self.key, self.value, self.output = (nn.Linear(h, h) for _ in range(4))
        self.norm = nn.LayerNorm(h, eps=EPS)


class Layer(nn.Module):
    def __init__(self, h, f):
        super().__init__()
        self.attention = Attention(h)
        self.intermediate = nn.Linear(h, f)
        self.output = nn.Linear(f, h)
        self.norm = nn.LayerNorm(h, eps=EPS)


class SeqRec(nn.Module):
    """`config`: the resolved settings dict (config.py). Tensors named exactly as model.ts names them."""

    def __init__(self, config):
        super().__init__()
        c = self.config = dict(config)
        if c.get('itemText', 'off') != 'off':
            raise ValueError(f"itemText {c['itemText']!r} is not supported by reclens_torch yet: train with itemText=off")
        h, n = c['hidden'], c['numItems']
        self.embeddings = Holder()
        self.embeddings.item = nn.Parameter(torch.empty(n + 2, h))
        self.embeddings._parameters['type'] = nn.Parameter(torch.empty(c['numEventTypes'] + 1, h))
        self.embeddings.position = nn.Parameter(torch.empty(c['maxLen'], h))
        if c.get('timeBuckets', 0):
            self.embeddings.time = nn.Parameter(torch.empty(c['timeBuckets'], h))
        self.embeddings.norm = nn.LayerNorm(h, eps=EPS)
        self.encoder = Holder()
        self.encoder.layer = nn.ModuleList(Layer(h, c['intermediate']) for _ in range(c['layers']))
        self.output = Holder()
        self.output.bias = nn.Parameter(torch.zeros(n))
        if c.get('outputHead', False):
            # outputHead (RecBole's BERT4Rec head): dense → gelu → LayerNorm on every position before the tied product.
            self.output.transform = Holder()
            self.output.transform.dense = nn.Linear(h, h)
            self.output.transform.norm = nn.LayerNorm(h, eps=EPS)
        self.reset_parameters()

    def reset_parameters(self):
        """BERT's initialisation, as createModel: truncated normal(0.02) for tables and weights, zero biases, LN at identity."""
        for name, p in self.named_parameters():
            if name.endswith('bias') or name.endswith('norm.weight'):
                with torch.no_grad():
                    p.fill_(1.0 if name.endswith('norm.weight') else 0.0)
            else:
                nn.init.trunc_normal_(p, 0.0, 0.02, -0.04, 0.04)

    def no_decay(self):
        """Names exempt from weight decay: biases and LayerNorm weights (the HF convention model.ts follows)."""
        return {n for n, _ in self.named_parameters() if n.endswith('bias') or n.endswith('norm.weight')}

    def embed(self, ids, types, pos, gaps):
        e = self.embeddings
        x = F.embedding(ids, e.item) + F.embedding(types, e.param('type')) + F.embedding(pos, e.position)
        if hasattr(e, 'time'):
            x = x + F.embedding(gaps, e.time)
        return x

    def encode(self, ids, types, pos, gaps, mask):
        """Hidden states [batch, len, hidden]; dropout follows self.training as in encodeEmbeddings."""
        c = self.config
        p = c['dropout'] if self.training else 0.0
        b, l = ids.shape
        x = F.dropout(self.embeddings.norm(self.embed(ids, types, pos, gaps)), p, self.training)
        heads = c['heads']
        d = c['hidden'] // heads
        bias = (1.0 - mask.float()).mul(F32_MIN).view(b, 1, 1, l)
        if c['mode'] == 'sasrec':
            bias = bias + torch.triu(torch.full((l, l), CAUSAL, device=ids.device), 1).view(1, 1, l, l)
        split = lambda t: t.view(b, l, heads, d).transpose(1, 2)
        for layer in self.encoder.layer:
            a = layer.attention
            q, k, v = split(a.query(x)), split(a.key(x)), split(a.value(x))
            probs = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, -1)
            ctx = (F.dropout(probs, p, self.training) @ v).transpose(1, 2).reshape(b, l, -1)
            x = a.norm(F.dropout(a.output(ctx), p, self.training) + x)
            inner = F.gelu(layer.intermediate(x))
            x = layer.norm(F.dropout(layer.output(inner), p, self.training) + x)
        if hasattr(self.output, 'transform'):
            t = self.output.transform
            x = t.norm(F.gelu(t.dense(x)))
        return x

    def item_table(self):
        """Rows 1..numItems of the item table: the tied output layer."""
        return self.embeddings.item[1:self.config['numItems'] + 1]

    def logits(self, h):
        """Scores of every item [rows, numItems] for hidden states [rows, hidden]."""
        return h @ self.item_table().T + self.output.bias

    def forward(self, ids, types, pos, gaps, mask):
        """Scores [batch, numItems] at the last column: the next item (sasrec) or the [MASK] (bert4rec)."""
        return self.logits(self.encode(ids, types, pos, gaps, mask)[:, -1])
