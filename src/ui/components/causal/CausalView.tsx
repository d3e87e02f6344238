// The Causal step: build behavior variables, discover a graph (PC or NOTEARS, with bootstrap stability and background
// knowledge), correct it (add / remove / reverse edges; cycles refused), then estimate an effect with CIs and refute it.
import { useEffect, useState } from 'react';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { causalVariables, discover } from '../../../store/causalActions';
import { useI18n } from '../../i18n';
import type { Dag } from '../../../causal/graph';
import type { CausalUnit, CausalVariables, DiscoverRequest } from '../../../causal/pipelineTypes';
import { DiscoverForm } from './DiscoverForm';
import { EffectPanel } from './EffectPanel';
import { GraphPanel } from './GraphPanel';

export function CausalView() {
  const { t } = useI18n();
  const dataset = useApp(activeDataset);
  // The last graph lives in the store (the report includes it).
  const stored = useApp((s) => s.causalGraph);
  const [unit, setUnit] = useState<CausalUnit>(() => useApp.getState().causalGraph?.request.unit ?? 'user');
  const [vars, setVars] = useState<CausalVariables | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const current = stored && dataset && stored.datasetId === dataset.id && stored.unit === unit ? stored : null;

  useEffect(() => {
    if (!dataset) return;
    setVars(null);
    causalVariables(unit).then(setVars, (e: Error) => setMessage(e.message));
  }, [dataset, unit]);

  if (!dataset) return <p className="muted">{t('data.empty')}</p>;

  const run = async (request: DiscoverRequest) => {
    setMessage(null);
    try {
      const r = await discover(request);
      if (!r) return;
      // Colour = sign of NOTEARS's weight, or of PC's partial correlation.
      const found: Dag = {
        nodes: r.variables,
        edges: r.edges.map((e) => ({ from: e.from, to: e.to, weight: e.weight ?? e.partialCorrelation })),
      };
      useApp.getState().causalDiscovered({ datasetId: dataset.id, unit, request, result: r, dag: found });
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  return (
    <div data-testid="view-causal">
      <DiscoverForm datasetId={dataset.id} unit={unit} onUnit={setUnit} vars={vars} onDiscover={(r) => void run(r)} onError={setMessage} />
      {message && (
        <p className="warn" role="alert" data-testid="causal-message">
          {message}
        </p>
      )}
      {current && <GraphPanel result={current.result} dag={current.dag} onMessage={setMessage} />}
      {current && (
        <EffectPanel
          datasetId={dataset.id}
          unit={unit}
          dag={current.dag}
          truthAte={dataset.truth?.effects['exposed->purchased']?.ate ?? null}
          vars={vars}
        />
      )}
    </div>
  );
}
