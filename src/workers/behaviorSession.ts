// The behavior classifier in the ML worker: describe each user's log in words, fine-tune a loaded BERT to predict
// what they do next from that description, and explain one user's prediction word by word (per class, with the
// faithfulness of the explanation).
import type { EventLog, ItemCatalog } from '../data/eventLog';
import { behaviorExamples, type BehaviorOutcome, type Naming } from '../data/behaviorText';
import { explainText, type TextExplanation } from '../explain/text';
import type { MethodName } from '../explain/registry';
import type { IgBaseline } from '../explain/types';
import { abortError, progressTracker, throwIfAborted, type Progress } from '../lib/progress';
import { createRng } from '../lib/rng';
import { finetune } from '../ml/bert/finetune';
import { disposeModel } from '../ml/bert/forwardArrays';
import { maxTextLength, textExplainable } from '../ml/explain/textClassifier';
import type { TextModelInfo, TextModels } from './textModels';

export interface BehaviorTrainRequest {
  /** The loaded text model to start from (its head is replaced when the label count differs). */
  textModelId: string;
  datasetId: string;
  outcome: BehaviorOutcome;
  naming: Naming;
  /** Newest events per description (fewer when the model's token window is shorter). */
  maxEvents: number;
  /** Users sampled (seeded) for training and validation. */
  maxUsers: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

export interface BehaviorClassifierInfo {
  /** Text-model id of the fine-tuned classifier. */
  id: string;
  textModel: TextModelInfo;
  baseModelId: string;
  datasetId: string;
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

export interface BehaviorExplainRequest {
  classifierId: string;
  user: number;
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

type Source = (datasetId: string) => { log: EventLog; catalog: ItemCatalog | null };

export class BehaviorSession {
  private readonly classifiers = new Map<string, { request: BehaviorTrainRequest; labels: string[] }>();

  constructor(
    private readonly texts: TextModels,
    private readonly source: Source,
  ) {}

  private describeOptions(modelId: string, req: BehaviorTrainRequest) {
    const { model, tokenizer } = this.texts.get(modelId);
    const max = maxTextLength(model, tokenizer);
    // Keep the newest events that fit the model's window, so truncation never cuts the most recent behavior.
    // Count pieces with tokenize (encode caps its output at the model's length, so it cannot tell what was cut).
    const count = (text: string) => (tokenizer.tokenize ? tokenizer.tokenize(text).length + 2 : tokenizer.encode([text], { maxLength: 1 << 20 }).inputIds[0].length);
    const fits = (text: string) => count(text) <= max;
    return { outcome: req.outcome, naming: req.naming, maxEvents: req.maxEvents, fits };
  }

  async train(req: BehaviorTrainRequest, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<BehaviorClassifierInfo> {
    const started = performance.now();
    const { log, catalog } = this.source(req.datasetId);
    const rng = createRng(req.seed);
    const users = rng.shuffle(Array.from({ length: log.users.length }, (_, u) => u)).slice(0, Math.max(2, req.maxUsers));
    onProgress(progressTracker('Describing behavior', 'users', users.length)(0));
    const ex = behaviorExamples(log, catalog, this.describeOptions(req.textModelId, req), users);
    if (!ex.ok) throw new Error(ex.reason);
    throwIfAborted(signal);
    const { model: base, tokenizer, info: baseInfo, files: tokenizerFiles } = this.texts.get(req.textModelId);
    const { texts, labels, labelNames } = ex.data;
    const label = `Fine-tuning ${baseInfo.source} on ${texts.length} behavior descriptions`;
    const result = await finetune(base, tokenizer, texts, labels, {
      labels: labelNames,
      epochs: req.epochs,
      learningRate: req.learningRate,
      batchSize: 16,
      validationSplit: 0.2,
      patience: 2,
      seed: req.seed,
      signal,
      onProgress: (p) => {
        onProgress({ label, done: p.step, total: p.total, unit: 'steps', rate: p.stepsPerSec, etaSeconds: p.etaSeconds, detail: { loss: Number(p.loss.toFixed(4)), ...(p.valAccuracy !== undefined ? { valAccuracy: Number(p.valAccuracy.toFixed(3)) } : {}) } });
      },
    });
    if (result.stoppedBy === 'aborted') {
      disposeModel(result.model);
      throw abortError();
    }
    const info = this.texts.add(result.model, tokenizer, `${baseInfo.source} → ${req.outcome} classifier`, tokenizerFiles);
    this.classifiers.set(info.id, { request: req, labels: labelNames });
    const shares = labelNames.map((_, c) => labels.filter((l) => l === c).length / labels.length);
    const last = result.history.at(-1);
    return {
      id: info.id,
      textModel: info,
      baseModelId: req.textModelId,
      datasetId: req.datasetId,
      outcome: req.outcome,
      labels: labelNames,
      examples: texts.length,
      classShares: shares,
      valAccuracy: result.bestValAccuracy ?? last?.valAccuracy ?? null,
      valLoss: result.bestValLoss ?? null,
      steps: result.steps,
      stoppedBy: result.stoppedBy,
      seconds: (performance.now() - started) / 1000,
      sample: texts[0],
    };
  }

  async explain(req: BehaviorExplainRequest, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<BehaviorExplanation> {
    const started = performance.now();
    const c = this.classifiers.get(req.classifierId);
    if (!c) throw new Error(`text model ${req.classifierId} is not a behavior classifier trained in this session`);
    const { log, catalog } = this.source(c.request.datasetId);
    const ex = behaviorExamples(log, catalog, this.describeOptions(req.classifierId, c.request), [req.user]);
    if (!ex.ok) throw new Error(`user ${log.users[req.user] ?? req.user}: ${ex.reason}`);
    const text = ex.data.texts[0];
    const { model, tokenizer } = this.texts.get(req.classifierId);
    const view = textExplainable(model, tokenizer, text);
    const track = progressTracker('Explaining the behavior prediction', 'classes', c.labels.length);
    onProgress(track(0));
    const r = await explainText(view.model, view.words.words, c.labels, { methods: req.methods, steps: req.steps, baseline: req.baseline, seed: req.seed, signal });
    onProgress(track(c.labels.length));
    return { ...r, user: req.user, text, actual: c.labels[ex.data.labels[0]], truncated: view.words.truncated, seconds: (performance.now() - started) / 1000 };
  }
}
