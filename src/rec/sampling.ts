// Negative sampling for the sampled protocols: never the positive, never an item in the user's history.
import type { Rng } from '../lib/rng';
import { cumulative, pickCumulative } from '../lib/weightedDraw';

export type NegativeKind = 'uniform' | 'popularity';

/**
 * Draws `count` distinct negatives per user, uniformly or proportionally to popularity (successive sampling
 * without replacement, as BERT4Rec's popularity sampler). Items with zero popularity are never drawn by the
 * popularity sampler. When fewer eligible items exist than `count`, all of them are returned.
 */
export class NegativeSampler {
  private readonly stamp: Int32Array;
  private readonly cumulative: Float64Array;
  private current = 0;

  constructor(
    readonly kind: NegativeKind,
    private readonly numItems: number,
    private readonly popularity: ArrayLike<number>,
  ) {
    this.stamp = new Int32Array(numItems);
    this.cumulative = cumulative(popularity, numItems);
  }

  private weight(i: number): number {
    return this.kind === 'uniform' ? 1 : Math.max(0, this.popularity[i]);
  }

  /** `forbidden` = the positive plus the history (any order, repeats allowed). */
  sample(forbidden: ArrayLike<number>, count: number, rng: Rng): Int32Array {
    const mark = ++this.current;
    for (let t = 0; t < forbidden.length; t++) this.stamp[forbidden[t]] = mark;
    // One pass over the catalog: cheaper than the full score row the model already produced for this user.
    let eligible = 0;
    for (let i = 0; i < this.numItems; i++) if (this.stamp[i] !== mark && this.weight(i) > 0) eligible++;
    const out: number[] = [];
    if (eligible <= count) {
      for (let i = 0; i < this.numItems; i++) if (this.stamp[i] !== mark && this.weight(i) > 0) out.push(i);
      return Int32Array.from(out);
    }
    // Rejection sampling is fast while the forbidden set holds little of the mass; otherwise fall back to an exact pass.
    let tries = 0;
    while (out.length < count && tries < 50 * count) {
      tries++;
      const i = this.kind === 'uniform' ? rng.int(this.numItems) : pickCumulative(this.cumulative, rng.next());
      if (this.stamp[i] === mark) continue;
      this.stamp[i] = mark;
      out.push(i);
    }
    if (out.length < count) this.exactFill(out, count, mark, rng);
    return Int32Array.from(out);
  }

  /** Efraimidis–Spirakis keys u^(1/w) over the still-eligible items: exact weighted sampling without replacement. */
  private exactFill(out: number[], count: number, mark: number, rng: Rng): void {
    const keys: { i: number; key: number }[] = [];
    for (let i = 0; i < this.numItems; i++) {
      const w = this.weight(i);
      if (this.stamp[i] !== mark && w > 0) keys.push({ i, key: Math.log(rng.next() || Number.MIN_VALUE) / w });
    }
    keys.sort((a, b) => b.key - a.key || a.i - b.i);
    for (const { i } of keys.slice(0, count - out.length)) {
      this.stamp[i] = mark;
      out.push(i);
    }
  }
}
