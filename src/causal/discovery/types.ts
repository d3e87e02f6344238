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

/** The request fields an algorithm reads: the form shows, the CLI echoes and the report lists these, in this order. */
export type DiscoverySetting = 'alpha' | 'lambda' | 'threshold' | 'standardize' | 'inner';

export interface DiscoveryAlgorithm {
  /** Its name in logs and task titles (the views use `labelKey`). */
  name: string;
  /** i18n key of its name. */
  labelKey: `causal.algo.${string}`;
  /** i18n key of the line under its graph (given tests/steps and seconds). */
  hintKey: `causal.graphHint${string}`;
  /** i18n key of what its edge weight is (the thickness choice). */
  weightLabelKey: `causal.thickness.${string}`;
  settings: readonly DiscoverySetting[];
  /** Whether a fit runs on the TF.js engine (the CLI starts a backend first). */
  usesEngine: boolean;
  /** Label and unit of the progress of one fit. */
  progress: { label: string; unit: string };
  run: DiscoveryRun;
}
