// The training curve of each trained sequence model, kept after training: loss and validation NDCG@10 per epoch on
// two labelled axes, what the epoch budget chose and why, and "Train longer" to continue the model from where it stopped.
import { useShallow } from 'zustand/react/shallow';
import { clockText, rateText } from '../../../lib/progressText';
import { DEFAULT_EPOCH_BUDGET_SEC as DEFAULT_BUDGET } from '../../../rec/epochBudget';
import type { TrainedModelInfo } from '../../../rec/train';
import { useApp } from '../../../store';
import { trainLonger } from '../../../store/savedModelActions';
import { CurveChart } from '../../charts/CurveChart';
import { useI18n } from '../../i18n';
import { fitStopSentence } from './fitStopText';

export function ModelCurves() {
  const models = useApp(useShallow((s) => s.trainedModels.filter((m) => m.datasetId === s.activeDatasetId && m.curve.length > 0)));
  if (models.length === 0) return null;
  return (
    <>
      {models.map((m) => (
        <ModelCurve key={m.id} model={m} />
      ))}
    </>
  );
}

function ModelCurve({ model: m }: { model: TrainedModelInfo }) {
  const { t, num, fixed } = useI18n();
  const busy = useApp((s) => Object.keys(s.tasks).some((k) => k.startsWith('train')));
  const loss = m.curve.map((c) => ({ x: c.epoch, y: c.loss }));
  const val = m.curve.flatMap((c) => (c.valNdcg10 !== undefined ? [{ x: c.epoch, y: c.valNdcg10 }] : []));
  // The best validated epoch: the weights the model kept (ties to the later epoch, as training does).
  const best = val.reduce<{ x: number; y: number } | null>((b, p) => (!b || p.y >= b.y ? p : b), null);
  const b = m.epochBudget;
  const budget = b && {
    epochs: num(b.epochs),
    budget: clockText(b.budgetSec),
    rate: rateText(b.stepsPerSec, num),
  };
  const stopped = fitStopSentence(m.stop, { t, num });
  const [from, to] = [m.curve[0].epoch, m.curve.at(-1)!.epoch];
  const title = `${m.name} · seed ${m.seed} · ${t('model.curve.epoch')} ${from === to ? num(from) : `${num(from)}–${num(to)}`}`;
  return (
    <section className="panel" aria-label={`${t('model.curve')}: ${title}`} data-testid="model-curve">
      <h2>{title}</h2>
      {budget && (
        <p className="muted" data-testid="epoch-budget">
          {t(b.capped ? 'model.budget.capped' : 'model.budget.fit', budget)}
        </p>
      )}
      {m.recipe && (
        <p className="muted" data-testid="quality-recipe">
          {t('model.recipe.done', {
            tuning: num(m.recipe.tuning.epochs),
            best: fixed(m.recipe.tuning.bestValNdcg10, 4),
            bestEpoch: num(m.recipe.tuning.bestEpoch),
            final: num(m.recipe.finalFit.epochs),
          })}
        </p>
      )}
      {best && (
        <p className="muted">
          {t('model.budget.ran', { ran: num(m.curve.at(-1)!.epoch), best: fixed(best.y, 4), bestEpoch: num(best.x) })}
        </p>
      )}
      {stopped && (
        <p className="muted" data-testid="fit-stop">
          {stopped}
        </p>
      )}
      <CurveChart
        loss={loss}
        val={val}
        title={`${t('model.curve')} — ${title}`}
        xLabel={t('model.curve.epoch')}
        lossLabel={t('model.curve.loss')}
        valLabel={t('model.curve.val')}
        format={(v, d) => fixed(v, d)}
        testId="model-curve-chart"
      />
      {m.savedAs && m.recipe && (
        <p className="muted small" data-testid="train-longer-none">
          {t('model.longer.quality')}
        </p>
      )}
      {m.savedAs && !m.recipe && (
        <p className="row wrap">
          <button type="button" disabled={busy} onClick={() => void trainLonger(m.name, m.savedAs!)} data-testid="train-longer">
            {t('model.longer')}
          </button>
          <span className="muted small">{t('model.longer.hint', { budget: clockText(b?.budgetSec ?? DEFAULT_BUDGET) })}</span>
        </p>
      )}
    </section>
  );
}
