// The PC algorithm (Spirtes, Glymour & Scheines): skeleton by CI tests, then v-structures and Meek rules → a CPDAG.
import { fail, ok, type Result } from '../lib/result';
import { createCiTester, type CiMethod } from './ci';
import { resolveKnowledge, type BackgroundKnowledge } from './knowledge';
import { isDirected, isUndirected, orient } from './orient';
import { collinearityWarnings, tooFewRows } from './dataChecks';
import { learnSkeleton } from './skeleton';
import { checkRanges, PC_RANGES } from './settings';
import { rowCount, type DataTable } from './table';

export interface PcOptions {
  alpha?: number;
  maxDepth?: number;
  stable?: boolean;
  ciTest?: CiMethod;
  knowledge?: BackgroundKnowledge;
}

export interface LearnedEdge {
  from: string;
  to: string;
  /** False for an edge PC cannot orient (its direction differs across the Markov equivalence class). */
  directed: boolean;
  /** Largest p-value over the CI tests of the pair: the edge survived every one of them at alpha. */
  pValue: number;
  partialCorrelation: number;
  /** The conditioning set of that weakest test. */
  weakestGiven: string[];
}

export interface PcResult {
  variables: string[];
  edges: LearnedEdge[];
  /** Pairs found independent, with the separating set (why the edge is absent). */
  separated: { a: string; b: string; given: string[]; pValue: number }[];
  tests: number;
  alpha: number;
  /** Collinear variables, by name (see dataChecks.ts): the graph cannot tell their edges apart. */
  warnings: string[];
}

export function runPc(table: DataTable, options: PcOptions = {}): Result<PcResult> {
  const invalid = checkRanges(PC_RANGES, options);
  if (invalid) return fail(invalid);
  const d = table.names.length;
  if (d < 2) return fail('PC needs at least two variables');
  const few = tooFewRows('PC', rowCount(table), d);
  if (few) return fail(few);
  const constant = table.names.filter((_, j) => isConstant(table.columns[j]));
  if (constant.length) return fail(`variable(s) ${constant.join(', ')} are constant: drop them before discovery`);
  const knowledge = resolveKnowledge(table.names, options.knowledge);
  if (!knowledge.ok) return knowledge;
  const alpha = options.alpha ?? 0.01;
  const ci = createCiTester(table, options.ciTest ?? 'auto');
  const skel = learnSkeleton(d, ci, knowledge.data, { alpha, maxDepth: options.maxDepth ?? Infinity, stable: options.stable ?? true });
  const marks = orient(skel.adjacent, skel.sepset, knowledge.data);
  const name = (i: number) => table.names[i];
  const edges: LearnedEdge[] = [];
  const separated: PcResult['separated'] = [];
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const ev = skel.evidence[i][j];
      const base = { pValue: ev.pValue, partialCorrelation: ev.partialCorrelation, weakestGiven: ev.given.map(name) };
      if (isDirected(marks, i, j)) edges.push({ from: name(i), to: name(j), directed: true, ...base });
      else if (i < j && isUndirected(marks, i, j)) edges.push({ from: name(i), to: name(j), directed: false, ...base });
      else if (i < j && !marks[i][j] && !marks[j][i])
        separated.push({ a: name(i), b: name(j), given: (skel.sepset[i][j] ?? []).map(name), pValue: ev.pValue });
    }
  }
  return ok({
    variables: [...table.names],
    edges,
    separated,
    tests: skel.tests,
    alpha,
    warnings: collinearityWarnings(table.names, table.columns),
  });
}

function isConstant(c: Float64Array): boolean {
  for (let i = 1; i < c.length; i++) if (c[i] !== c[0]) return false;
  return true;
}
