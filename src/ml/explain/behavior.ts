// The behavior classifier: describe each user's log in words, fine-tune a BERT to predict what they do next from that
// description, and explain one user's prediction word by word (per class, with the faithfulness of the explanation).
// The ML worker's BehaviorService holds the models and calls these; `reclens classify` shares explainTextPrediction.
import type { EventLog, ItemCatalog } from '../../data/eventLog';
import { behaviorExamples, behaviorTask, type BehaviorOutcome, type Naming } from '../../data/behaviorText';
import { splitExamples } from '../../data/predictionTask';
import type { TextExplanation } from '../../explain/text';
import type { MethodName } from '../../explain/registry';
import type { IgBaseline } from '../../explain/types';
import { progressTracker, throwIfAborted, type Progress } from '../../lib/progress';
import { createRng } from '../../lib/rng';
import { predictionReport, type PredictionReport } from '../../rec/predict/predictionReport';
import type { BertModel } from '../bert/model';
import type { TextModelInfo } from '../bert/textModels';
import type { TextTokenizer } from '../bert/tokenizer';
import { describeFitting, fitTextPredictor } from '../predict/textPredictor';
import type { PeftMethod } from '../predict/sequenceClassifier';
import { explainTextPrediction } from './textClassifier';

/** How users are described and what is predicted: the part of a training request the classifier keeps. */
export interface BehaviorTask {
  outcome: BehaviorOutcome;
  naming: Naming;
  /** Newest events per description (fewer when the model's token window is shorter). */
  maxEvents: number;
  /** Events after the cut that `purchase` and `interest` look at (default 10). */
  horizonEvents?: number;
  /** Seed of each user's cut (predictionTask), so an explanation describes the history the classifier was scored on (default 42). */
  seed?: number;
}

/** The seed of the users' cuts when a record predates it (the Model view trains with 42). */
export const DEFAULT_TASK_SEED = 42;

export interface BehaviorTrainOptions extends BehaviorTask {
  /** Users sampled (seeded) for training and validation. */
  maxUsers: number;
  epochs: number;
  learningRate: number;
  seed: number;
  /** Which weights train: every one ('none', the default), LoRA on query/value, or Houlsby adapters. */
  peft?: PeftMethod;
}

/** What fine-tuning produced, besides the model itself. */
export interface BehaviorTraining {
  outcome: BehaviorOutcome;
  labels: string[];
  examples: number;
  /** Share of examples in each class: a constant guess of the largest one scores its share. */
  classShares: number[];
  valAccuracy: number | null;
  valLoss: number | null;
  steps: number;
  stoppedBy: string;
  seconds: number;
  /** One example description, to show what the model reads. */
  sample: string;
  /**
   * The classifier and both baselines on the held-out users (a fifth of the sample): accuracy, precision, recall,
   * F1, ROC-AUC, PR-AUC and Brier with bootstrap CIs, reliability bins, paired differences. Absent in older records.
   */
  report?: PredictionReport;
  trainableParams?: number;
  totalParams?: number;
  /** Absent in records from before the choice existed: every weight trained. */
  peft?: PeftMethod;
}

export interface BehaviorExplainOptions {
  methods: MethodName[];
  steps?: number;
  baseline?: IgBaseline;
  seed: number;
}

export interface BehaviorExplanation extends TextExplanation {
  user: number;
  text: string;
  /** The class that actually followed the described events (from the log). */
  actual: string;
  truncated: boolean;
  seconds: number;
}

/** What the app asks to train: the options plus which loaded text model to start from and on which dataset. */
export interface BehaviorTrainRequest extends BehaviorTrainOptions {
  /** The loaded text model to start from (its head is replaced when the label count differs). */
  textModelId: string;
  datasetId: string;
}

/** A behavior classifier the app trained and holds among its text models. */
export interface BehaviorClassifierInfo extends Omit<BehaviorTraining, 'outcome'> {
  /** Text-model id of the fine-tuned classifier. */
  id: string;
  textModel: TextModelInfo;
  baseModelId: string;
  datasetId: string;
  outcome: BehaviorTrainRequest['outcome'];
  /** How users were described (what a reload needs to explain with it again). */
  task?: BehaviorTask;
}

export interface BehaviorExplainRequest extends BehaviorExplainOptions {
  classifierId: string;
  user: number;
}

/** A BERT with its tokenizer, as the text-model holder keeps them. */
export interface TextClassifier {
  model: BertModel;
  tokenizer: TextTokenizer;
}

