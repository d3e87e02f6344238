// Weight-name mapping: HF variants load; missing, extra and mis-shaped weights fail with names, leaking nothing.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { readSafetensors, type SafeTensor } from '../../lib/safetensors';
import { disposeTree } from '../tensors';
import { parseBertConfig, type BertConfig } from './config';
import { canonicalName, mapHfWeights, namedBertTensors } from './weights';

const dir = new URL('../../../tests/fixtures/tiny-bert-classifier/', import.meta.url);
let config: BertConfig;
let file: Map<string, SafeTensor>;

beforeAll(async () => {
  await initBackend('wasm');
  const c = parseBertConfig(readFileSync(new URL('config.json', dir), 'utf8'));
  const bytes = readFileSync(new URL('model.safetensors', dir));
  const st = readSafetensors(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  if (!c.ok || !st.ok) throw new Error('fixture did not parse');
  config = c.data;
  file = st.data.tensors;
});

const reasonFor = (tensors: Map<string, SafeTensor>, cfg = config) => {
  const before = tf.memory().numTensors;
  const r = mapHfWeights(tensors, cfg);
  if (r.ok) throw new Error('expected failure');
  expect(tf.memory().numTensors).toBe(before);
  return r.reason;
};

describe('canonicalName', () => {
  it('strips bert. and renames legacy LayerNorm gamma/beta', () => {
    expect(canonicalName('bert.encoder.layer.0.output.LayerNorm.gamma')).toBe('encoder.layer.0.output.LayerNorm.weight');
    expect(canonicalName('embeddings.LayerNorm.beta')).toBe('embeddings.LayerNorm.bias');
    expect(canonicalName('classifier.weight')).toBe('classifier.weight');
  });
});

describe('mapHfWeights', () => {
  it('loads the bert.-prefixed classifier checkpoint and exports the same names', () => {
    const r = mapHfWeights(file, config);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const names = namedBertTensors(r.data.weights, 'bert.')
      .map(([n]) => n)
      .sort();
    expect(names).toEqual([...file.keys()].sort());
    disposeTree(r.data.weights);
  });

  it('accepts legacy gamma/beta names', () => {
    const renamed = new Map(
      [...file].map(([k, v]) => [k.replace(/LayerNorm\.weight$/, 'LayerNorm.gamma').replace(/LayerNorm\.bias$/, 'LayerNorm.beta'), v]),
    );
    const r = mapHfWeights(renamed, config);
    expect(r.ok).toBe(true);
    if (r.ok) disposeTree(r.data.weights);
  });

  it('reports missing, extra and wrong-shaped weights by name', () => {
    const missing = new Map(file);
    missing.delete('bert.encoder.layer.1.attention.self.key.bias');
    expect(reasonFor(missing)).toMatch(/missing "encoder.layer.1.attention.self.key.bias" \[32\]/);

    const extra = new Map(file).set('bert.encoder.layer.9.output.dense.weight', file.get('bert.pooler.dense.weight')!);
    expect(reasonFor(extra)).toMatch(/unexpected weight "bert.encoder.layer.9.output.dense.weight"/);

    const wrong = new Map(file).set('bert.embeddings.word_embeddings.weight', {
      dtype: 'F32',
      shape: [10, 32],
      data: new Float32Array(320),
    });
    expect(reasonFor(wrong)).toMatch(/"bert.embeddings.word_embeddings.weight" has shape \[10,32\], expected \[253,32\]/);

    const clash = new Map(file).set('embeddings.LayerNorm.weight', file.get('bert.embeddings.LayerNorm.weight')!);
    expect(reasonFor(clash)).toMatch(/both map to "embeddings.LayerNorm.weight"/);
  });

  it('requires the classifier to agree with id2label', () => {
    expect(reasonFor(file, { ...config, labels: ['a', 'b', 'c'] })).toMatch(/classifier has 2 outputs but config.json id2label names 3/);
  });

  it('ignores position_ids buffers and, for pre-training checkpoints, the cls.* heads', () => {
    const withBuffers = new Map(file)
      .set('bert.embeddings.position_ids', { dtype: 'I64', shape: [1, 64], data: new Int32Array(64) })
      .set('cls.predictions.bias', { dtype: 'F32', shape: [253], data: new Float32Array(253) });
    expect(reasonFor(withBuffers)).toMatch(/unexpected weight "cls.predictions.bias"/);
    const r = mapHfWeights(withBuffers, { ...config, architecture: 'BertForMaskedLM' });
    expect(r.ok && r.data.ignored.sort()).toEqual(['bert.embeddings.position_ids', 'cls.predictions.bias']);
    if (r.ok) disposeTree(r.data.weights);
  });
});
