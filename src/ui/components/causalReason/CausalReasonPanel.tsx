// The causal reason beside a recommendation (Recommend and Explain views): which of the user's behaviors are causes of
// the outcome on the Causal view's current graph, which only possibly are, and which are mere correlates, with the
// user's value against the median and the words built from those figures; optionally each item's estimated uplift.
import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { causalReasonOf } from '../../../store/causalActions';
import {
  defaultOutcome,
  pathSteps,
  reasonGraph,
  type BehaviorFigure,
  type CausalReason,
  type ReasonGraph,
} from '../../../causal/causalReason';
import { DISCOVERY_ALGORITHMS } from '../../../causal/discovery';
import { useI18n } from '../../i18n';
import { causalReasonSentences, upliftSentence, type GraphFacts, type ItemUplift } from './causalReasonText';
import { useItemUplift } from './useItemUplift';

interface Props {
  /** The user, as an index into the active dataset's users. */
  user: number;
  /** The items the reason is shown beside (the top-K, or the explained items): their uplift rows when `uplift` has them. */
  items?: readonly number[];
  title?: (item: number) => string;
  /** The recommender: the panel reads its uplift model's estimates for `items`, unless `uplift` is given. */
  modelId?: string;
  /**
   * The estimated effect of recommending each item (the uplift model, requirement 4), keyed by item index, shown with
   * its CI: for a view that already read it (useItemUplift) to show it beside the scores too.
   */
  uplift?: ReadonlyMap<number, ItemUplift> | null;
}

