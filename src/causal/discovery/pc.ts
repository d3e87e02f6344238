// PC as a registered discovery algorithm: the CPDAG of causal/pc.ts with each edge's CI-test evidence.
import { ok } from '../../lib/result';
import { runPc } from '../pc';
import type { DiscoveryRun } from './types';

export const run: DiscoveryRun = async (table, options, { knowledge }) => {
  const r = runPc(table, { alpha: options.alpha, stable: true, knowledge });
  return r.ok ? ok({ edges: r.data.edges, work: r.data.tests, warnings: r.data.warnings }) : r;
};
