// The discovered graph as the analyst edits it: the DAG chart (edge thickness by stability or weight), the selected
// edge's evidence with reverse/remove, adding an edge (cycles refused), and export.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../../store';
import { useI18n } from '../../i18n';
import { pEquals } from '../../i18n/pValue';
import { DagChart } from '../../charts/DagChart';
import { addEdge, removeEdge, reverseEdge, type Dag } from '../../../causal/graph';
import { DISCOVERY_ALGORITHMS } from '../../../causal/discovery';
import type { DiscoveredEdge, DiscoverResult } from '../../../causal/pipelineTypes';
import type { Result } from '../../../lib/result';
import { exportGraph } from './exportGraph';
import { timeOrderViolations } from '../../../causal/timeOrder';

interface Props {
  result: DiscoverResult;
  dag: Dag;
  /** An edit's refusal (a cycle, named), or null when it went through. */
  onMessage: (message: string | null) => void;
}

export function GraphPanel({ result, dag, onMessage }: Props) {
  const { t, num } = useI18n();
  const [thickness, setThickness] = useState<'stability' | 'weight'>('stability');
  const [selected, setSelected] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const chartBox = useRef<HTMLDivElement>(null);
  // A new discovery clears the selection (edits keep it: they change the DAG, not the result).
  useEffect(() => setSelected(null), [result]);
  const apply = (next: Result<Dag>) => {
    if (!next.ok) return onMessage(next.reason);
    useApp.getState().causalGraphEdited(next.data);
    onMessage(null);
  };
  const evidence = (key: string): DiscoveredEdge | undefined =>
    result.edges.find((e) => `${e.from}->${e.to}` === key || `${e.to}->${e.from}` === key);
  const sel = selected ? dag.edges.find((e) => `${e.from}->${e.to}` === selected) : undefined;
  const ev = selected ? evidence(selected) : undefined;
  const svg = () => chartBox.current?.querySelector('svg') ?? null;
  // Checked on the edited DAG, so an edge the analyst adds or reverses against the log's time order is flagged too.
  const against = timeOrderViolations(dag.edges, result.timeOrder);
  const isAgainst = (e: { from: string; to: string }) => against.some((v) => v.from === e.from && v.to === e.to);
  const chartEdges = dag.edges.map((e) => {
    const x = evidence(`${e.from}->${e.to}`);
    return {
      from: e.from,
      to: e.to,
      weight: e.weight,
      stability: thickness === 'stability' ? x?.stability : undefined,
      undirected: x ? !x.directed : false,
      againstTimeOrder: isAgainst(e),
    };
  });
  const algo = DISCOVERY_ALGORITHMS[result.algo];
  const hint = t(algo.hintKey, { tests: num(result.tests), steps: num(result.tests), seconds: num(result.seconds, 1) });

  return (
    <section className="panel" aria-labelledby="graph-title">
      <h2 id="graph-title">{t('causal.graph')}</h2>
      <p className="muted small">{hint}</p>
      <label className="small">
        {t('causal.thickness')}{' '}
        <select value={thickness} onChange={(e) => setThickness(e.target.value as 'stability' | 'weight')} data-testid="edge-thickness">
          <option value="stability">{t('causal.thickness.stability')}</option>
          <option value="weight">{t(algo.weightLabelKey)}</option>
        </select>
      </label>
      {result.warnings?.length ? (
        <ul className="warnings" role="alert" data-testid="causal-warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {against.length > 0 && (
        <ul className="warnings" role="alert" data-testid="causal-against">
          {against.map((v) => (
            <li key={`${v.from}->${v.to}`}>{t('causal.againstOrder', { from: v.from, to: v.to })}</li>
          ))}
        </ul>
      )}
      {result.truth && (
        <p data-testid="truth-compare">
          {t('causal.truth', { shd: result.truth.shd, found: result.truth.truePositives, total: result.truth.trueEdges })}
        </p>
      )}
      <div ref={chartBox} className="table-scroll">
        <DagChart
          nodes={[...dag.nodes]}
          title={t('causal.graph')}
          selected={selected}
          onEdge={(e) => setSelected(`${e.from}->${e.to}`)}
          edges={chartEdges}
        />
      </div>
      {sel && (
        <div className="evidence" data-testid="edge-evidence">
          <strong>
            {sel.from} → {sel.to}
          </strong>
          {ev ? <EdgeEvidence edge={ev} /> : <span> · {t('causal.analystEdge')}</span>}
          <button
            type="button"
            onClick={() => {
              apply(reverseEdge(dag, sel.from, sel.to));
              setSelected(`${sel.to}->${sel.from}`);
            }}
            data-testid="reverse-edge"
          >
            {t('causal.reverse')}
          </button>
          <button
            type="button"
            onClick={() => {
              apply(removeEdge(dag, sel.from, sel.to));
              setSelected(null);
            }}
            data-testid="remove-edge"
          >
            {t('causal.remove')}
          </button>
        </div>
      )}
      <div className="row wrap">
        <select value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t('causal.from')} data-testid="edge-from">
          <option value="">{t('causal.from')}</option>
          {dag.nodes.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        →
        <select value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('causal.to')} data-testid="edge-to">
          <option value="">{t('causal.to')}</option>
          {dag.nodes.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        <button type="button" disabled={!from || !to || from === to} onClick={() => apply(addEdge(dag, from, to))} data-testid="add-edge">
          {t('causal.add')}
        </button>
        <span className="spacer" />
        {(['svg', 'png', 'json', 'dot'] as const).map((k) => (
          <button key={k} type="button" onClick={() => void exportGraph(k, dag, svg())}>
            {k.toUpperCase()}
          </button>
        ))}
      </div>
    </section>
  );
}

/** An edge's evidence: NOTEARS weight, CI p-value and partial correlation (given what), bootstrap stability. */
function EdgeEvidence({ edge: ev }: { edge: DiscoveredEdge }) {
  const { t, num } = useI18n();
  return (
    <span>
      {ev.weight !== undefined ? ` · ${t('causal.notearsWeight')} ${num(ev.weight, 3)}` : ''} · {pEquals(ev.pValue, num)}
      {' · '}
      {t('causal.partial')} {num(ev.partialCorrelation, 3)}
      {ev.weakestGiven.length ? ` | ${ev.weakestGiven.join(', ')}` : ''}
      {ev.stability !== undefined ? ` · ${t('causal.stability')} ${num(100 * ev.stability)}%` : ''}
      {!ev.directed ? ` · ${t('causal.undirected')}` : ''}
    </span>
  );
}
