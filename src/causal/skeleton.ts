// PC's first phase: remove the edge between two variables once some subset of a neighbour set separates them.
import type { CiTester } from './ci';
import type { Knowledge } from './knowledge';

export interface SkeletonOptions {
  alpha: number;
  /** Largest conditioning-set size tried (PC's depth); Infinity for no limit. */
  maxDepth: number;
  /** PC-stable (Colombo & Maathuis 2014): neighbour sets frozen per level, so the result is order-independent. */
  stable: boolean;
}

export interface PairEvidence {
  /** Largest p-value seen for the pair (for kept edges: the weakest evidence of dependence). */
  pValue: number;
  /** Partial correlation in the test that gave that p-value. */
  partialCorrelation: number;
  /** The conditioning set of that test (the separating set when the edge was removed). */
  given: number[];
  tests: number;
}

export interface Skeleton {
  adjacent: boolean[][];
  /** sepset[i][j]: the set that separated i and j, or null when they stay adjacent. */
  sepset: (number[] | null)[][];
  evidence: PairEvidence[][];
  tests: number;
}

export function learnSkeleton(d: number, ci: CiTester, knowledge: Knowledge, options: SkeletonOptions): Skeleton {
  const adjacent = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => i !== j && (knowledge.allowed[i][j] || knowledge.allowed[j][i])),
  );
  const sepset: (number[] | null)[][] = Array.from({ length: d }, () => new Array<number[] | null>(d).fill(null));
  const evidence: PairEvidence[][] = Array.from({ length: d }, () =>
    Array.from({ length: d }, () => ({ pValue: 0, partialCorrelation: 0, given: [], tests: 0 })),
  );
  // Pairs ruled out by knowledge were never tested: mark them separated by the empty set with p = 1.
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++)
      if (i !== j && !adjacent[i][j]) {
        sepset[i][j] = [];
        evidence[i][j].pValue = 1;
      }
  const required = (i: number, j: number) => knowledge.required[i][j] || knowledge.required[j][i];
  let tests = 0;
  for (let level = 0; level <= Math.min(options.maxDepth, d - 2); level++) {
    const frozen = options.stable ? adjacent.map((row) => [...row]) : adjacent;
    let anyLarge = false;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        if (i === j || !adjacent[i][j]) continue;
        const neighbours: number[] = [];
        for (let k = 0; k < d; k++) if (k !== j && k !== i && frozen[i][k]) neighbours.push(k);
        if (neighbours.length < level) continue;
        anyLarge = true;
        for (const given of subsets(neighbours, level)) {
          const r = ci.test(i, j, given);
          tests++;
          const ev = evidence[Math.min(i, j)][Math.max(i, j)];
          ev.tests++;
          if (r.pValue >= ev.pValue) Object.assign(ev, { pValue: r.pValue, partialCorrelation: r.partialCorrelation, given });
          if (r.pValue > options.alpha && !required(i, j)) {
            adjacent[i][j] = adjacent[j][i] = false;
            sepset[i][j] = sepset[j][i] = given;
            break;
          }
        }
      }
    }
    if (!anyLarge) break;
  }
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) evidence[j][i] = evidence[i][j];
  return { adjacent, sepset, evidence, tests };
}

/** All k-subsets of xs in lexicographic order (deterministic, so runs are reproducible). */
export function* subsets(xs: readonly number[], k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  if (k > xs.length) return;
  for (;;) {
    yield idx.map((i) => xs[i]);
    let p = k - 1;
    while (p >= 0 && idx[p] === xs.length - k + p) p--;
    if (p < 0) return;
    idx[p]++;
    for (let q = p + 1; q < k; q++) idx[q] = idx[q - 1] + 1;
  }
}
