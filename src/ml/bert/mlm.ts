// Domain-adaptive pretraining: continue BERT's masked-language-model objective on the analyst's own texts (catalog
// titles and descriptions, behavior descriptions) before fine-tuning, as in Gururangan et al. 2020 ("Don't Stop
// Pretraining"). The MLM head (transform dense → activation → LayerNorm → decoder tied to the word embeddings) is
// created fresh, trained with the encoder, and dropped afterwards: what comes back is the adapted encoder.
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../../lib/rng';
import { checkValue, type Range } from '../../lib/ranges';
import { fail, ok, type Result } from '../../lib/result';
import { yieldToEvents } from '../../lib/progress';
import { disposeTree } from '../tensors';
import { watchGpuErrors } from '../gpuErrors';
import { adamW, clipFlat, type AdamW, type FlatGrads } from '../train/optimizer';
import { linearWarmupDecay } from '../train/schedule';
import { activate, layerNorm, linear, type LayerNormWeights, type Linear } from '../transformer/blocks';
import { transposedInit } from '../transformer/weightLayout';
import { bertForward, mapEncoderWeights, type BertModel, type BertWeights } from './model';
import type { TextTokenizer } from './tokenizer';

export interface MlmOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Fraction of tokens chosen for prediction (BERT: 0.15); of those 80% become [MASK], 10% a random token, 10% stay. */
  maskProbability: number;
  maxLength: number;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (p: MlmProgress) => void;
}

export interface MlmProgress {
  step: number;
  total: number;
  loss: number;
  stepsPerSec: number;
  etaSeconds: number;
}

export const MLM_DEFAULTS: Omit<MlmOptions, 'seed'> = {
  epochs: 2,
  batchSize: 16,
  learningRate: 5e-5,
  maskProbability: 0.15,
  maxLength: 64,
};

export const MLM_RANGES = {
  epochs: { min: 1, max: 100, integer: true },
  batchSize: { min: 1, max: 512, integer: true },
  learningRate: { min: 0, max: 1, minOpen: true },
  maskProbability: { min: 0, max: 0.5, minOpen: true },
  maxLength: { min: 4, max: 512, integer: true },
} as const satisfies Record<string, Range>;

/** The most texts one run reads: bounds memory (token ids are kept for every text) and time. */
export const MAX_MLM_TEXTS = 200_000;

export interface MlmResult {
  /** The adapted encoder (tf.Variables; no MLM head, no classifier). The caller disposes its weights. */
  model: BertModel;
  stoppedBy: 'completed' | 'aborted';
  steps: number;
  /** Mean masked-token loss of the first and the last epoch run, and masked-token accuracy of the last. */
  firstEpochLoss: number;
  lastEpochLoss: number;
  lastEpochAccuracy: number;
  texts: number;
}

export interface SpecialTokens {
  cls: number;
  sep: number;
  mask: number;
  pad: number;
}

/** [CLS], [SEP] and [MASK] ids as the tokenizer writes them; an error when it has no [MASK] token. */
export function specialTokens(tokenizer: TextTokenizer, padTokenId: number): Result<SpecialTokens> {
  const ids = tokenizer.encode(['[MASK]'], { maxLength: 8 }).inputIds[0];
  if (ids.length !== 3) return fail('this tokenizer has no single [MASK] token, so masked-language-model pretraining cannot run');
  return ok({ cls: ids[0], mask: ids[1], sep: ids[2], pad: padTokenId });
}

/**
 * BERT's masking of one row: each ordinary token is chosen with probability p (at least one per row when the row has
 * any); a chosen token becomes [MASK] 80% of the time, a random ordinary token 10%, itself 10%. Returns the input
 * ids and, per position, the id to predict (-1 where nothing is predicted). Special tokens are never chosen.
 */
export function maskRow(
  ids: readonly number[],
  p: number,
  special: SpecialTokens,
  vocab: number,
  rng: Rng,
): { input: number[]; target: number[] } {
  const isSpecial = (id: number) => id === special.cls || id === special.sep || id === special.pad || id === special.mask;
  const input = [...ids];
  const target = ids.map(() => -1);
  const ordinary = ids.flatMap((id, i) => (isSpecial(id) ? [] : [i]));
  const chosen = ordinary.filter(() => rng.next() < p);
  if (chosen.length === 0 && ordinary.length > 0) chosen.push(ordinary[rng.int(ordinary.length)]);
  for (const i of chosen) {
    target[i] = ids[i];
    const r = rng.next();
    if (r < 0.8) input[i] = special.mask;
    else if (r < 0.9) {
      let t = rng.int(vocab);
      while (isSpecial(t)) t = rng.int(vocab);
      input[i] = t;
    }
  }
  return { input, target };
}

