// Text models and behavior classifiers in the workspace record: each model is named with where it re-opens from
// (never its weights), a model whose bytes are not kept is left out, classifiers go with their dataset, and a damaged
// or hostile entry is dropped alone while an old record (without the field) reads as before.
import { describe, expect, it } from 'vitest';
import { checkWorkspace, emptyWorkspace } from '../data/workspaceRecord';
import type { BehaviorClassifierInfo } from '../ml/explain/behavior';
import type { TextModelInfo } from '../ml/bert/textModels';
import { keptIdsOf, parseClassifierInfo, parseTextRecord, textRecordOf } from './workspaceTextRecord';

const model = (id: string, origin: TextModelInfo['origin'], source = `src-${id}`): TextModelInfo => ({
  id,
  source,
  layers: 2,
  hidden: 32,
  heads: 4,
  vocab: 1000,
  labels: null,
  parameters: 70_000,
  origin,
});
const classifierModel = { ...model('t-4', { kind: 'finetuned' }, 'hosted → purchase classifier'), labels: ['not_buy', 'buy'] };
const classifier: BehaviorClassifierInfo = {
  id: 't-4',
  textModel: classifierModel,
  baseModelId: 't-1',
  datasetId: 'd-1',
  outcome: 'purchase',
  task: { outcome: 'purchase', naming: 'category', maxEvents: 12 },
  labels: ['not_buy', 'buy'],
  examples: 300,
  classShares: [0.75, 0.25],
  valAccuracy: 0.8,
  valLoss: 0.45,
  steps: 30,
  stoppedBy: 'epochs',
  seconds: 12.5,
  sample: 'viewed Shoes, bought Shoes',
};
const state = {
  textModels: [
    model('t-1', { kind: 'hosted', id: 'tiny-bert', baseUrl: 'http://x/' }),
    model('t-2', { kind: 'files' }),
    model('t-3', { kind: 'hub', id: 'org/bert' }),
    model('t-5', { kind: 'files' }),
    classifierModel,
  ],
  behaviorClassifiers: [classifier],
  itemEmbeddings: { 'd-1': { textModelId: 't-2', items: 300, dim: 32 }, 'd-2': { textModelId: 't-5', items: 10, dim: 32 } },
};
const kept = new Map([
  ['t-2', 'k-2'],
  ['t-4', 'k-4'],
]);

