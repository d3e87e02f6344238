// The behavior classifier end to end in Node: describe demo users, fine-tune the fixture BERT, explain one user's
// prediction word by word; Cancel stops fine-tuning and keeps no model.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../data/demo';
import { initBackend } from '../ml/backend';
import { loadBertFromDir } from '../ml/bert/loadDir';
import { loadTokenizer } from '../ml/bert/tokenizer';
import type { BehaviorTrainRequest } from '../ml/explain/behavior';
import { BehaviorService } from './behaviorService';
import { TextModels } from '../ml/bert/textModels';

const FIXTURES = new URL('../../tests/fixtures/', import.meta.url).pathname;
const demo = loadDemo({ users: 160, items: 60, seed: 5 });
let texts: TextModels;
let baseId: string;

beforeAll(async () => {
  await initBackend('wasm');
  const m = await loadBertFromDir(`${FIXTURES}tiny-bert`);
  if (!m.ok) throw new Error(m.reason);
  texts = new TextModels();
  baseId = texts.add(m.data, await loadTokenizer(`${FIXTURES}tiny-bert`), 'tiny-bert').id;
});

const request = (over: Partial<BehaviorTrainRequest> = {}): BehaviorTrainRequest => ({
  textModelId: baseId,
  datasetId: 'demo',
  outcome: 'purchase',
  naming: 'title',
  maxEvents: 8,
  maxUsers: 160,
  epochs: 1,
  learningRate: 5e-3,
  seed: 1,
  ...over,
});

describe('behavior service', () => {
  it('fine-tunes on generated descriptions with progress, then explains a user per class with faithfulness', async () => {
    const service = new BehaviorService(texts, () => ({ log: demo.log, catalog: demo.catalog }));
    const steps: number[] = [];
    const info = await service.train(request(), (p) => p.unit === 'steps' && steps.push(p.done));
    expect(info.labels).toEqual(['will not buy', 'will buy']);
    expect(info.examples).toBeGreaterThan(100);
    expect(info.classShares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(steps.at(-1)).toBe(info.steps);
    expect(info.sample).toMatch(/^(viewed|clicked|added|bought|saved)/);
    expect(info.textModel.labels).toEqual(info.labels);

    const user = demo.log.users.indexOf('u3');
    const r = await service.explain({ classifierId: info.id, user, methods: ['ig', 'occlusion'], steps: 16, seed: 1 }, () => {});
    expect(r.words.length).toBeGreaterThan(3);
    expect(r.words[0]).toBe(r.text.split(' ')[0].toLowerCase());
    expect(r.classes).toHaveLength(2);
    for (const c of r.classes) expect(c.values.ig).toHaveLength(r.words.length);
    expect(info.labels).toContain(r.actual);
    // IG's completeness holds for the explained class.
    expect(r.classes[r.predicted].diagnostics.ig.relativeGap as number).toBeLessThan(0.05);
    expect(Number.isFinite(r.faithfulness.deletionAUC)).toBe(true);

    // Attention rollout as the Explain view asks for it (with IG alongside): one set of word values for every class.
    const ro = await service.explain({ classifierId: info.id, user, methods: ['rollout', 'ig'], steps: 16, seed: 1 }, () => {});
    expect(ro.methods[0]).toBe('rollout');
    expect(ro.classes[0].values.rollout).toHaveLength(ro.words.length);
    expect(ro.classes[1].values.rollout).toEqual(ro.classes[0].values.rollout);
    expect(Number.isFinite(ro.faithfulness.deletionAUC)).toBe(true);
  }, 120_000);

  it('Cancel stops fine-tuning and registers nothing', async () => {
    const service = new BehaviorService(texts, () => ({ log: demo.log, catalog: demo.catalog }));
    const controller = new AbortController();
    await expect(
      service.train(request({ epochs: 5 }), (p) => p.unit === 'steps' && p.done >= 2 && controller.abort(), controller.signal),
    ).rejects.toThrow('Cancelled');
  }, 60_000);
});
