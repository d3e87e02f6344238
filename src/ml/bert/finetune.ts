// Fine-tunes BERT for sequence classification: AdamW, warmup + linear decay, clipping, early stopping, optional LoRA
// or Houlsby adapters.
import * as tf from '@tensorflow/tfjs';
import { checkValue, type Range } from '../../lib/ranges';
import { createRng } from '../../lib/rng';
import { yieldToEvents } from '../../lib/progress';
import { disposeTree } from '../tensors';
import { watchGpuErrors } from '../gpuErrors';
import { adamW, clipFlat, type AdamW, type FlatGrads } from '../train/optimizer';
import { linearWarmupDecay } from '../train/schedule';
import type { Linear } from '../transformer/blocks';
import { transposedInit } from '../transformer/weightLayout';
import { addLora, type LoraOptions } from './lora';
import { adapterSize, addAdapters, checkAdapterOptions, type AdapterOptions } from './adapter';
import { namedBertTensors } from './weights';
import { bertForward, mapEncoderWeights, type BertModel, type BertWeights } from './model';
import type { TextTokenizer } from './tokenizer';

export interface FinetuneProgress {
  step: number;
  total: number;
  epoch: number;
  loss: number;
  learningRate: number;
  /** Global gradient norm of this step, before clipping to maxGradNorm. */
  gradNorm: number;
  stepsPerSec: number;
  etaSeconds: number;
  /** Present on steps that ended with a validation pass. */
  valLoss?: number;
  valAccuracy?: number;
}

export interface FinetuneOptions {
  /** Class names; label ids passed to finetune index this list. */
  labels: string[];
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  weightDecay?: number;
  /** Fraction of all steps spent warming the learning rate up from zero. */
  warmupRatio?: number;
  maxGradNorm?: number;
  /** Fraction of examples held out for validation and early stopping; 0 disables both. */
  validationSplit?: number;
  /** Validation passes without a lower validation loss before stopping. */
  patience?: number;
  /** Validate every this many steps (default: once per epoch). */
  evalEvery?: number;
  maxLength?: number;
  dropout?: number;
  /** Train low-rank adapters on query/value (plus the head) instead of every weight. */
  lora?: LoraOptions;
  /** Train Houlsby bottleneck adapters, the LayerNorms and the head instead of every weight (not with `lora`). */
  adapter?: AdapterOptions;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (p: FinetuneProgress) => void;
}

/** The numeric settings' ranges, checked before a text is tokenised or a weight allocated. */
export const FINETUNE_RANGES = {
  epochs: { min: 1, max: 1000, integer: true },
  batchSize: { min: 1, max: 4096, integer: true },
  learningRate: { min: 0, max: 1, minOpen: true },
  weightDecay: { min: 0, max: 1 },
  warmupRatio: { min: 0, max: 1 },
  maxGradNorm: { min: 0, max: 1e6, minOpen: true },
  validationSplit: { min: 0, max: 0.9 },
  patience: { min: 1, max: 1000, integer: true },
  evalEvery: { min: 1, max: 1e9, integer: true },
  maxLength: { min: 2, max: 100_000, integer: true },
  dropout: { min: 0, max: 1, maxOpen: true },
} as const satisfies Record<string, Range>;

/** Every out-of-range setting named ("learningRate must be a number in (0, 1] (got 5)"), or null. */
export function checkFinetuneOptions(opts: Partial<Record<keyof typeof FINETUNE_RANGES, unknown>>): string | null {
  const problems = (Object.keys(FINETUNE_RANGES) as (keyof typeof FINETUNE_RANGES)[])
    .filter((k) => opts[k] !== undefined)
    .map((k) => checkValue(k, opts[k], FINETUNE_RANGES[k]))
    .filter((x): x is string => x !== null);
  return problems.length ? problems.join('; ') : null;
}

export interface FinetuneResult {
  /** The trained model (tf.Variables; LoRA adapters attached when used). The caller disposes its weights. */
  model: BertModel;
  stoppedBy: 'completed' | 'early-stopping' | 'aborted';
  steps: number;
  bestValLoss?: number;
  bestValAccuracy?: number;
  history: { step: number; valLoss: number; valAccuracy: number }[];
  /** Parameters the optimiser updated, and all the model's parameters (for the PEFT comparison). */
  trainableParams: number;
  totalParams: number;
}

