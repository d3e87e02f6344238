// The last explanation in the workspace record: kept only with a model the record keeps, read back from IndexedDB
// (typed attention maps, NaN figures) and from a JSON file (no maps; NaN written as null), and refused whole when damaged.
import { describe, expect, it } from 'vitest';
import type { ExplainResult } from '../explain/explainTopK';
import { asItemIdx } from '../lib/ids';
import { explanationRecordOf, parseExplanationRecord } from './workspaceExplanation';
import type { SharedExplanation } from './sharingSlice';

const faith = {
  deletion: [1, 0.5, 0.2],
  insertion: [0.2, 0.6, 1],
  x: [0, 0.5, 1],
  deletionAUC: 0.55,
  insertionAUC: 0.65,
  randomDeletionAUC: NaN,
  randomInsertionAUC: NaN,
  aopc: 0.4,
  comprehensiveness: 0.3,
  sufficiency: 0.1,
  fullScore: 2,
  emptyScore: 0.5,
  degenerate: false,
  inverted: false,
};
const result: ExplainResult = {
  rows: [
    {
      item: asItemIdx(7),
      score: 2,
      values: { occlusion: [0.5, -0.25, 1] },
      diagnostics: { occlusion: { note: 'x' } },
      notes: [],
      faithfulness: faith,
      reason: { en: 'Mainly because of <b>A</b>', zh: '主要因为 A', share: 0.6, events: [2], strength: 'mainly', noise: 0.01 },
      sensitivity: { occlusion: NaN },
    },
  ],
  methods: ['occlusion'],
  applicable: [{ name: 'occlusion', summary: 'drop each event', reason: null }],
  agreement: null,
  attention: { layers: [new Float32Array([0.5, 0.5, 0, 1])], heads: 1, len: 2, readColumn: 1, columnOf: new Int32Array([0, 1]), score: 2 },
  seconds: 0.25,
};
const shown: SharedExplanation = { modelId: 'm-3', user: 4, result };

describe('the last explanation in the workspace record', () => {
  it('is kept only when its model is one the record keeps', () => {
    expect(explanationRecordOf(shown, new Set(['m-3']))).toBe(shown);
    expect(explanationRecordOf(shown, new Set(['m-1']))).toBeNull();
    expect(explanationRecordOf(null, new Set(['m-3']))).toBeNull();
  });

  it('reads back from IndexedDB whole: attention maps and unmeasured (NaN) figures included', () => {
    const read = parseExplanationRecord(structuredClone(shown));
    expect(read).toEqual(shown);
    expect(read?.result.attention?.layers[0]).toBeInstanceOf(Float32Array);
    expect(read?.result.rows[0].sensitivity.occlusion).toBeNaN();
  });

  it('reads back from a JSON file without the maps, NaN (written as null) back as NaN', () => {
    const read = parseExplanationRecord(JSON.parse(JSON.stringify(shown)));
    expect(read?.result.attention).toBeNull();
    expect(read?.result.rows[0].faithfulness.randomDeletionAUC).toBeNaN();
    expect(read?.result.rows[0].sensitivity.occlusion).toBeNaN();
    expect(read?.result.rows[0].values).toEqual({ occlusion: [0.5, -0.25, 1] });
    // Markup in a reason stays text: the views print it as text.
    expect(read?.result.rows[0].reason.en).toBe('Mainly because of <b>A</b>');
  });

  it('refuses a damaged or hostile entry whole', () => {
    const good = JSON.parse(JSON.stringify(shown));
    const row = good.result.rows[0];
    expect(parseExplanationRecord(good)).not.toBeNull();
    expect(parseExplanationRecord('<script>')).toBeNull();
    expect(parseExplanationRecord({ ...good, user: -1 })).toBeNull();
    expect(parseExplanationRecord({ ...good, modelId: 3 })).toBeNull();
    expect(parseExplanationRecord({ ...good, result: { ...good.result, methods: ['eval'] } })).toBeNull();
    expect(parseExplanationRecord({ ...good, result: { ...good.result, rows: [{ ...row, item: 1.5 }] } })).toBeNull();
    expect(parseExplanationRecord({ ...good, result: { ...good.result, rows: [{ ...row, values: { occlusion: ['1'] } }] } })).toBeNull();
    expect(
      parseExplanationRecord({ ...good, result: { ...good.result, rows: [{ ...row, reason: { ...row.reason, strength: 'x' } }] } }),
    ).toBeNull();
    expect(
      parseExplanationRecord({ ...good, result: { ...good.result, rows: [{ ...row, faithfulness: { ...faith, x: 'no' } }] } }),
    ).toBeNull();
    const deep = { ...good, result: { ...good.result, extra: JSON.parse('['.repeat(20) + ']'.repeat(20)) } };
    expect(parseExplanationRecord(deep)).toBeNull();
    // A function is not data (an object built in this page, never from a file).
    expect(parseExplanationRecord({ ...good, result: { ...good.result, seconds: () => 1 } })).toBeNull();
  });
});
