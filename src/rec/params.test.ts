// Baseline settings: ranges and unknown keys refused at construction, own-property registry look-ups, and the memory
// estimate refused against the budget before fit allocates.
import { describe, expect, it } from 'vitest';
import { formatBytes, modelMemoryBudget, MEMORY_BUDGET_ENV } from './memory';
import { EaseRecommender, easeMemory } from './models/ease';
import { ItemKnnRecommender, itemKnnMemory } from './models/itemKnn';
import { MfRecommender, mfMemory } from './models/mf';
import type { TrainData } from './recommender';
import { checkModelSettings, createModel, isModelName, MODELS } from './registry';

const tiny: TrainData = {
  numUsers: 3,
  numItems: 3,
  sequences: { offsets: new Uint32Array([0, 2, 4, 7]), items: new Int32Array([0, 1, 1, 2, 0, 1, 2]) },
};
/** A log the estimates see as large, without holding it: only the counts are read before the refusal. */
const huge = {
  numUsers: 2_000_000,
  numItems: 500_000,
  sequences: { offsets: new Uint32Array(1), items: { length: 50_000_000 } },
} as unknown as TrainData;

describe('baseline settings', () => {
  it('refuse unknown keys, listing the known ones', () => {
    expect(() => new ItemKnnRecommender({ bogus: 1 } as never)).toThrow('unknown setting "bogus" for itemknn; known: neighbours, shrink');
    expect(() => new ItemKnnRecommender({ k: -5 } as never)).toThrow(/unknown setting "k"/);
    expect(() => new EaseRecommender({ alpha: 1 } as never)).toThrow('unknown setting "alpha" for ease; known: lambda, maxItems');
    expect(checkModelSettings('pop', { k: 1 })).toBe('unknown setting "k" for pop; known: (none)');
  });

  it('refuse out-of-range and non-finite numbers, naming the range', () => {
    expect(() => new ItemKnnRecommender({ neighbours: -5 })).toThrow('neighbours must be an integer in [1, 10000] (got -5) for itemknn');
    expect(() => new EaseRecommender({ lambda: NaN })).toThrow('lambda must be a number in (0, 1e7] (got NaN) for ease');
    expect(() => new EaseRecommender({ lambda: 0 })).toThrow(/lambda must be a number in \(0, 1e7\]/);
    expect(() => new MfRecommender({ factors: 1e9 })).toThrow('factors must be an integer in [1, 1024] (got 1000000000) for mf');
    expect(() => new MfRecommender({ regularization: Infinity })).toThrow(/regularization must be a number in \(0, 1e6\] \(got Infinity\)/);
    expect(() => new MfRecommender({ alpha: '10' as never })).toThrow(/alpha must be a number in \[0, 1e6\] \(got "10"\)/);
  });

  it('refuse __proto__, constructor and prototype as settings', async () => {
    await expect(createModel('ease', JSON.parse('{"__proto__": 1}'))).rejects.toThrow(/unknown setting "__proto__" for ease/);
    await expect(createModel('mf', { constructor: 1 })).rejects.toThrow(/unknown setting "constructor" for mf/);
    await expect(createModel('sasrec', { prototype: 1 })).rejects.toThrow(/unknown setting "prototype" for sasrec/);
  });

  it('look model names up in own properties only', async () => {
    expect(['pop', 'constructor', '__proto__', 'toString'].map(isModelName)).toEqual([true, false, false, false]);
    await expect(createModel('constructor')).rejects.toThrow(/unknown model "constructor"; known: pop, itemknn/);
    await expect(createModel('__proto__')).rejects.toThrow(/unknown model "__proto__"/);
  });

  it('accept what their checkpoints carry (itemknn numItems, content dim)', async () => {
    const knn = new ItemKnnRecommender({ neighbours: 2 });
    knn.fit(tiny, { seed: 0 });
    await expect(createModel('itemknn', (await knn.exportState()).settings)).resolves.toBeDefined();
    expect(checkModelSettings('content', { dim: 8 })).toBeNull();
    for (const e of Object.values(MODELS)) expect(typeof e.params).toBe('object');
  });
});

describe('memory estimates', () => {
  it('grow with the settings and the data as documented', () => {
    expect(easeMemory(6000, 0).bytes).toBe(12 * 6000 * 6000);
    expect(mfMemory(32, 1000, 500, 0).bytes).toBe(4 * 32 * 1500 + 32 * 32 * 32);
    expect(itemKnnMemory(50, 3, 0).bytes).toBe(24 * 3 * 2 + 48);
  });

  it('are refused against the budget before fit allocates, naming the estimate and what to lower', () => {
    expect(() => new MfRecommender({ factors: 1024 }).fit(huge, { seed: 0 })).toThrow(
      /^MF needs about 10.3 GiB, over the 4 GiB budget; lower factors, or raise the budget/,
    );
    expect(() => new EaseRecommender({ maxItems: 100_000 }).fit({ ...huge, numItems: 60_000 } as TrainData, { seed: 0 })).toThrow(
      /^EASE needs about 40.6 GiB, over the 4 GiB budget; lower the catalog size/,
    );
    expect(() => new ItemKnnRecommender({ neighbours: 10_000 }).fit(huge, { seed: 0, memoryBudgetBytes: 2 ** 30 })).toThrow(
      /^item-kNN needs about 112.5 GiB, over the 1 GiB budget; lower neighbours/,
    );
  });

  it('budget: an explicit one, else RECLENS_MEMORY_BUDGET_MB, else 4 GiB in Node', () => {
    const saved = process.env[MEMORY_BUDGET_ENV];
    try {
      delete process.env[MEMORY_BUDGET_ENV];
      expect(modelMemoryBudget()).toBe(4 * 2 ** 30);
      process.env[MEMORY_BUDGET_ENV] = '512';
      expect(modelMemoryBudget()).toBe(512 * 2 ** 20);
      expect(modelMemoryBudget(2 ** 20)).toBe(2 ** 20);
      expect(() => new MfRecommender({ factors: 1024 }).fit(huge, { seed: 0 })).toThrow(/over the 512 MiB budget/);
    } finally {
      if (saved === undefined) delete process.env[MEMORY_BUDGET_ENV];
      else process.env[MEMORY_BUDGET_ENV] = saved;
    }
    expect([2 ** 20 * 300, 2 ** 30 * 12.34, 2 ** 40 * 2.9].map(formatBytes)).toEqual(['300 MiB', '12.3 GiB', '2.9 TiB']);
  });
});
