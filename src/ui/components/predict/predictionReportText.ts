// The words and cells of a prediction report (src/rec/predict/predictionReport), shared by the app's panels and the
// HTML report: every figure from the report, every verdict from the interval beside it.
import type { MessageKey } from '../../i18n/en';
import { CLASSIFICATION_METRICS, type ClassificationMetric } from '../../../rec/predict/classificationMetrics';
import type { PredictionReport, PredictorScores } from '../../../rec/predict/predictionReport';

interface Helpers {
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  num: (x: number, digits?: number) => string;
}

const DIGITS = 3;

/** A class name in the UI's language: the two buy labels are the app's words; event types and categories are the data's. */
export function labelText(name: string, t: Helpers['t']): string {
  return name === 'will buy' ? t('predict.label.buy') : name === 'will not buy' ? t('predict.label.notBuy') : name;
}

/** "0.712 [0.650 – 0.770]", or — where the metric is undefined on these examples. */
export function valueWithCi(s: PredictorScores, m: ClassificationMetric, num: Helpers['num']): string {
  const v = s.metrics[m];
  if (!Number.isFinite(v)) return '—';
  const [lo, hi] = s.ci95[m];
  return Number.isFinite(lo) ? `${num(v, DIGITS)} [${num(lo, DIGITS)} – ${num(hi, DIGITS)}]` : num(v, DIGITS);
}

/** Table rows: metric name, then this predictor, the logistic baseline and the constant guess. */
export function predictionRows(r: PredictionReport, { t, num }: Helpers): { head: string[]; rows: string[][] } {
  return {
    head: [t('predict.col.metric'), t('predict.col.model'), t('predict.col.logistic'), t('predict.col.constant')],
    rows: CLASSIFICATION_METRICS.map((m) => [
      t(`predict.metric.${m}`),
      valueWithCi(r, m, num),
      valueWithCi(r.baselines.logistic, m, num),
      valueWithCi(r.baselines.constant, m, num),
    ]),
  };
}

/** The sentences under the table: what was held out, the paired ROC-AUC verdicts, calibration, and (multiclass) averaging. */
export function predictionSentences(r: PredictionReport, { t, num }: Helpers): string[] {
  const counts = r.labelNames.map((name, c) => `${labelText(name, t)}: ${num(r.testClassCounts[c], 0)}`).join(', ');
  const out = [t('predict.heldOut', { n: num(r.testExamples, 0), counts })];
  for (const b of ['logistic', 'constant'] as const) {
    const d = r.versus[b].rocAuc;
    if (!d || !Number.isFinite(d.difference)) continue;
    const vars = {
      baseline: t(`predict.baseline.${b}`),
      d: num(d.difference, DIGITS),
      lo: num(d.ci95[0], DIGITS),
      hi: num(d.ci95[1], DIGITS),
    };
    out.push(t(`predict.vs.${d.verdict}`, vars));
  }
  // Precision, recall and F1 of 0 read as a failure; with no positive prediction they are a convention (scikit-learn's).
  if (r.labelNames.length === 2 && r.predictedCounts[1] === 0)
    out.push(
      t('predict.nonePositive', {
        label: labelText(r.labelNames[1], t),
        n: num(r.testExamples, 0),
        logistic: num(r.baselines.logistic.predictedCounts[1], 0),
      }),
    );
  if (Number.isFinite(r.ece)) out.push(t('predict.calibration', { ece: num(r.ece, DIGITS), bins: num(r.reliability.length, 0) }));
  if (r.labelNames.length > 2) out.push(t('predict.macro'));
  return out;
}