describe('text models in the workspace record', () => {
  it('names each model by where it re-opens from, leaves out what is not kept, binds classifiers to their dataset', () => {
    const r = textRecordOf(state, new Map([['d-1', 0]]), kept)!;
    // The page's base URL is not recorded: a reload re-opens the app's own folder wherever the app is served.
    expect(r.models).toEqual([
      { modelId: 't-1', source: 'src-t-1', from: { kind: 'hosted', id: 'tiny-bert' } },
      { modelId: 't-2', source: 'src-t-2', from: { kind: 'kept', id: 'k-2' } },
      { modelId: 't-3', source: 'src-t-3', from: { kind: 'hub', id: 'org/bert' } },
    ]);
    expect(r.classifiers).toEqual([{ dataset: 0, kept: 'k-4', info: classifier }]);
    // d-2 is not a kept dataset, and t-5's bytes are not kept.
    expect(r.embeddings).toEqual([{ dataset: 0, modelId: 't-2' }]);
    expect(keptIdsOf(r)).toEqual(['k-2', 'k-4']);
    // No weights: the record is small.
    expect(JSON.stringify(r).length).toBeLessThan(2000);
  });

  it('drops a classifier whose dataset the record does not keep', () => {
    expect(textRecordOf(state, new Map(), kept)?.classifiers).toEqual([]);
    expect(textRecordOf({ ...state, textModels: [] }, new Map(), kept)).toBeNull();
  });

  it('reads back from IndexedDB and from JSON the same', () => {
    const r = textRecordOf(state, new Map([['d-1', 0]]), kept)!;
    const plainInfo = { ...classifier, textModel: { ...classifierModel, origin: undefined } };
    delete plainInfo.textModel.origin;
    const expected = { ...r, classifiers: [{ dataset: 0, kept: 'k-4', info: plainInfo }] };
    expect(parseTextRecord(structuredClone(r), 1)).toEqual(expected);
    expect(parseTextRecord(JSON.parse(JSON.stringify(r)), 1)).toEqual(expected);
  });

  it('drops a damaged or hostile entry alone', () => {
    const good = JSON.parse(JSON.stringify(textRecordOf(state, new Map([['d-1', 0]]), kept)));
    const bad = {
      models: [
        ...good.models,
        { modelId: 't-9', source: 'x', from: { kind: 'eval', id: 'x' } },
        { modelId: 't-8', source: 'x', from: { kind: 'kept' } },
        { modelId: 't-1', source: 'duplicate', from: { kind: 'hosted', id: 'tiny-bert' } },
        '<script>',
      ],
      classifiers: [
        { ...good.classifiers[0], dataset: 3 },
        { ...good.classifiers[0], info: { ...good.classifiers[0].info, id: 't-7', classShares: [1] } },
        { ...good.classifiers[0], info: { ...good.classifiers[0].info, id: 't-6', task: undefined } },
        good.classifiers[0],
      ],
      embeddings: [{ dataset: 0, modelId: 't-9' }, { dataset: -1, modelId: 't-2' }, ...good.embeddings],
    };
    const r = parseTextRecord(bad, 1)!;
    expect(r.models.map((m) => m.modelId)).toEqual(['t-1', 't-2', 't-3']);
    expect(r.classifiers.map((c) => c.info.id)).toEqual(['t-4']);
    expect(r.embeddings).toEqual([{ dataset: 0, modelId: 't-2' }]);
    expect(parseTextRecord('<script>', 1)).toBeNull();
    expect(parseTextRecord({ models: 'x', classifiers: {} }, 1)).toBeNull();
    expect(parseClassifierInfo({ ...good.classifiers[0].info, outcome: 'next-event' })).toBeNull();
    expect(
      parseClassifierInfo({ ...good.classifiers[0].info, task: { ...good.classifiers[0].info.task, outcome: '<img src=x>' } }),
    ).toBeNull();
    expect(parseClassifierInfo({ ...good.classifiers[0].info, valAccuracy: '0.9' })).toBeNull();
    expect(parseClassifierInfo({ ...good.classifiers[0].info, valAccuracy: null })?.valAccuracy).toBeNull();
  });

  it('keeps the held-out report and parameter counts the Model view and the report show; a report that is not data is dropped', () => {
    const report = {
      target: 'buy',
      labelNames: ['not_buy', 'buy'],
      metrics: { accuracy: 0.8, rocAuc: 0.71 },
      ci95: { accuracy: [0.7, 0.9] },
      baselines: { majority: { metrics: { accuracy: 0.75 } } },
      versus: { majority: { accuracy: { diff: 0.05, lo: -0.02, hi: 0.12 } } },
      trainExamples: 160,
      testExamples: 40,
      testClassCounts: [30, 10],
    };
    const full = { ...classifier, report, trainableParams: 2000, totalParams: 70_000 } as unknown as BehaviorClassifierInfo;
    const read = parseClassifierInfo(JSON.parse(JSON.stringify(full)))!;
    expect(read.report).toEqual(report);
    expect([read.trainableParams, read.totalParams]).toEqual([2000, 70_000]);
    const hostile = parseClassifierInfo({ ...full, report: { ...report, metrics: 'x' }, trainableParams: '5' })!;
    expect(hostile.report).toBeUndefined();
    expect(hostile.trainableParams).toBeUndefined();
    expect(hostile.valAccuracy).toBe(0.8);
  });

  it('an old record (no text models, no explanation) still loads, and the new fields pass through the check', () => {
    const old = { ...emptyWorkspace(), datasets: [{ kind: 'demo' }] };
    delete (old as { text?: unknown }).text;
    const read = checkWorkspace(JSON.parse(JSON.stringify(old)));
    expect(read.ok && read.data).toEqual(old);
    const withText = checkWorkspace({ ...old, text: { models: [] }, explanation: { modelId: 'm' } });
    expect(withText.ok && withText.data.text).toEqual({ models: [] });
    expect(withText.ok && withText.data.explanation).toEqual({ modelId: 'm' });
  });
});
