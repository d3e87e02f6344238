// The outcome of the last load: rows accepted and rejected per file, reasons counted, the first rejected rows listed.
import type { LoadOutcome } from '../../../store/dataSlice';
import { MAX_REJECTED_DETAILS } from '../../../data/csv/report';
import { rateText } from '../../../lib/progressText';
import { useI18n } from '../../i18n';

export function LoadReport({ outcome }: { outcome: LoadOutcome }) {
  const { t, num } = useI18n();
  return (
    <section
      className={`panel report ${outcome.ok ? '' : 'failed'}`}
      aria-labelledby="report-title"
      data-testid="load-report"
      role={outcome.ok ? undefined : 'alert'}
    >
      <h2 id="report-title">{t('data.report.title')}</h2>
      <p>{outcome.ok ? t('data.report.loaded', { name: outcome.message }) : outcome.message}</p>
      {!outcome.ok && <p className="warn">{t('data.report.failed')}</p>}
      {outcome.reports.map((r) => (
        <div key={r.file} className="report-file">
          <h3>{r.file}</h3>
          <p data-testid="report-counts">
            {num(r.rows)} {t('data.report.rows')}: <strong>{num(r.accepted)}</strong> {t('data.report.accepted')},{' '}
            <strong>{num(r.rejected)}</strong> {t('data.report.rejected')}
          </p>
          <p className="muted small" data-testid="report-speed">
            {/* Two significant digits, as every rate the app prints: from a 0.04 s timing, "2,814,523 rows/s" claimed more
                than the clock measured. */}
            {t('data.report.speed', {
              seconds: num(r.seconds, 2),
              rate: rateText(r.rows / Math.max(r.seconds, 1e-9), num),
              parts: r.parts ?? 1,
            })}
          </p>
          {r.warnings.length > 0 && (
            <ul className="warnings">
              {r.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          {r.rejected === 0 ? (
            <p className="muted">{t('data.report.none')}</p>
          ) : (
            <>
              <ul className="reasons">
                {Object.entries(r.rejectedByReason).map(([k, n]) => (
                  <li key={k}>
                    {k}: {num(n)}
                  </li>
                ))}
              </ul>
              <div className="table-scroll" role="region" aria-label={`${t('data.report.title')}: ${r.file}`} tabIndex={0}>
                <table data-testid="rejected-rows">
                  <thead>
                    <tr>
                      <th scope="col">{t('data.report.file')}</th>
                      <th scope="col">{t(r.format === 'parquet' ? 'data.report.row' : 'data.report.line')}</th>
                      <th scope="col">{t('data.report.column')}</th>
                      <th scope="col">{t('data.report.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.rejectedRows.map((row, i) => (
                      <tr key={i}>
                        <td>{row.file}</td>
                        <td>{row.line}</td>
                        <td>{row.column}</td>
                        <td>{row.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {r.rejected > r.rejectedRows.length && <p className="muted">{t('data.report.more', { n: MAX_REJECTED_DETAILS })}</p>}
            </>
          )}
        </div>
      ))}
    </section>
  );
}
