// The Causal step: build behavior variables, discover a graph (PC or NOTEARS, with bootstrap stability and background
// knowledge), correct it (add / remove / reverse edges; cycles refused), then estimate an effect with CIs and refute it.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { causalVariables, discover } from '../../../store/causalActions';
import { useI18n } from '../../i18n';
import { DagChart } from '../../charts/DagChart';
import { addEdge, removeEdge, reverseEdge, type Dag } from '../../../causal/graph';
import { DISCOVERY_ALGORITHMS, DISCOVERY_ALGOS, type DiscoveryAlgo } from '../../../causal/discovery';
import type { CausalVariables, DiscoverRequest, DiscoveredEdge } from '../../../causal/pipelineTypes';
import { EffectPanel } from './EffectPanel';
import { exportGraph } from './exportGraph';
import { parseEdgesText, parseTiersText } from './knowledgeText';

const DEFAULTS = ['sessions', 'exposed', 'views', 'clicks', 'carts', 'purchased'];

export function CausalView() {
  const { t, num } = useI18n();
  const dataset = useApp(activeDataset);
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const backendName = useApp((s) => s.backend?.backend);
  // The last graph lives in the store (the report includes it); the settings start from the ones it was found with.
  const stored = useApp((s) => s.causalGraph);
  const [last] = useState(() => useApp.getState().causalGraph?.request);
  const [unit, setUnit] = useState<'user' | 'session'>(last?.unit ?? 'user');
  const [vars, setVars] = useState<CausalVariables | null>(null);
  const [picked, setPicked] = useState<string[]>(last?.variables ?? DEFAULTS);
  const [algo, setAlgo] = useState<DiscoveryAlgo>(last?.algo ?? 'pc');
  const [alpha, setAlpha] = useState(last?.alpha ?? 0.01);
  const [lambda, setLambda] = useState(last?.lambda ?? 0.1);
  const [threshold, setThreshold] = useState(last?.threshold ?? 0.3);
  const [standardize, setStandardize] = useState(last?.standardize ?? false);
  const [onTfjs, setOnTfjs] = useState(last?.inner === 'tfjs');
  const [thickness, setThickness] = useState<'stability' | 'weight'>('stability');
  const [requiredText, setRequiredText] = useState('');
  const [forbiddenText, setForbiddenText] = useState('');
  const [bootstrap, setBootstrap] = useState(last?.bootstrap ?? 20);
  const [tiersText, setTiersText] = useState('');
  const current = stored && dataset && stored.datasetId === dataset.id && stored.unit === unit ? stored : null;
  const result = current?.result ?? null;
  const dag = current?.dag ?? null;
  const setDag = (next: Dag) => useApp.getState().causalGraphEdited(next);
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const chartBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!dataset) return;
    setVars(null);
    causalVariables(unit).then((v) => {
      setVars(v);
      setPicked((p) => p.filter((n) => v.names.includes(n)).length >= 2 ? p.filter((n) => v.names.includes(n)) : v.names.slice(0, 6));
    }, (e: Error) => setMessage(e.message));
  }, [dataset, unit]);

  if (!dataset) return <p className="muted">{t('data.empty')}</p>;

  const run = async () => {
    setMessage(null);
    const tiers = parseTiersText(tiersText);
    const required = parseEdgesText(requiredText), forbidden = parseEdgesText(forbiddenText);
    if (!required.ok || !forbidden.ok) return setMessage(!required.ok ? required.reason : !forbidden.ok ? forbidden.reason : null);
    try {
      const request: DiscoverRequest = { datasetId: dataset.id, unit, variables: picked, algo, alpha, lambda, threshold, standardize, inner: onTfjs ? 'tfjs' : 'float64', bootstrap, seed: 42, tiers, required: required.data, forbidden: forbidden.data };
      const r = await discover(request);
      if (!r) return;
      // Colour = sign of NOTEARS's weight, or of PC's partial correlation.
      const found: Dag = { nodes: r.variables, edges: r.edges.map((e) => ({ from: e.from, to: e.to, weight: e.weight ?? e.partialCorrelation })) };
      useApp.getState().causalDiscovered({ datasetId: dataset.id, unit, request, result: r, dag: found });
      setSelected(null);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const apply = (next: ReturnType<typeof addEdge>) => (next.ok ? (setDag(next.data), setMessage(null)) : setMessage(next.reason));
  const evidence = (key: string): DiscoveredEdge | undefined => result?.edges.find((e) => `${e.from}->${e.to}` === key || `${e.to}->${e.from}` === key);
  const sel = selected ? dag?.edges.find((e) => `${e.from}->${e.to}` === selected) : undefined;
  const ev = selected ? evidence(selected) : undefined;
  const svg = () => chartBox.current?.querySelector('svg') ?? null;

  return (
    <div data-testid="view-causal">
      <section className="panel" aria-labelledby="vars-title">
        <h2 id="vars-title">{t('causal.variables')}</h2>
        <div className="row wrap">
          <label>{t('causal.unit')}{' '}
            <select value={unit} onChange={(e) => setUnit(e.target.value as 'user' | 'session')}>
              <option value="user">{t('causal.unit.user')}</option>
              <option value="session">{t('causal.unit.session')}</option>
            </select>
          </label>
          {vars && <span className="muted small">{t('causal.rows', { rows: num(vars.rows) })}</span>}
        </div>
        <fieldset className="var-list">
          <legend className="small">{t('causal.pick')}</legend>
          {vars?.names.map((n, i) => (
            <label key={n} className="chip"><input type="checkbox" checked={picked.includes(n)} onChange={(e) => setPicked(e.target.checked ? [...picked, n] : picked.filter((x) => x !== n))} /> {n} <span className="muted small">({vars.kinds[i]})</span></label>
          ))}
        </fieldset>
        <div className="row wrap">
          <label>{t('causal.algo')}{' '}
            <select value={algo} onChange={(e) => setAlgo(e.target.value as DiscoveryAlgo)} data-testid="causal-algo">
              {DISCOVERY_ALGOS.map((k) => <option key={k} value={k}>{t(DISCOVERY_ALGORITHMS[k].labelKey)}</option>)}
            </select>
          </label>
          {algo === 'pc'
            ? <label>α <input type="number" step={0.005} min={0.0001} max={0.5} value={alpha} onChange={(e) => setAlpha(Number(e.target.value) || 0.01)} style={{ width: '6em' }} /></label>
            : <>
                <label>{t('causal.lambda')} <input type="number" step={0.01} min={0} max={10} value={lambda} onChange={(e) => setLambda(Math.max(0, Number(e.target.value) || 0))} style={{ width: '5em' }} data-testid="notears-lambda" /></label>
                <label>{t('causal.threshold')} <input type="number" step={0.05} min={0} max={10} value={threshold} onChange={(e) => setThreshold(Math.max(0, Number(e.target.value) || 0))} style={{ width: '5em' }} data-testid="notears-threshold" /></label>
                <label><input type="checkbox" checked={standardize} onChange={(e) => setStandardize(e.target.checked)} data-testid="notears-standardize" /> {t('causal.standardize')}</label>
                <label><input type="checkbox" checked={onTfjs} onChange={(e) => setOnTfjs(e.target.checked)} data-testid="notears-tfjs" /> {t('causal.notearsTfjs', { backend: backendName ?? '…' })}</label>
              </>}
          <label>{t('causal.bootstrap')} <input type="number" min={0} max={500} value={bootstrap} onChange={(e) => setBootstrap(Math.max(0, Number(e.target.value) || 0))} style={{ width: '5em' }} /></label>
        </div>
        <label className="block">{t('causal.tiers')}
          <textarea rows={3} value={tiersText} onChange={(e) => setTiersText(e.target.value)} placeholder={'sessions\nexposed\nviews, clicks, carts\npurchased'} />
        </label>
        <div className="row wrap">
          <label className="block">{t('causal.required')}
            <textarea rows={2} value={requiredText} onChange={(e) => setRequiredText(e.target.value)} placeholder="exposed > views" />
          </label>
          <label className="block">{t('causal.forbidden')}
            <textarea rows={2} value={forbiddenText} onChange={(e) => setForbiddenText(e.target.value)} placeholder="purchased > exposed" />
          </label>
        </div>
        <button type="button" className="primary" disabled={busy || picked.length < 2} onClick={() => void run()} data-testid="discover">{t('causal.discover')}</button>
      </section>
      {message && <p className="warn" role="alert" data-testid="causal-message">{message}</p>}
      {result && dag && (
        <section className="panel" aria-labelledby="graph-title">
          <h2 id="graph-title">{t('causal.graph')}</h2>
          <p className="muted small">{result.algo === 'notears'
            ? t('causal.graphHintNotears', { steps: num(result.tests), seconds: num(result.seconds, 1) })
            : t('causal.graphHint', { tests: num(result.tests), seconds: num(result.seconds, 1) })}</p>
          <label className="small">{t('causal.thickness')}{' '}
            <select value={thickness} onChange={(e) => setThickness(e.target.value as 'stability' | 'weight')} data-testid="edge-thickness">
              <option value="stability">{t('causal.thickness.stability')}</option>
              <option value="weight">{t(result.algo === 'notears' ? 'causal.thickness.weight' : 'causal.thickness.partial')}</option>
            </select>
          </label>
          {result.warnings?.length ? <ul className="warnings" role="alert" data-testid="causal-warnings">{result.warnings.map((w) => <li key={w}>{w}</li>)}</ul> : null}
          {result.truth && <p data-testid="truth-compare">{t('causal.truth', { shd: result.truth.shd, found: result.truth.truePositives, total: result.truth.trueEdges })}</p>}
          <div ref={chartBox} className="table-scroll">
            <DagChart nodes={[...dag.nodes]} title={t('causal.graph')} selected={selected} onEdge={(e) => setSelected(`${e.from}->${e.to}`)}
              edges={dag.edges.map((e) => { const x = evidence(`${e.from}->${e.to}`); return { from: e.from, to: e.to, weight: e.weight, stability: thickness === 'stability' ? x?.stability : undefined, undirected: x ? !x.directed : false }; })} />
          </div>
          {sel && (
            <div className="evidence" data-testid="edge-evidence">
              <strong>{sel.from} → {sel.to}</strong>
              {ev ? <span>{ev.weight !== undefined ? ` · ${t('causal.notearsWeight')} ${num(ev.weight, 3)}` : ''} · p = {num(ev.pValue, 4)} · {t('causal.partial')} {num(ev.partialCorrelation, 3)}{ev.weakestGiven.length ? ` | ${ev.weakestGiven.join(', ')}` : ''}{ev.stability !== undefined ? ` · ${t('causal.stability')} ${num(100 * ev.stability)}%` : ''}{!ev.directed ? ` · ${t('causal.undirected')}` : ''}</span> : <span> · {t('causal.analystEdge')}</span>}
              <button type="button" onClick={() => { apply(reverseEdge(dag, sel.from, sel.to)); setSelected(`${sel.to}->${sel.from}`); }} data-testid="reverse-edge">{t('causal.reverse')}</button>
              <button type="button" onClick={() => { apply(removeEdge(dag, sel.from, sel.to)); setSelected(null); }} data-testid="remove-edge">{t('causal.remove')}</button>
            </div>
          )}
          <div className="row wrap">
            <select value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t('causal.from')} data-testid="edge-from"><option value="">{t('causal.from')}</option>{dag.nodes.map((n) => <option key={n}>{n}</option>)}</select>
            →
            <select value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('causal.to')} data-testid="edge-to"><option value="">{t('causal.to')}</option>{dag.nodes.map((n) => <option key={n}>{n}</option>)}</select>
            <button type="button" disabled={!from || !to || from === to} onClick={() => apply(addEdge(dag, from, to))} data-testid="add-edge">{t('causal.add')}</button>
            <span className="spacer" />
            {(['svg', 'png', 'json', 'dot'] as const).map((k) => <button key={k} type="button" onClick={() => void exportGraph(k, dag, svg())}>{k.toUpperCase()}</button>)}
          </div>
        </section>
      )}
      {result && dag && <EffectPanel datasetId={dataset.id} unit={unit} dag={dag} truthAte={dataset.truth?.effects['exposed->purchased']?.ate ?? null} />}
    </div>
  );
}