export interface BehaviorData {
  log: EventLog;
  catalog: ItemCatalog | null;
}

interface Context {
  onProgress: (p: Progress) => void;
  signal?: AbortSignal;
}

const exampleOptions = (model: TextClassifier, task: BehaviorTask) => ({
  ...describeFitting(model, task),
  outcome: task.outcome,
  horizonEvents: task.horizonEvents,
  seed: task.seed ?? DEFAULT_TASK_SEED,
});

/**
 * Fine-tune `base` (named `source` in progress) on descriptions of a seeded sample of users. Cancel disposes the
 * half-trained model and throws the AbortError; otherwise the caller owns the returned model.
 */
export async function trainBehaviorClassifier(
  base: TextClassifier & { source: string },
  data: BehaviorData,
  options: BehaviorTrainOptions,
  { onProgress, signal }: Context,
): Promise<{ model: BertModel; training: BehaviorTraining }> {
  const started = performance.now();
  const { log, catalog } = data;
  onProgress(progressTracker('Describing behavior', 'users', log.users.length)(0));
  // One seeded cut per user (predictionTask), a seeded sample of maxUsers of them, a fifth of those held out for the report.
  const made = behaviorTask(log, catalog, { outcome: options.outcome, horizonEvents: options.horizonEvents, seed: options.seed });
  if (!made.ok) throw new Error(made.reason);
  const task = made.data;
  const sample = createRng(options.seed)
    .shuffle(Array.from({ length: task.examples.length }, (_, i) => i))
    .slice(0, Math.max(2, options.maxUsers))
    .sort((a, b) => a - b);
  if (sample.length < 2) throw new Error('fewer than 2 users have a history to describe under this outcome');
  const within = splitExamples(sample.length, options.seed, 0.2);
  const split = { train: within.train.map((i) => sample[i]), test: within.test.map((i) => sample[i]) };
  throwIfAborted(signal);
  const fit = await fitTextPredictor(base, data, task, split, {
    naming: options.naming,
    maxEvents: options.maxEvents,
    epochs: options.epochs,
    learningRate: options.learningRate,
    peft: options.peft,
    seed: options.seed,
    signal,
    onProgress,
  });
  if (!fit.ok) throw new Error(fit.reason);
  onProgress(progressTracker('Scoring against the baselines', 'users', split.test.length)(0));
  const report = predictionReport(log, task, split, fit.data.probabilities, { seed: options.seed, signal });
  if (!report.ok) throw new Error(report.reason);
  const trainLabels = split.train.map((i) => task.examples[i].label);
  const training: BehaviorTraining = {
    outcome: options.outcome,
    labels: task.labelNames,
    examples: sample.length,
    classShares: task.labelNames.map((_, c) => trainLabels.filter((l) => l === c).length / trainLabels.length),
    valAccuracy: fit.data.valAccuracy,
    valLoss: fit.data.valLoss,
    steps: fit.data.steps,
    stoppedBy: fit.data.stoppedBy,
    seconds: (performance.now() - started) / 1000,
    sample: fit.data.sample,
    report: report.data,
    trainableParams: fit.data.trainableParams,
    totalParams: fit.data.totalParams,
    peft: options.peft ?? 'none',
  };
  return { model: fit.data.model, training };
}

/** Describe one user as the classifier was trained to read them, and explain its prediction word by word. */
export async function explainBehavior(
  classifier: TextClassifier & { task: BehaviorTask; labels: string[] },
  data: BehaviorData,
  user: number,
  options: BehaviorExplainOptions,
  { onProgress, signal }: Context,
): Promise<BehaviorExplanation> {
  const started = performance.now();
  const { log, catalog } = data;
  const ex = behaviorExamples(log, catalog, exampleOptions(classifier, classifier.task), [user]);
  if (!ex.ok) throw new Error(`user ${log.users[user] ?? user}: ${ex.reason}`);
  const text = ex.data.texts[0];
  const track = progressTracker('Explaining the behavior prediction', 'classes', classifier.labels.length);
  onProgress(track(0));
  const r = await explainTextPrediction(classifier.model, classifier.tokenizer, text, classifier.labels, { ...options, signal });
  onProgress(track(classifier.labels.length));
  return { ...r, user, text, actual: classifier.labels[ex.data.labels[0]], seconds: (performance.now() - started) / 1000 };
}