export function CausalReasonPanel({ user, items = [], title = String, modelId, uplift: given }: Props) {
  const { t, fixed } = useI18n();
  const read = useItemUplift(given === undefined ? modelId : null, user, items);
  const uplift = given === undefined ? read.uplift : given;
  const upliftFitted = useApp((s) => !!modelId && !!s.upliftFits[modelId]);
  const dataset = useApp(activeDataset);
  const stored = useApp((s) => s.causalGraph);
  const effectOutcome = useApp((s) => (s.causalEffect?.datasetId === s.activeDatasetId ? s.causalEffect.request.outcome : null));
  const setView = useApp((s) => s.setView);
  const graph = stored && dataset && stored.datasetId === dataset.id ? stored : null;
  const nodes = graph?.dag.nodes ?? [];
  const fallback = defaultOutcome(nodes, effectOutcome);
  const [picked, setPicked] = useState<string | null>(null);
  const outcome = picked && nodes.includes(picked) ? picked : fallback;
  const shown = useMemo(() => (graph ? reasonGraph(graph.dag, graph.result.edges) : null), [graph]);
  const userId = dataset?.log.users[user];
  const [state, setState] = useState<{ reason: CausalReason } | { error: string } | null>(null);

  useEffect(() => {
    setState(null);
    if (!shown || !outcome || userId === undefined) return;
    let stale = false;
    causalReasonOf({ user: userId, graph: shown, outcome }).then(
      (r) => !stale && setState(r.ok ? { reason: r.data } : { error: r.reason }),
      (e: Error) => !stale && setState({ error: e.message }),
    );
    return () => void (stale = true);
  }, [shown, outcome, userId]);

  const upliftRows = uplift ? items.filter((i) => uplift.has(i)) : [];
  return (
    <section className="panel" aria-labelledby="causal-reason-title" data-testid="causal-reason">
      <h2 id="causal-reason-title">{t('reason.title')}</h2>
      {modelId && !upliftFitted && (
        <p className="muted small" data-testid="reason-uplift-not-fitted">
          {t('reason.upliftNotFitted', { card: t('compare.title') })}{' '}
          <button type="button" onClick={() => setView('evaluate')} data-testid="reason-open-evaluate">
            {t('reason.openEvaluate')}
          </button>
        </p>
      )}
      {read.error && (
        <p className="warn" role="alert">
          {read.error}
        </p>
      )}
      {upliftRows.length > 0 && (
        <>
          <h3>{t('reason.upliftHead')}</h3>
          <ul data-testid="reason-uplift">
            {upliftRows.map((i) => {
              const u = uplift!.get(i)!;
              return (
                <li key={i} data-item={i}>
                  <strong>{title(i)}</strong>: {upliftSentence(u, t, fixed)}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {!graph || !shown || !outcome ? (
        <p data-testid="reason-no-graph">
          {t('reason.noGraph')}{' '}
          <button type="button" onClick={() => setView('causal')} data-testid="reason-open-causal">
            {t('reason.openCausal')}
          </button>
        </p>
      ) : (
        <>
          <p className="muted small">{t('reason.hint')}</p>
          <label>
            {t('reason.outcome')}{' '}
            <select value={outcome} onChange={(e) => setPicked(e.target.value)} data-testid="reason-outcome">
              {nodes.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
          {!state ? (
            <p className="muted">…</p>
          ) : 'error' in state ? (
            <p className="warn" role="alert" data-testid="reason-error">
              {state.error}
            </p>
          ) : (
            <ReasonBody
              reason={state.reason}
              graph={shown}
              facts={graphFacts(graph.result.algo, graph.unit, shown, graph.dag, graph.result.edges)}
            />
          )}
        </>
      )}
    </section>
  );
}

function graphFacts(
  algo: keyof typeof DISCOVERY_ALGORITHMS,
  unit: 'user' | 'session',
  shown: ReasonGraph,
  dag: { edges: readonly { from: string; to: string }[] },
  found: readonly { from: string; to: string }[],
): GraphFacts {
  const key = (e: { from: string; to: string }) => `${e.from}->${e.to}`;
  const discovered = new Set(found.map(key));
  return {
    algo: DISCOVERY_ALGORITHMS[algo].name,
    unit,
    nodes: shown.nodes.length,
    edges: shown.edges.length,
    undirected: shown.edges.filter((e) => e.undirected).length,
    edited: dag.edges.length !== found.length || dag.edges.some((e) => !discovered.has(key(e))),
  };
}

/** A path as drawn in the graph: → for a directed edge, — for one whose direction the data did not settle. */
const pathText = (path: readonly string[], graph: ReasonGraph): string =>
  path[0] +
  pathSteps(graph, path)
    .map((step, i) => `${step === 'undirected' ? ' — ' : ' → '}${path[i + 1]}`)
    .join('');

function ReasonBody({ reason, graph, facts }: { reason: CausalReason; graph: ReasonGraph; facts: GraphFacts }) {
  const { t, num, fixed } = useI18n();
  const rows: BehaviorFigure[] = [...reason.causes, ...reason.possibleCauses, ...reason.correlates, ...reason.unrelated];
  const value = (x: number | null) => (x === null ? '—' : num(x, 2));
  const noRow = rows.length > 0 && rows.every((f) => f.value === null);
  return (
    <>
      <ul data-testid="reason-sentences">
        {causalReasonSentences(reason, facts, t, num, fixed).map((s) => (
          <li key={s.kind} data-testid={`reason-${s.kind}`}>
            {s.text}
          </li>
        ))}
      </ul>
      {noRow && <p className="muted small">{t('reason.noRow')}</p>}
      <div className="table-scroll" role="region" aria-label={t('reason.title')} tabIndex={0}>
        <table data-testid="reason-rows">
          <thead>
            <tr>
              <th scope="col">{t('reason.behavior')}</th>
              <th scope="col">{t('reason.role')}</th>
              <th scope="col">{t('reason.userValue')}</th>
              <th scope="col">{t('reason.median')}</th>
              <th scope="col">{t('reason.r')}</th>
              <th scope="col">{t('reason.path')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f.name} data-testid="reason-row" data-name={f.name} data-role={f.role}>
                <th scope="row">{f.name}</th>
                <td>{t(`reason.role.${f.role}`)}</td>
                <td>{value(f.value)}</td>
                <td>{value(f.median)}</td>
                <td>{f.r === null || !f.ci95 ? '—' : `${fixed(f.r, 2)} [${fixed(f.ci95[0], 2)}, ${fixed(f.ci95[1], 2)}]`}</td>
                <td>{f.path ? pathText(f.path, graph) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('reason.rows', { rows: num(reason.rows) })}</p>
    </>
  );
}
