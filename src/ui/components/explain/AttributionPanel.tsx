// Heatmaps of the attributions (one per method, side by side when comparing), the clicked pair, and the reasons.
import { useState } from 'react';
import { useI18n, type Lang } from '../../i18n';
import { Heatmap } from '../../charts/Heatmap';
import type { ExplainResult } from '../../../explain/explainTopK';
import type { HistoryEvent } from '../recommend/history';

export function AttributionPanel({
  result,
  history,
  title,
  lang,
}: {
  result: ExplainResult;
  history: HistoryEvent[];
  title: (i: number) => string;
  lang: Lang;
}) {
  const { t, num } = useI18n();
  const [picked, setPicked] = useState<{ method: string; row: number; column: number } | null>(null);
  const rows = result.rows.map((r) => title(r.item));
  const columns = history.map((e, i) => `${i + 1}. ${e.type} · ${title(e.item)}`);
  const pickedRow = picked ? result.rows[picked.row] : null;
  return (
    <section className="panel" aria-labelledby="attr-title" data-testid="attributions">
      <h2 id="attr-title">{t('explain.heatmap')}</h2>
      <p className="muted small">{t('explain.heatmapHint')}</p>
      <div className="heatmaps">
        {result.methods.map((m) => (
          <figure key={m}>
            <figcaption>{t(`explain.method.${m}`)}</figcaption>
            <Heatmap
              input={{ rows, columns, values: result.rows.map((r) => r.values[m]) }}
              title={`${t('explain.heatmap')}: ${m}`}
              format={(v) => num(v, 4)}
              onCell={(row, column) => setPicked({ method: m, row, column })}
            />
          </figure>
        ))}
      </div>
      {picked && pickedRow && (
        <p className="pair" data-testid="picked-pair">
          {t('explain.pair', {
            event: `${history[picked.column].type} · ${title(history[picked.column].item)}`,
            item: title(pickedRow.item),
            value: num(pickedRow.values[picked.method][picked.column], 4),
            method: picked.method,
          })}
        </p>
      )}
      {result.agreement && (
        <p className="muted small" data-testid="agreement">
          {t('explain.agreement', { a: result.methods[0], b: result.methods[1], rho: result.agreement.map((r) => num(r, 2)).join(', ') })}
        </p>
      )}
      <h3>{t('explain.reasons')}</h3>
      <ol className="reasons-list" data-testid="reasons">
        {result.rows.map((r) => (
          <li key={r.item}>
            <strong>{title(r.item)}</strong>{' '}
            <span className="muted small">
              ({t('explain.score')} {num(r.score, 3)})
            </span>{' '}
            — {r.reason[lang]}
          </li>
        ))}
      </ol>
      {result.rows[0]?.notes.length > 0 && (
        <ul className="muted small">
          {result.rows[0].notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
