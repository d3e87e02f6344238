// The Evaluate step: every trained model under a chosen protocol, with bootstrap 95% CIs, a chart and per-user drill-down.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../../store';
import { evaluateModels } from '../../../store/modelActions';
import { PROTOCOLS, type Protocol } from '../../../rec/evaluate';
import { useI18n } from '../../i18n';
import { CiBarChart } from '../../charts/CiBarChart';
import { MetricsTable } from './MetricsTable';
import { UserDrillDown } from './UserDrillDown';
import { PairedComparison } from './PairedComparison';
import { ColdStartPanel } from './ColdStartPanel';
import { FaithfulnessSummary } from './FaithfulnessSummary';
import { TestFilePanel } from './TestFilePanel';
import { CausalComparisonCard } from './CausalComparisonCard';

export function EvaluateView() {
  const { t, num } = useI18n();
  const models = useApp(useShallow((s) => s.trainedModels.filter((m) => m.datasetId === s.activeDatasetId)));
  const evaluations = useApp((s) => s.evaluations);
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const [protocol, setProtocol] = useState<Protocol>('full');
  const [kText, setKText] = useState('10');
  const [seed, setSeed] = useState(42);
  const ks = kText
    .split(',')
    .map((x) => Number(x.trim()))
    .filter((x) => Number.isInteger(x) && x > 0);
  const rows = models
    .map((m) => ({ model: m, entry: evaluations.find((e) => e.modelId === m.id && e.protocol === protocol) }))
    .filter((r) => r.entry);
  const k0 = rows[0]?.entry?.k[0] ?? ks[0] ?? 10;
  const chart = rows.map(({ model, entry }) => {
    const key = `NDCG@${k0}`;
    const [lo, hi] = entry!.result.ci95[key] ?? [NaN, NaN];
    return { label: model.name, value: entry!.result.metrics[key] ?? 0, lo, hi };
  });
  if (models.length === 0)
    return (
      <section className="panel" data-testid="view-evaluate">
        <h2>{t('nav.evaluate')}</h2>
        <p>{t('recommend.needModel')}</p>
      </section>
    );
  return (
    <div data-testid="view-evaluate">
      <section className="panel row wrap">
        <label>
          {t('evaluate.protocol')}{' '}
          <select value={protocol} onChange={(e) => setProtocol(e.target.value as Protocol)} data-testid="protocol">
            {PROTOCOLS.map((p) => (
              <option key={p} value={p}>
                {t(`evaluate.protocol.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          K <input value={kText} onChange={(e) => setKText(e.target.value)} style={{ width: '6em' }} aria-describedby="k-hint" />
        </label>
        <span id="k-hint" className="muted small">
          {t('evaluate.kHint')}
        </span>
        <label>
          {t('model.seed')}{' '}
          <input type="number" value={seed} onChange={(e) => setSeed(Number(e.target.value) || 0)} style={{ width: '6em' }} />
        </label>
        <button
          type="button"
          className="primary"
          disabled={busy || ks.length === 0}
          onClick={() => void evaluateModels(protocol, ks, seed)}
          data-testid="evaluate"
        >
          {t('evaluate.run')}
        </button>
      </section>
      {rows.length > 0 && (
        <>
          <section className="panel">
            <h2>
              {t('evaluate.results')} · {t(`evaluate.protocol.${protocol}`)}
            </h2>
            {protocol !== 'full' && <p className="warn small">{t('evaluate.sampledNote')}</p>}
            <MetricsTable rows={rows.map((r) => ({ name: r.model.name, result: r.entry!.result }))} />
            <figure>
              <figcaption>NDCG@{k0} ± 95% CI</figcaption>
              <CiBarChart data={chart} title={`NDCG@${k0}`} format={num} />
            </figure>
          </section>
          <PairedComparison entries={rows.map((r) => ({ model: r.model, result: r.entry!.result }))} seed={seed} />
          <ColdStartPanel entries={rows.map((r) => ({ model: r.model, result: r.entry!.result }))} seed={seed} />
          <UserDrillDown entries={rows.map((r) => ({ model: r.model, result: r.entry!.result }))} />
        </>
      )}
      <TestFilePanel models={models} seed={seed} />
      <CausalComparisonCard models={models} seed={seed} />
      <FaithfulnessSummary models={models} />
    </div>
  );
}
