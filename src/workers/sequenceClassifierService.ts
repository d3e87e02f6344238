// The ML worker's sequence-classifier service: builds the prediction task on a trained SASRec/BERT4Rec model's dataset,
// fine-tunes a classifier from the model (a copy: the recommender keeps scoring as before) and reports it on the
// seeded test split with the seven metrics, their intervals and both baselines (rec/predict/predictionReport).
import { PREDICTION_TARGETS, predictionTask, splitExamples, type PredictionTarget } from '../data/predictionTask';
import type { Progress } from '../lib/progress';
import { fail, ok, type Result } from '../lib/result';
import type { ModelWorkspace } from '../rec/modelWorkspace';
import { predictionReport, type PredictionReport } from '../rec/predict/predictionReport';
import { fitSequenceClassifier, type PeftMethod } from '../ml/predict/sequenceClassifier';
import { SeqRecommender } from '../ml/seqrec/recommender';

export interface SequenceClassifierRequest {
  /** A trained sasrec or bert4rec model in the workspace; its dataset is the one the task is built on. */
  modelId: string;
  target: PredictionTarget;
  /** `buy` / `interest`: how many events past the cut the label looks (default 10). */
  horizonEvents?: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Which encoder weights train with the head (default all: 'none'); LoRA rank 8 or adapters of width 16. */
  peft?: PeftMethod;
  seed: number;
}

export interface SequenceClassifierInfo {
  modelId: string;
  modelName: string;
  datasetId: string;
  target: PredictionTarget;
  peft: PeftMethod;
  /** The test split's metrics with 95% intervals, beside the logistic baseline and the constant guess. */
  report: PredictionReport;
  trainableParams: number;
  totalParams: number;
  epochs: number;
  learningRate: number;
  seconds: number;
  notes: string[];
}

/** Test examples are a fifth of the users, as the text classifier's. */
const TEST_FRACTION = 0.2;

export async function fitSequenceClassifierIn(
  models: ModelWorkspace,
  req: SequenceClassifierRequest,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<Result<SequenceClassifierInfo>> {
  if (!PREDICTION_TARGETS.includes(req.target)) return fail(`target must be one of ${PREDICTION_TARGETS.join(', ')}`);
  const { model, info } = models.modelOf(req.modelId);
  if (!(model instanceof SeqRecommender)) return fail(`${info.name} is not a sequence model: train SASRec or BERT4Rec first`);
  const { log, catalog } = models.source(info.datasetId);
  const built = predictionTask(log, catalog, {
    target: req.target,
    seed: req.seed,
    ...(req.horizonEvents !== undefined ? { horizon: { events: req.horizonEvents } } : {}),
  });
  if (!built.ok) return built;
  const task = built.data;
  const split = splitExamples(task.examples.length, req.seed, TEST_FRACTION);
  const peft = req.peft ?? 'none';
  const fitted = await fitSequenceClassifier({ log, catalog }, task, split, {
    encoder: model,
    epochs: req.epochs,
    batchSize: req.batchSize,
    learningRate: req.learningRate,
    peft,
    seed: req.seed,
    signal,
    onProgress,
  });
  if (!fitted.ok) return fitted;
  const report = predictionReport(log, task, split, fitted.data.probabilities, { seed: req.seed, signal });
  if (!report.ok) return report;
  const { trainableParams, totalParams, epochs, seconds, notes } = fitted.data;
  return ok({
    modelId: req.modelId,
    modelName: info.name,
    datasetId: info.datasetId,
    target: req.target,
    peft,
    report: report.data,
    trainableParams,
    totalParams,
    epochs,
    learningRate: req.learningRate,
    seconds,
    notes,
  });
}
