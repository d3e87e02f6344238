// Maps Hugging Face BERT weight names (BertModel, `bert.`-prefixed, legacy gamma/beta) to BertWeights and back.
import * as tf from '@tensorflow/tfjs';
import { fail, ok, type Result } from '../../lib/result';
import type { SafeTensor } from '../../lib/safetensors';
import { disposeTree } from '../tensors';
import type { LayerNormWeights, Linear } from '../transformer/blocks';
import { linearWeightFromFile } from '../transformer/weightLayout';
import type { BertConfig } from './config';
import type { BertWeights } from './model';

/** Buffers some exporters save that are not parameters. */
const IGNORED_BUFFERS = new Set(['embeddings.position_ids']);
/** Pre-training heads that encoder-only use does not need. */
const HEADS_ONLY_ARCHS = new Set(['BertForMaskedLM', 'BertForPreTraining']);

/** Canonical (BertModel) name: drop the `bert.` prefix and rename TF1-era LayerNorm gamma/beta. */
export function canonicalName(name: string): string {
  let n = name.startsWith('bert.') ? name.slice(5) : name;
  n = n.replace(/(LayerNorm)\.gamma$/, '$1.weight').replace(/(LayerNorm)\.beta$/, '$1.bias');
  return n;
}

export interface MappedWeights {
  weights: BertWeights;
  /** File names that were recognised but deliberately not loaded (buffers, pre-training heads). */
  ignored: string[];
}

/** Check names and shapes against the config and build tensors. On failure nothing is left allocated. */
export function mapHfWeights(tensors: Map<string, SafeTensor>, config: BertConfig): Result<MappedWeights> {
  const byName = new Map<string, { file: string; t: SafeTensor }>();
  for (const [file, t] of tensors) {
    const name = canonicalName(file);
    const prior = byName.get(name);
    if (prior) return fail(`weights: "${file}" and "${prior.file}" both map to "${name}"`);
    byName.set(name, { file, t });
  }

  const used = new Set<string>();
  const errors: string[] = [];
  const created: tf.Tensor[] = [];
  /** `linear`: a Linear weight, [out, in] in the file and [in, out] in memory (weightLayout.ts). */
  const take = (name: string, shape: number[], linear = false): tf.Tensor => {
    const entry = byName.get(name);
    used.add(name);
    if (!entry) {
      errors.push(`missing "${name}" [${shape}]`);
      return tf.scalar(0); // placeholder so building can continue and report every problem at once
    }
    if (entry.t.shape.length !== shape.length || entry.t.shape.some((d, i) => d !== shape[i])) {
      errors.push(`"${entry.file}" has shape [${entry.t.shape}], expected [${shape}]`);
      return tf.scalar(0);
    }
    if (entry.t.data instanceof Int32Array) {
      errors.push(`"${entry.file}" is ${entry.t.dtype}, expected floating point`);
      return tf.scalar(0);
    }
    const t = linear ? linearWeightFromFile(entry.t.data, shape[0], shape[1]) : tf.tensor(entry.t.data, shape, 'float32');
    created.push(t);
    return t;
  };
  const plain = (prefix: string, out: number, inp: number): Linear => ({
    weight: take(`${prefix}.weight`, [out, inp], true),
    bias: take(`${prefix}.bias`, [out]),
  });
  // Adapters sit on the attention output and feed-forward output denses, named `<dense prefix minus .dense>.adapter.*`.
  const m = config.adapter?.size;
  const lin = (prefix: string, out: number, inp: number, adapterAt?: string): Linear =>
    m && adapterAt
      ? {
          ...plain(prefix, out, inp),
          adapter: { down: plain(`${adapterAt}.adapter.down`, m, out), up: plain(`${adapterAt}.adapter.up`, out, m), activation: 'gelu' },
        }
      : plain(prefix, out, inp);
  const norm = (prefix: string, h: number) => ({ weight: take(`${prefix}.weight`, [h]), bias: take(`${prefix}.bias`, [h]) });

  const { hiddenSize: h, intermediateSize: inter } = config;
  const weights: BertWeights = {
    embeddings: {
      word: take('embeddings.word_embeddings.weight', [config.vocabSize, h]),
      position: take('embeddings.position_embeddings.weight', [config.maxPositions, h]),
      tokenType: take('embeddings.token_type_embeddings.weight', [config.typeVocabSize, h]),
      norm: norm('embeddings.LayerNorm', h),
    },
    layers: Array.from({ length: config.numLayers }, (_, i) => {
      const p = `encoder.layer.${i}`;
      return {
        attention: {
          query: lin(`${p}.attention.self.query`, h, h),
          key: lin(`${p}.attention.self.key`, h, h),
          value: lin(`${p}.attention.self.value`, h, h),
          output: lin(`${p}.attention.output.dense`, h, h, `${p}.attention.output`),
          norm: norm(`${p}.attention.output.LayerNorm`, h),
        },
        intermediate: lin(`${p}.intermediate.dense`, inter, h),
        output: lin(`${p}.output.dense`, h, inter, `${p}.output`),
        norm: norm(`${p}.output.LayerNorm`, h),
      };
    }),
  };
  // Sentence-transformers checkpoints may omit the pooler; a classifier needs it.
  if (byName.has('pooler.dense.weight') || byName.has('pooler.dense.bias')) weights.pooler = lin('pooler.dense', h, h);
  if (byName.has('classifier.weight') || byName.has('classifier.bias')) {
    const numLabels = byName.get('classifier.weight')?.t.shape[0] ?? 0;
    if (config.labels && config.labels.length !== numLabels) {
      errors.push(`classifier has ${numLabels} outputs but config.json id2label names ${config.labels.length} labels`);
    }
    if (!weights.pooler) errors.push('a classifier head needs pooler.dense weights');
    weights.classifier = lin('classifier', numLabels, h);
  }

  const ignored: string[] = [];
  for (const [name, { file }] of byName) {
    if (used.has(name)) continue;
    if (IGNORED_BUFFERS.has(name) || (HEADS_ONLY_ARCHS.has(config.architecture) && name.startsWith('cls.'))) ignored.push(file);
    else errors.push(`unexpected weight "${file}"`);
  }

  if (errors.length > 0) {
    disposeTree(weights);
    tf.dispose(created);
    const shown = errors.slice(0, 8).join('; ') + (errors.length > 8 ? `; and ${errors.length - 8} more` : '');
    return fail(`weights do not match config.json: ${shown}`);
  }
  return ok({ weights, ignored });
}

