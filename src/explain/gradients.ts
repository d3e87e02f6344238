// Integrated Gradients and Gradient × Input over the item embeddings, via the model's SequenceInternals.
import type { Attribution, ExplainableModel, ExplainTarget, MethodOptions } from './types';

export async function integratedGradients(
  model: ExplainableModel,
  target: ExplainTarget,
  options: MethodOptions = {},
): Promise<Attribution> {
  const steps = options.steps ?? 32;
  const baseline = options.baseline ?? 'mask';
  const r = await model.internals!.integratedGradients(target, { baseline, steps });
  const sum = r.values.reduce((a, b) => a + b, 0);
  const delta = r.score - (r.baselineScore ?? 0);
  const gap = Math.abs(sum - delta);
  const notes = windowNote(r.readEvents, target);
  if (gap > 0.01 * Math.abs(delta))
    notes.push(`completeness gap is ${((100 * gap) / Math.max(Math.abs(delta), 1e-12)).toFixed(1)}% of f(x) − f(baseline); raise --steps`);
  return {
    method: 'ig',
    values: r.values,
    score: r.score,
    diagnostics: {
      steps,
      baseline,
      baselineScore: r.baselineScore ?? null,
      completenessGap: gap,
      relativeGap: gap / Math.max(Math.abs(delta), 1e-12),
    },
    notes,
  };
}

export async function gradientTimesInput(model: ExplainableModel, target: ExplainTarget): Promise<Attribution> {
  const r = await model.internals!.gradientTimesInput(target);
  return {
    method: 'gradxinput',
    values: r.values,
    score: r.score,
    diagnostics: {},
    notes: [...windowNote(r.readEvents, target), 'gradient × input is a first-order local estimate; it need not sum to the score'],
  };
}

/** The model reads only its newest window of events; say so when older events were left at 0. */
export function windowNote(events: number, target: ExplainTarget): string[] {
  return events < target.history.length ? [`the model reads only its newest ${events} events; older events get 0`] : [];
}
