// The uplift policy as a Recommender: the base model's scores with its top candidates lifted above everything else
// and ordered by estimated uplift, so that evaluate() measures the accuracy of the list the uplift policy shows.
import type { Recommender, ScoreBatch } from '../recommender';
import { topK } from '../rank';
import { upliftRow, type UpliftModel } from './upliftModel';
import { standardiseRow } from './upliftPairs';

/** Candidates sit at 10 + uplift (uplift ∈ [−1, 1]); the rest keep their order strictly below, at z − 100 (z ≥ −10). */
const CANDIDATE_FLOOR = 10;
const REST_OFFSET = 100;

export function upliftRanked(base: Recommender, model: UpliftModel): Recommender {
  return {
    name: `${base.name}+uplift`,
    backend: base.backend,
    fit: () => {
      throw new Error('the uplift policy re-ranks a fitted model; fit the base model instead');
    },
    async scoreUsers(batch: ScoreBatch, out?: Float32Array) {
      const scores = await base.scoreUsers(batch, out);
      const numItems = scores.length / batch.users.length;
      batch.users.forEach((u, r) => {
        const row = scores.subarray(r * numItems, (r + 1) * numItems);
        const z = standardiseRow(row);
        const pool = Array.from(topK(Float32Array.from(row), model.settings.candidates, batch.histories[r]).items);
        const tau = upliftRow(model, u, pool, z);
        for (let i = 0; i < numItems; i++) row[i] = z[i] - REST_OFFSET;
        pool.forEach((i, j) => (row[i] = CANDIDATE_FLOOR + tau[j]));
      });
      return scores;
    },
    exportState: () => base.exportState(),
    importState: (state) => base.importState(state),
  };
}
