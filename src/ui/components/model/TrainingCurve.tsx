// Live training curves of the running training task (loss per step, validation NDCG@10 per epoch).
import { useApp } from '../../../store';
import { useI18n } from '../../i18n';
import { LineChart } from '../../charts/LineChart';

export function TrainingCurve() {
  const { t, num } = useI18n();
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
      <LineChart
        title={t('model.curve')}
        xLabel={t('model.steps')}
        format={(v) => num(v, 3)}
        series={[
          { name: 'loss', colour: '#0072B2', points: loss },
          { name: 'val NDCG@10', colour: '#D55E00', points: val },
        ]}
      />
    </section>
  );
}
