// The causal analysis last shown: the discovered graph as the analyst edited it, and the last effect estimate. Kept in
// the store (not the Causal view's state) so it survives switching views and the shareable report can include it.
import type { StateCreator } from 'zustand';
import type { Dag } from '../causal/graph';
import type { DiscoverRequest, DiscoverResult, EffectRequest, EffectResult } from '../causal/pipelineTypes';
import type { AppState } from './index';

export interface SharedCausalGraph {
  datasetId: string;
  unit: 'user' | 'session';
  /** The settings discovery ran with (algorithm, α or λ/threshold, bootstrap, background knowledge). */
  request: DiscoverRequest;
  /** What discovery found: evidence per edge (p-value, weight, bootstrap stability) and the demo's SHD when known. */
  result: DiscoverResult;
  /** The graph as it stands now: the discovered one with the analyst's additions, removals and reversals. */
  dag: Dag;
}

export interface SharedEffect {
  datasetId: string;
  request: EffectRequest;
  result: EffectResult;
}

export interface CausalSlice {
  causalGraph: SharedCausalGraph | null;
  causalEffect: SharedEffect | null;
  /** A new discovery: the graph replaces the last one and the effect estimated on the old graph is dropped. */
  causalDiscovered(graph: SharedCausalGraph | null): void;
  causalGraphEdited(dag: Dag): void;
  causalEffectEstimated(effect: SharedEffect | null): void;
}

export const createCausalSlice: StateCreator<AppState, [], [], CausalSlice> = (set) => ({
  causalGraph: null,
  causalEffect: null,
  causalDiscovered: (causalGraph) => set({ causalGraph, causalEffect: null }),
  causalGraphEdited: (dag) => set((s) => (s.causalGraph ? { causalGraph: { ...s.causalGraph, dag } } : {})),
  causalEffectEstimated: (causalEffect) => set({ causalEffect }),
});
