// Why a fit ended: read from the fit's own record, and said only when the record shows it.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../data/demo';
import { initBackend } from '../ml/backend';
import { fitStopLine, fitStopOf } from './fitStop';
import { leaveOneOutSplit } from './split';
import { describeTrained, trainModel } from './train';

describe('fitStopOf', () => {
  it('counts the validation checks after the best, and says why the fit ended', () => {
    // Validated every 2 epochs; best at epoch 4 (ties go to the later epoch), then three lower checks.
    const history = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((epoch) => ({
      epoch,
      loss: 1,
      ...(epoch % 2 === 0 ? { valNdcg10: [0.1, 0.2, 0.15, 0.19, 0.12][epoch / 2 - 1] } : {}),
    }));
    const stop = fitStopOf({ lastFit: { stoppedBy: 'early-stopping', epochs: 10, bestEpoch: 4, bestValNdcg10: 0.2, history } })!;
    expect(stop).toEqual({ by: 'early-stopping', epochs: 10, bestEpoch: 4, bestValNdcg10: 0.2, checksAfterBest: 3 });
    expect(fitStopLine(stop)).toBe(
      'early stopping ended it after epoch 10: the 3 validation check(s) after epoch 4 were all below its NDCG@10 0.2000; ' +
        "epoch 4's weights are kept",
    );
    expect(fitStopLine({ ...stop, by: 'time-budget' })).toBe('the time budget (timeBudgetSec) ended it in epoch 10');
    // A fit that ran its planned epochs needs no sentence; a model without a fit record has no stop.
    expect(fitStopLine({ ...stop, by: 'completed' })).toBeNull();
    expect(fitStopOf({})).toBeUndefined();
    expect(fitStopOf({ lastFit: { debias: 'none' } })).toBeUndefined();
  });
});

describe('a trained model records its stop', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('SASRec with patience 1: early stopping ends it one check after its best, as its curve shows', async () => {
    const split = leaveOneOutSplit(loadDemo({ users: 60, seed: 5 }).log);
    const spec = {
      model: 'sasrec',
      settings: {
        hidden: 16,
        layers: 1,
        heads: 1,
        maxLen: 12,
        batchSize: 32,
        maxEpochs: 40,
        patience: 1,
        evalEvery: 1,
        learningRate: 0.02,
      },
      seed: 3,
    };
    const { model, trainSeconds } = await trainModel(split, spec);
    const info = await describeTrained(model, split, { ...spec, datasetId: 'demo', trainSeconds, notices: [] });
    const validated = info.curve.filter((c) => c.valNdcg10 !== undefined);
    const best = validated.reduce((b, c) => (c.valNdcg10! >= b.valNdcg10! ? c : b));
    expect(info.stop).toMatchObject({ by: 'early-stopping', epochs: info.curve.at(-1)!.epoch, bestEpoch: best.epoch, checksAfterBest: 1 });
    expect(info.stop!.epochs).toBeLessThan(40);
    expect(info.stop!.bestValNdcg10).toBeCloseTo(best.valNdcg10!, 10);
  }, 60_000);
});
