import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { buildReportHtml } from './report';
import { curveSeries, keptEpoch } from './reportCurve';
import { VALIDATION_DIGITS } from './reportModels';

const names = { loss: 'loss', earlyStopping: 'early', validation: 'validation' };
// A SASRec run: early-stopping NDCG@10 peaks at epoch 3 (0.029), training keeps epoch 3's weights, and the split's
// validation stage measured after training gives the card's 0.0244.
const sasrec = {
  curve: [
    { epoch: 1, loss: 0.9, valNdcg10: 0.011 },
    { epoch: 2, loss: 0.7, valNdcg10: 0.02 },
    { epoch: 3, loss: 0.6, valNdcg10: 0.029 },
    { epoch: 4, loss: 0.55, valNdcg10: 0.027 },
  ],
  validation: { ndcg10: 0.0244, hr10: 0.05 },
};

describe('the training-curve chart of the report', () => {
  it('keeps the epoch training kept: the best early-stopping NDCG@10, ties to the later one', () => {
    expect(keptEpoch(sasrec.curve)).toBe(3);
    expect(keptEpoch([...sasrec.curve, { epoch: 5, loss: 0.5, valNdcg10: 0.029 }])).toBe(5);
    expect(keptEpoch([{ epoch: 1, loss: 1 }])).toBe(1);
  });

  it("marks the card's stored validation figure at that epoch, and names the per-epoch series for what it is", () => {
    const series = curveSeries(sasrec, names);
    expect(series.map((s) => s.name)).toEqual(['loss', 'early', 'validation']);
    expect(series[1].points.map((p) => p.y)).toEqual([0.011, 0.02, 0.029, 0.027]);
    expect(series[2].points).toEqual([{ x: 3, y: 0.0244 }]);
  });

  it('reads the same figure as the model card, printed the same way', () => {
    const num = (x: number, digits = 4) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
    const onChart = num(curveSeries(sasrec, names)[2].points[0].y, VALIDATION_DIGITS);
    expect(onChart).toBe('0.0244');
    const withData = buildReportHtml({
      title: 'r',
      lang: 'en',
      t: (k, v) => translate('en', k, v),
      generatedAt: new Date(0),
      version: '0',
      settings: [],
      datasets: [
        {
          id: 'd',
          name: 'ml-100k',
          active: true,
          summary: { events: 0, users: 0, items: 0, eventsByType: {}, timeRange: null, funnel: [], activity: [], activityBucket: 'day' },
          fingerprint: { algorithm: 'SHA-256', hex: '00' },
        },
      ],
      models: [
        { id: 'm', datasetId: 'd', name: 'sasrec', settings: {}, seed: 1, backend: 'wasm', trainSeconds: 1, notices: [], ...sasrec },
      ],
      evaluations: [],
      classifiers: [],
      itemEmbeddings: {},
      textModels: [],
      explanation: null,
      charts: [],
    });
    expect(withData).toContain(`<span data-validation-ndcg>NDCG@10 ${onChart} ·`);
  });

  it('draws no validation mark for a model without a figure', () => {
    expect(curveSeries({ ...sasrec, validation: { ndcg10: NaN, hr10: NaN } }, names).map((s) => s.name)).toEqual(['loss', 'early']);
  });

  it('draws none for a model trained for quality, whose final fit trained on the validation items', () => {
    const recipe = {} as NonNullable<Parameters<typeof curveSeries>[0]['recipe']>;
    expect(curveSeries({ ...sasrec, recipe }, names).map((s) => s.name)).toEqual(['loss', 'early']);
  });
});
