// The behavior classifier end to end in Node: describe demo users, fine-tune the fixture BERT, explain one user's
// prediction word by word; Cancel stops fine-tuning.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../data/demo';
import { initBackend } from '../backend';
import { loadBertFromDir } from '../bert/loadDir';
import type { BertModel } from '../bert/model';
import { loadTokenizer, type TextTokenizer } from '../bert/tokenizer';
import { explainBehavior, trainBehaviorClassifier, type BehaviorTrainOptions } from './behavior';

const FIXTURES = new URL('../../../tests/fixtures/', import.meta.url).pathname;
const demo = loadDemo({ users: 160, items: 60, seed: 5 });
const data = { log: demo.log, catalog: demo.catalog };
let base: { model: BertModel; tokenizer: TextTokenizer; source: string };

beforeAll(async () => {
  await initBackend('wasm');
  const m = await loadBertFromDir(`${FIXTURES}tiny-bert`);
  if (!m.ok) throw new Error(m.reason);
  base = { model: m.data, tokenizer: await loadTokenizer(`${FIXTURES}tiny-bert`), source: 'tiny-bert' };
});

const options = (over: Partial<BehaviorTrainOptions> = {}): BehaviorTrainOptions => ({
  outcome: 'purchase',
  naming: 'title',
  maxEvents: 8,
  maxUsers: 160,
  epochs: 1,
  learningRate: 5e-3,
  seed: 1,
  ...over,
});

describe('behavior classifier', () => {
  it('fine-tunes on generated descriptions with progress, then explains a user per class with faithfulness', async () => {
    const steps: number[] = [];
    const task = options();
    const { model, training } = await trainBehaviorClassifier(base, data, task, {
      onProgress: (p) => p.unit === 'steps' && steps.push(p.done),
    });
    expect(training.labels).toEqual(['will not buy', 'will buy']);
    expect(training.examples).toBeGreaterThan(100);
    expect(training.classShares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(steps.at(-1)).toBe(training.steps);
    expect(training.sample).toMatch(/^(viewed|clicked|added|bought|saved)/);
    expect(model.config.labels).toEqual(training.labels);
    // Scored on the held-out fifth against both baselines, the same examples for all three.
    const report = training.report!;
    expect(report.testExamples).toBe(Math.round(training.examples * 0.2));
    expect(report.trainExamples + report.testExamples).toBe(training.examples);
    expect(report.testClassCounts.reduce((a, b) => a + b, 0)).toBe(report.testExamples);
    expect(report.baselines.constant.metrics.rocAuc).toBe(0.5);
    for (const r of [report, report.baselines.logistic]) {
      expect(r.metrics.rocAuc).toBeGreaterThanOrEqual(r.ci95.rocAuc[0]);
      expect(r.metrics.rocAuc).toBeLessThanOrEqual(r.ci95.rocAuc[1]);
    }
    expect(report.versus.logistic.rocAuc!.difference).toBeCloseTo(report.metrics.rocAuc - report.baselines.logistic.metrics.rocAuc, 9);
    expect(training.trainableParams).toBe(training.totalParams);

    const classifier = { model, tokenizer: base.tokenizer, task, labels: training.labels };
    const user = demo.log.users.indexOf('u3');
    const r = await explainBehavior(classifier, data, user, { methods: ['ig', 'occlusion'], steps: 16, seed: 1 }, { onProgress: () => {} });
    expect(r.words.length).toBeGreaterThan(3);
    expect(r.words[0]).toBe(r.text.split(' ')[0].toLowerCase());
    expect(r.classes).toHaveLength(2);
    for (const c of r.classes) expect(c.values.ig).toHaveLength(r.words.length);
    expect(training.labels).toContain(r.actual);
    // IG's completeness holds for the explained class.
    expect(r.classes[r.predicted].diagnostics.ig.relativeGap as number).toBeLessThan(0.05);
    expect(Number.isFinite(r.faithfulness.deletionAUC)).toBe(true);

    // Attention rollout as the Explain view asks for it (with IG alongside): one set of word values for every class.
    const ro = await explainBehavior(classifier, data, user, { methods: ['rollout', 'ig'], steps: 16, seed: 1 }, { onProgress: () => {} });
    expect(ro.methods[0]).toBe('rollout');
    expect(ro.classes[0].values.rollout).toHaveLength(ro.words.length);
    expect(ro.classes[1].values.rollout).toEqual(ro.classes[0].values.rollout);
    expect(Number.isFinite(ro.faithfulness.deletionAUC)).toBe(true);
  }, 120_000);

  it('with adapters trains the adapters, LayerNorms and head only, and says so in its record', async () => {
    const { model, training } = await trainBehaviorClassifier(base, data, options({ peft: 'adapter' }), { onProgress: () => {} });
    expect(training.peft).toBe('adapter');
    expect(training.trainableParams!).toBeLessThan(training.totalParams! / 5);
    expect(model.weights.layers[0].output.adapter).toBeDefined();
    expect(training.report!.testExamples).toBeGreaterThan(0);
  }, 120_000);

  it('Cancel stops fine-tuning', async () => {
    const controller = new AbortController();
    await expect(
      trainBehaviorClassifier(base, data, options({ epochs: 5 }), {
        onProgress: (p) => p.unit === 'steps' && p.done >= 2 && controller.abort(),
        signal: controller.signal,
      }),
    ).rejects.toThrow('Cancelled');
  }, 60_000);
});
