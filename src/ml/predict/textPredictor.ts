// The text encoder on a prediction task: describe each example's history in words (its newest events that fit the
// model's window), fine-tune a BERT on the training examples' descriptions, and return its class probabilities for
// the test examples — what the prediction report scores beside the baselines, exactly as the sequence classifier's.
import * as tf from '@tensorflow/tfjs';
import type { EventLog, ItemCatalog } from '../../data/eventLog';
import { describeTaskExamples, type Naming } from '../../data/behaviorText';
import type { PredictionTask } from '../../data/predictionTask';
import { abortError, type Progress } from '../../lib/progress';
import { fail, ok, type Result } from '../../lib/result';
import { classify } from '../bert/inference';
import { checkFinetuneOptions, finetune } from '../bert/finetune';
import { disposeModel, parameterCount } from '../bert/forwardArrays';
import type { BertModel } from '../bert/model';
import type { TextTokenizer } from '../bert/tokenizer';
import { softmax } from '../../explain/text';
import { maxTextLength } from '../explain/textClassifier';
import type { PeftMethod } from './sequenceClassifier';

export interface DescribeTask {
  naming: Naming;
  /** Newest events per description (fewer when the model's token window is shorter). */
  maxEvents: number;
}

export interface TextPredictorOptions extends DescribeTask {
  epochs: number;
  learningRate: number;
  batchSize?: number;
  peft?: PeftMethod;
  /** LoRA rank (default 8). */
  loraRank?: number;
  /** Houlsby adapter bottleneck width (default 16). */
  adapterSize?: number;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface TextPredictorFit {
  /** The fine-tuned classifier; the caller owns (and disposes) it. */
  model: BertModel;
  /** Class probabilities of the test examples, in split.test order. */
  probabilities: Float32Array[];
  trainableParams: number;
  totalParams: number;
  steps: number;
  stoppedBy: string;
  valAccuracy: number | null;
  valLoss: number | null;
  /** One training description, to show what the model reads. */
  sample: string;
}

export interface TextModel {
  model: BertModel;
  tokenizer: TextTokenizer;
}

/** Describe options whose `fits` keeps a description inside the model's token window (newest events first). */
export function describeFitting({ model, tokenizer }: TextModel, task: DescribeTask) {
  const max = maxTextLength(model, tokenizer);
  // Count pieces with tokenize (encode caps its output at the model's length, so it cannot tell what was cut).
  const count = (text: string) =>
    tokenizer.tokenize ? tokenizer.tokenize(text).length + 2 : tokenizer.encode([text], { maxLength: 1 << 20 }).inputIds[0].length;
  return { naming: task.naming, maxEvents: task.maxEvents, fits: (text: string) => count(text) <= max };
}

/** Parameters the optimiser moves: the trainable variables among the model's weights. */
export function trainableParameterCount(model: BertModel): number {
  let n = 0;
  const visit = (x: unknown): void => {
    if (x instanceof tf.Variable) n += x.trainable ? x.size : 0;
    else if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === 'object' && !(x instanceof tf.Tensor)) Object.values(x).forEach(visit);
  };
  visit(model.weights);
  return n;
}

/**
 * Fine-tune `base` on the training examples' descriptions (a fifth held out inside for early stopping) and predict
 * the test examples. Cancel throws the AbortError and frees the half-trained model.
 */
export async function fitTextPredictor(
  base: TextModel & { source: string },
  data: { log: EventLog; catalog: ItemCatalog | null },
  task: PredictionTask,
  split: { train: readonly number[]; test: readonly number[] },
  options: TextPredictorOptions,
): Promise<Result<TextPredictorFit>> {
  const outOfRange = checkFinetuneOptions({ epochs: options.epochs, learningRate: options.learningRate, batchSize: options.batchSize });
  if (outOfRange) return fail(outOfRange);
  const peft = options.peft ?? 'none';
  const describe = describeFitting(base, options);
  const train = describeTaskExamples(data.log, data.catalog, task, describe, split.train);
  const test = describeTaskExamples(data.log, data.catalog, task, describe, split.test);
  const label = `Fine-tuning ${base.source} on ${train.texts.length} behavior descriptions`;
  const result = await finetune(base.model, base.tokenizer, train.texts, train.labels, {
    labels: task.labelNames,
    epochs: options.epochs,
    learningRate: options.learningRate,
    batchSize: options.batchSize ?? 16,
    validationSplit: 0.2,
    patience: 2,
    lora: peft === 'lora' ? { rank: options.loraRank ?? 8 } : undefined,
    adapter: peft === 'adapter' ? { size: options.adapterSize ?? 16, seed: options.seed } : undefined,
    seed: options.seed,
    signal: options.signal,
    onProgress: (p) => {
      const detail = {
        loss: Number(p.loss.toFixed(4)),
        ...(p.valAccuracy !== undefined ? { valAccuracy: Number(p.valAccuracy.toFixed(3)) } : {}),
      };
      options.onProgress?.({ label, done: p.step, total: p.total, unit: 'steps', rate: p.stepsPerSec, etaSeconds: p.etaSeconds, detail });
    },
  });
  if (result.stoppedBy === 'aborted') {
    disposeModel(result.model);
    throw abortError();
  }
  try {
    const { logits } = await classify(result.model, base.tokenizer, test.texts, { batchSize: 32 });
    const last = result.history.at(-1);
    return ok({
      model: result.model,
      probabilities: logits.map((row) => Float32Array.from(softmax(row))),
      trainableParams: trainableParameterCount(result.model),
      totalParams: parameterCount(result.model),
      steps: result.steps,
      stoppedBy: result.stoppedBy,
      valAccuracy: result.bestValAccuracy ?? last?.valAccuracy ?? null,
      valLoss: result.bestValLoss ?? null,
      sample: train.texts[0] ?? '',
    });
  } catch (e) {
    disposeModel(result.model);
    throw e;
  }
}