interface Example {
  ids: number[];
  label: number;
}

export async function finetune(
  base: BertModel,
  tokenizer: TextTokenizer,
  texts: string[],
  labelIds: number[],
  opts: FinetuneOptions,
): Promise<FinetuneResult> {
  const { labels, epochs = 3, batchSize = 16, learningRate = 5e-5, weightDecay = 0.01, warmupRatio = 0.1, maxGradNorm = 1 } = opts;
  const { validationSplit = 0.1, patience = 2, dropout = 0.1, seed = 0 } = opts;
  const outOfRange = checkFinetuneOptions(opts);
  if (outOfRange) throw new Error(outOfRange);
  if (texts.length !== labelIds.length) throw new Error(`${texts.length} texts but ${labelIds.length} labels`);
  const badLabel = labelIds.find((l) => !Number.isInteger(l) || l < 0 || l >= labels.length);
  if (badLabel !== undefined) throw new Error(`label id ${badLabel} is outside 0..${labels.length - 1}`);
  if (opts.lora && opts.adapter) throw new Error('choose LoRA or an adapter, not both');
  const adapterProblem = opts.adapter ? checkAdapterOptions(opts.adapter) : null;
  if (adapterProblem) throw new Error(adapterProblem);

  const maxLength = opts.maxLength ?? Math.min(tokenizer.modelMaxLength ?? 512, base.config.maxPositions);
  const examples: Example[] = texts.map((t, i) => ({ ids: tokenizer.encode([t], { maxLength }).inputIds[0], label: labelIds[i] }));
  const rng = createRng(seed);
  rng.shuffle(examples);
  const nVal = Math.round(examples.length * validationSplit);
  const val = examples.slice(0, nVal);
  const train = examples.slice(nVal);
  if (train.length === 0) throw new Error('no training examples left after the validation split');

  const { model, trainable, noDecay } = prepareModel(base, labels, { lora: opts.lora, adapter: opts.adapter }, seed);
  const stepsPerEpoch = Math.ceil(train.length / batchSize);
  const total = epochs * stepsPerEpoch;
  const warmup = Math.round(total * warmupRatio);
  const evalEvery = opts.evalEvery ?? stepsPerEpoch;
  const optimizer = adamW(trainable, { weightDecay, noDecay });
  // Best weights live in preallocated copies so the tensor count stays flat while training.
  const best = trainable.map((v) => tf.tidy(() => tf.variable(v.clone(), false)));
  const history: FinetuneResult['history'] = [];
  let bestValLoss = Infinity;
  let bestValAccuracy: number | undefined;
  let sinceBest = 0;
  let stoppedBy: FinetuneResult['stoppedBy'] = 'completed';
  let step = 0;
  const started = performance.now();
  // A kernel WebGPU rejects or a buffer it cannot allocate leaves zeros behind, not an exception: stop instead.
  const gpu = watchGpuErrors();

  try {
    outer: for (let epoch = 0; epoch < epochs; epoch++) {
      const order = rng.shuffle([...train.keys()]);
      for (let b = 0; b < stepsPerEpoch; b++) {
        // In a worker, let a Cancel message in: TF.js awaits resolve as microtasks and would starve the queue.
        await yieldToEvents();
        if (opts.signal?.aborted) {
          stoppedBy = 'aborted';
          break outer;
        }
        const batch = order.slice(b * batchSize, (b + 1) * batchSize).map((i) => train[i]);
        const lr = learningRate * linearWarmupDecay(step, total, warmup);
        const where = `fine-tuning step ${step + 1}`;
        const fwd = { dropout, seed: seed * 1_000_003 + step + 1 };
        const { grads, figures } = await gpu.run(
          where,
          () => stepGradients(model, batch, trainable, optimizer, maxGradNorm, labels.length, fwd),
          { discard: (r) => tf.dispose([r.grads.values, r.figures]) },
        );
        try {
          await gpu.run(`the weight update of ${where}`, async () => optimizer.applyFlat(grads, lr));
        } catch (e) {
          figures.dispose();
          throw e;
        } finally {
          grads.values.dispose();
        }
        // [loss, norm] read once the whole step is queued, not between its gradients and its update (#23).
        let loss = 0;
        let gradNorm = 0;
        try {
          [loss, gradNorm] = await figures.data();
        } finally {
          figures.dispose();
        }
        step++;
        const progress: FinetuneProgress = { step, total, epoch, loss, learningRate: lr, gradNorm, ...rate(started, step, total) };
        if (val.length > 0 && (step % evalEvery === 0 || step === total)) {
          const { loss: valLoss, accuracy } = await gpu.run(`validation after step ${step}`, () =>
            evaluate(model, val, batchSize, labels.length),
          );
          history.push({ step, valLoss, valAccuracy: accuracy });
          Object.assign(progress, { valLoss, valAccuracy: accuracy });
          if (valLoss < bestValLoss - 1e-6) {
            bestValLoss = valLoss;
            bestValAccuracy = accuracy;
            sinceBest = 0;
            best.forEach((snap, i) => snap.assign(trainable[i]));
          } else if (++sinceBest >= patience) {
            stoppedBy = 'early-stopping';
          }
        }
        opts.onProgress?.(progress);
        if (stoppedBy === 'early-stopping') break outer;
      }
    }
    gpu.check('fine-tuning');
    if (history.length > 0) trainable.forEach((v, i) => v.assign(best[i]));
  } finally {
    gpu.dispose();
    optimizer.dispose();
    tf.dispose(best);
  }
  const params = (ts: Iterable<tf.Tensor>) => [...ts].reduce((n, t) => n + t.size, 0);
  // LoRA's factors are not among the named (exported) tensors until merged: count them once beside them.
  const all = new Set<tf.Tensor>([...namedBertTensors(model.weights).map(([, t]) => t), ...trainable]);
  return {
    model,
    stoppedBy,
    steps: step,
    bestValLoss: history.length ? bestValLoss : undefined,
    bestValAccuracy,
    history,
    trainableParams: params(trainable),
    totalParams: params(all),
  };
}

