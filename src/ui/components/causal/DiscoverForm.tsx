// The Causal view's discovery settings: unit, variables, algorithm (from the registry) with its parameters,
// bootstrap and background knowledge; hands a complete request to the view.
import { Fragment, useEffect, useState, type ChangeEvent, type ReactElement } from 'react';
import { useApp } from '../../../store';
import { useI18n } from '../../i18n';
import { DISCOVERY_ALGORITHMS, DISCOVERY_ALGOS, type DiscoveryAlgo, type DiscoverySetting } from '../../../causal/discovery';
import type { CausalUnit, CausalVariables, DiscoverRequest } from '../../../causal/pipelineTypes';
import { parseEdgesText, parseTiersText } from './knowledgeText';
import { tiersToText } from '../../../causal/timeOrder';
import { constantVariables } from './effectChoices';

interface Props {
  datasetId: string;
  unit: CausalUnit;
  onUnit: (unit: CausalUnit) => void;
  vars: CausalVariables | null;
  /** A request ready to run, or why the knowledge boxes cannot be read. */
  onDiscover: (request: DiscoverRequest) => void;
  onError: (message: string) => void;
}

export function DiscoverForm({ datasetId, unit, onUnit, vars, onDiscover, onError }: Props) {
  const { t, num } = useI18n();
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const backendName = useApp((s) => s.backend?.backend);
  // The settings start from the ones the stored graph was found with.
  const [last] = useState(() => useApp.getState().causalGraph?.request);
  // Until the log's variables arrive nothing is picked; then its defaults (causal/defaultVariables), which skip constants.
  const [picked, setPicked] = useState<string[]>(last?.variables ?? []);
  const [algo, setAlgo] = useState<DiscoveryAlgo>(last?.algo ?? 'pc');
  const [alpha, setAlpha] = useState(last?.alpha ?? 0.01);
  const [lambda, setLambda] = useState(last?.lambda ?? 0.1);
  // 0.1 on the standardised scale (see the CLI's default): 0.3 drops the demo's carts → purchased and sessions → purchased.
  const [threshold, setThreshold] = useState(last?.threshold ?? 0.1);
  // NOTEARS is scale-dependent and the log's variables mix counts with 0/1: unit variance unless the analyst unticks it.
  const [standardize, setStandardize] = useState(last?.standardize ?? true);
  const [onTfjs, setOnTfjs] = useState(last?.inner === 'tfjs');
  const [requiredText, setRequiredText] = useState('');
  const [forbiddenText, setForbiddenText] = useState('');
  const [bootstrap, setBootstrap] = useState(last?.bootstrap ?? 20);
  // The time order is real text in the box, applied unless edited or cleared: the last request's, else the log's.
  const [tiersText, setTiersText] = useState(() => tiersToText(last?.tiers ?? null));
  const [tiersTouched, setTiersTouched] = useState(!!last);

  // Variables with one value for every row (ml-100k's exposed and purchased) are shown disabled, with a note.
  const constant = constantVariables(vars);
  useEffect(() => {
    if (!vars) return;
    const fixed = constantVariables(vars);
    setPicked((p) => {
      const kept = p.filter((n) => vars.names.includes(n) && !fixed.some((c) => c.name === n));
      return kept.length >= 2 ? kept : vars.defaults;
    });
  }, [vars]);
  // The log's order among the variables picked (the box shows only those); it follows the picks until edited.
  const derived = vars?.timeOrder
    ? vars.timeOrder.map((tier) => tier.filter((n) => picked.includes(n))).filter((tier) => tier.length)
    : null;
  const derivedText = derived ? tiersToText(derived) : '';
  useEffect(() => {
    if (!tiersTouched) setTiersText(derivedText);
  }, [derivedText, tiersTouched]);

  const submit = () => {
    // Variables of the log left out of the analysis drop out of the tiers; unknown names stay, for the worker to report.
    const tiers = parseTiersText(tiersText)
      .map((tier) => tier.filter((n) => picked.includes(n) || !vars?.names.includes(n)))
      .filter((tier) => tier.length);
    const required = parseEdgesText(requiredText),
      forbidden = parseEdgesText(forbiddenText);
    if (!required.ok) return onError(required.reason);
    if (!forbidden.ok) return onError(forbidden.reason);
    const inner = onTfjs ? 'tfjs' : 'float64';
    onDiscover({
      datasetId,
      unit,
      variables: picked,
      algo,
      alpha,
      lambda,
      threshold,
      standardize,
      inner,
      bootstrap,
      seed: 42,
      tiers,
      required: required.data,
      forbidden: forbidden.data,
      timeOrder: vars?.timeOrder ?? null,
    });
  };
  const toggle = (n: string, on: boolean) => setPicked(on ? [...picked, n] : picked.filter((x) => x !== n));
  const nonNegative = (set: (v: number) => void) => (e: ChangeEvent<HTMLInputElement>) => set(Math.max(0, Number(e.target.value) || 0));

  // One control per setting; the algorithm's registry entry says which it reads, in order.
  const controls: Record<DiscoverySetting, ReactElement> = {
    alpha: (
      <label>
        α{' '}
        <input
          type="number"
          step={0.005}
          min={0.0001}
          max={0.5}
          value={alpha}
          onChange={(e) => setAlpha(Number(e.target.value) || 0.01)}
          style={{ width: '6em' }}
        />
      </label>
    ),
    lambda: (
      <label>
        {t('causal.lambda')}{' '}
        <input
          type="number"
          step={0.01}
          min={0}
          max={10}
          value={lambda}
          onChange={nonNegative(setLambda)}
          style={{ width: '5em' }}
          data-testid="notears-lambda"
        />
      </label>
    ),
    threshold: (
      <label>
        {t('causal.threshold')}{' '}
        <input
          type="number"
          step={0.05}
          min={0}
          max={10}
          value={threshold}
          onChange={nonNegative(setThreshold)}
          style={{ width: '5em' }}
          data-testid="notears-threshold"
        />
      </label>
    ),
    standardize: (
      <label>
        <input type="checkbox" checked={standardize} onChange={(e) => setStandardize(e.target.checked)} data-testid="notears-standardize" />{' '}
        {t('causal.standardize')}
      </label>
    ),
    inner: (
      <label>
        <input type="checkbox" checked={onTfjs} onChange={(e) => setOnTfjs(e.target.checked)} data-testid="notears-tfjs" />{' '}
        {t('causal.notearsTfjs', { backend: backendName ?? '…' })}
      </label>
    ),
  };

  return (
    <section className="panel" aria-labelledby="vars-title">
      <h2 id="vars-title">{t('causal.variables')}</h2>
      <div className="row wrap">
        <label>
          {t('causal.unit')}{' '}
          <select value={unit} onChange={(e) => onUnit(e.target.value as CausalUnit)}>
            <option value="user">{t('causal.unit.user')}</option>
            <option value="session">{t('causal.unit.session')}</option>
          </select>
        </label>
        {vars && <span className="muted small">{t('causal.rows', { rows: num(vars.rows) })}</span>}
      </div>
      <fieldset className="var-list">
        <legend className="small">{t('causal.pick')}</legend>
        {vars?.names.map((n, i) => {
          const fixed = constant.find((c) => c.name === n);
          return (
            <label key={n} className={fixed ? 'chip muted' : 'chip'}>
              <input
                type="checkbox"
                checked={!fixed && picked.includes(n)}
                disabled={!!fixed}
                onChange={(e) => toggle(n, e.target.checked)}
              />{' '}
              {n}{' '}
              <span className="muted small">
                ({fixed ? t('causal.constantKind', { value: num(fixed.value, 6) }) : t(`causal.kind.${vars.kinds[i]}`)})
              </span>
            </label>
          );
        })}
      </fieldset>
      {vars && constant.length > 0 && (
        <p className="muted small" data-testid="causal-constant">
          {t('causal.constantLeftOut', {
            n: constant.length,
            total: vars.names.length,
            unit: t(`causal.unit.${unit}`),
            list: constant.map((c) => `${c.name} = ${num(c.value, 6)}`).join(', '),
          })}
        </p>
      )}
      <div className="row wrap">
        <label>
          {t('causal.algo')}{' '}
          <select value={algo} onChange={(e) => setAlgo(e.target.value as DiscoveryAlgo)} data-testid="causal-algo">
            {DISCOVERY_ALGOS.map((k) => (
              <option key={k} value={k}>
                {t(DISCOVERY_ALGORITHMS[k].labelKey)}
              </option>
            ))}
          </select>
        </label>
        {DISCOVERY_ALGORITHMS[algo].settings.map((k) => (
          <Fragment key={k}>{controls[k]}</Fragment>
        ))}
        <label>
          {t('causal.bootstrap')}{' '}
          <input type="number" min={0} max={500} value={bootstrap} onChange={nonNegative(setBootstrap)} style={{ width: '5em' }} />
        </label>
      </div>
      <label className="block">
        {t('causal.tiers')}
        <textarea
          rows={4}
          value={tiersText}
          onChange={(e) => {
            setTiersTouched(true);
            setTiersText(e.target.value);
          }}
          data-testid="causal-tiers"
        />
      </label>
      <p className="small muted" data-testid="causal-tiers-status">
        {t(tiersStatus(tiersText, derived))}{' '}
        {derived && tiersText !== derivedText && (
          <button
            type="button"
            onClick={() => {
              setTiersTouched(false);
              setTiersText(derivedText);
            }}
            data-testid="causal-tiers-restore"
          >
            {t('causal.tiersRestore')}
          </button>
        )}
      </p>
      <div className="row wrap">
        <label className="block">
          {t('causal.required')}
          <textarea rows={2} value={requiredText} onChange={(e) => setRequiredText(e.target.value)} placeholder="exposed > views" />
        </label>
        <label className="block">
          {t('causal.forbidden')}
          <textarea rows={2} value={forbiddenText} onChange={(e) => setForbiddenText(e.target.value)} placeholder="purchased > exposed" />
        </label>
      </div>
      <button type="button" className="primary" disabled={busy || picked.length < 2} onClick={submit} data-testid="discover">
        {t('causal.discover')}
      </button>
    </section>
  );
}

/** What the time-order box means right now: the log's order as derived, edited, cleared, or none derivable. */
function tiersStatus(text: string, derived: string[][] | null) {
  if (!derived) return 'causal.tiersNoTimes' as const;
  // A rating log's variables (rating_mean, genres, …) are in no tier of the funnel order: nothing is ordered, say so.
  if (text === tiersToText(derived)) return derived.length < 2 ? ('causal.tiersNoOrder' as const) : ('causal.tiersDerived' as const);
  return text.trim() ? ('causal.tiersEdited' as const) : ('causal.tiersCleared' as const);
}
