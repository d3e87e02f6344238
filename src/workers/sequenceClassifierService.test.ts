// The worker's sequence-classifier request on a small demo shop: a trained SASRec becomes a "will buy" classifier
// reported on a fifth of the users (a copy is fine-tuned: the recommender scores as before), and a model that is not
// a sequence model is refused with the reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../data/demo';
import { initBackend } from '../ml/backend';
import { ModelWorkspace } from '../rec/modelWorkspace';
import { fitSequenceClassifierIn } from './sequenceClassifierService';

const ws = new ModelWorkspace();
let sasrec: string;
let pop: string;

beforeAll(async () => {
  await initBackend('cpu');
  const demo = loadDemo({ users: 200, items: 40, seed: 3 });
  ws.addDataset('d', demo.log, { catalog: demo.catalog, truthEdges: null });
  const settings = { hidden: 8, layers: 1, heads: 1, intermediate: 16, maxLen: 16, maxEpochs: 1, batchSize: 64 };
  sasrec = (await ws.train({ datasetId: 'd', model: 'sasrec', seed: 1, settings }, () => {})).info.id;
  pop = (await ws.train({ datasetId: 'd', model: 'pop', seed: 1, settings: {} }, () => {})).info.id;
});

describe('sequence classifier request', () => {
  it('reports a classifier fine-tuned from a trained SASRec on the held-out fifth, leaving the recommender as it was', async () => {
    const { model } = ws.modelOf(sasrec);
    const history = { users: Int32Array.of(-1), histories: [Int32Array.of(1, 2, 3)], events: [[0, 0, 0]] };
    const before = await model.scoreUsers(history);
    const steps: number[] = [];
    const r = await fitSequenceClassifierIn(
      ws,
      { modelId: sasrec, target: 'buy', epochs: 1, batchSize: 32, learningRate: 1e-3, seed: 5, peft: 'lora' },
      (p) => steps.push(p.done),
    );
    if (!r.ok) throw new Error(r.reason);
    const { report } = r.data;
    expect(r.data.peft).toBe('lora');
    expect(report.labelNames).toEqual(['will not buy', 'will buy']);
    expect(report.testExamples).toBe(Math.round((report.trainExamples + report.testExamples) * 0.2));
    expect(report.testClassCounts.reduce((a, b) => a + b, 0)).toBe(report.testExamples);
    expect(steps).toEqual(Array.from({ length: Math.ceil(report.trainExamples / 32) }, (_, k) => k + 1));
    expect(Object.keys(report.baselines)).toEqual(['constant', 'logistic']);
    expect(r.data.trainableParams).toBeLessThan(r.data.totalParams);
    expect(await model.scoreUsers(history)).toEqual(before);
  });

  it('refuses a model that is not a sequence model', async () => {
    const r = await fitSequenceClassifierIn(
      ws,
      { modelId: pop, target: 'buy', epochs: 1, batchSize: 32, learningRate: 1e-3, seed: 5 },
      () => {},
    );
    expect(r).toEqual({ ok: false, reason: 'pop is not a sequence model: train SASRec or BERT4Rec first' });
  });
});