/** Trainable copy of the model with a classification head for `labels`; frozen weights are cloned so the result owns everything. */
function prepareModel(base: BertModel, labels: string[], peft: { lora?: LoraOptions; adapter?: AdapterOptions }, seed: number) {
  const { lora, adapter } = peft;
  const { hiddenSize: h } = base.config;
  const trainable: tf.Variable[] = [];
  const noDecay = new Set<string>();
  const own = (t: tf.Tensor, train: boolean, decay: boolean): tf.Tensor => {
    if (!train) return t.clone();
    const v = tf.variable(t);
    trainable.push(v);
    if (!decay) noDecay.add(v.name);
    return v;
  };
  const full = !lora && !adapter;
  // Adapters a loaded model already carries train under `adapter` (and in a full fine-tune), else stay frozen.
  const adapterTrains = full || !!adapter;
  const plain = (l: Linear, train: boolean): Linear => ({ weight: own(l.weight, train, true), bias: l.bias && own(l.bias, train, false) });
  const lin = (l: Linear, train = full): Linear => ({
    ...plain(l, train),
    ...(l.adapter
      ? {
          adapter: { down: plain(l.adapter.down, adapterTrains), up: plain(l.adapter.up, adapterTrains), activation: l.adapter.activation },
        }
      : {}),
  });
  // Houlsby et al. train the LayerNorms with the adapters.
  const norm = (n: { weight: tf.Tensor; bias: tf.Tensor }) => ({
    weight: own(n.weight, full || !!adapter, false),
    bias: own(n.bias, full || !!adapter, false),
  });
  // [in, out] (blocks.ts Linear), drawn as the [out, in] it was before the layout change so seeds keep their values.
  const init = ([out, inp]: [number, number], s: number): Linear =>
    tf.tidy(() => ({
      weight: transposedInit((shape) => tf.truncatedNormal(shape, 0, 0.02, 'float32', s), out, inp),
      bias: tf.zeros([out]),
    }));
  const w = base.weights;

  const freshHead = !w.classifier || w.classifier.weight.shape[1] !== labels.length;
  const headInit = freshHead ? init([labels.length, h], seed + 7) : w.classifier!;
  const poolerInit = w.pooler ?? init([h, h], seed + 11);
  let weights: BertWeights = {
    ...mapEncoderWeights(w, { table: (t) => own(t, full, true), linear: (l) => lin(l), norm }),
    // A freshly initialised pooler must learn even under LoRA; the head always trains.
    pooler: lin(poolerInit, full || !w.pooler),
    classifier: lin(headInit, true),
  };
  if (freshHead) disposeTree(headInit);
  if (!w.pooler) disposeTree(poolerInit);
  if (lora) {
    const adapted = addLora(weights, { seed, ...lora });
    weights = adapted.weights;
    trainable.push(...adapted.variables);
  }
  if (adapter && !adapterSize(weights)) {
    const adapted = addAdapters(weights, { seed, ...adapter }, base.config.activation);
    weights = adapted.weights;
    trainable.push(...adapted.variables);
  }
  const size = adapterSize(weights);
  const config = { ...base.config, labels, architecture: 'BertForSequenceClassification', ...(size ? { adapter: { size } } : {}) };
  return { model: { config, weights } as BertModel, trainable, noDecay };
}

