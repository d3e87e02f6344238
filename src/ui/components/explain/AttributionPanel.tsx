// What drove each recommendation, readable at any history length: a top-contributors chart per recommendation, a
// heatmap of only the N events that count most (the rest summed in one column) beside a brushable overview of the whole
// history, events grouped by item, category or time window, and the reasons in plain words.
import { useMemo, useState } from 'react';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { itemLabels } from '../../../data/eventLog';
import {
  clampTopN,
  GROUP_BYS,
  groupEvents,
  heatmapColumns,
  TOP_N,
  topContributors,
  windowFor,
  type GroupBy,
} from '../../../explain/contributors';
import type { ExplainResult } from '../../../explain/explainTopK';
import type { MethodName } from '../../../explain/registry';
import { useI18n, type Lang } from '../../i18n';
import { Heatmap } from '../../charts/Heatmap';
import { ContributorsChart } from '../../charts/ContributorsChart';
import { TimelineBrush } from '../../charts/TimelineBrush';
import { useWidth } from '../../charts/useWidth';
import type { HistoryEvent } from '../recommend/history';
import { attributionText, eventDate, eventLabel, groupKey, groupLabel, type LabelContext, type LabelledEvent } from './eventLabel';
import { ReasonList } from './ReasonList';

/** Column labels stand at an angle above the cells: the title is clipped so type, rating and date always fit. */
const COLUMN_TITLE_CHARS = 16;
const COLUMN_LABEL_CHARS = 40;
/** The chart's labels have a 320 px column: a title of 22 characters leaves room for type, rating and date. */
const CHART_TITLE_CHARS = 22;

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
  const dataset = useApp(activeDataset);
  const theme = useApp((s) => s.theme);
  const fmt = attributionText(num);
  const [n, setN] = useState<number>(TOP_N.default);
  const [by, setBy] = useState<GroupBy>('event');
  const [range, setRange] = useState<[number, number] | null>(null);
  const [rowShown, setRowShown] = useState(0);
  const [picked, setPicked] = useState<{ method: MethodName; row: number; column: number } | null>(null);
  const [box, width] = useWidth<HTMLDivElement>(900);

  // Rating or value and time of each event come from the log row it was read from (an added event has none).
  const events: LabelledEvent[] = useMemo(
    () => history.map((e) => ({ item: e.item, type: e.type, time: e.time, value: dataset && e.row >= 0 ? dataset.log.value[e.row] : NaN })),
    [history, dataset],
  );
  const categories = useMemo(() => (dataset ? itemLabels(dataset.log, dataset.catalog).categories : []), [dataset]);
  const hasTime = dataset?.log.hasTime ?? false;
  const span = events.length ? events[events.length - 1].time - events[0].time : 0;
  const ctx: LabelContext = { lang, title, category: (i) => categories[i] ?? null, hasTime, window: windowFor(span) };

  const total = events.length;
  const [from, to] = range && range[1] <= total ? range : [0, total];
  // A range is whole events inside the history, at least one; the whole history is no range at all.
  const pickRange = ([a, b]: [number, number]) => {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return;
    const lo = Math.max(0, Math.min(total - 1, Math.round(a)));
    const hi = Math.max(lo + 1, Math.min(total, Math.round(b)));
    setRange(lo === 0 && hi === total ? null : [lo, hi]);
  };
  const groups = useMemo(
    () =>
      groupEvents(
        Array.from({ length: to - from }, (_, j) => from + j),
        groupKey(events, by, ctx),
      ),
    // ctx changes identity each render; what it reads is in these deps.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [events, by, from, to, categories, hasTime, span],
  );
  const m0 = result.methods[0];
  // The overview colours each event by its strongest attribution over the recommendations (each row scaled by its own
  // largest magnitude), signed, so the events behind any recommendation stand out.
  const overview = useMemo(() => {
    const rows = result.rows.map((r) => {
      const v = r.values[m0] ?? [];
      const max = Math.max(1e-300, ...v.map((x) => (Number.isFinite(x) ? Math.abs(x) : 0)));
      return v.map((x) => (Number.isFinite(x) ? x / max : 0));
    });
    return Array.from({ length: total }, (_, k) => rows.reduce((best, row) => (Math.abs(row[k] ?? 0) > Math.abs(best) ? row[k] : best), 0));
  }, [result, m0, total]);

  // IG's completeness gap is said (in both languages, with a button for more steps) by the faithfulness table.
  const notes = (result.rows[0]?.notes ?? []).filter((note) => !note.startsWith('completeness gap'));
  const rowLabels = result.rows.map((r) => title(r.item));
  const chosen = result.rows[Math.min(rowShown, result.rows.length - 1)];
  const heat = result.methods.map((m) => ({
    method: m,
    ...heatmapColumns(
      result.rows.map((r) => r.values[m]),
      groups,
      n,
    ),
  }));
  const rangeNote =
    total > 0
      ? t('explain.range', {
          from: from + 1,
          to,
          total,
          start: eventDate(events[from], from, hasTime),
          end: eventDate(events[to - 1], to - 1, hasTime),
        })
      : '';

  const pickedHeat = picked ? heat.find((h) => h.method === picked.method) : null;
  const pickedRow = picked ? result.rows[picked.row] : null;
  const pickedLabel =
    picked && pickedHeat
      ? picked.column < pickedHeat.columns.length
        ? groupLabel(events, pickedHeat.columns[picked.column], by, ctx)
        : t('explain.others', { n: pickedHeat.others?.events ?? 0 })
      : '';

  return (
    <section className="panel" aria-labelledby="attr-title" data-testid="attributions">
      <h2 id="attr-title">{t('explain.heatmap')}</h2>
      <div className="row wrap">
        <label>
          {t('explain.topN')}{' '}
          <input
            type="number"
            min={TOP_N.min}
            max={TOP_N.max}
            value={n}
            onChange={(e) => setN(clampTopN(Number(e.target.value)))}
            style={{ width: '4.5em' }}
            data-testid="top-n"
          />
        </label>
        <label>
          {t('explain.groupBy')}{' '}
          <select value={by} onChange={(e) => setBy(e.target.value as GroupBy)} data-testid="group-by">
            {GROUP_BYS.map((g) => (
              <option key={g} value={g}>
                {t(`explain.groupBy.${g}`)}
              </option>
            ))}
          </select>
        </label>
      </div>

      <h3>{t('explain.contributors')}</h3>
      <div className="row wrap">
        <label>
          {t('explain.recommendation')}{' '}
          <select value={rowShown} onChange={(e) => setRowShown(Number(e.target.value))} data-testid="contributors-row">
            {result.rows.map((r, i) => (
              <option key={r.item} value={i}>
                {i + 1}. {title(r.item)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="heatmaps" ref={box}>
        {chosen &&
          result.methods.map((m) => {
            const c = topContributors(chosen.values[m], groups, n);
            const bars = [
              ...c.top.map((x) => ({
                label: groupLabel(events, x.group, by, ctx, CHART_TITLE_CHARS),
                full: groupLabel(events, x.group, by, ctx),
                value: x.value,
              })),
              ...(c.others ? [{ label: t('explain.others', { n: c.others.events }), value: c.others.value, others: true }] : []),
            ];
            const method = t(`explain.method.${m}`);
            return (
              <figure key={m} data-testid="contributors">
                <figcaption className="muted small">{t('explain.contributorsHint', { item: title(chosen.item), method })}</figcaption>
                <ContributorsChart
                  bars={bars}
                  title={`${t('explain.contributors')}: ${title(chosen.item)} (${method})`}
                  format={fmt}
                  width={Math.max(560, Math.min(820, result.methods.length > 1 ? width / 2 - 16 : width))}
                />
              </figure>
            );
          })}
      </div>

      <h3>{t('explain.heatmap')}</h3>
      <p className="muted small">
        {t('explain.heatmapColumns', { n: heat[0]?.columns.length ?? 0 })}{' '}
        {heat[0]?.others ? t('explain.heatmapOthers', { others: heat[0].others.events }) : ''}
      </p>
      <figure className="timeline-figure">
        <figcaption className="muted small">{t('explain.timeline')}</figcaption>
        <TimelineBrush
          values={overview}
          title={t('explain.timeline')}
          width={Math.max(320, Math.min(width, 1100))}
          onRange={pickRange}
          range={range ? [from, to] : null}
          theme={theme}
        />
        <p className="muted small row wrap" data-testid="timeline-range">
          <span>{rangeNote}</span>
          {/* The same range from the keyboard: first and last event, 1-based and inclusive. */}
          <label>
            {t('explain.rangeFrom')}{' '}
            <input
              type="number"
              min={1}
              max={to}
              value={from + 1}
              onChange={(e) => pickRange([Number(e.target.value) - 1, to])}
              style={{ width: '5em' }}
              data-testid="range-from"
            />
          </label>
          <label>
            {t('explain.rangeTo')}{' '}
            <input
              type="number"
              min={from + 1}
              max={total}
              value={to}
              onChange={(e) => pickRange([from, Number(e.target.value)])}
              style={{ width: '5em' }}
              data-testid="range-to"
            />
          </label>
          {range && (
            <button type="button" className="link small" onClick={() => setRange(null)}>
              {t('explain.rangeAll')}
            </button>
          )}
        </p>
      </figure>
      <div className="heatmaps stack">
        {heat.map((h) => {
          const columns = [
            ...h.columns.map((g) => groupLabel(events, g, by, ctx, COLUMN_TITLE_CHARS)),
            ...(h.others ? [t('explain.others', { n: h.others.events })] : []),
          ];
          return (
            <figure key={h.method} data-testid="heatmap">
              <figcaption>{t(`explain.method.${h.method}`)}</figcaption>
              <Heatmap
                input={{ rows: rowLabels, columns, values: h.values }}
                title={`${t('explain.heatmap')}: ${t(`explain.method.${h.method}`)}`}
                format={fmt}
                onCell={(row, column) => setPicked({ method: h.method, row, column })}
                labelChars={COLUMN_LABEL_CHARS}
                columnLabelHeight={230}
                scaleColumns={h.columns.length}
                theme={theme}
              />
            </figure>
          );
        })}
      </div>
      {picked && pickedRow && pickedHeat && (
        <p className="pair" data-testid="picked-pair">
          {t('explain.pair', {
            event: pickedLabel,
            item: title(pickedRow.item),
            value: fmt(pickedHeat.values[picked.row][picked.column]),
            method: t(`explain.method.${picked.method}`),
          })}
        </p>
      )}
      {result.agreement && (
        <p className="muted small" data-testid="agreement">
          {t('explain.agreement', {
            a: t(`explain.method.${result.methods[0]}`),
            b: t(`explain.method.${result.methods[1]}`),
            rho: result.agreement.map((r) => num(r, 2)).join(', '),
          })}
        </p>
      )}
      <h3>{t('explain.reasons')}</h3>
      <ReasonList result={result} title={title} lang={lang} describe={(k) => (k >= 0 && k < total ? eventLabel(events, k, ctx) : '')} />
      {notes.length > 0 && (
        <ul className="muted small">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
