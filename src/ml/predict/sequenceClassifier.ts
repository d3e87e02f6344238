// The behavior-sequence classifier: a trained SASRec/BERT4Rec encoder reads each example's history encoded as a user's
// history is when recommending (inferenceBatch: the newest maxLen events, the encoder's item ids and event types),
// except that repeated events of an item stay (the recommender's split drops them, but a cart or purchase after a view
// is what a buy predictor needs). A new softmax head over the task's labels reads the hidden state where the next item
// is predicted (SASRec: the last position; BERT4Rec: the appended [MASK]). The head trains with every encoder weight, or
// with LoRA / adapters on the encoder (sequencePeft.ts), on a copy of the encoder: the recommender is left as it was.
import * as tf from '@tensorflow/tfjs';
import type { EventLog, ItemCatalog } from '../../data/eventLog';
import type { PredictionTask } from '../../data/predictionTask';
import { abortError, progressTracker, yieldToEvents, type Progress } from '../../lib/progress';
import { checkValue, type Range } from '../../lib/ranges';
import { fail, ok, type Result } from '../../lib/result';
import { createRng } from '../../lib/rng';
import { adamW, clipFlat } from '../train/optimizer';
import { epochBatches, inferenceBatch, type SeqInput } from '../seqrec/batch';
import { batchTensors, encodeEmbeddings, inputEmbeddings, lastHidden, packingFor, type SeqRecModel } from '../seqrec/model';
import { SeqRecommender } from '../seqrec/recommender';
import { attachPeft, PEFT_METHODS, PEFT_RANGES, type PeftMethod, type PeftSettings } from './sequencePeft';

export { PEFT_METHODS, type PeftMethod } from './sequencePeft';

/** A trained encoder and the item ids it was trained with (a checkpoint's items.json), by which the log's items are mapped. */
export interface SequenceEncoder {
  model: SeqRecommender;
  /** The encoder's items in its own index order; absent: the log's own items (an encoder trained on this log). */
  items?: readonly string[];
}

