// A RecBole-layout export folder made in TypeScript (what `python3 -m reclens_torch recbole-export` writes: the state
// dict under RecBole's names in model.safetensors, and recbole.json), with seeded random weights, so the app's e2e
// needs no Python. The Python side's own exporter is tested against a RecBole reference in tests/python/recbole.test.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../src/lib/rng';
import { writeSafetensors, type F32TensorIn } from '../src/lib/safetensors';

export function writeRecBoleExport(
  dir: string,
  model: 'SASRec' | 'BERT4Rec' | 'GRU4Rec',
  itemTokens: string[],
  { hidden = 16, layers = 1, heads = 2, inner = 32, maxLen = 20, seed = 1 } = {},
): string[] {
  const rng = createRng(seed);
  const t = (shape: number[], base = 0, scale = 0.3): F32TensorIn => ({
    shape,
    data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => base + scale * (2 * rng.next() - 1)),
  });
  const n = itemTokens.length + 1; // RecBole's n_items counts [PAD]
  const tensors: Record<string, F32TensorIn> = {};
  if (model === 'GRU4Rec') {
    tensors['item_embedding.weight'] = t([n, hidden]);
    tensors['gru_layers.weight_ih_l0'] = t([3 * hidden, hidden]);
    tensors['gru_layers.weight_hh_l0'] = t([3 * hidden, hidden]);
    tensors['dense.weight'] = t([hidden, hidden]);
    tensors['dense.bias'] = t([hidden]);
  } else {
    tensors['item_embedding.weight'] = t([model === 'BERT4Rec' ? n + 1 : n, hidden]);
    tensors['position_embedding.weight'] = t([maxLen, hidden]);
    tensors['LayerNorm.weight'] = t([hidden], 1);
    tensors['LayerNorm.bias'] = t([hidden]);
    for (let i = 0; i < layers; i++) {
      const p = `trm_encoder.layer.${i}`;
      for (const x of ['query', 'key', 'value', 'dense']) {
        tensors[`${p}.multi_head_attention.${x}.weight`] = t([hidden, hidden]);
        tensors[`${p}.multi_head_attention.${x}.bias`] = t([hidden]);
      }
      tensors[`${p}.multi_head_attention.LayerNorm.weight`] = t([hidden], 1);
      tensors[`${p}.multi_head_attention.LayerNorm.bias`] = t([hidden]);
      tensors[`${p}.feed_forward.dense_1.weight`] = t([inner, hidden]);
      tensors[`${p}.feed_forward.dense_1.bias`] = t([inner]);
      tensors[`${p}.feed_forward.dense_2.weight`] = t([hidden, inner]);
      tensors[`${p}.feed_forward.dense_2.bias`] = t([hidden]);
      tensors[`${p}.feed_forward.LayerNorm.weight`] = t([hidden], 1);
      tensors[`${p}.feed_forward.LayerNorm.bias`] = t([hidden]);
    }
    if (model === 'BERT4Rec') {
      tensors['output_ffn.weight'] = t([hidden, hidden]);
      tensors['output_ffn.bias'] = t([hidden]);
      tensors['output_ln.weight'] = t([hidden], 1);
      tensors['output_ln.bias'] = t([hidden]);
      tensors['output_bias'] = t([n]);
    }
  }
  const config = {
    model,
    n_layers: layers,
    n_heads: heads,
    hidden_size: hidden,
    inner_size: inner,
    hidden_act: 'gelu',
    layer_norm_eps: 1e-12,
    MAX_ITEM_LIST_LENGTH: maxLen,
  };
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, 'model.safetensors'), join(dir, 'recbole.json')];
  writeFileSync(files[0], new Uint8Array(writeSafetensors(tensors, { format: 'reclens-recbole-export', model })));
  writeFileSync(
    files[1],
    JSON.stringify({ format: 'reclens-recbole-export', version: 1, model, config, itemTokens: ['[PAD]', ...itemTokens] }),
  );
  return files;
}
