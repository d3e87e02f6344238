"""Exports a Hugging Face BERT folder (config.json + model.safetensors) to ONNX for transformers.js.

A plain PyTorch BERT encoder written here (no `transformers` package on this machine), loaded with the folder's
weights and exported with torch.onnx (TorchScript exporter, opset 14, dynamic batch and sequence axes). The output
folder has transformers.js's layout: config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx.

With --golden, the encoder is first checked against golden.json's last_hidden_state (an independent reference), so a
wrong export cannot pass as a fair comparison.

Usage: python3 bench/reference/bert_onnx.py MODEL_DIR OUT_DIR [--golden golden.json] [--tokenizer-template tokenizer.json]
When MODEL_DIR has no tokenizer.json, one is written from its vocab.txt on the template's pipeline (BERT normalizer,
pre-tokenizer, WordPiece and [CLS]/[SEP] template), the same tokenization RecLens's tokenizer does from vocab.txt.
"""
import argparse
import json
import math
import os
import shutil
import struct

import numpy as np
import torch
from torch import nn


def read_safetensors(path):
    with open(path, 'rb') as f:
        n = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(n))
        body = f.read()
    out = {}
    for name, meta in header.items():
        if name == '__metadata__':
            continue
        if meta['dtype'] != 'F32':
            raise ValueError(f'{name}: dtype {meta["dtype"]}, only F32 is supported')
        a, b = meta['data_offsets']
        out[name] = torch.from_numpy(np.frombuffer(body[a:b], dtype='<f4').reshape(meta['shape']).copy())
    return out


