// The causal analysis survives the workspace record: written for a kept dataset, read back field-checked, restored
// onto the dataset's new id; a malformed or hostile entry is dropped, never half-restored.
import { describe, expect, it } from 'vitest';
import type { SharedCausalGraph, SharedEffect } from './causalSlice';
import { causalRecordOf, parseCausalRecord, restoreCausal } from './workspaceCausal';

const graph: SharedCausalGraph = {
  datasetId: 'd-1',
  unit: 'user',
  request: { datasetId: 'd-1', unit: 'user', variables: ['a', 'y'], alpha: 0.01, bootstrap: 0, seed: 1 },
  result: { variables: ['a', 'y'], algo: 'pc', edges: [{ from: 'a', to: 'y' }] as never, tests: 3, seconds: 0.1, truth: null },
  // PC's edges carry no weight: the field is there and undefined, as the view builds it.
  dag: { nodes: ['a', 'y'], edges: [{ from: 'y', to: 'a', weight: undefined }] },
};
const effect: SharedEffect = {
  datasetId: 'd-1',
  request: { datasetId: 'd-1', unit: 'user', treatment: 'a', outcome: 'y', bootstrap: 10, seed: 1, nodes: ['a', 'y'], edges: [] },
  result: { ok: true, adjustmentSet: [], causalPathExists: false, estimates: {} as never, refutations: [] },
};

describe('causal analysis in the workspace record', () => {
  it('round-trips the edited graph and its effect onto the dataset’s new id', () => {
    const record = causalRecordOf({ causalGraph: graph, causalEffect: effect }, new Map([['d-1', 0]]));
    expect(record?.dataset).toBe(0);
    // IndexedDB keeps the undefined field (structured clone); a file does not (JSON).
    expect(parseCausalRecord(structuredClone(record), 1)).not.toBeNull();
    const read = parseCausalRecord(JSON.parse(JSON.stringify(record)), 1);
    expect(read).not.toBeNull();
    const restored: { graph?: SharedCausalGraph | null; effect?: SharedEffect | null } = {};
    restoreCausal(read!, 'd-9', {
      causalDiscovered: (g) => (restored.graph = g),
      causalEffectEstimated: (e) => (restored.effect = e),
    });
    // The analyst's reversal (y → a) is what comes back, on the new id, in the requests too.
    expect(restored.graph?.dag.edges).toEqual([{ from: 'y', to: 'a' }]);
    expect(restored.graph?.datasetId).toBe('d-9');
    expect(restored.graph?.request.datasetId).toBe('d-9');
    expect(restored.effect?.request.datasetId).toBe('d-9');
    expect(restored.effect?.request.treatment).toBe('a');
  });

  it('keeps nothing for a dataset the record does not keep, and no effect of another unit', () => {
    expect(causalRecordOf({ causalGraph: graph, causalEffect: effect }, new Map())).toBeNull();
    const sessionEffect = { ...effect, request: { ...effect.request, unit: 'session' as const } };
    expect(causalRecordOf({ causalGraph: graph, causalEffect: sessionEffect }, new Map([['d-1', 0]]))?.effect).toBeNull();
  });

  it('drops malformed or hostile entries whole, and a malformed effect alone', () => {
    const good = JSON.parse(JSON.stringify(causalRecordOf({ causalGraph: graph, causalEffect: effect }, new Map([['d-1', 0]]))));
    expect(parseCausalRecord(good, 0)).toBeNull(); // dataset index out of range
    expect(parseCausalRecord({ ...good, graph: { ...good.graph, unit: 'household' } }, 1)).toBeNull();
    expect(parseCausalRecord({ ...good, graph: { ...good.graph, dag: { nodes: ['a'], edges: [{ from: 1, to: 'a' }] } } }, 1)).toBeNull();
    expect(parseCausalRecord('<script>', 1)).toBeNull();
    const deep = { ...good, graph: { ...good.graph, extra: JSON.parse('['.repeat(20) + ']'.repeat(20)) } };
    expect(parseCausalRecord(deep, 1)).toBeNull();
    const badEffect = parseCausalRecord({ ...good, effect: { ...good.effect, result: { ok: true } } }, 1);
    expect(badEffect?.graph.dag.nodes).toEqual(['a', 'y']);
    expect(badEffect?.effect).toBeNull();
  });
});