/**
 * Every parameter under its HF name (BertModel names, or `bert.`-prefixed for BertForSequenceClassification), as the
 * tensor held in memory; the third field marks Linear weights, which a file stores transposed ([out, in]).
 */
export function namedBertTensors(weights: BertWeights, prefix = ''): [string, tf.Tensor, boolean][] {
  const out: [string, tf.Tensor, boolean][] = [];
  const add = (name: string, t: tf.Tensor | undefined, linear = false) => t && out.push([`${prefix}${name}`, t, linear]);
  const lin = (name: string, l: Linear, adapterAt?: string) => {
    add(`${name}.weight`, l.weight, true);
    add(`${name}.bias`, l.bias);
    if (l.adapter && adapterAt) {
      lin(`${adapterAt}.adapter.down`, l.adapter.down);
      lin(`${adapterAt}.adapter.up`, l.adapter.up);
    }
  };
  const norm = (name: string, n: LayerNormWeights) => {
    add(`${name}.weight`, n.weight);
    add(`${name}.bias`, n.bias);
  };
  const e = weights.embeddings;
  add('embeddings.word_embeddings.weight', e.word);
  add('embeddings.position_embeddings.weight', e.position);
  add('embeddings.token_type_embeddings.weight', e.tokenType);
  norm('embeddings.LayerNorm', e.norm);
  weights.layers.forEach((l, i) => {
    const p = `encoder.layer.${i}`;
    lin(`${p}.attention.self.query`, l.attention.query);
    lin(`${p}.attention.self.key`, l.attention.key);
    lin(`${p}.attention.self.value`, l.attention.value);
    lin(`${p}.attention.output.dense`, l.attention.output, `${p}.attention.output`);
    norm(`${p}.attention.output.LayerNorm`, l.attention.norm);
    lin(`${p}.intermediate.dense`, l.intermediate);
    lin(`${p}.output.dense`, l.output, `${p}.output`);
    norm(`${p}.output.LayerNorm`, l.norm);
  });
  if (weights.pooler) lin('pooler.dense', weights.pooler);
  // The classifier sits outside the `bert.` prefix in BertForSequenceClassification.
  if (weights.classifier) {
    out.push(['classifier.weight', weights.classifier.weight, true]);
    if (weights.classifier.bias) out.push(['classifier.bias', weights.classifier.bias, false]);
  }
  return out;
}
