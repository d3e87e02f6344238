// bench:explain's robustness figure: each method's max-sensitivity (src/explain/sensitivity) per user, summarised
// next to its latency, so an analyst can weigh how faithful, how stable and how slow each method is.
import { explain, type MethodName } from '../../src/explain/registry';
import { subsetTarget } from '../../src/explain/scorer';
import { maxSensitivity } from '../../src/explain/sensitivity';
import type { ExplainableModel, ExplainTarget, MethodOptions } from '../../src/explain/types';
import { fmt, median } from './report';

/** Drops per user and method: each is one more explanation, so LIME and Shapley pay their full price twice. */
export const BENCH_DROPS = 2;

export function sensitivityTally() {
  const by: Partial<Record<MethodName, number[]>> = {};
  return {
    /** Measures `method`'s max-sensitivity on `target`; NaN (nothing to drop) is left out of the median. */
    async add(model: ExplainableModel, target: ExplainTarget, method: MethodName, values: ArrayLike<number>, options: MethodOptions) {
      const reexplain = async (kept: number[]) => {
        const keep = new Uint8Array(target.history.length);
        for (const k of kept) keep[k] = 1;
        const a = await explain(method, model, subsetTarget(target, keep), options);
        if (!a.ok) throw new Error(a.reason);
        return a.data.values;
      };
      const s = await maxSensitivity(values, reexplain, { drops: BENCH_DROPS, seed: options.seed });
      if (Number.isFinite(s)) (by[method] ??= []).push(s);
    },
    summary(): Partial<Record<MethodName, { median: number; p90: number; n: number }>> {
      return Object.fromEntries(
        Object.entries(by).map(([m, xs]) => {
          const sorted = [...xs].sort((a, b) => a - b);
          return [m, { median: median(xs), p90: sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))], n: xs.length }];
        }),
      );
    },
  };
}

/** The markdown table: robustness and latency per method. */
export function sensitivityMarkdown(
  summary: Partial<Record<MethodName, { median: number; p90: number; n: number }>>,
  latencyMs: Record<string, number>,
  methods: readonly MethodName[],
): string {
  const rows = methods.map((m) => {
    const s = summary[m];
    return `| ${m} | ${s?.n ?? 0} | ${s ? fmt(s.median, 3) : '–'} | ${s ? fmt(s.p90, 3) : '–'} | ${fmt(latencyMs[m], 0)} |`;
  });
  return `Robustness (max-sensitivity, as Captum's): for each user, ${BENCH_DROPS} seeded events outside the method's top 3 are dropped one at a time and the method re-run; the figure is the largest relative L2 change of the other events' attributions (0 = unmoved, lower is better).

| method | users | sensitivity ↓ (median) | sensitivity (90th pct) | top-10 explanation (ms) |
|---|---|---|---|---|
${rows.join('\n')}`;
}