class Layer(nn.Module):
    def __init__(self, h, inter, heads, eps):
        super().__init__()
        self.heads = heads
        self.scale = 1 / math.sqrt(h // heads)  # a constant, not traced from shapes
        self.query, self.key, self.value = nn.Linear(h, h), nn.Linear(h, h), nn.Linear(h, h)
        self.attn_out, self.attn_norm = nn.Linear(h, h), nn.LayerNorm(h, eps=eps)
        self.inter, self.out, self.out_norm = nn.Linear(h, inter), nn.Linear(inter, h), nn.LayerNorm(h, eps=eps)

    def forward(self, x, bias):
        b, s, h = x.shape
        split = lambda t: t.view(b, s, self.heads, -1).transpose(1, 2)
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        p = torch.softmax((q @ k.transpose(-1, -2)) * self.scale + bias, dim=-1)
        ctx = (p @ v).transpose(1, 2).reshape(b, s, h)
        x = self.attn_norm(x + self.attn_out(ctx))
        # BERT's GELU is the exact erf form.
        return self.out_norm(x + self.out(nn.functional.gelu(self.inter(x))))


class Bert(nn.Module):
    def __init__(self, c):
        super().__init__()
        h, eps = c['hidden_size'], c.get('layer_norm_eps', 1e-12)
        self.word = nn.Embedding(c['vocab_size'], h)
        self.position = nn.Embedding(c['max_position_embeddings'], h)
        self.token_type = nn.Embedding(c.get('type_vocab_size', 2), h)
        self.norm = nn.LayerNorm(h, eps=eps)
        self.layers = nn.ModuleList(Layer(h, c['intermediate_size'], c['num_attention_heads'], eps) for _ in range(c['num_hidden_layers']))

    def forward(self, input_ids, attention_mask, token_type_ids):
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.norm(self.word(input_ids) + self.position(positions) + self.token_type(token_type_ids))
        bias = (1.0 - attention_mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for layer in self.layers:
            x = layer(x, bias)
        return x

    def load_hf(self, w):
        # Weights may sit under a `bert.` prefix (task heads); heads themselves are not exported.
        w = {k[5:] if k.startswith('bert.') else k: v for k, v in w.items()}
        state = {
            'word.weight': w['embeddings.word_embeddings.weight'],
            'position.weight': w['embeddings.position_embeddings.weight'],
            'token_type.weight': w['embeddings.token_type_embeddings.weight'],
            'norm.weight': w['embeddings.LayerNorm.weight'],
            'norm.bias': w['embeddings.LayerNorm.bias'],
        }
        names = {
            'query': 'attention.self.query', 'key': 'attention.self.key', 'value': 'attention.self.value',
            'attn_out': 'attention.output.dense', 'attn_norm': 'attention.output.LayerNorm',
            'inter': 'intermediate.dense', 'out': 'output.dense', 'out_norm': 'output.LayerNorm',
        }
        for i in range(len(self.layers)):
            for mine, theirs in names.items():
                for p in ('weight', 'bias'):
                    state[f'layers.{i}.{mine}.{p}'] = w[f'encoder.layer.{i}.{theirs}.{p}']
        self.load_state_dict(state)


def tokenizer_json(vocab_path, template_path):
    tok = json.load(open(template_path))
    vocab = [line.rstrip('\n') for line in open(vocab_path, encoding='utf-8') if line.rstrip('\n')]
    tok['model']['vocab'] = {t: i for i, t in enumerate(vocab)}
    ids = tok['model']['vocab']
    for added in tok['added_tokens']:
        added['id'] = ids[added['content']]
    for name, special in tok['post_processor'].get('special_tokens', {}).items():
        special['ids'] = [ids[name]]
    return tok


def check_golden(model, golden):
    ids = torch.tensor(golden['input_ids_padded'])
    mask = torch.tensor(golden['attention_mask'])
    with torch.no_grad():
        out = model(ids, mask, torch.zeros_like(ids)).numpy().ravel()
    want = np.array(golden['last_hidden_state']['data'])
    err = float(np.abs(out - want).max())
    if err > golden['tolerance']['abs']:
        raise SystemExit(f'golden check failed: max |diff| {err:.2e} > {golden["tolerance"]["abs"]}')
    return err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('model_dir')
    ap.add_argument('out_dir')
    ap.add_argument('--golden')
    ap.add_argument('--tokenizer-template')
    a = ap.parse_args()
    config = json.load(open(os.path.join(a.model_dir, 'config.json')))
    model = Bert(config)
    model.load_hf(read_safetensors(os.path.join(a.model_dir, 'model.safetensors')))
    model.eval()
    report = {'params': sum(p.numel() for p in model.parameters())}
    if a.golden:
        g = json.load(open(a.golden))
        n = g['padded_length']
        g['input_ids_padded'] = [row + [0] * (n - len(row)) for row in g['input_ids']]
        report['goldenMaxAbsDiff'] = check_golden(model, g)
    os.makedirs(os.path.join(a.out_dir, 'onnx'), exist_ok=True)
    ids = torch.randint(5, config['vocab_size'], (2, 16))
    torch.onnx.export(
        model, (ids, torch.ones_like(ids), torch.zeros_like(ids)), os.path.join(a.out_dir, 'onnx', 'model.onnx'),
        input_names=['input_ids', 'attention_mask', 'token_type_ids'], output_names=['last_hidden_state'],
        dynamic_axes={n: {0: 'batch', 1: 'sequence'} for n in ['input_ids', 'attention_mask', 'token_type_ids', 'last_hidden_state']},
        opset_version=14, do_constant_folding=True,
    )
    shutil.copy(os.path.join(a.model_dir, 'config.json'), a.out_dir)
    shutil.copy(os.path.join(a.model_dir, 'tokenizer_config.json'), a.out_dir)
    src_tok = os.path.join(a.model_dir, 'tokenizer.json')
    if os.path.exists(src_tok):
        shutil.copy(src_tok, a.out_dir)
    else:
        if not a.tokenizer_template:
            raise SystemExit(f'{a.model_dir} has no tokenizer.json: pass --tokenizer-template')
        with open(os.path.join(a.out_dir, 'tokenizer.json'), 'w') as f:
            json.dump(tokenizer_json(os.path.join(a.model_dir, 'vocab.txt'), a.tokenizer_template), f)
    report['onnxBytes'] = os.path.getsize(os.path.join(a.out_dir, 'onnx', 'model.onnx'))
    print(json.dumps(report))


if __name__ == '__main__':
    main()