export function checkMlmOptions(o: MlmOptions, texts: number): Result<true> {
  const problems = (Object.keys(MLM_RANGES) as (keyof typeof MLM_RANGES)[])
    .map((k) => checkValue(k, o[k], MLM_RANGES[k]))
    .filter((x): x is string => x !== null);
  if (texts === 0) problems.push('there are no texts to pretrain on');
  if (texts > MAX_MLM_TEXTS) problems.push(`${texts} texts is more than one run reads (${MAX_MLM_TEXTS}); pass a sample`);
  return problems.length ? fail(problems.join('; ')) : ok(true);
}

interface MlmHead {
  transform: Linear;
  norm: LayerNormWeights;
  bias: tf.Tensor;
}

/** Continue MLM pretraining of `base` on `texts`; the base is left untouched (the result owns copies). */
export async function continuePretraining(
  base: BertModel,
  tokenizer: TextTokenizer,
  texts: readonly string[],
  options: MlmOptions,
): Promise<Result<MlmResult>> {
  const checked = checkMlmOptions(options, texts.length);
  if (!checked.ok) return checked;
  const special = specialTokens(tokenizer, base.config.padTokenId);
  if (!special.ok) return special;
  const { epochs, batchSize, learningRate, maskProbability, seed } = options;
  const maxLength = Math.min(options.maxLength, base.config.maxPositions);
  const vocab = base.config.vocabSize;
  const rows = texts.map((t) => tokenizer.encode([t], { maxLength }).inputIds[0]).filter((r) => r.length > 2);
  if (rows.length === 0) return fail('every text is empty after tokenisation');

  const { model, head, trainable, noDecay } = trainableCopy(base, seed);
  const rng = createRng(seed);
  const stepsPerEpoch = Math.ceil(rows.length / batchSize);
  const total = epochs * stepsPerEpoch;
  const optimizer = adamW(trainable, { weightDecay: 0.01, noDecay });
  const gpu = watchGpuErrors();
  const started = performance.now();
  const epochLoss: number[] = [];
  let lastAccuracy = 0;
  let step = 0;
  let stoppedBy: MlmResult['stoppedBy'] = 'completed';
  try {
    outer: for (let epoch = 0; epoch < epochs; epoch++) {
      const order = rng.shuffle([...rows.keys()]);
      let lossSum = 0;
      let hits = 0;
      let predicted = 0;
      for (let b = 0; b < stepsPerEpoch; b++) {
        await yieldToEvents();
        if (options.signal?.aborted) {
          stoppedBy = 'aborted';
          break outer;
        }
        const batch = order
          .slice(b * batchSize, (b + 1) * batchSize)
          .map((i) => maskRow(rows[i], maskProbability, special.data, vocab, rng));
        const lr = learningRate * linearWarmupDecay(step, total, Math.round(total * 0.1));
        const fwd = { dropout: 0.1, seed: seed * 1_000_003 + step + 1 };
        const out = await gpu.run(`pretraining step ${step + 1}`, async () => stepMlm(model, head, batch, trainable, optimizer, fwd), {
          discard: (r) => tf.dispose([r.grads.values, r.figures]),
        });
        try {
          await gpu.run(`the weight update of pretraining step ${step + 1}`, async () => optimizer.applyFlat(out.grads, lr));
        } finally {
          out.grads.values.dispose();
        }
        const [loss, correct, count] = await out.figures.data();
        out.figures.dispose();
        lossSum += loss * count;
        hits += correct;
        predicted += count;
        step++;
        const stepsPerSec = step / Math.max((performance.now() - started) / 1000, 1e-6);
        options.onProgress?.({ step, total, loss, stepsPerSec, etaSeconds: (total - step) / stepsPerSec });
      }
      epochLoss.push(lossSum / Math.max(predicted, 1));
      lastAccuracy = hits / Math.max(predicted, 1);
    }
    gpu.check('pretraining');
  } catch (e) {
    disposeTree([model.weights, head]);
    throw e;
  } finally {
    gpu.dispose();
    optimizer.dispose();
  }
  disposeTree(head);
  return ok({
    model,
    stoppedBy,
    steps: step,
    firstEpochLoss: epochLoss[0] ?? NaN,
    lastEpochLoss: epochLoss.at(-1) ?? NaN,
    lastEpochAccuracy: lastAccuracy,
    texts: rows.length,
  });
}

