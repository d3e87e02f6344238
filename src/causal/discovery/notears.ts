// NOTEARS as a registered discovery algorithm: the thresholded DAG, each edge with its weight and CI-test evidence.
import { isAbortError } from '../../lib/progress';
import { fail, ok } from '../../lib/result';
import { createCiTester } from '../ci';
import { resolveKnowledge } from '../knowledge';
import { notears, notearsEdges, type NotearsResult } from '../notears';
import type { DiscoveredEdge } from '../pipelineTypes';
import type { DataTable } from '../table';
import type { DiscoveryRun } from './types';

export const run: DiscoveryRun = async (table, o, { knowledge, engine, signal, onStep }) => {
  const k = resolveKnowledge(table.names, knowledge);
  if (!k.ok) return k;
  let r: NotearsResult;
  try {
    r = await notears(table.columns, {
      lambda1: o.lambda ?? 0.1,
      wThreshold: o.threshold ?? 0.3,
      standardize: o.standardize ?? false,
      inner: o.inner ?? 'float64',
      allowed: k.data.allowed,
      names: table.names,
      engine,
      signal,
      onProgress: (p) => onStep?.(p.outer),
    });
  } catch (e) {
    // Too few rows and the like fail this fit (a bootstrap resample then does not vote); a cancel stops everything.
    if (isAbortError(e)) throw e;
    return fail((e as Error).message);
  }
  return ok({ edges: withCiEvidence(table, notearsEdges(table.names, r, k.data.required)), work: r.steps, warnings: r.warnings });
};

/** NOTEARS edges with the CI-test evidence of each: from ⫫ to given the other parents of `to`? */
function withCiEvidence(table: DataTable, edges: { from: string; to: string; weight: number }[]): DiscoveredEdge[] {
  const ci = createCiTester(table);
  const index = (v: string) => table.names.indexOf(v);
  return edges.map((e) => {
    const given = edges.filter((x) => x.to === e.to && x.from !== e.from).map((x) => x.from);
    const r = ci.test(index(e.from), index(e.to), given.map(index));
    return {
      from: e.from,
      to: e.to,
      directed: true,
      weight: e.weight,
      pValue: r.pValue,
      partialCorrelation: r.partialCorrelation,
      weakestGiven: given,
    };
  });
}
