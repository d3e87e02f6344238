// The report's training-curve chart, drawn from the same stored figure as the model card. During training a sequence
// model measures NDCG@10 on each user's last training item to choose its epoch (early stopping); the card's
// "validation" is the split's validation stage, full ranking, measured once after training (TrainedModelInfo.validation).
// Both were once drawn as "val NDCG@10", so the chart read 0.029 where the card said 0.0244: here the per-epoch series is
// named for what it is, and the validation figure on the chart is the card's own, at the epoch training kept.
import type { Series } from '../charts/lineLayout';
import type { TrainedModelInfo } from '../../rec/train';

export interface CurveNames {
  loss: string;
  earlyStopping: string;
  validation: string;
}

/** The epoch whose weights were kept: the best early-stopping NDCG@10, ties to the later epoch (as training does). */
export function keptEpoch(curve: TrainedModelInfo['curve']): number | undefined {
  let best: { epoch: number; v: number } | undefined;
  for (const c of curve) if (c.valNdcg10 !== undefined && (!best || c.valNdcg10 >= best.v)) best = { epoch: c.epoch, v: c.valNdcg10 };
  return best?.epoch ?? curve.at(-1)?.epoch;
}

/** A model trained for quality (`recipe`) has no validation point: its final fit trained on the validation items. */
export function curveSeries(m: Pick<TrainedModelInfo, 'curve' | 'validation' | 'recipe'>, names: CurveNames): Series[] {
  const series: Series[] = [
    { name: names.loss, colour: '#0072B2', points: m.curve.map((c) => ({ x: c.epoch, y: c.loss })) },
    {
      name: names.earlyStopping,
      colour: '#D55E00',
      points: m.curve.filter((c) => c.valNdcg10 !== undefined).map((c) => ({ x: c.epoch, y: c.valNdcg10! })),
    },
  ];
  const epoch = keptEpoch(m.curve);
  if (epoch !== undefined && !m.recipe && Number.isFinite(m.validation.ndcg10))
    series.push({ name: names.validation, colour: '#009E73', points: [{ x: epoch, y: m.validation.ndcg10 }] });
  return series.filter((s) => s.points.length > 0);
}
