// Live training curve of the running training task: loss per step (left axis), validation NDCG@10 (right axis).
import { useApp } from '../../../store';
import { useI18n } from '../../i18n';
import { CurveChart } from '../../charts/CurveChart';

export function TrainingCurve() {
  const { t, fixed } = useI18n();
  const task = useApp((s) =>
    Object.values(s.tasks).find((x) => x.id.startsWith('train') && x.trail.some((d) => typeof d.loss === 'number')),
  );
  if (!task) return null;
  const loss = task.trail
    .filter((d) => typeof d.loss === 'number' && typeof d.step === 'number')
    .map((d) => ({ x: Number(d.step), y: Number(d.loss) }));
  const val = task.trail.filter((d) => typeof d.valNdcg10 === 'number').map((d) => ({ x: Number(d.step), y: Number(d.valNdcg10) }));
  return (
    <section className="panel" aria-labelledby="curve-title" data-testid="training-curve">
      <h2 id="curve-title">{task.label}</h2>
      <CurveChart
        loss={loss}
        val={val}
        title={t('model.curve')}
        xLabel={t('model.steps')}
        lossLabel={t('model.curve.loss')}
        valLabel={t('model.curve.val')}
        format={(v, d) => fixed(v, d)}
      />
    </section>
  );
}
