// The discovery algorithms, in the order they are offered: the one table the views, the report and the CLI read.
// Adding one = its file here (exporting `run`), one line below, and its `causal.algo.<key>` string in ui/i18n.
// Each `run` loads its file on first use, so a view that only lists the names does not bundle the algorithms.
import type { DiscoveryAlgorithm, DiscoveryRun } from './types';

export type { DiscoveryAlgorithm, DiscoveryContext, DiscoveryFit, DiscoveryRun, DiscoverySetting } from './types';

const lazy =
  (load: () => Promise<{ run: DiscoveryRun }>): DiscoveryRun =>
  async (...args) =>
    (await load()).run(...args);

export const DISCOVERY_ALGORITHMS = Object.freeze({
  pc: {
    name: 'PC',
    labelKey: 'causal.algo.pc',
    hintKey: 'causal.graphHint',
    weightLabelKey: 'causal.thickness.partial',
    settings: ['alpha'],
    usesEngine: false,
    progress: { label: 'PC', unit: 'graphs' },
    run: lazy(() => import('./pc')),
  },
  notears: {
    name: 'NOTEARS',
    labelKey: 'causal.algo.notears',
    hintKey: 'causal.graphHintNotears',
    weightLabelKey: 'causal.thickness.weight',
    settings: ['lambda', 'threshold', 'standardize', 'inner'],
    usesEngine: true,
    progress: { label: 'NOTEARS (augmented Lagrangian)', unit: 'outer iterations' },
    run: lazy(() => import('./notears')),
  },
} as const satisfies Record<string, DiscoveryAlgorithm>);

export type DiscoveryAlgo = keyof typeof DISCOVERY_ALGORITHMS;
export const DISCOVERY_ALGOS = Object.keys(DISCOVERY_ALGORITHMS) as DiscoveryAlgo[];
export const isDiscoveryAlgo = (x: string): x is DiscoveryAlgo => Object.prototype.hasOwnProperty.call(DISCOVERY_ALGORITHMS, x);