export interface SequenceClassifierOptions extends PeftSettings {
  /** A trained SASRec/BERT4Rec, with its item ids, or (in Node) a checkpoint folder as `reclens train --out` writes it. */
  encoder: SeqRecommender | SequenceEncoder | string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /**
   * Which encoder weights are fine-tuned with the head: 'none' = all of them; 'lora' = low-rank updates of the attention
   * query/value projections (rank `loraRank`); 'adapter' = Houlsby bottleneck adapters (width `adapterSize`) and the LayerNorms.
   */
  peft?: PeftMethod;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface SequenceClassifierResult {
  /** Class probabilities (over task.labelNames) per test example, in split.test order. */
  probabilities: Float32Array[];
  trainableParams: number;
  totalParams: number;
  epochs: number;
  seconds: number;
  /** History events whose item the encoder does not know (left out of the sequences), over all examples. */
  unknownItems: number;
  /** Events in the examples' histories, over all examples (the base of unknownItems). */
  historyEvents: number;
  /** For the analyst: what was adapted on the way (event types the encoder does not embed …). */
  notes: string[];
}

export const SEQUENCE_CLASSIFIER_RANGES = {
  epochs: { min: 1, max: 1000, integer: true },
  batchSize: { min: 1, max: 4096, integer: true },
  learningRate: { min: 0, max: 1, minOpen: true },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
} as const satisfies Record<string, Range>;

/** Range-checks the options and the split against the task, before anything is allocated. */
export function checkSequenceClassifierOptions(
  task: PredictionTask,
  split: { train: number[]; test: number[] },
  o: SequenceClassifierOptions,
): Result<true> {
  const problems = (Object.keys(SEQUENCE_CLASSIFIER_RANGES) as (keyof typeof SEQUENCE_CLASSIFIER_RANGES)[])
    .map((k) => checkValue(k, o[k], SEQUENCE_CLASSIFIER_RANGES[k]))
    .filter((p): p is string => p !== null);
  const peft = o.peft ?? 'none';
  if (!PEFT_METHODS.includes(peft)) problems.push(`peft must be one of ${PEFT_METHODS.join(', ')} (got ${JSON.stringify(peft)})`);
  for (const k of Object.keys(PEFT_RANGES) as (keyof typeof PEFT_RANGES)[]) {
    const why = o[k] === undefined ? null : checkValue(k, o[k], PEFT_RANGES[k]);
    if (why) problems.push(why);
  }
  const n = task.examples.length;
  const bad = [...split.train, ...split.test].find((i) => !Number.isInteger(i) || i < 0 || i >= n);
  if (bad !== undefined) problems.push(`split index ${bad} is not an example index in [0, ${n - 1}]`);
  if (split.train.length === 0) problems.push('the split has no training examples');
  if (split.test.length === 0) problems.push('the split has no test examples');
  if (task.labelNames.length < 2) problems.push(`the task has ${task.labelNames.length} class; a classifier needs at least 2`);
  return problems.length ? fail(problems.join('; ')) : ok(true);
}

/**
 * Fine-tunes a classifier of `task` from a trained sequence encoder on `split.train` and returns its class
 * probabilities on `split.test`. Cancelling through `signal` throws an AbortError; everything allocated is freed
 * either way.
 */
export async function fitSequenceClassifier(
  data: { log: EventLog; catalog: ItemCatalog | null },
  task: PredictionTask,
  split: { train: number[]; test: number[] },
  options: SequenceClassifierOptions,
): Promise<Result<SequenceClassifierResult>> {
  const checked = checkSequenceClassifierOptions(task, split, options);
  if (!checked.ok) return checked;
  const encoder = await resolveEncoder(options.encoder);
  if (!encoder.ok) return encoder;
  const source = encoder.data.model;
  const config = source.config;
  if (!config) return fail(`the ${source.name} encoder is not trained (fit it or open a checkpoint first)`);
  const inputs = sequenceInputs(data.log, task, config, encoder.data.items);
  if (!inputs.ok) return inputs;
  const started = performance.now();
  // A copy: fine-tuning moves the encoder's weights, and the recommender it came from must keep scoring as before.
  const copy = new SeqRecommender(source.mode);
  copy.importState(await source.exportState());
  if (typeof options.encoder === 'string') source.dispose();
  const peft = attachPeft(copy.network!, options.peft ?? 'none', options, options.seed);
  const net = peft.net;
  const classes = task.labelNames.length;
  const { hidden } = net.config;
  const head = {
    weight: tf.tidy(() => tf.variable(tf.truncatedNormal([hidden, classes], 0, 0.02, 'float32', options.seed * 7919 + 3), true)),
    bias: tf.tidy(() => tf.variable(tf.zeros([classes]), true)),
  };
  const vars = [...peft.trainable, head.weight, head.bias];
  const size = (vs: tf.Variable[]) => vs.reduce((s, v) => s + v.size, 0);
  const totalParams = size([...net.named.values(), ...peft.added, head.weight, head.bias]);
  const optimizer = adamW(vars, { weightDecay: net.config.weightDecay, noDecay: new Set([...peft.noDecay, head.bias.name]) });
  try {
    const seqs = inputs.data.seqs;
    const labels = task.examples.map((e) => e.label);
    const rng = createRng(options.seed * 2654435761 + 11);
    const stepsPerEpoch = Math.ceil(split.train.length / options.batchSize);
    const total = options.epochs * stepsPerEpoch;
    const track = progressTracker(`Fine-tuning the ${source.mode} sequence classifier`, 'steps', total);
    let step = 0;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (const batch of epochBatches(split.train, (i) => seqs[i].items.length, options.batchSize, rng)) {
        await yieldToEvents();
        if (options.signal?.aborted) throw abortError();
        const seed = options.seed * 1_000_003 + step + 1;
        const arrays = inferenceBatch(
          batch.map((i) => seqs[i]),
          net.config,
        );
        const target = Int32Array.from(batch, (i) => labels[i]);
        const figures = tf.tidy(() => {
          const y = tf.oneHot(tf.tensor1d(target, 'int32'), classes);
          const { value, grads } = tf.variableGrads(
            () => tf.losses.softmaxCrossEntropy(y, logits(net, head, arrays, seed)) as tf.Scalar,
            vars,
          );
          optimizer.applyFlat(clipFlat(optimizer.flatten(grads), net.config.maxGradNorm).grads, options.learningRate);
          return value;
        });
        const [loss] = await figures.data();
        figures.dispose();
        step++;
        options.onProgress?.(track(step, { epoch: epoch + 1, step, totalSteps: total, loss }));
      }
    }
    const probabilities = await predict(net, head, split.test, seqs, options.batchSize, options.signal);
    return ok({
      probabilities,
      trainableParams: size(vars),
      totalParams,
      epochs: options.epochs,
      seconds: (performance.now() - started) / 1000,
      unknownItems: inputs.data.unknownItems,
      historyEvents: inputs.data.historyEvents,
      notes: inputs.data.notes,
    });
  } finally {
    optimizer.dispose();
    tf.dispose([head.weight, head.bias, ...peft.added]);
    copy.dispose();
  }
}

type Head = { weight: tf.Variable; bias: tf.Variable };

