// One report of a behavior predictor on a prediction task's test examples: its seven metrics with bootstrap
// intervals, its reliability bins, the two baselines scored the same way on the same examples, and paired
// differences against each baseline. The CLI, the bench, the app's behavior panel and the HTML report all print this.
import type { EventLog } from '../../data/eventLog';
import type { PredictionTask } from '../../data/predictionTask';
import { fail, ok, type Result } from '../../lib/result';
import type { PairedDifference } from '../pairedComparison';
import { constantPredictions, logisticPredictions, type BaselineName, type Split } from './baselines';
import {
  checkScored,
  classificationMetrics,
  metricIntervals,
  pairedMetricDifference,
  predictedClass,
  reliability,
  type ClassificationMetric,
  type MetricIntervals,
  type MetricValues,
  type ReliabilityBin,
} from './classificationMetrics';

export interface PredictorScores {
  metrics: MetricValues;
  ci95: MetricIntervals;
  reliability: ReliabilityBin[];
  /** Expected calibration error of the reliability bins. */
  ece: number;
  /** Test examples predicted as each class (the most probable one), in labelNames order. */
  predictedCounts: number[];
}

/** The metrics a predictor is compared on, paired, against each baseline. */
export const PAIRED_METRICS: readonly ClassificationMetric[] = ['rocAuc', 'accuracy', 'brier'];

export interface PredictionReport extends PredictorScores {
  target: PredictionTask['target'];
  labelNames: string[];
  /** Examples trained on and tested on; test class counts in labelNames order. */
  trainExamples: number;
  testExamples: number;
  testClassCounts: number[];
  baselines: Record<BaselineName, PredictorScores>;
  /** Predictor − baseline on each paired metric, over the same test examples. */
  versus: Record<BaselineName, Partial<Record<ClassificationMetric, PairedDifference>>>;
}

export interface ReportOptions {
  seed: number;
  /** Bootstrap resamples (default 1000). */
  samples?: number;
  signal?: AbortSignal;
}

export function scorePredictor(probabilities: readonly Float32Array[], labels: number[], classes: number, seed: number, samples: number) {
  const s = { probabilities, labels, classes };
  const r = reliability(s);
  const predictedCounts = new Array<number>(classes).fill(0);
  for (const p of probabilities) predictedCounts[predictedClass(p)]++;
  return { metrics: classificationMetrics(s), ci95: metricIntervals(s, seed, samples), reliability: r.bins, ece: r.ece, predictedCounts };
}

/** Score `probabilities` (the test examples, in split.test order) and both baselines fitted on split.train. */
export function predictionReport(
  log: EventLog,
  task: PredictionTask,
  split: Split,
  probabilities: readonly Float32Array[],
  options: ReportOptions,
): Result<PredictionReport> {
  const classes = task.labelNames.length;
  const labels = split.test.map((i) => task.examples[i].label);
  const problem = checkScored({ probabilities, labels, classes });
  if (problem) return fail(problem);
  const samples = options.samples ?? 1000;
  const logistic = logisticPredictions(log, task, split, {}, { signal: options.signal });
  if (!logistic.ok) return logistic;
  const base: Record<BaselineName, Float32Array[]> = { constant: constantPredictions(task, split), logistic: logistic.data };
  const versus = {} as PredictionReport['versus'];
  const baselines = {} as PredictionReport['baselines'];
  for (const name of ['constant', 'logistic'] as const) {
    baselines[name] = scorePredictor(base[name], labels, classes, options.seed, samples);
    versus[name] = {};
    for (const m of PAIRED_METRICS)
      versus[name][m] = pairedMetricDifference(probabilities, base[name], labels, classes, m, options.seed + 1, samples);
  }
  const testClassCounts = task.labelNames.map((_, c) => labels.filter((y) => y === c).length);
  return ok({
    target: task.target,
    labelNames: task.labelNames,
    trainExamples: split.train.length,
    testExamples: split.test.length,
    testClassCounts,
    ...scorePredictor(probabilities, labels, classes, options.seed, samples),
    baselines,
    versus,
  });
}
