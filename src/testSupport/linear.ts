// Test-only: an item-item linear scorer, where the effect of removing or adding any event on every rank is known by hand.
import { scoreBuffer, type ModelState, type Recommender, type ScoreBatch } from '../rec/recommender';

/** score(i) = base[i] + Σ over history items h of w["h>i"]: removing or adding an event shifts scores by known amounts. */
export class LinearRecommender implements Recommender {
  readonly name = 'linear';
  readonly backend = 'js';
  calls = 0;
  constructor(
    readonly base: number[],
    readonly w: Record<string, number>,
  ) {}
  fit(): void {}
  scoreUsers(batch: ScoreBatch, out?: Float32Array): Float32Array {
    this.calls++;
    const n = this.base.length;
    const s = scoreBuffer(batch.histories.length, n, out);
    batch.histories.forEach((h, r) => {
      for (let i = 0; i < n; i++) {
        let v = this.base[i];
        for (const j of h) v += this.w[`${j}>${i}`] ?? 0;
        s[r * n + i] = v;
      }
    });
    return s;
  }
  async exportState(): Promise<ModelState> {
    return { settings: {}, tensors: {} };
  }
  importState(): void {}
}
