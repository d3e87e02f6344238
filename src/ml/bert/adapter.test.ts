// Houlsby adapters: the forward pass against a hand computation, gradients against finite differences, a fresh
// adapter as the identity, and a fine-tune that trains only adapters, LayerNorms and head and exports losslessly.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeTree } from '../tensors';
import { linear, type Linear } from '../transformer/blocks';
import { addAdapters } from './adapter';
import { parseBertConfig } from './config';
import { exportBert } from './export';
import { finetune } from './finetune';
import { loadBertFromFiles } from './load';
import { bertForward, bertInputs, type BertModel } from './model';
import { plantedWords } from '../../testSupport/tinyBert';
import { useTinyBert } from '../../testSupport/tinyBertSuite';

const gelu = (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2));
// Abramowitz–Stegun 7.1.26 is 1e-7 accurate: plenty against float32.
function erf(x: number): number {
  const s = Math.sign(x);
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return s * y;
}

const tiny = useTinyBert();

/** Dense [out, in] · x + b in plain numbers. */
const dense = (w: number[][], b: number[], x: number[]) => w.map((row, o) => row.reduce((s, v, i) => s + v * x[i], b[o]));
/** A Linear holds its weight [in, out]: the hand matrices here are written [out, in], as a file stores them. */
const held = (w: number[][]) => tf.tensor2d(w[0].map((_, c) => w.map((row) => row[c])));

