// How far to trust each explanation, for every method compared: deletion AUC (lower is better) and insertion AUC (higher
// is better), each beside the same figure for a random order and coloured by that direction, ERASER scores, the
// method's sensitivity when measured, and IG's completeness gap with a button that re-runs it with more steps.
import type { ReactNode } from 'react';
import type { ExplainedRow, ExplainResult } from '../../../explain/explainTopK';
import { useI18n } from '../../i18n';
import { faithfulnessOf, igGap, LARGE_GAP, moreSteps, summaryLine, verdict, type Verdict } from './faithfulnessVerdict';

/** Colour plus a glyph, so the verdict does not rest on colour alone. */
const MARK: Record<Verdict, string> = { better: ' ✓', worse: ' ✗', even: '', unjudged: '' };

export function FaithfulnessTable({
  result,
  title,
  onMoreSteps,
}: {
  result: ExplainResult;
  title: (i: number) => string;
  /** Re-run the explanation with this many IG steps (offered only when the gap is large and the steps stay in range). */
  onMoreSteps?: (steps: number) => void;
}) {
  const { t, num } = useI18n();
  const methods = result.methods;
  const sensitivityOf = (r: ExplainedRow, m: string): number | undefined =>
    (r as { sensitivity?: Record<string, number> }).sensitivity?.[m];
  const showSensitivity = result.rows.some((r) => methods.some((m) => Number.isFinite(sensitivityOf(r, m))));
  const ig = igGap(result);
  const next = ig ? moreSteps(ig.steps) : null;
  // A figure that could not be computed (the score does not move with the history: 0/0) reads as —, never NaN.
  const fig = (x: number): string => (Number.isFinite(x) ? num(x, 3) : '—');
  const cell = (value: number, v: Verdict, hint: string): ReactNode => (
    <td className={v === 'better' ? 'better' : v === 'worse' ? 'worse' : undefined} title={hint} data-verdict={v}>
      {fig(value)}
      {MARK[v]}
    </td>
  );
  return (
    <section className="panel" aria-labelledby="faith-title" data-testid="faithfulness">
      <h2 id="faith-title">{t('explain.faithfulnessAll')}</h2>
      <p className="muted small">{t('explain.faithDirection')}</p>
      <p data-testid="faith-summary">
        {methods.map((m) => {
          const verdicts = result.rows.flatMap((r) => {
            const f = faithfulnessOf(r, m, methods[0]);
            return f ? [verdict(f.deletionAUC, f.randomDeletionAUC, true, f)] : [];
          });
          return (
            <span key={m} className="faith-line">
              {summaryLine(t(`explain.method.${m}`), verdicts, t)}
            </span>
          );
        })}
      </p>
      {ig && ig.gap > LARGE_GAP && (
        <p className="warn small" data-testid="ig-gap">
          {t('explain.igGapNote', { pct: num(100 * ig.gap, 1), steps: ig.steps })}{' '}
          {next !== null && onMoreSteps && (
            <button type="button" onClick={() => onMoreSteps(next)} data-testid="more-steps">
              {t('explain.moreSteps', { steps: next })}
            </button>
          )}
        </p>
      )}
      <div className="table-scroll" role="region" aria-label={t('explain.faithfulnessAll')} tabIndex={0}>
        <table data-testid="faith-rows">
          <thead>
            <tr>
              <th scope="col">{t('explain.recommendation')}</th>
              <th scope="col">{t('explain.method')}</th>
              <th scope="col" title={t('explain.deletionHint')}>
                {t('explain.deletion')}
              </th>
              <th scope="col">{t('explain.randomDeletion')}</th>
              <th scope="col" title={t('explain.insertionHint')}>
                {t('explain.insertion')}
              </th>
              <th scope="col">{t('explain.randomInsertion')}</th>
              {showSensitivity && (
                <th scope="col" title={t('explain.sensitivityHint')}>
                  {t('explain.sensitivity')}
                </th>
              )}
              {ig && (
                <th scope="col" title={t('explain.igGapHint')}>
                  {t('explain.igGap')}
                </th>
              )}
              <th scope="col">AOPC ↑</th>
              <th scope="col">{t('explain.comprehensiveness')}</th>
              <th scope="col">{t('explain.sufficiency')}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.flatMap((r) =>
              methods.map((m, j) => {
                const f = faithfulnessOf(r, m, methods[0]);
                const sensitivity = sensitivityOf(r, m);
                const gap = r.diagnostics[m]?.relativeGap;
                return (
                  <tr key={`${r.item}-${m}`} data-method={m}>
                    {j === 0 && (
                      <th scope="rowgroup" rowSpan={methods.length}>
                        {title(r.item)}
                        {f?.degenerate ? <span className="muted small faith-line">{t('explain.degenerate')}</span> : null}
                      </th>
                    )}
                    <td>{t(`explain.method.${m}`)}</td>
                    {f ? (
                      <>
                        {cell(f.deletionAUC, verdict(f.deletionAUC, f.randomDeletionAUC, true, f), t('explain.deletionHint'))}
                        <td>{fig(f.randomDeletionAUC)}</td>
                        {cell(f.insertionAUC, verdict(f.insertionAUC, f.randomInsertionAUC, false, f), t('explain.insertionHint'))}
                        <td>{fig(f.randomInsertionAUC)}</td>
                      </>
                    ) : (
                      <td colSpan={4} className="muted">
                        —
                      </td>
                    )}
                    {/* Next to faithfulness: how steady the attribution is, and how complete IG's is. */}
                    {showSensitivity && <td>{fig(sensitivity ?? NaN)}</td>}
                    {ig && <td>{typeof gap === 'number' && Number.isFinite(gap) ? `${num(100 * gap, 1)}%` : '—'}</td>}
                    {f ? (
                      <>
                        <td>{fig(f.aopc)}</td>
                        <td>{fig(f.comprehensiveness)}</td>
                        <td>{fig(f.sufficiency)}</td>
                      </>
                    ) : (
                      <td colSpan={3} className="muted">
                        —
                      </td>
                    )}
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
