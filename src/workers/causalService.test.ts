import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../ml/backend';
import { loadDemo } from '../data/demo';
import { CausalService } from './causalService';
import type { DiscoverRequest } from '../causal/pipeline';

const demo = loadDemo({ users: 3000 });
const service = new CausalService(() => ({ log: demo.log, catalog: demo.catalog, truthEdges: demo.truth.edges }));
const base: DiscoverRequest = { datasetId: 'demo', unit: 'user', variables: [], alpha: 0.01, bootstrap: 0, seed: 1 };
const tiers = [['sessions'], ['exposed'], ['views', 'clicks', 'carts'], ['purchased']];

beforeAll(async () => {
  await initBackend('cpu');
});

describe('CausalService.discover with NOTEARS', () => {
  it('finds the demo graph standardised with tiers, each edge with its weight and CI evidence', async () => {
    const r = await service.discover({ ...base, algo: 'notears', standardize: true, threshold: 0.1, tiers, bootstrap: 2 }, () => undefined);
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
    const a = await service.discover(request, () => undefined);
    const b = await service.discover({ ...request, inner: 'tfjs' }, () => undefined);
    const key = (r: typeof a) => r.edges.map((e) => `${e.from}->${e.to}`).sort();
    expect(key(b)).toEqual(key(a));
  }, 60_000);

  it('honours required and forbidden edges', async () => {
    const r = await service.discover(
      {
        ...base,
        algo: 'notears',
        standardize: true,
        threshold: 0.1,
        required: [['exposed', 'purchased']],
        forbidden: [['sessions', 'views']],
      },
      () => undefined,
    );
    const has = (a: string, b: string) => r.edges.some((e) => e.from === a && e.to === b);
    expect(has('exposed', 'purchased')).toBe(true);
    expect(has('sessions', 'views')).toBe(false);
  }, 60_000);

  it('refuses knowledge that names an unknown variable, and stops when cancelled', async () => {
    await expect(service.discover({ ...base, algo: 'notears', forbidden: [['nope', 'views']] }, () => undefined)).rejects.toThrow(
      /unknown variable/,
    );
    const controller = new AbortController();
    const run = service.discover(
      { ...base, algo: 'notears', bootstrap: 500 },
      (p) => {
        if (p.unit === 'resamples' && p.done >= 2) controller.abort();
      },
      controller.signal,
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  }, 60_000);
});
