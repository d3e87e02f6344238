// The encoder on packed rows (transformer/packing.ts) is the padded computation: on wasm a left-padded batch's loss,
// every weight's gradient and the real rows' hidden states come out equal bit for bit, with dropout on, for SASRec
// (causal mask) and BERT4Rec (Cloze masks), and inference scores likewise.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { initBackend } from '../backend';
import { embeddingLookup } from '../transformer/blocks';
import { realRows } from '../transformer/packing';
import { clozeBatch, inferenceBatch, sasrecBatch, type SeqInput } from './batch';
import { defaultConfig, type SeqRecMode } from './config';
import { batchTensors, createModel, disposeModel, encodeEmbeddings, inputEmbeddings, packingFor, scoreBatch } from './model';

beforeAll(async () => {
  await initBackend('wasm');
});

/** 9 histories of 1–14 items over 40: most rows of the padded batch are padding. */
function histories(): SeqInput[] {
  const rng = createRng(7);
  return Array.from({ length: 9 }, (_, u) => ({ items: Array.from({ length: u === 4 ? 14 : 1 + rng.int(6) }, () => rng.int(40)) }));
}

/** A small encoder over the 40 items of `histories`. */
const tinyConfig = (mode: SeqRecMode, seqs: SeqInput[]) => ({
  ...defaultConfig(
    mode,
    40,
    seqs.map((s) => s.items.length),
  ),
  maxLen: 16,
  hidden: 16,
  heads: 2,
  intermediate: 24,
});

describe('the encoder on packed rows', () => {
  it.each<SeqRecMode>(['sasrec', 'bert4rec'])('%s: the same loss, gradients and real rows as padded, bit for bit', (mode) => {
    const seqs = histories();
    const config = { ...tinyConfig(mode, seqs), dropout: 0.3 };
    const m = createModel(config, 3);
    const { arrays, targets } = mode === 'sasrec' ? sasrecBatch(seqs, config) : clozeBatch(seqs, config, createRng(5));
    const packing = packingFor(arrays);
    expect(packing, 'a batch this padded is packed').toBeDefined();
    expect(packing!.rows.length).toBe(Array.from(arrays.mask).filter(Boolean).length);
    const vars = [...m.named.values()];
    const w = tf.randomNormal([targets.flat.length, config.hidden], 0, 1, 'float32', 9);
    type Run = { value: number; grads: (number[] | null)[]; real: number[] };
    const run = (packed: boolean): Run => {
      let out: Run | undefined;
      tf.tidy(() => {
        let hidden: tf.Tensor = tf.zeros([0]);
        const { value, grads } = tf.variableGrads(() => {
          const t = batchTensors(arrays);
          const { items, context } = inputEmbeddings(m, t);
          // Kept: variableGrads frees the forward pass's tensors.
          hidden = tf.keep(
            encodeEmbeddings(m, items, context, t.mask, { train: { seed: 11 }, packing: packed ? packing : undefined }).lastHiddenState,
          );
          const h = embeddingLookup(hidden.reshape([-1, config.hidden]), tf.tensor1d(targets.flat, 'int32'));
          return h.mul(w).sum() as tf.Scalar;
        }, vars);
        const real = embeddingLookup(hidden.reshape([-1, config.hidden]), packing!.index);
        out = {
          value: value.dataSync()[0],
          // The output layer's weights are not on this loss's path: no gradient either way.
          grads: vars.map((v) => (grads[v.name] ? Array.from(grads[v.name].dataSync()) : null)),
          real: Array.from(real.dataSync()),
        };
        hidden.dispose();
      });
      return out!;
    };
    const [padded, packed] = [run(false), run(true)];
    expect(packed.value).toBe(padded.value);
    expect(packed.real).toEqual(padded.real);
    packed.grads.forEach((g, i) => expect(g, vars[i].name).toEqual(padded.grads[i]));
    // Not trivially equal: the gradients are not all zero.
    expect(padded.grads.filter((g) => g?.some((x) => x !== 0)).length).toBeGreaterThan(vars.length / 2);
    tf.dispose([w, packing!.index]);
    disposeModel(m);
  });

  it('scores inference batches as padded, and leaves nearly full batches unpacked', () => {
    const seqs = histories();
    const config = tinyConfig('sasrec', seqs);
    const m = createModel(config, 4);
    const a = inferenceBatch(seqs, config);
    expect(packingFor(a)).toBeDefined();
    const packed = scoreBatch(m, a);
    const padded = tf.tidy(() => {
      const t = batchTensors(a);
      const { items, context } = inputEmbeddings(m, t);
      const h = encodeEmbeddings(m, items, context, t.mask).lastHiddenState;
      return h.slice([0, a.len - 1, 0], [a.batch, 1, config.hidden]).reshape([a.batch, config.hidden]);
    });
    const scores = tf.tidy(() => padded.matMul(m.weights.item.slice([1, 0], [40, config.hidden]), false, true).add(m.weights.itemBias));
    Array.from(packed.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(scores.dataSync()[i], 4));
    // 9 rows of 5 real positions and one padding each: 90% real, above the share that pays.
    expect(
      realRows(
        new Float32Array(50).map((_, i) => (i % 10 === 0 ? 0 : 1)),
        5,
        10,
      ),
    ).toBeUndefined();
    tf.dispose([packed, padded, scores]);
    disposeModel(m);
  });
});