describe('Houlsby adapter', () => {
  // out = 2, in = 3, bottleneck 1: y = Wx + b, then y + U·gelu(D·y + d) + u.
  const W = [
    [0.5, -1, 0.25],
    [1, 0.5, -0.5],
  ];
  const b = [0.1, -0.2];
  const D = [[0.8, -0.6]];
  const d = [0.05];
  const U = [[1.5], [-0.7]];
  const u = [0.01, 0.02];
  const layer = (): Linear => ({
    weight: held(W),
    bias: tf.tensor1d(b),
    adapter: {
      down: { weight: held(D), bias: tf.tensor1d(d) },
      up: { weight: held(U), bias: tf.tensor1d(u) },
      activation: 'gelu',
    },
  });

  it('adds up(gelu(down(y))) to the dense output, as computed by hand', () => {
    const x = [0.3, -1.2, 2];
    const y = dense(W, b, x);
    const h = dense(D, d, y).map(gelu);
    const expected = dense(U, u, h).map((v, i) => v + y[i]);
    const l = layer();
    const got = tf.tidy(() => linear(tf.tensor2d([x]), l).arraySync() as number[][]);
    disposeTree(l);
    got[0].forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it('has gradients that match finite differences for the adapter weights', () => {
    const x = tf.tensor2d([
      [0.3, -1.2, 2],
      [1, 0.5, -0.4],
    ]);
    const l = layer();
    const loss = (down: tf.Tensor, up: tf.Tensor) =>
      linear(x, { ...l, adapter: { ...l.adapter!, down: { ...l.adapter!.down, weight: down }, up: { ...l.adapter!.up, weight: up } } })
        .square()
        .sum() as tf.Scalar;
    const [gDown, gUp] = tf.tidy(() =>
      tf
        .grads(loss)([l.adapter!.down.weight, l.adapter!.up.weight])
        .map((g) => g.arraySync() as number[][]),
    );
    const eps = 1e-3;
    const numeric = (which: 0 | 1, r: number, c: number) =>
      tf.tidy(() => {
        const bump = (s: number) => {
          const m = (which === 0 ? D : U).map((row) => [...row]);
          m[r][c] += s;
          const t = held(m);
          return which === 0 ? loss(t, l.adapter!.up.weight).dataSync()[0] : loss(l.adapter!.down.weight, t).dataSync()[0];
        };
        return (bump(eps) - bump(-eps)) / (2 * eps);
      });
    // Float32 central differences: agreement to 1e-3 relative.
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-3 * Math.max(1, Math.abs(b)));
    // The gradients are held [in, out], the bumped hand matrices [out, in].
    close(gDown[0][0], numeric(0, 0, 0));
    close(gDown[1][0], numeric(0, 0, 1));
    close(gUp[0][0], numeric(1, 0, 0));
    close(gUp[0][1], numeric(1, 1, 0));
    disposeTree([l, x]);
  });

  it('starts as the identity: a fresh adapter leaves BERT outputs unchanged', () => {
    const enc = tiny.tokenizer.encode(['the user bought a red phone', 'viewed shoes twice'], { maxLength: 32 });
    const inputs = bertInputs(enc.inputIds, enc.attentionMask);
    const { weights, variables } = addAdapters(tiny.model.weights, { size: 4, seed: 1 });
    const plain = tf.tidy(() => bertForward(tiny.model, inputs).lastHiddenState.arraySync());
    const adapted = tf.tidy(() => bertForward({ config: tiny.model.config, weights }, inputs).lastHiddenState.arraySync());
    expect(adapted).toEqual(plain);
    // Two adapters per layer, four tensors each.
    expect(variables).toHaveLength(tiny.model.config.numLayers * 2 * 4);
    disposeTree([inputs, variables]);
  });

  it('refuses an out-of-range size and a config that names a malformed adapter', () => {
    expect(() => addAdapters(tiny.model.weights, { size: 0 })).toThrow(/adapter size must be an integer in \[1, 4096\]/);
    const json = JSON.parse(
      JSON.stringify({
        model_type: 'bert',
        vocab_size: 10,
        hidden_size: 4,
        num_hidden_layers: 1,
        num_attention_heads: 1,
        intermediate_size: 8,
        max_position_embeddings: 8,
      }),
    );
    expect(parseBertConfig({ ...json, reclens_adapter: { type: 'pfeiffer', size: 2 } }).ok).toBe(false);
    const r = parseBertConfig({ ...json, reclens_adapter: { type: 'houlsby', size: 2 } });
    expect(r.ok && r.data.adapter).toEqual({ size: 2 });
  });
});

describe('fine-tuning with adapters', () => {
  // Planted words: whether a text holds a purchase word and/or a cart word. The tiny fixture's weights are random, so
  // it is first fully fine-tuned on the 4-way task (a stand-in for domain pretraining); the PEFT methods then learn
  // the binary "purchase word?" task on top of it, as adapters and LoRA are meant to be used.
  let pretrained: BertModel;
  beforeAll(async () => {
    const a = plantedWords(400, 1);
    const pre = await finetune(tiny.model, tiny.tokenizer, a.texts, a.both, {
      labels: ['none', 'cart', 'buy', 'both'],
      epochs: 10,
      learningRate: 1e-2,
      validationSplit: 0.2,
      patience: 3,
      seed: 3,
    });
    pretrained = {
      config: { ...pre.model.config, labels: undefined, architecture: 'BertModel' },
      weights: { ...pre.model.weights, classifier: undefined },
    };
    disposeTree(pre.model.weights.classifier);
  });
  afterAll(() => disposeTree(pretrained?.weights));

  const b = plantedWords(300, 2);
  const tune = (peft: object) =>
    finetune(pretrained, tiny.tokenizer, b.texts, b.purchase, {
      labels: ['other', 'purchase'],
      epochs: 6,
      learningRate: 1e-2,
      validationSplit: 0.3,
      patience: 3,
      seed: 4,
      ...peft,
    });

  async function logits(model: BertModel): Promise<Float32Array> {
    const enc = tiny.tokenizer.encode(b.texts.slice(0, 8), { maxLength: 32 });
    const inputs = bertInputs(enc.inputIds, enc.attentionMask);
    const out = tf.tidy(() => bertForward(model, inputs).logits!);
    const data = (await out.data()) as Float32Array;
    disposeTree([inputs, out]);
    return data;
  }

  it("LoRA and the adapter reach the full fine-tune's accuracy with a tenth of its trainable parameters or fewer", async () => {
    const full = await tune({});
    const adapter = await tune({ adapter: { size: 4 } });
    const lora = await tune({ lora: { rank: 4 } });
    expect(full.bestValAccuracy).toBeGreaterThanOrEqual(0.95);
    for (const peft of [adapter, lora]) {
      expect(peft.bestValAccuracy).toBeGreaterThanOrEqual(full.bestValAccuracy! - 0.03);
      expect(peft.trainableParams).toBeLessThanOrEqual(full.trainableParams / 10);
    }
    expect(full.trainableParams).toBe(full.totalParams);
    // Frozen weights stay the base's; the adapters sit on both sublayers of every layer.
    const layer = adapter.model.weights.layers[0];
    expect(layer.output.adapter && layer.attention.output.adapter).toBeTruthy();
    expect(Array.from(layer.attention.query.weight.dataSync())).toEqual(
      Array.from(pretrained.weights.layers[0].attention.query.weight.dataSync()),
    );
    // Exported with the adapters beside the weights, and loaded back to the same logits.
    const exported = await exportBert(adapter.model);
    expect(JSON.parse(exported.config).reclens_adapter).toEqual({ type: 'houlsby', size: 4 });
    const back = loadBertFromFiles(exported);
    if (!back.ok) throw new Error(back.reason);
    expect(await logits(back.data)).toEqual(await logits(adapter.model));
    disposeTree([back.data.weights, full.model.weights, adapter.model.weights, lora.model.weights]);
  });
});
