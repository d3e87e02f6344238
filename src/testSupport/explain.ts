// Test-only: a tiny deterministic recommender with a planted driver (item A makes item C score high), for the explain suites.
import { scoreBuffer, type ModelState, type Recommender, type ScoreBatch } from '../rec/recommender';

export const A = 0;
export const B = 1;
export const C = 2;

/**
 * Score of C = 2·[A seen] + 0.5·[A and B seen] + 0.1·(history length); every other item scores 0.1·its index.
 * A is the planted cause; B only matters together with A (an interaction LIME and Shapley must split).
 */
export class PlantedRecommender implements Recommender {
  readonly name = 'planted';
  readonly backend = 'js';
  calls = 0;
  constructor(readonly numItems = 8) {}
  fit(): void {}
  scoreUsers(batch: ScoreBatch, out?: Float32Array): Float32Array {
    this.calls++;
    const rows = batch.histories.length;
    const s = scoreBuffer(rows, this.numItems, out);
    batch.histories.forEach((h, r) => {
      for (let i = 0; i < this.numItems; i++) s[r * this.numItems + i] = 0.1 * i;
      const hasA = h.includes(A) ? 1 : 0;
      const hasB = h.includes(B) ? 1 : 0;
      s[r * this.numItems + C] = 2 * hasA + 0.5 * hasA * hasB + 0.1 * h.length;
    });
    return s;
  }
  async exportState(): Promise<ModelState> {
    return { settings: {}, tensors: {} };
  }
  importState(): void {}
}
