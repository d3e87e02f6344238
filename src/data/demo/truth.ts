// Ground truth exported with the demo: the planted edges and the COMPUTED effect of exposure on purchase.
import { EDGES, VARIABLES, solve, type Edge, type Exogenous, type UserValues } from './causalModel';
import type { UpliftTruth } from './upliftTruth';

export interface EffectTruth {
  /** Average over the simulated users of purchased(do exposed=1) − purchased(do exposed=0), same noise for both. */
  ate: number;
  /** Observed purchase rate of exposed users minus that of unexposed users (confounded by `sessions`). */
  naiveDifference: number;
  description: string;
  /** A back-door adjustment set that identifies the effect in the planted graph. */
  adjustmentSet: string[];
}

export interface DemoTruth {
  edges: Edge[];
  /** Keyed "X->Y". */
  effects: Record<string, EffectTruth>;
  variables: Record<string, string>;
  /** Item-level potential outcomes of recommending (upliftTruth.ts); absent in workspaces saved before it existed. */
  uplift?: UpliftTruth;
}

export function computeTruth(noise: readonly Exogenous[], observed: readonly UserValues[]): DemoTruth {
  let diff = 0;
  for (const u of noise) diff += solve(u, 1).purchased - solve(u, 0).purchased;
  const ate = noise.length ? diff / noise.length : 0;
  return {
    edges: EDGES.map((e) => ({ ...e })),
    effects: {
      'exposed->purchased': {
        ate,
        naiveDifference: naiveDifference(observed),
        description:
          'Total effect of being shown recommendations on the probability of purchasing, through views, clicks, ' +
          'carts and directly; computed from potential outcomes with common random numbers. Adjust for sessions.',
        adjustmentSet: ['sessions'],
      },
    },
    variables: { ...VARIABLES },
  };
}

function naiveDifference(values: readonly UserValues[]): number {
  const sum = [0, 0];
  const n = [0, 0];
  for (const v of values) {
    sum[v.exposed] += v.purchased;
    n[v.exposed]++;
  }
  // With no users in one arm the contrast is undefined; 0 keeps the JSON numeric.
  return n[0] && n[1] ? sum[1] / n[1] - sum[0] / n[0] : 0;
}
