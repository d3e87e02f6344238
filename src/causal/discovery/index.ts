// The discovery algorithms, in the order they are offered: the one table the views, the report and the CLI read.
// Adding one = its file here, one line below, and its `causal.algo.<key>` string in ui/i18n.
import { notearsDiscovery } from './notears';
import { pcDiscovery } from './pc';
import type { DiscoveryAlgorithm } from './types';

export type { DiscoveryAlgorithm, DiscoveryContext, DiscoveryFit } from './types';

export const DISCOVERY_ALGORITHMS = Object.freeze({
  pc: pcDiscovery,
  notears: notearsDiscovery,
} as const satisfies Record<string, DiscoveryAlgorithm>);

export type DiscoveryAlgo = keyof typeof DISCOVERY_ALGORITHMS;
export const DISCOVERY_ALGOS = Object.keys(DISCOVERY_ALGORITHMS) as DiscoveryAlgo[];
export const isDiscoveryAlgo = (x: string): x is DiscoveryAlgo => Object.hasOwn(DISCOVERY_ALGORITHMS, x);
