// Leave-one-event-out occlusion: the exact change in the item's score and rank when each event is removed.
import { fullMask, scoreSubsets } from './scorer';
import type { Attribution, ExplainableModel, ExplainTarget, MethodOptions } from './types';

export async function occlusion(model: ExplainableModel, target: ExplainTarget, options: MethodOptions = {}): Promise<Attribution> {
  const n = target.history.length;
  // Row 0 is the full history; row k+1 drops event k. One batched scoring call for all of them.
  const masks = [fullMask(n)];
  for (let k = 0; k < n; k++) {
    const m = fullMask(n);
    m[k] = 0;
    masks.push(m);
  }
  const { scores, ranks } = await scoreSubsets(model, target, masks, { ranks: true, signal: options.signal });
  const values = new Float64Array(n);
  const rankChange: number[] = [];
  for (let k = 0; k < n; k++) {
    values[k] = scores[0] - scores[k + 1];
    // Positive: removing the event pushes the item down the list, so the event supported it.
    rankChange.push(ranks![k + 1] - ranks![0]);
  }
  return {
    method: 'occlusion',
    values,
    score: scores[0],
    diagnostics: { rank: ranks![0], rankChange, scoresWithout: Array.from(scores.subarray(1)) },
    notes: [],
  };
}
