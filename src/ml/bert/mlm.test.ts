// Masked-language-model pretraining: BERT's masking rule checked by counting, and a run on a patterned corpus that
// lowers the masked-token loss, leaks no tensors, leaves the base untouched and honours Cancel.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { disposeTree } from '../tensors';
import { continuePretraining, maskRow, MLM_DEFAULTS, specialTokens, type SpecialTokens } from './mlm';
import { useTinyBert } from '../../testSupport/tinyBertSuite';

const tiny = useTinyBert();

describe('BERT masking', () => {
  const special: SpecialTokens = { cls: 101, sep: 102, mask: 103, pad: 0 };
  it('never masks special tokens, predicts only chosen ones, and splits 80/10/10', () => {
    const rng = createRng(1);
    const ids = [101, ...Array.from({ length: 200 }, (_, i) => 1000 + i), 102];
    let chosen = 0;
    let masked = 0;
    let kept = 0;
    const rows = 200;
    for (let r = 0; r < rows; r++) {
      const { input, target } = maskRow(ids, 0.15, special, 5000, rng);
      expect(target[0]).toBe(-1);
      expect(target.at(-1)).toBe(-1);
      expect(input[0]).toBe(101);
      target.forEach((t, i) => {
        if (t < 0) return expect(input[i]).toBe(ids[i]);
        chosen++;
        expect(t).toBe(ids[i]);
        if (input[i] === 103) masked++;
        else if (input[i] === ids[i]) kept++;
        expect([101, 102, 0].includes(input[i])).toBe(false);
      });
    }
    // 40,000 ordinary tokens × 0.15 = 6,000 expected; binomial sd ≈ 71.
    expect(Math.abs(chosen - 6000)).toBeLessThan(400);
    expect(Math.abs(masked / chosen - 0.8)).toBeLessThan(0.03);
    // "Kept" also catches the rare random replacement that drew the same token.
    expect(Math.abs(kept / chosen - 0.1)).toBeLessThan(0.03);
  });

  it('chooses at least one token of a short row', () => {
    const { target } = maskRow([101, 7, 102], 0.01, special, 50, createRng(3));
    expect(target).toEqual([-1, 7, -1]);
  });

  it('finds [MASK] through the tokenizer', () => {
    const s = specialTokens(tiny.tokenizer, 0);
    expect(s.ok && s.data.mask).toBe(tiny.tokenizer.encode(['[MASK]'], { maxLength: 8 }).inputIds[0][1]);
  });
});

describe('continued pretraining', () => {
  // A patterned corpus: each text is one of four fixed word orders, so masked words are predictable from context.
  const PATTERNS = [
    'the user viewed red shoes then bought them',
    'a user added a blue shirt to the cart',
    'viewed a phone twice then left',
    'bought a book and a game',
  ];
  const texts = Array.from({ length: 96 }, (_, i) => PATTERNS[i % PATTERNS.length]);

  it('lowers the masked-token loss, leaks nothing and leaves the base as it was', async () => {
    const before = Array.from(tiny.model.weights.embeddings.word.dataSync());
    const counts: number[] = [];
    const r = await continuePretraining(tiny.model, tiny.tokenizer, texts, {
      ...MLM_DEFAULTS,
      epochs: 6,
      learningRate: 5e-3,
      seed: 1,
      onProgress: (p) => (p.step === 1 || p.step === 30) && counts.push(tf.memory().numTensors),
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.steps).toBe(36);
    expect(counts[1]).toBe(counts[0]);
    expect(r.data.lastEpochLoss).toBeLessThan(r.data.firstEpochLoss * 0.7);
    expect(r.data.lastEpochAccuracy).toBeGreaterThan(0.3);
    expect(r.data.model.weights.classifier).toBeUndefined();
    expect(Array.from(tiny.model.weights.embeddings.word.dataSync())).toEqual(before);
    disposeTree(r.data.model.weights);
  });

  it('stops when cancelled, and refuses bad settings before allocating', async () => {
    const controller = new AbortController();
    const r = await continuePretraining(tiny.model, tiny.tokenizer, texts, {
      ...MLM_DEFAULTS,
      seed: 2,
      signal: controller.signal,
      onProgress: (p) => p.step === 2 && controller.abort(),
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.stoppedBy).toBe('aborted');
    expect(r.data.steps).toBe(2);
    disposeTree(r.data.model.weights);
    const before = tf.memory().numTensors;
    const bad = await continuePretraining(tiny.model, tiny.tokenizer, texts, { ...MLM_DEFAULTS, seed: 1, maskProbability: 0.9, epochs: 0 });
    expect(!bad.ok && bad.reason).toMatch(/epochs must be an integer in \[1, 100\].*maskProbability must be a number in \(0, 0.5\]/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