/** Class logits [batch, classes] of inference batch arrays; `trainSeed` turns dropout on (fine-tuning). */
function logits(net: SeqRecModel, head: Head, arrays: ReturnType<typeof inferenceBatch>, trainSeed?: number): tf.Tensor2D {
  return tf.tidy(() => {
    const t = batchTensors(arrays);
    const { items, context } = inputEmbeddings(net, t);
    const train = trainSeed === undefined ? undefined : { seed: trainSeed };
    const out = encodeEmbeddings(net, items, context, t.mask, { train, packing: packingFor(arrays) });
    return lastHidden(out.lastHiddenState).matMul(head.weight).add(head.bias) as tf.Tensor2D;
  });
}

async function predict(
  net: SeqRecModel,
  head: Head,
  rows: number[],
  seqs: SeqInput[],
  batchSize: number,
  signal?: AbortSignal,
): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let from = 0; from < rows.length; from += batchSize) {
    await yieldToEvents();
    if (signal?.aborted) throw abortError();
    const part = rows.slice(from, from + batchSize);
    const probs = tf.tidy(() =>
      tf.softmax(
        logits(
          net,
          head,
          inferenceBatch(
            part.map((i) => seqs[i]),
            net.config,
          ),
        ),
      ),
    );
    const flat = await probs.data<'float32'>();
    probs.dispose();
    const classes = flat.length / part.length;
    for (let r = 0; r < part.length; r++) out.push(flat.slice(r * classes, (r + 1) * classes));
  }
  return out;
}

/**
 * Each example's history as the encoder's input: items by the encoder's ids (unknown ones left out and counted),
 * event types where the encoder embeds the log's types, times where it buckets time gaps.
 */
export function sequenceInputs(
  log: EventLog,
  task: PredictionTask,
  config: NonNullable<SeqRecommender['config']>,
  encoderItems?: readonly string[],
): Result<{ seqs: SeqInput[]; unknownItems: number; historyEvents: number; notes: string[] }> {
  const notes: string[] = [];
  let itemOf: (logItem: number) => number;
  if (encoderItems) {
    if (encoderItems.length !== config.numItems)
      return fail(`the encoder scores ${config.numItems} items but its item list has ${encoderItems.length}`);
    const index = new Map(encoderItems.map((id, i) => [id, i]));
    const mapped = log.items.map((id) => index.get(id) ?? -1);
    itemOf = (i) => mapped[i];
  } else {
    if (config.numItems !== log.items.length)
      return fail(
        `the encoder was trained on ${config.numItems} items and this log has ${log.items.length}: train it on this dataset, or give its checkpoint's item ids`,
      );
    itemOf = (i) => i;
  }
  // Event types index the training log's list; a log with another number of types cannot be matched type by type.
  const useTypes = config.numEventTypes === log.eventTypes.length;
  if (!useTypes && config.numEventTypes > 1)
    notes.push(`the encoder embeds ${config.numEventTypes} event types and this log has ${log.eventTypes.length}: event types left out`);
  const useTimes = config.timeBuckets > 0 && log.hasTime;
  if (config.timeBuckets > 0 && !log.hasTime) notes.push('the encoder buckets time gaps and this log has no times: gaps left out');
  let unknownItems = 0;
  let historyEvents = 0;
  const seqs = task.examples.map((e): SeqInput => {
    const items: number[] = [];
    const events: number[] = [];
    const times: number[] = [];
    for (const r of e.rows) {
      historyEvents++;
      const item = itemOf(log.item[r]);
      if (item < 0) {
        unknownItems++;
        continue;
      }
      items.push(item);
      events.push(log.event[r]);
      times.push(log.time[r]);
    }
    return { items, ...(useTypes ? { events } : {}), ...(useTimes ? { times } : {}) };
  });
  if (unknownItems > 0) notes.push(`${unknownItems} of ${historyEvents} history events are with items the encoder does not know: left out`);
  return ok({ seqs, unknownItems, historyEvents, notes });
}

/** The encoder as given, or (Node only) opened from a checkpoint folder through the checkpoint code. */
async function resolveEncoder(encoder: SequenceClassifierOptions['encoder']): Promise<Result<SequenceEncoder>> {
  if (typeof encoder === 'string') {
    // A computed specifier keeps the Node-only loader (node:fs) out of the app's bundle; Node and tsx resolve it here.
    const loader = './encoderFolder.ts';
    const { openEncoderFolder } = (await import(/* @vite-ignore */ loader)) as typeof import('./encoderFolder');
    return openEncoderFolder(encoder);
  }
  const e = encoder instanceof SeqRecommender ? { model: encoder } : encoder;
  if (!(e.model instanceof SeqRecommender)) return fail('the encoder must be a trained SASRec or BERT4Rec model');
  return ok(e);
}
