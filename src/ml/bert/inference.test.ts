// embed/classify on the tiny fixtures: batching does not change results, pooling matches the golden values.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { disposeTree } from '../tensors';
import { classify, embed } from './inference';
import type { LoadedBert } from './load';
import { loadBertFromDir } from './loadDir';
import { loadTokenizer, type TextTokenizer } from './tokenizer';

const FIXTURES = new URL('../../../tests/fixtures/', import.meta.url).pathname;
const golden = JSON.parse(readFileSync(`${FIXTURES}golden.json`, 'utf8'));
const texts: string[] = golden.sentences;
let bert: LoadedBert;
let clf: LoadedBert;
let tok: TextTokenizer;

beforeAll(async () => {
  await initBackend('wasm');
  const a = await loadBertFromDir(`${FIXTURES}tiny-bert`);
  const b = await loadBertFromDir(`${FIXTURES}tiny-bert-classifier`);
  if (!a.ok || !b.ok) throw new Error('fixtures did not load');
  bert = a.data;
  clf = b.data;
  tok = await loadTokenizer(`${FIXTURES}tiny-bert`);
});
afterAll(() => disposeTree([bert.weights, clf.weights]));

describe('embed', () => {
  it('mean pooling matches golden mean_pooled regardless of batch size, and reports progress', async () => {
    const progress: number[] = [];
    const vecs = await embed(bert, tok, texts, { batchSize: 3, onProgress: (p) => progress.push(p.done) });
    expect(progress).toEqual([3, 6, 7]);
    const want: number[] = golden.mean_pooled.data;
    vecs.flat().forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-4));
    const one = await embed(bert, tok, texts, { batchSize: 1 });
    one.flat().forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-4));
  });

  it('cls pooling returns the [CLS] hidden state; normalize gives unit vectors', async () => {
    const [v] = await embed(bert, tok, texts.slice(0, 1), { pooling: 'cls' });
    const want = golden.last_hidden_state.data.slice(0, 32);
    v.forEach((x, i) => expect(Math.abs(x - want[i])).toBeLessThan(1e-4));
    const unit = await embed(bert, tok, texts, { normalize: true });
    for (const u of unit) expect(Math.hypot(...u)).toBeCloseTo(1, 5);
  });

  it('leaves no tensors behind', async () => {
    await embed(bert, tok, texts);
    const before = tf.memory().numTensors;
    await embed(bert, tok, texts, { batchSize: 2, normalize: true });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('classify', () => {
  it('returns id2label names and golden logits', async () => {
    const { labels, logits } = await classify(clf, tok, texts, { batchSize: 4 });
    const want: number[] = golden.classifier_logits.data;
    logits.flat().forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-4));
    labels.forEach((l, i) => expect(l).toBe(logits[i][1] > logits[i][0] ? 'buy' : 'not_buy'));
  });

  it('refuses a model without a head', async () => {
    await expect(classify(bert, tok, texts)).rejects.toThrow(/no classification head/);
  });
});
