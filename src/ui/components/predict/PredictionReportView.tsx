// A behavior predictor's report in the app: its metrics with 95% intervals beside the logistic baseline and the
// constant guess, then the sentences the intervals support (src/ui/components/predict/predictionReportText).
import type { PredictionReport } from '../../../rec/predict/predictionReport';
import { useI18n } from '../../i18n';
import { ReliabilityChart } from '../../charts/ReliabilityChart';
import { labelText, predictionRows, predictionSentences } from './predictionReportText';

export function PredictionReportView({ report, params }: { report: PredictionReport; params?: { trainable: number; total: number } }) {
  const { t, num } = useI18n();
  const { head, rows } = predictionRows(report, { t, num });
  const binary = report.labelNames.length === 2;
  return (
    <div className="prediction-report" data-testid="prediction-report">
      <table className="small">
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, ...cells]) => (
            <tr key={name}>
              <td>{name}</td>
              {cells.map((c, i) => (
                <td key={i} className="num">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {predictionSentences(report, { t, num }).map((s) => (
        <p key={s} className="muted small" data-testid="prediction-sentence">
          {s}
        </p>
      ))}
      {report.reliability.length > 0 && (
        <ReliabilityChart
          series={[
            { name: t('predict.col.model'), bins: report.reliability },
            { name: t('predict.col.logistic'), bins: report.baselines.logistic.reliability },
          ]}
          title={t('predict.reliability.title')}
          xLabel={binary ? t('predict.reliability.x', { label: labelText(report.labelNames[1], t) }) : t('predict.reliability.xTop')}
          yLabel={binary ? t('predict.reliability.y', { label: labelText(report.labelNames[1], t) }) : t('predict.reliability.yTop')}
          format={(v, d) => num(v, d)}
          testId="reliability-chart"
        />
      )}
      {params && <p className="muted small">{t('predict.params', { trainable: num(params.trainable, 0), total: num(params.total, 0) })}</p>}
    </div>
  );
}
