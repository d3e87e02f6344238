// "Causal vs traditional" (issue #19, requirement 6): one table row per trained model of a dataset — naive, IPS,
// SNIPS or DR by its debias setting — and one per uplift policy fitted on top of a model, each with the figures the app
// already measured: leave-one-out accuracy@K, the test-file metrics (a random test set such as Coat's), and the true or
// estimated incremental purchases@K of the policy's list. Differences against the naive row are paired (same users)
// wherever the per-user values exist, and left out where they do not; nothing is computed that was not measured.
import { pairedMeanDifference } from '../lib/bootstrap';
import type { EvaluationResult } from './evaluate';
import { hitRate, ndcg } from './metrics';
import type { TestLogScores } from './testLog';
import { pairedDifference } from './unbiasedEval';
import type { UpliftReport } from './uplift/upliftReport';

export const VARIANTS = ['naive', 'ips', 'snips', 'dr', 'uplift'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface Figure {
  value: number;
  ci95: [number, number] | null;
}

export interface Paired {
  difference: number;
  ci95: [number, number];
  /** For incremental purchases: the ratio of the means, with its paired interval. */
  ratio?: number;
  ratioCi95?: [number, number];
}

export interface ComparisonRow {
  /** The model id, or `<id>+uplift` for the uplift policy on top of it. */
  key: string;
  modelId: string;
  name: string;
  variant: Variant;
  /** "NDCG@K", "HR@K" (leave-one-out), "MSE", "AUC" (test file), "trueUplift@K", "estimatedUplift@K". */
  figures: Record<string, Figure>;
  /** Key of the row the paired differences are taken against (null for the reference itself, or when none). */
  against: string | null;
  paired: Record<string, Paired>;
}

export interface ComparisonModel {
  id: string;
  name: string;
  settings: Record<string, unknown>;
}

export interface ComparisonInputs {
  models: readonly ComparisonModel[];
  /** Full-ranking evaluations (test stage) by model id, with per-user ranks where kept. */
  evaluations: Readonly<Record<string, EvaluationResult | undefined>>;
  testFiles: Readonly<Record<string, { file: string; scores: TestLogScores } | undefined>>;
  reports: Readonly<Record<string, UpliftReport | undefined>>;
  k: number;
  seed: number;
  samples?: number;
}

/** The model's objective: its debias setting (mf-ips defaults to IPS); models without one are traditional (naive). */
export function variantOf(model: ComparisonModel): Exclude<Variant, 'uplift'> {
  const d = model.settings.debias;
  if (d === 'ips' || d === 'snips' || d === 'dr') return d;
  if (d === undefined && model.name === 'mf-ips') return 'ips';
  return 'naive';
}

const TEST_FILE_METRICS = ['MSE', 'AUC'] as const;

function fig(value: number | undefined, ci: [number, number] | undefined): Figure | null {
  return value === undefined || !Number.isFinite(value) ? null : { value, ci95: ci ?? null };
}

const sameTestUsers = (a: TestLogScores, b: TestLogScores) =>
  a.perUser.users.length === b.perUser.users.length && a.perUser.users.every((u, t) => b.perUser.users[t] === u);

/** Per-user values of a rank metric ("NDCG@K" / "HR@K") from an evaluation's per-user ranks. */
function perUserRankMetric(result: EvaluationResult, metric: string, k: number): Float64Array | null {
  if (!result.perUser) return null;
  const f = metric.startsWith('NDCG') ? (r: number) => ndcg(r, k) : (r: number) => hitRate(r, k);
  return Float64Array.from(result.perUser.ranks, f);
}

const sameUsers = (a: EvaluationResult, b: EvaluationResult) =>
  !!a.perUser &&
  !!b.perUser &&
  a.perUser.users.length === b.perUser.users.length &&
  a.perUser.users.every((u, t) => b.perUser!.users[t] === u);

function modelRow(model: ComparisonModel, inputs: ComparisonInputs): ComparisonRow {
  const { k } = inputs;
  const figures: Record<string, Figure> = {};
  const set = (name: string, f: Figure | null) => f && (figures[name] = f);
  const ev = inputs.evaluations[model.id];
  const report = inputs.reports[model.id];
  for (const m of [`NDCG@${k}`, `HR@${k}`]) set(m, ev ? fig(ev.metrics[m], ev.ci95[m]) : null);
  const tf = inputs.testFiles[model.id];
  for (const m of TEST_FILE_METRICS) set(m, tf ? fig(tf.scores.metrics[m], tf.scores.ci95[m]) : null);
  if (report && report.k === k) {
    const score = report.comparison.policies.score;
    for (const m of [`trueUplift@${k}`, `estimatedUplift@${k}`]) set(m, fig(score.metrics[m], score.ci95[m]));
    // Without an evaluation, the report's own accuracy of the score policy (same lists, same users).
    for (const m of [`NDCG@${k}`, `HR@${k}`])
      if (!figures[m]) set(m, fig(report.accuracy.policies.score.metrics[m], report.accuracy.policies.score.ci95[m]));
  }
  return { key: model.id, modelId: model.id, name: model.name, variant: variantOf(model), figures, against: null, paired: {} };
}

function upliftRow(model: ComparisonModel, report: UpliftReport, k: number): ComparisonRow {
  const figures: Record<string, Figure> = {};
  const paired: Record<string, Paired> = {};
  const up = report.comparison.policies.uplift;
  for (const m of [`trueUplift@${k}`, `estimatedUplift@${k}`]) {
    const f = fig(up.metrics[m], up.ci95[m]);
    if (!f) continue;
    figures[m] = f;
    const p = report.comparison.paired[m];
    if (p) paired[m] = { difference: p.difference, ci95: p.ci95, ratio: p.ratio, ratioCi95: p.ratioCi95 };
  }
  for (const m of [`NDCG@${k}`, `HR@${k}`]) {
    const f = fig(report.accuracy.policies.uplift.metrics[m], report.accuracy.policies.uplift.ci95[m]);
    if (!f) continue;
    figures[m] = f;
    const p = report.accuracy.paired[m];
    if (p) paired[m] = { difference: p.difference, ci95: p.ci95 };
  }
  // The uplift policy re-ranks this model's candidates: its paired differences are against this model's score policy.
  return { key: `${model.id}+uplift`, modelId: model.id, name: model.name, variant: 'uplift', figures, against: model.id, paired };
}

/**
 * The table's rows, in VARIANTS order (models of one variant in training order), each uplift row after the model it
 * re-ranks. The reference is the first naive model; debiased rows carry paired accuracy differences against it when
 * both were evaluated on the same users.
 */
export function causalComparisonRows(inputs: ComparisonInputs): ComparisonRow[] {
  const { k, seed } = inputs;
  const samples = inputs.samples ?? 1000;
  const rows = inputs.models.map((m) => modelRow(m, inputs));
  const reference = rows.find((r) => r.variant === 'naive') ?? null;
  const refEval = reference ? inputs.evaluations[reference.modelId] : undefined;
  const refTest = reference ? inputs.testFiles[reference.modelId] : undefined;
  for (const row of rows) {
    if (!reference || row === reference) continue;
    const ev = inputs.evaluations[row.modelId];
    if (ev && refEval && sameUsers(ev, refEval)) {
      for (const m of [`NDCG@${k}`, `HR@${k}`]) {
        const a = perUserRankMetric(ev, m, k);
        const b = perUserRankMetric(refEval, m, k);
        if (a && b) row.paired[m] = pairedMeanDifference(a, b, seed, samples);
      }
    }
    // The same test file's users, in the same order: the per-user sums pair up (unbiasedEval's paired bootstrap).
    const tf = inputs.testFiles[row.modelId];
    if (tf?.scores.perUser && refTest?.scores.perUser && tf.file === refTest.file && sameTestUsers(tf.scores, refTest.scores)) {
      for (const m of TEST_FILE_METRICS)
        if (row.figures[m] && reference.figures[m])
          row.paired[m] = pairedDifference(tf.scores.perUser, refTest.scores.perUser, m, { seed, samples });
    }
    if (Object.keys(row.paired).length) row.against = reference.key;
  }
  const order = (r: ComparisonRow) => VARIANTS.indexOf(r.variant);
  const sorted = [...rows].sort((a, b) => order(a) - order(b));
  const out: ComparisonRow[] = [];
  for (const row of sorted) {
    out.push(row);
    const report = inputs.reports[row.modelId];
    const model = inputs.models.find((m) => m.id === row.modelId)!;
    if (report && report.k === k) out.push(upliftRow(model, report, k));
  }
  return out;
}
