// Acceptance: tokenizer and forward pass match an independent PyTorch BERT on the tiny fixtures (wasm backend).
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { disposeTree } from '../tensors';
import { loadBertFromDir } from './loadDir';
import type { LoadedBert } from './load';
import { bertForward, bertInputs, meanPool } from './model';
import { loadTokenizer } from './tokenizer';

const FIXTURES = new URL('../../../tests/fixtures/', import.meta.url).pathname;
interface Golden {
  sentences: string[];
  input_ids: number[][];
  padded_length: number;
  attention_mask: number[][];
  tolerance: { abs: number };
  [key: string]: unknown;
}
const golden = JSON.parse(readFileSync(`${FIXTURES}golden.json`, 'utf8')) as Golden;
const expected = (key: string) => golden[key] as { shape: number[]; data: number[] };
const TOL = golden.tolerance.abs;
const L = golden.padded_length;
const paddedIds = golden.input_ids.map((r) => [...r, ...new Array(L - r.length).fill(0)]);

/** Largest absolute difference against a golden array; shapes must agree exactly. */
async function maxDiff(t: tf.Tensor, key: string): Promise<number> {
  const want = expected(key);
  expect(t.shape).toEqual(want.shape);
  const got = await t.data();
  let worst = 0;
  for (let i = 0; i < want.data.length; i++) worst = Math.max(worst, Math.abs(got[i] - want.data[i]));
  return worst;
}

let bert: LoadedBert;
let classifier: LoadedBert;

beforeAll(async () => {
  expect((await initBackend('wasm')).backend).toBe('wasm');
  const a = await loadBertFromDir(`${FIXTURES}tiny-bert`);
  const b = await loadBertFromDir(`${FIXTURES}tiny-bert-classifier`);
  if (!a.ok) throw new Error(a.reason);
  if (!b.ok) throw new Error(b.reason);
  bert = a.data;
  classifier = b.data;
});

afterAll(() => {
  disposeTree(bert?.weights);
  disposeTree(classifier?.weights);
});

describe('tokenizer parity', () => {
  it('gives the golden input ids and attention mask for every sentence', async () => {
    const tok = await loadTokenizer(`${FIXTURES}tiny-bert`);
    const enc = tok.encode(golden.sentences, { maxLength: L, padToMaxLength: true });
    expect(enc.inputIds).toEqual(paddedIds);
    expect(enc.attentionMask).toEqual(golden.attention_mask);
  });

  it('explains a folder without tokenizer files', async () => {
    await expect(loadTokenizer(`${FIXTURES}no-such-model`)).rejects.toThrow(/could not load a tokenizer from .*no-such-model/);
  });
});

describe('forward parity with the PyTorch reference', () => {
  it('matches last_hidden_state, pooler_output, mean_pooled and layer-0 head-0 attentions within tolerance', async () => {
    const inputs = bertInputs(paddedIds, golden.attention_mask);
    const out = bertForward(bert, inputs, { outputAttentions: true, outputHiddenStates: true });
    const head0 = tf.tidy(() => out.attentions![0].slice([0, 0, 0, 0], [-1, 1, -1, -1]).squeeze([1]));
    const mean = meanPool(out.lastHiddenState, inputs.attentionMask);
    try {
      expect(out.hiddenStates).toHaveLength(bert.config.numLayers + 1);
      expect(await maxDiff(out.lastHiddenState, 'last_hidden_state')).toBeLessThanOrEqual(TOL);
      expect(await maxDiff(out.poolerOutput!, 'pooler_output')).toBeLessThanOrEqual(TOL);
      expect(await maxDiff(mean, 'mean_pooled')).toBeLessThanOrEqual(TOL);
      expect(await maxDiff(head0, 'attentions_layer0_head0')).toBeLessThanOrEqual(TOL);
    } finally {
      disposeTree([out, inputs, head0, mean]);
    }
  });

  it('matches last_hidden_state within tolerance when no attentions are asked for (fused attention on wasm)', async () => {
    const inputs = bertInputs(paddedIds, golden.attention_mask);
    const out = bertForward(bert, inputs);
    try {
      expect(out.attentions).toBeUndefined();
      expect(await maxDiff(out.lastHiddenState, 'last_hidden_state')).toBeLessThanOrEqual(TOL);
    } finally {
      disposeTree([out, inputs]);
    }
  });

  it('matches classifier_logits for the sequence-classification checkpoint', async () => {
    expect(classifier.config.labels).toEqual(['not_buy', 'buy']);
    const inputs = bertInputs(paddedIds, golden.attention_mask);
    const out = bertForward(classifier, inputs);
    try {
      expect(await maxDiff(out.logits!, 'classifier_logits')).toBeLessThanOrEqual(TOL);
    } finally {
      disposeTree([out, inputs]);
    }
  });

  it('does not leak tensors across repeated forward passes', async () => {
    // With attentions (composed) and without (fused attention on wasm, whose scratch buffer is the backend's alone).
    const run = async (outputAttentions: boolean) => {
      const inputs = bertInputs(paddedIds, golden.attention_mask);
      const out = bertForward(classifier, inputs, { outputAttentions, outputHiddenStates: true });
      await out.logits!.data();
      disposeTree([out, inputs]);
    };
    for (const outputAttentions of [true, false]) {
      await run(outputAttentions); // warm-up: backends may cache helper tensors on first use
      const before = [tf.memory().numTensors, tf.backend().numDataIds()];
      for (let i = 0; i < 5; i++) await run(outputAttentions);
      expect([tf.memory().numTensors, tf.backend().numDataIds()]).toEqual(before);
    }
  });
});
