// The shape of a discovery algorithm in the registry (discovery/index.ts).
import type { Result } from '../../lib/result';
import type { BackgroundKnowledge } from '../knowledge';
import type { NotearsEngine } from '../notears';
import type { DiscoveredEdge, DiscoverOptions } from '../pipelineTypes';
import type { DataTable } from '../table';

export interface DiscoveryContext {
  knowledge?: BackgroundKnowledge;
  /** TF.js covariance and objective (ml/causal/notears.ts), for the algorithms that use one. */
  engine?: NotearsEngine;
  signal?: AbortSignal;
  /** Outer steps done, for the first fit's progress. */
  onStep?: (done: number) => void;
}

export interface DiscoveryFit {
  edges: DiscoveredEdge[];
  /** CI tests (PC) or optimiser iterations (NOTEARS). */
  work: number;
  warnings: string[];
}

/** One fit on one table. A failure on data is a Result; a cancel throws (AbortError). */
export type DiscoveryRun = (table: DataTable, options: DiscoverOptions, context: DiscoveryContext) => Promise<Result<DiscoveryFit>>;

export interface DiscoveryAlgorithm {
  /** Its name in logs and task titles (the views use `labelKey`). */
  name: string;
  /** i18n key of its name. */
  labelKey: `causal.algo.${string}`;
  /** Label and unit of the progress of one fit. */
  progress: { label: string; unit: string };
  run: DiscoveryRun;
}
