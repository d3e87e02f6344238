// PC as a registered discovery algorithm: the CPDAG of causal/pc.ts with each edge's CI-test evidence.
import { ok } from '../../lib/result';
import { runPc } from '../pc';
import type { DiscoveryAlgorithm } from './types';

export const pcDiscovery = {
  labelKey: 'causal.algo.pc',
  progress: { label: 'PC', unit: 'graphs' },
  async run(table, options, { knowledge }) {
    const r = runPc(table, { alpha: options.alpha, stable: true, knowledge });
    return r.ok ? ok({ edges: r.data.edges, work: r.data.tests, warnings: r.data.warnings }) : r;
  },
} as const satisfies DiscoveryAlgorithm;
