// The BERT-mini-sized benchmark model (seeded random weights, HF layout), shared by bench:bert and bench (side by side).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRng } from '../../src/lib/rng';
import { writeSafetensors, type F32TensorIn } from '../../src/lib/safetensors';
import { syntheticVocab } from '../bert-page/measure';
import { ROOT } from './report';

export const MODEL_DIR = resolve(ROOT, 'bench/out/bert-mini-random');

export const CONFIG = {
  architectures: ['BertModel'],
  model_type: 'bert',
  vocab_size: 30522,
  hidden_size: 256,
  num_hidden_layers: 4,
  num_attention_heads: 4,
  intermediate_size: 1024,
  hidden_act: 'gelu',
  hidden_dropout_prob: 0.1,
  attention_probs_dropout_prob: 0.1,
  max_position_embeddings: 512,
  type_vocab_size: 2,
  layer_norm_eps: 1e-12,
  pad_token_id: 0,
};

/** HF folder with N(0, 0.02) weights from a seeded generator (BERT's initializer_range), unit LayerNorms, zero biases. */
export function writeBertMini(dir = MODEL_DIR): number {
  const { vocab_size: V, hidden_size: H, intermediate_size: I, num_hidden_layers: layers, max_position_embeddings: P } = CONFIG;
  const rng = createRng(2026);
  const tensors: Record<string, F32TensorIn> = {};
  const normal = (...shape: number[]) => ({
    shape,
    data: Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => 0.02 * rng.normal()),
  });
  const fill = (n: number, v: number) => ({ shape: [n], data: new Float32Array(n).fill(v) });
  const linear = (name: string, out: number, inp: number) => {
    tensors[`${name}.weight`] = normal(out, inp);
    tensors[`${name}.bias`] = fill(out, 0);
  };
  const norm = (name: string) => {
    tensors[`${name}.weight`] = fill(H, 1);
    tensors[`${name}.bias`] = fill(H, 0);
  };
  tensors['embeddings.word_embeddings.weight'] = normal(V, H);
  tensors['embeddings.position_embeddings.weight'] = normal(P, H);
  tensors['embeddings.token_type_embeddings.weight'] = normal(2, H);
  norm('embeddings.LayerNorm');
  for (let l = 0; l < layers; l++) {
    const p = `encoder.layer.${l}`;
    for (const x of ['query', 'key', 'value']) linear(`${p}.attention.self.${x}`, H, H);
    linear(`${p}.attention.output.dense`, H, H);
    norm(`${p}.attention.output.LayerNorm`);
    linear(`${p}.intermediate.dense`, I, H);
    linear(`${p}.output.dense`, H, I);
    norm(`${p}.output.LayerNorm`);
  }
  linear('pooler.dense', H, H);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(CONFIG, null, 2));
  writeFileSync(join(dir, 'vocab.txt'), syntheticVocab(V));
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 512 }),
  );
  writeFileSync(join(dir, 'model.safetensors'), new Uint8Array(writeSafetensors(tensors, { format: 'pt' })));
  return Object.values(tensors).reduce((s, t) => s + t.data.length, 0);
}