/** Every encoder weight as a variable (the pooler and any classifier are dropped), plus a fresh MLM head. */
function trainableCopy(base: BertModel, seed: number) {
  const trainable: tf.Variable[] = [];
  const noDecay = new Set<string>();
  const v = (t: tf.Tensor, decay = true) => {
    const x = tf.variable(t.clone());
    trainable.push(x);
    if (!decay) noDecay.add(x.name);
    return x;
  };
  const lin = (l: Linear): Linear => ({ weight: v(l.weight), bias: l.bias && v(l.bias, false) });
  const norm = (n: LayerNormWeights): LayerNormWeights => ({ weight: v(n.weight, false), bias: v(n.bias, false) });
  const w = base.weights;
  const weights: BertWeights = {
    ...mapEncoderWeights(w, { table: (t) => v(t), linear: lin, norm }),
    // The pooler is kept (frozen copy): MLM does not train it, and a later fine-tune reads it.
    ...(w.pooler ? { pooler: { weight: w.pooler.weight.clone(), bias: w.pooler.bias?.clone() } } : {}),
  };
  const h = base.config.hiddenSize;
  const head: MlmHead = tf.tidy(() => ({
    // [in, out] (blocks.ts Linear), drawn [out, in] and transposed so a seed keeps its values.
    transform: {
      weight: v(transposedInit((shape) => tf.truncatedNormal(shape, 0, 0.02, 'float32', seed + 13), h, h)),
      bias: v(tf.zeros([h]), false),
    },
    norm: { weight: v(tf.ones([h]), false), bias: v(tf.zeros([h]), false) },
    bias: v(tf.zeros([base.config.vocabSize]), false),
  }));
  const config = { ...base.config, labels: undefined, architecture: 'BertModel', adapter: undefined };
  return { model: { config, weights } as BertModel, head, trainable, noDecay };
}

/** One step: loss over the predicted positions only, clipped gradients (flat), and [loss, correct, count] to read back. */
function stepMlm(
  model: BertModel,
  head: MlmHead,
  batch: { input: number[]; target: number[] }[],
  vars: tf.Variable[],
  optimizer: AdamW,
  fwd: { dropout: number; seed: number },
): { grads: FlatGrads; figures: tf.Tensor1D } {
  let missing: readonly string[] = [];
  const out = tf.tidy(() => {
    const len = Math.max(...batch.map((r) => r.input.length));
    const pad = (xs: number[], fill: number) => [...xs, ...new Array(len - xs.length).fill(fill)];
    const inputIds = tf.tensor2d(
      batch.map((r) => pad(r.input, model.config.padTokenId)),
      undefined,
      'int32',
    );
    const attentionMask = tf.tensor2d(
      batch.map((r) =>
        pad(
          r.input.map(() => 1),
          0,
        ),
      ),
      undefined,
      'float32',
    );
    // Predicted positions as rows of the flattened [batch · len, hidden] states, picked by a one-hot matrix product:
    // gatherND has no gradient, and gather's needs UnsortedSegmentSum, which the wasm backend lacks.
    const positions: number[] = [];
    const targets: number[] = [];
    batch.forEach((r, i) => r.target.forEach((t, j) => t >= 0 && (positions.push(i * len + j), targets.push(t))));
    const where = tf.oneHot(tf.tensor1d(positions, 'int32'), batch.length * len).toFloat();
    const labels = tf.tensor1d(targets, 'int32');
    const logitsOf = () => {
      const hidden = bertForward(model, { inputIds, attentionMask }, fwd).lastHiddenState;
      const picked = tf.matMul(where, hidden.reshape([-1, model.config.hiddenSize]));
      const x = layerNorm(activate(linear(picked, head.transform), model.config.activation), head.norm, model.config.layerNormEps);
      // The decoder is the word-embedding matrix itself (tied, as in BERT).
      return tf.matMul(x, model.weights.embeddings.word, false, true).add(head.bias) as tf.Tensor2D;
    };
    let correct: tf.Tensor = tf.scalar(0);
    const { value, grads } = tf.variableGrads(() => {
      const logits = logitsOf();
      // Kept past the gradient's own tidy, which frees everything else the forward pass made.
      correct = tf.keep(logits.argMax(1).equal(labels).sum().toFloat());
      return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, model.config.vocabSize), logits) as tf.Scalar;
    }, vars);
    const clipped = clipFlat(optimizer.flatten(grads), 1);
    missing = clipped.grads.missing;
    const figures = tf.stack([value, correct, tf.scalar(targets.length)]) as tf.Tensor1D;
    correct.dispose();
    return { grads: clipped.grads.values, figures };
  });
  return { grads: { values: out.grads, missing }, figures: out.figures };
}
