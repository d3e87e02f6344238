// The behavior classifier: describe each user's log in words, fine-tune a BERT to predict what they do next from that
// description, and explain one user's prediction word by word (per class, with the faithfulness of the explanation).
// The ML worker's BehaviorService holds the models and calls these; `reclens classify` shares explainTextPrediction.
import type { EventLog, ItemCatalog } from '../../data/eventLog';
import { behaviorExamples, type BehaviorOutcome, type Naming } from '../../data/behaviorText';
import type { TextExplanation } from '../../explain/text';
import type { MethodName } from '../../explain/registry';
import type { IgBaseline } from '../../explain/types';
import { abortError, progressTracker, throwIfAborted, type Progress } from '../../lib/progress';
import { createRng } from '../../lib/rng';
import { finetune } from '../bert/finetune';
import { disposeModel } from '../bert/forwardArrays';
import type { BertModel } from '../bert/model';
import type { TextModelInfo } from '../bert/textModels';
import type { TextTokenizer } from '../bert/tokenizer';
import { explainTextPrediction, maxTextLength } from './textClassifier';

/** How users are described and what is predicted: the part of a training request the classifier keeps. */
export interface BehaviorTask {
  outcome: BehaviorOutcome;
  naming: Naming;
  /** Newest events per description (fewer when the model's token window is shorter). */
  maxEvents: number;
}

export interface BehaviorTrainOptions extends BehaviorTask {
  /** Users sampled (seeded) for training and validation. */
  maxUsers: number;
  epochs: number;
  learningRate: number;
  seed: number;
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

function describeOptions({ model, tokenizer }: TextClassifier, task: BehaviorTask) {
  const max = maxTextLength(model, tokenizer);
  // Keep the newest events that fit the model's window, so truncation never cuts the most recent behavior.
  // Count pieces with tokenize (encode caps its output at the model's length, so it cannot tell what was cut).
  const count = (text: string) =>
    tokenizer.tokenize ? tokenizer.tokenize(text).length + 2 : tokenizer.encode([text], { maxLength: 1 << 20 }).inputIds[0].length;
  const fits = (text: string) => count(text) <= max;
  return { outcome: task.outcome, naming: task.naming, maxEvents: task.maxEvents, fits };
}

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
  const rng = createRng(options.seed);
  const users = rng.shuffle(Array.from({ length: log.users.length }, (_, u) => u)).slice(0, Math.max(2, options.maxUsers));
  onProgress(progressTracker('Describing behavior', 'users', users.length)(0));
  const ex = behaviorExamples(log, catalog, describeOptions(base, options), users);
  if (!ex.ok) throw new Error(ex.reason);
  throwIfAborted(signal);
  const { texts, labels, labelNames } = ex.data;
  const label = `Fine-tuning ${base.source} on ${texts.length} behavior descriptions`;
  const result = await finetune(base.model, base.tokenizer, texts, labels, {
    labels: labelNames,
    epochs: options.epochs,
    learningRate: options.learningRate,
    batchSize: 16,
    validationSplit: 0.2,
    patience: 2,
    seed: options.seed,
    signal,
    onProgress: (p) => {
      const detail = {
        loss: Number(p.loss.toFixed(4)),
        ...(p.valAccuracy !== undefined ? { valAccuracy: Number(p.valAccuracy.toFixed(3)) } : {}),
      };
      onProgress({ label, done: p.step, total: p.total, unit: 'steps', rate: p.stepsPerSec, etaSeconds: p.etaSeconds, detail });
    },
  });
  if (result.stoppedBy === 'aborted') {
    disposeModel(result.model);
    throw abortError();
  }
  const last = result.history.at(-1);
  const training: BehaviorTraining = {
    outcome: options.outcome,
    labels: labelNames,
    examples: texts.length,
    classShares: labelNames.map((_, c) => labels.filter((l) => l === c).length / labels.length),
    valAccuracy: result.bestValAccuracy ?? last?.valAccuracy ?? null,
    valLoss: result.bestValLoss ?? null,
    steps: result.steps,
    stoppedBy: result.stoppedBy,
    seconds: (performance.now() - started) / 1000,
    sample: texts[0],
  };
  return { model: result.model, training };
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
  const ex = behaviorExamples(log, catalog, describeOptions(classifier, classifier.task), [user]);
  if (!ex.ok) throw new Error(`user ${log.users[user] ?? user}: ${ex.reason}`);
  const text = ex.data.texts[0];
  const track = progressTracker('Explaining the behavior prediction', 'classes', classifier.labels.length);
  onProgress(track(0));
  const r = await explainTextPrediction(classifier.model, classifier.tokenizer, text, classifier.labels, { ...options, signal });
  onProgress(track(classifier.labels.length));
  return { ...r, user, text, actual: classifier.labels[ex.data.labels[0]], seconds: (performance.now() - started) / 1000 };
}
