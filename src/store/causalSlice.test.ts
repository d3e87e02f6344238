// The causal slice: a new discovery replaces the graph and drops the effect estimated on the old one; edits keep both.
import { beforeEach, describe, expect, it } from 'vitest';
import { useApp } from './index';
import type { SharedCausalGraph, SharedEffect } from './causalSlice';

const graph = (variables: string[]): SharedCausalGraph => ({
  datasetId: 'd1',
  unit: 'user',
  request: { datasetId: 'd1', unit: 'user', variables, algo: 'pc', alpha: 0.01, bootstrap: 0, seed: 42 },
  result: { variables, algo: 'pc', edges: [], tests: 0, seconds: 0, truth: null },
  dag: { nodes: variables, edges: [{ from: variables[0], to: variables[1] }] },
});
const effect: SharedEffect = {
  datasetId: 'd1',
  request: { datasetId: 'd1', unit: 'user', nodes: ['a', 'b'], edges: [], treatment: 'a', outcome: 'b', bootstrap: 0, seed: 42 },
  result: { ok: false, reason: 'x' },
};

beforeEach(() => useApp.setState(useApp.getInitialState(), true));

describe('causal slice', () => {
  it('keeps the edited graph and the effect until the next discovery', () => {
    const s = () => useApp.getState();
    s().causalGraphEdited({ nodes: ['a'], edges: [] });
    expect(s().causalGraph).toBeNull();
    s().causalDiscovered(graph(['a', 'b']));
    s().causalEffectEstimated(effect);
    s().causalGraphEdited({ nodes: ['a', 'b'], edges: [{ from: 'b', to: 'a' }] });
    expect(s().causalGraph?.dag.edges).toEqual([{ from: 'b', to: 'a' }]);
    expect(s().causalGraph?.result.variables).toEqual(['a', 'b']);
    expect(s().causalEffect).toBe(effect);
    s().causalDiscovered(graph(['c', 'd']));
    expect(s().causalGraph?.dag.nodes).toEqual(['c', 'd']);
    expect(s().causalEffect).toBeNull();
  });
});
