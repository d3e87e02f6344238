// Structural distances between a learned graph and the truth: skeleton SHD and full SHD with edge counts.

export interface EdgeLike {
  from: string;
  to: string;
  /** Undirected (CPDAG) edges are false; absent means directed. */
  directed?: boolean;
}

export interface Comparison {
  /** Missing + extra adjacencies, ignoring direction. */
  skeletonShd: number;
  /** Skeleton SHD plus adjacencies present in both with a different (or no) orientation. */
  shd: number;
  truePositives: number;
  /** Adjacencies found with the true direction. */
  correctlyDirected: number;
  missing: string[];
  extra: string[];
  reversed: string[];
  undirected: string[];
  trueEdges: number;
}

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function compareGraphs(learned: readonly EdgeLike[], truth: readonly EdgeLike[]): Comparison {
  const t = new Map(truth.map((e) => [key(e.from, e.to), e]));
  const l = new Map(learned.map((e) => [key(e.from, e.to), e]));
  const missing: string[] = [],
    extra: string[] = [],
    reversed: string[] = [],
    undirected: string[] = [];
  let correctlyDirected = 0,
    truePositives = 0;
  for (const [k, e] of t) {
    const f = l.get(k);
    if (!f) {
      missing.push(`${e.from}->${e.to}`);
      continue;
    }
    truePositives++;
    if (f.directed === false) undirected.push(`${e.from}-${e.to}`);
    else if (f.from === e.from) correctlyDirected++;
    else reversed.push(`${e.from}->${e.to}`);
  }
  for (const [k, e] of l) if (!t.has(k)) extra.push(`${e.from}${e.directed === false ? '-' : '->'}${e.to}`);
  const skeletonShd = missing.length + extra.length;
  return {
    skeletonShd,
    shd: skeletonShd + reversed.length + undirected.length,
    truePositives,
    correctlyDirected,
    missing,
    extra,
    reversed,
    undirected,
    trueEdges: truth.length,
  };
}
