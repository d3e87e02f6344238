// The causal pipeline's discovery with the TF.js NOTEARS engine on the demo's per-user variables.
import { beforeAll, describe, expect, it } from 'vitest';
import { discover, type DiscoverContext, type DiscoverRequest } from '../../causal/pipeline';
import { buildVariables, DEFAULT_VARIABLES } from '../../causal/variables';
import { loadDemo } from '../../data/demo';
import { initBackend } from '../backend';
import { tfjsNotearsEngine } from './notears';

const demo = loadDemo({ users: 3000 });
const built = buildVariables(demo.log, demo.catalog, { unit: 'user', eventTypeCounts: true, recency: true, price: true });
if (!built.ok) throw new Error(built.reason);
const table = built.data.table;
const base: DiscoverRequest = { datasetId: 'demo', unit: 'user', variables: [...DEFAULT_VARIABLES], alpha: 0.01, bootstrap: 0, seed: 1 };
const tiers = [['sessions'], ['exposed'], ['views', 'clicks', 'carts'], ['purchased']];

async function run(req: DiscoverRequest, onProgress: DiscoverContext['onProgress'] = () => undefined, signal?: AbortSignal) {
  const r = await discover(table, req, { onProgress, signal, engine: tfjsNotearsEngine, truth: demo.truth.edges });
  if (!r.ok) throw new Error(r.reason);
  return r.data;
}

beforeAll(async () => {
  await initBackend('cpu');
});

describe('discover with NOTEARS', () => {
  it('finds the demo graph standardised with tiers, each edge with its weight and CI evidence', async () => {
    const r = await run({ ...base, algo: 'notears', standardize: true, threshold: 0.1, tiers, bootstrap: 2 });
    expect(r.algo).toBe('notears');
    expect(r.truth!.shd).toBeLessThanOrEqual(2);
    for (const e of r.edges) {
      expect(Math.abs(e.weight!)).toBeGreaterThanOrEqual(0.1);
      expect(e.directed).toBe(true);
      expect(e.pValue).toBeGreaterThanOrEqual(0);
      expect(Math.sign(e.partialCorrelation)).toBe(Math.sign(e.weight!));
      expect(e.stability).toBeGreaterThanOrEqual(0);
    }
  }, 60_000);

  it('gives the same graph with the objective on TF.js', async () => {
    const request = { ...base, algo: 'notears' as const, standardize: true, threshold: 0.1, tiers };
    const a = await run(request);
    const b = await run({ ...request, inner: 'tfjs' });
    const key = (r: typeof a) => r.edges.map((e) => `${e.from}->${e.to}`).sort();
    expect(key(b)).toEqual(key(a));
  }, 60_000);

  it('honours required and forbidden edges', async () => {
    const r = await run({
      ...base,
      algo: 'notears',
      standardize: true,
      threshold: 0.1,
      required: [['exposed', 'purchased']],
      forbidden: [['sessions', 'views']],
    });
    const has = (a: string, b: string) => r.edges.some((e) => e.from === a && e.to === b);
    expect(has('exposed', 'purchased')).toBe(true);
    expect(has('sessions', 'views')).toBe(false);
  }, 60_000);

  it('refuses knowledge that names an unknown variable, and stops when cancelled', async () => {
    const refused = await discover(
      table,
      { ...base, algo: 'notears', forbidden: [['nope', 'views']] },
      {
        onProgress: () => undefined,
        engine: tfjsNotearsEngine,
      },
    );
    expect(!refused.ok && refused.reason).toMatch(/unknown variable/);
    const controller = new AbortController();
    const cancelled = run(
      { ...base, algo: 'notears', bootstrap: 500 },
      (p) => {
        if (p.unit === 'resamples' && p.done >= 2) controller.abort();
      },
      controller.signal,
    );
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
  }, 60_000);
});