function batchTensors(batch: Example[], numLabels: number) {
  const len = Math.max(...batch.map((e) => e.ids.length));
  const ids = batch.map((e) => [...e.ids, ...new Array(len - e.ids.length).fill(0)]);
  const mask = batch.map((e) => e.ids.map(() => 1).concat(new Array(len - e.ids.length).fill(0)));
  return {
    inputIds: tf.tensor2d(ids, undefined, 'int32'),
    attentionMask: tf.tensor2d(mask, undefined, 'float32'),
    targets: tf.oneHot(
      tf.tensor1d(
        batch.map((e) => e.label),
        'int32',
      ),
      numLabels,
    ),
  };
}

/**
 * One step's clipped gradients, flat in the optimizer's layout (the caller applies and disposes them), and on the
 * device, not yet read: [loss, gradient norm before clipping] (the caller reads and disposes them).
 */
async function stepGradients(
  model: BertModel,
  batch: Example[],
  vars: tf.Variable[],
  optimizer: AdamW,
  maxGradNorm: number,
  numLabels: number,
  fwd: { dropout: number; seed: number },
): Promise<{ grads: FlatGrads; figures: tf.Tensor }> {
  let missing: readonly string[] = [];
  const out = tf.tidy(() => {
    const { targets, ...inputs } = batchTensors(batch, numLabels);
    const { value, grads } = tf.variableGrads(
      () => tf.losses.softmaxCrossEntropy(targets, bertForward(model, inputs, fwd).logits!) as tf.Scalar,
      vars,
    );
    const clipped = clipFlat(optimizer.flatten(grads), maxGradNorm);
    missing = clipped.grads.missing;
    return { grads: clipped.grads.values, figures: tf.stack([value, clipped.norm]) };
  });
  return { grads: { values: out.grads, missing }, figures: out.figures };
}

async function evaluate(
  model: BertModel,
  examples: Example[],
  batchSize: number,
  numLabels: number,
): Promise<{ loss: number; accuracy: number }> {
  let lossSum = 0;
  let correct = 0;
  for (let i = 0; i < examples.length; i += batchSize) {
    const batch = examples.slice(i, i + batchSize);
    const [loss, hits] = tf.tidy(() => {
      const { targets, ...inputs } = batchTensors(batch, numLabels);
      const logits = bertForward(model, inputs).logits!;
      const l = tf.losses.softmaxCrossEntropy(targets, logits, undefined, undefined, tf.Reduction.SUM);
      return [l, logits.argMax(1).equal(targets.argMax(1)).sum()];
    });
    lossSum += await readScalar(loss);
    correct += await readScalar(hits);
  }
  return { loss: lossSum / examples.length, accuracy: correct / examples.length };
}

async function readScalar(t: tf.Tensor): Promise<number> {
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

function rate(started: number, step: number, total: number) {
  const stepsPerSec = step / Math.max((performance.now() - started) / 1000, 1e-6);
  return { stepsPerSec, etaSeconds: (total - step) / stepsPerSec };
}
