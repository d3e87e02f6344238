// Attention of the sequence model behind the top recommendation, as BertViz users read it: a head view (pick the layer
// and a head or the mean over heads, zoom to the newest N positions, item labels on both axes) and the rollout from the
// read position over the same positions. Above both, the caveat that attention is not an explanation by itself, with
// the rollout order's own faithfulness for this item; the caveat's verdict is taken from those figures.
import { useMemo, useState } from 'react';
import { useApp } from '../../../store';
import { useI18n } from '../../i18n';
import { AttentionHeadChart } from '../../charts/AttentionHeadChart';
import { RolloutChart } from '../../charts/RolloutChart';
import { EARLIER_WIDTH, ROW_LABEL_WIDTH, type AttentionScale } from '../../charts/attentionLayout';
import { useWidth } from '../../charts/useWidth';
import { attentionPositions, attentionWindow, headMatrix, rolloutStrip } from '../../../explain/attentionView';
import type { ExplainResult } from '../../../explain/explainTopK';
import type { HistoryEvent } from '../recommend/history';
import { AttentionNote } from './AttentionNote';

/** Positions shown at first: enough to see structure, few enough to read every label. */
const DEFAULT_SHOWN = 20;

export function AttentionPanel({
  result,
  history,
  title,
}: {
  result: ExplainResult;
  history: HistoryEvent[];
  title: (i: number) => string;
}) {
  const { t, num } = useI18n();
  const theme = useApp((s) => s.theme);
  const [wrapRef, width] = useWidth<HTMLDivElement>(1000);
  const maps = result.attention!;
  const item = result.rows[0]?.item;
  const itemTitle = item === undefined ? '' : title(item);
  const positions = useMemo(() => attentionPositions(maps), [maps]);
  const [pickedLayer, setLayer] = useState(maps.layers.length - 1);
  const [pickedHead, setHead] = useState<number | 'mean'>('mean');
  // A new explanation may come from a model with fewer layers or heads than the one picked from.
  const layer = Math.min(pickedLayer, maps.layers.length - 1);
  const head = pickedHead !== 'mean' && pickedHead >= maps.heads ? 'mean' : pickedHead;
  const [scale, setScale] = useState<AttentionScale>('row');
  const [shown, setShown] = useState(Math.min(DEFAULT_SHOWN, positions.length));
  const n = Math.max(1, Math.min(shown, positions.length));

  const label = (p: (typeof positions)[number]) => {
    if (p.event === null) return t('explain.att.mask', { item: itemTitle });
    const e = history[p.event];
    return e ? `${title(e.item)} · #${p.event + 1} ${e.type}` : `#${p.event + 1}`;
  };
  const win = useMemo(() => attentionWindow(headMatrix(maps, layer, head), maps.len, positions, n), [maps, layer, head, positions, n]);
  const strip = useMemo(() => rolloutStrip(maps, positions, n), [maps, positions, n]);
  const labels = win.positions.map(label);
  const read = win.positions.findIndex((p) => p.read);
  const left = ROW_LABEL_WIDTH + (win.hidden > 0 ? EARLIER_WIDTH : 0);
  // Cells fill the panel's width, within sizes where a label still sits beside each row.
  const cell = Math.max(14, Math.min(32, Math.floor((width - left - 20) / n)));
  const pct = (v: number) => `${num(v * 100, v < 0.1 ? 1 : 0)}%`;
  const earlierLabel = t('explain.att.earlier', { n: win.hidden });
  const headName = head === 'mean' ? t('explain.att.meanHeads') : t('explain.att.headN', { n: head + 1 });
  const top = strip.values.reduce((best, v, i) => (v > strip.values[best] ? i : best), 0);
  const faith = result.attentionFaithfulness ?? (result.methods[0] === 'rollout' ? result.rows[0]?.faithfulness : null) ?? null;

  return (
    <section className="panel" aria-labelledby="att-title" data-testid="attention">
      <h2 id="att-title">{t('explain.attention')}</h2>
      <p className="muted small">{t('explain.attentionHint', { item: itemTitle })}</p>
      <AttentionNote faithfulness={faith} item={itemTitle} />
      <div className="row wrap">
        <label>
          {t('explain.att.layer')}{' '}
          <select value={layer} onChange={(e) => setLayer(Number(e.target.value))} data-testid="att-layer">
            {maps.layers.map((_, l) => (
              <option key={l} value={l}>
                {l + 1}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('explain.att.head')}{' '}
          <select
            value={String(head)}
            onChange={(e) => setHead(e.target.value === 'mean' ? 'mean' : Number(e.target.value))}
            data-testid="att-head"
          >
            <option value="mean">{t('explain.att.meanHeads')}</option>
            {Array.from({ length: maps.heads }, (_, h) => (
              <option key={h} value={h}>
                {h + 1}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('explain.att.scale')}{' '}
          <select value={scale} onChange={(e) => setScale(e.target.value as AttentionScale)} data-testid="att-scale">
            <option value="row">{t('explain.att.scale.row')}</option>
            <option value="map">{t('explain.att.scale.map')}</option>
          </select>
        </label>
        <label>
          {t('explain.att.shown', { total: positions.length })}{' '}
          <input
            type="range"
            min={1}
            max={positions.length}
            value={n}
            onChange={(e) => setShown(Number(e.target.value))}
            data-testid="att-shown"
          />{' '}
          <output>{n}</output>
        </label>
      </div>
      <div ref={wrapRef}>
        <h3>{t('explain.att.headView', { layer: layer + 1, head: headName })}</h3>
        <AttentionHeadChart
          input={{ labels, values: win.values, earlier: win.earlier, hidden: win.hidden, read }}
          cell={cell}
          theme={theme}
          scale={scale}
          title={t('explain.att.headView', { layer: layer + 1, head: headName })}
          earlierLabel={earlierLabel}
          rowMaxLabel={t('explain.att.rowMax')}
          format={pct}
        />
        <h3>{t('explain.att.rollout')}</h3>
        <p className="muted small">{t('explain.att.rolloutHint', { layers: maps.layers.length })}</p>
        <p className="small" data-testid="rollout-summary">
          {strip.values.length > 0 &&
            (strip.hidden > 0
              ? t('explain.att.rolloutTopHidden', {
                  a: labels[top],
                  share: pct(strip.values[top]),
                  n: strip.values.length,
                  shown: pct(strip.values.reduce((a, b) => a + b, 0)),
                  hidden: strip.hidden,
                  earlier: pct(strip.earlier),
                })
              : t('explain.att.rolloutTop', { a: labels[top], share: pct(strip.values[top]), n: strip.values.length }))}
        </p>
        <RolloutChart
          input={{ labels, values: strip.values, earlier: strip.earlier, hidden: strip.hidden, read }}
          cell={cell}
          left={left}
          theme={theme}
          title={t('explain.att.rollout')}
          earlierLabel={earlierLabel}
          format={pct}
        />
      </div>
    </section>
  );
}
