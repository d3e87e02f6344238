// Fine-tuning on a generated task (does the text contain a purchase word?): learns it, leaks nothing, exports faithfully.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { initBackend } from '../backend';
import { disposeTree } from '../tensors';
import { exportBert } from './export';
import { checkFinetuneOptions, finetune, type FinetuneProgress } from './finetune';
import { loadBertFromFiles, type LoadedBert } from './load';
import { loadBertFromDir } from './loadDir';
import { bertForward, bertInputs, type BertModel } from './model';
import { loadTokenizer, type TextTokenizer } from './tokenizer';

const FIXTURES = new URL('../../../tests/fixtures/', import.meta.url).pathname;
const PURCHASE = ['bought', 'buy', 'buys', 'purchased', 'purchase', 'purchases'];
const FILLER = (
  'the a user users item items movie movies film product viewed view clicked click added add cart returned recently often then after ' +
  'before later time day week session recommend similar genre action comedy drama thriller star wars toy story price cheap shoes shirt phone ' +
  'laptop camera book music song game red blue new old good great love liked not'
).split(' ');

function makeTask(n: number, seed: number): { texts: string[]; labels: number[] } {
  const rng = createRng(seed);
  const texts: string[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 4 + rng.int(7) }, () => FILLER[rng.int(FILLER.length)]);
    const label = rng.int(2);
    if (label) words.splice(rng.int(words.length + 1), 0, PURCHASE[rng.int(PURCHASE.length)]);
    texts.push(words.join(' '));
    labels.push(label);
  }
  return { texts, labels };
}

let base: LoadedBert;
let tok: TextTokenizer;
const { texts, labels } = makeTask(400, 1);
const probe = makeTask(16, 2).texts;

beforeAll(async () => {
  await initBackend('wasm');
  const m = await loadBertFromDir(`${FIXTURES}tiny-bert`);
  if (!m.ok) throw new Error(m.reason);
  base = m.data;
  tok = await loadTokenizer(`${FIXTURES}tiny-bert`);
});
afterAll(() => disposeTree(base?.weights));

async function logitsOf(model: BertModel): Promise<Float32Array> {
  const enc = tok.encode(probe, { maxLength: 64 });
  const inputs = bertInputs(enc.inputIds, enc.attentionMask);
  const logits = tf.tidy(() => bertForward(model, inputs).logits!);
  const data = (await logits.data()) as Float32Array;
  disposeTree([inputs, logits]);
  return data;
}

function maxAbs(a: Float32Array, b: Float32Array): number {
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

async function roundTrip(model: BertModel) {
  const exported = await exportBert(model);
  const reloaded = loadBertFromFiles(exported);
  if (!reloaded.ok) throw new Error(reloaded.reason);
  const diff = maxAbs(await logitsOf(model), await logitsOf(reloaded.data));
  expect(reloaded.data.config.labels).toEqual(['other', 'purchase']);
  disposeTree(reloaded.data.weights);
  return diff;
}

describe('finetune', () => {
  it('learns the purchase-word task to ≥95% validation accuracy with a flat tensor count, and exports identically', async () => {
    const counts = new Map<number, number>();
    const seen: FinetuneProgress[] = [];
    const result = await finetune(base, tok, texts, labels, {
      labels: ['other', 'purchase'],
      epochs: 8,
      batchSize: 16,
      learningRate: 1e-2,
      validationSplit: 0.2,
      patience: 3,
      seed: 3,
      onProgress: (p) => {
        seen.push(p);
        if (p.step === 1 || p.step === 100) counts.set(p.step, tf.memory().numTensors);
      },
    });
    expect(result.steps).toBeGreaterThanOrEqual(100);
    expect(counts.get(100)).toBe(counts.get(1));
    expect(result.bestValAccuracy).toBeGreaterThanOrEqual(0.95);
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ total: 160 });
    expect(last.stepsPerSec).toBeGreaterThan(0);
    expect(Number.isFinite(last.etaSeconds)).toBe(true);
    // Full fine-tuning exports the trained tensors verbatim.
    expect(await roundTrip(result.model)).toBe(0);
    disposeTree(result.model.weights);
  });

  it('with LoRA trains only the adapters and head, lowers the training loss, and exports with the adapters merged', async () => {
    const losses: number[] = [];
    const result = await finetune(base, tok, texts, labels, {
      labels: ['other', 'purchase'],
      epochs: 6,
      learningRate: 1e-2,
      validationSplit: 0,
      dropout: 0,
      seed: 3,
      lora: { rank: 4 },
      onProgress: (p) => losses.push(p.loss),
    });
    const w = result.model.weights.layers[0].attention;
    expect(w.query.lora && w.value.lora).toBeTruthy();
    expect(w.key.lora).toBeUndefined();
    // Frozen weights are copies of the base, unchanged by training.
    const baseQ = base.weights.layers[0].attention.query.weight.dataSync();
    expect(Array.from(w.query.weight.dataSync())).toEqual(Array.from(baseQ));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-20))).toBeLessThan(mean(losses.slice(0, 20)) - 0.1);
    // On this tiny random base, LoRA fits the training set but does not generalise as full fine-tuning does,
    // so the accuracy bar belongs to the full fine-tuning test above.
    expect(await roundTrip(result.model)).toBeLessThan(1e-5);
    disposeTree(result.model.weights);
  });

  it('stops promptly when aborted and leaves the base model untouched', async () => {
    const before = Array.from(base.weights.embeddings.word.dataSync());
    const controller = new AbortController();
    const result = await finetune(base, tok, texts, labels, {
      labels: ['other', 'purchase'],
      epochs: 5,
      learningRate: 1e-2,
      onProgress: (p) => p.step === 3 && controller.abort(),
      signal: controller.signal,
    });
    expect(result.stoppedBy).toBe('aborted');
    expect(result.steps).toBe(3);
    expect(Array.from(result.model.weights.embeddings.word.dataSync())).not.toEqual(before);
    disposeTree(result.model.weights);
    expect(Array.from(base.weights.embeddings.word.dataSync())).toEqual(before);
    expect(base.weights.classifier).toBeUndefined();
  });

  it('refuses labels outside the label list', async () => {
    await expect(finetune(base, tok, ['a'], [2], { labels: ['x', 'y'] })).rejects.toThrow(/label id 2/);
  });

  it('refuses settings out of range before anything is allocated, naming each', async () => {
    const tensors = tf.memory().numTensors;
    await expect(
      finetune(base, tok, ['a', 'b'], [0, 1], { labels: ['x', 'y'], learningRate: 5, epochs: 0, dropout: 1, batchSize: NaN }),
    ).rejects.toThrow(
      'epochs must be an integer in [1, 1000] (got 0); batchSize must be an integer in [1, 4096] (got NaN); learningRate must be a number in (0, 1] (got 5); dropout must be a number in [0, 1) (got 1)',
    );
    expect(tf.memory().numTensors).toBe(tensors);
    expect(checkFinetuneOptions({ learningRate: 1e-3, epochs: 3, validationSplit: 0 })).toBeNull();
  });
});
