// Word attributions of a BERT classifier (the tests/fixtures tiny-bert-classifier, and tiny-bert fine-tuned on a
// planted rule): IG completeness, occlusion = exact re-scores, word-piece merging, attention rollout from [CLS], the
// planted word leads, no leaks.
import * as tf from '@tensorflow/tfjs';
import { asItemIdx, asUserIdx } from '../../lib/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../../explain/registry';
import { rolloutAttribution, rolloutMatrix } from '../../explain/rollout';
import { explainText } from '../../explain/text';
import { createRng } from '../../lib/rng';
import { initBackend } from '../backend';
import { finetune } from '../bert/finetune';
import { loadBertFromDir } from '../bert/loadDir';
import { bertForward, type BertModel } from '../bert/model';
import { loadTokenizer, type TextTokenizer } from '../bert/tokenizer';
import { disposeTree } from '../tensors';
import { textExplainable } from './textClassifier';

const FIXTURES = new URL('../../../tests/fixtures/', import.meta.url).pathname;
const TEXT = 'viewed toy story twice, added the matrix to cart, then bought shoes.';

let classifier: BertModel;
let tok: TextTokenizer;

beforeAll(async () => {
  await initBackend('wasm');
  const m = await loadBertFromDir(`${FIXTURES}tiny-bert-classifier`);
  if (!m.ok) throw new Error(m.reason);
  classifier = m.data;
  tok = await loadTokenizer(`${FIXTURES}tiny-bert-classifier`);
});
afterAll(() => disposeTree(classifier?.weights));

describe('text classifier as an explainable model', () => {
  it("groups word pieces into words and scores with the classifier's logits", async () => {
    const { model, words } = textExplainable(classifier, tok, 'viewed zorbs then bought');
    // "zorbs" is not in the 253-word vocabulary: it is split into pieces and joined back into one word.
    expect(words.words).toEqual(['viewed', 'zorbs', 'then', 'bought']);
    expect(words.pieces[1].length).toBeGreaterThan(1);
    const all = Int32Array.of(0, 1, 2, 3);
    const logits = await model.recommender.scoreUsers({ users: Int32Array.of(-1), histories: [all] });
    const enc = tok.encode(['viewed zorbs then bought'], { maxLength: 64 });
    const direct = tf.tidy(
      () =>
        bertForward(classifier, { inputIds: tf.tensor2d(enc.inputIds, undefined, 'int32'), attentionMask: tf.tensor2d(enc.attentionMask) })
          .logits!,
    );
    const d = await direct.data();
    direct.dispose();
    expect(logits[0]).toBeCloseTo(d[0], 4);
    expect(logits[1]).toBeCloseTo(d[1], 4);
  });

  it('Integrated Gradients: Σ word attributions = f(x) − f(baseline) within 1% at 64 steps, every class and baseline', async () => {
    const { model, words } = textExplainable(classifier, tok, TEXT);
    const history = Int32Array.from(words.words, (_, k) => k);
    const gaps: number[] = [];
    for (const item of [0, 1])
      for (const baseline of ['mask', 'padding', 'zeros', 'mean'] as const) {
        const r = await explain('ig', model, { user: asUserIdx(-1), history, item: asItemIdx(item), exclude: [] }, { steps: 64, baseline });
        expect(r.ok).toBe(true);
        if (!r.ok) continue;
        const sum = r.data.values.reduce((a, b) => a + b, 0);
        const delta = r.data.score - (r.data.diagnostics.baselineScore as number);
        gaps.push(Math.abs(sum - delta) / Math.abs(delta));
        expect(r.data.diagnostics.relativeGap as number).toBeLessThan(0.01);
      }
    expect(Math.max(...gaps)).toBeLessThan(0.01);
  });

  it('occlusion values are the exact changes in the logit when each word is dropped', async () => {
    const { model, words } = textExplainable(classifier, tok, TEXT);
    const n = words.words.length;
    const history = Int32Array.from({ length: n }, (_, k) => k);
    const r = await explain('occlusion', model, { user: asUserIdx(-1), history, item: asItemIdx(1), exclude: [] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const full = (await model.recommender.scoreUsers({ users: Int32Array.of(-1), histories: [history] }))[1];
    for (const k of [0, 3, n - 1]) {
      const without = (await model.recommender.scoreUsers({ users: Int32Array.of(-1), histories: [history.filter((w) => w !== k)] }))[1];
      expect(r.data.values[k]).toBeCloseTo(full - without, 5);
    }
  });

  it('padding a row in a batch does not change its logits (padded positions carry no attribution)', async () => {
    const { model } = textExplainable(classifier, tok, TEXT);
    const short = Int32Array.of(0, 1);
    const long = Int32Array.from({ length: 12 }, (_, k) => k);
    const alone = await model.recommender.scoreUsers({ users: Int32Array.of(-1), histories: [short] });
    const batched = await model.recommender.scoreUsers({ users: Int32Array.of(-1, -1), histories: [short, long] });
    expect(batched[0]).toBeCloseTo(alone[0], 4);
    expect(batched[1]).toBeCloseTo(alone[1], 4);
  });

  it('explainText: per-class values for each method, probabilities, faithfulness; no tensors leak', async () => {
    const { model, words } = textExplainable(classifier, tok, TEXT);
    const before = tf.memory().numTensors;
    const r = await explainText(model, words.words, ['not_buy', 'buy'], { methods: ['ig', 'gradxinput', 'occlusion'], steps: 16, seed: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.classes.map((c) => c.label)).toEqual(['not_buy', 'buy']);
    for (const c of r.classes) for (const m of ['ig', 'gradxinput', 'occlusion']) expect(c.values[m]).toHaveLength(words.words.length);
    expect(r.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(r.faithfulness.deletion[0]).toBeCloseTo(r.faithfulness.degenerate ? NaN : r.faithfulness.inverted ? -1 : 1, 6);
    expect(Number.isFinite(r.faithfulness.randomDeletionAUC)).toBe(true);
  });
});

describe('attention rollout over word pieces', () => {
  // "zorbs" is several pieces, so merging is exercised: 7 words, more columns.
  const ROLL_TEXT = 'viewed zorbs twice, then bought shoes';
  const setup = () => {
    const { model, words } = textExplainable(classifier, tok, ROLL_TEXT);
    const history = Int32Array.from(words.words, (_, k) => k);
    return { model, words, target: { user: asUserIdx(-1), history, item: asItemIdx(1), exclude: [] } };
  };

  it('rows of the rollout matrix sum to 1 before merging; word values sum to the [CLS] row over non-special columns', async () => {
    const { model, words, target } = setup();
    const maps = await model.internals!.attentions(target);
    const n = words.pieces.flat().length;
    expect(maps.len).toBe(n + 2);
    expect(maps.layers).toHaveLength(2);
    const r = rolloutMatrix(maps.layers, maps.heads, maps.len);
    for (let i = 0; i < maps.len; i++) {
      let s = 0;
      for (let j = 0; j < maps.len; j++) s += r[i * maps.len + j];
      expect(s).toBeCloseTo(1, 6);
    }
    const r0 = Array.from(r.slice(0, maps.len));
    const inner = r0.slice(1, -1).reduce((a, b) => a + b, 0);
    const res = await explain('rollout', model, target);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const v = Array.from(res.data.values);
    expect(v).toHaveLength(words.words.length);
    expect(v.reduce((a, b) => a + b, 0)).toBeCloseTo(inner, 6);
    expect(res.data.diagnostics.nonEventShare as number).toBeCloseTo(r0[0] + r0[maps.len - 1], 6);
    // A multi-piece word gets the sum of its pieces' columns (columns 1.. in piece order).
    const z = words.words.indexOf('zorbs');
    const start = 1 + words.pieces.slice(0, z).flat().length;
    expect(words.pieces[z].length).toBeGreaterThan(1);
    expect(v[z]).toBeCloseTo(
      r0.slice(start, start + words.pieces[z].length).reduce((a, b) => a + b, 0),
      9,
    );
    for (const x of v) expect(x).toBeGreaterThan(0);
  });

  it('is the same for every class, and explainText carries it with faithfulness', async () => {
    const { model, words } = setup();
    const r = await explainText(model, words.words, ['not_buy', 'buy'], { methods: ['rollout'], seed: 1 });
    expect(r.classes[0].values.rollout).toEqual(r.classes[1].values.rollout);
    expect(Number.isFinite(r.faithfulness.deletionAUC)).toBe(true);
    expect(r.notes.some((n) => n.includes('same for every'))).toBe(true);
  });

  it('padding columns get 0 from [CLS] and change no word value; a word subset is mapped to its event order', async () => {
    const { model, target } = setup();
    const plain = await model.internals!.attentions(target);
    const padded = await model.internals!.attentions(target, { padTo: plain.len + 5 });
    expect(padded.len).toBe(plain.len + 5);
    const r = rolloutMatrix(padded.layers, padded.heads, padded.len);
    for (let c = plain.len; c < padded.len; c++) {
      expect(r[c]).toBeLessThan(1e-7);
      expect(padded.eventOfColumn![c]).toBe(-1);
    }
    const a = rolloutAttribution(plain).values;
    const b = rolloutAttribution(padded).values;
    a.forEach((x, k) => expect(b[k]).toBeCloseTo(x, 6));
    // Words 5, 1 (in that event order): values come back per event, not per word index.
    const sub = { ...target, history: Int32Array.of(5, 1) };
    const m = await model.internals!.attentions(sub);
    const rs = rolloutMatrix(m.layers, m.heads, m.len);
    const { values } = rolloutAttribution(m);
    const bought = rs[1];
    const zorbs = Array.from(rs.slice(2, m.len - 1)).reduce((x, y) => x + y, 0);
    expect(values[0]).toBeCloseTo(bought, 9);
    expect(values[1]).toBeCloseTo(zorbs, 9);
  });

  it('a hand-computed 1-layer, 2-head case: [CLS] a## ##b c [SEP], words ab and c', () => {
    // Head 0 and head 1 attention rows (query × key), len 5; the rollout of one layer is 0.5·mean(heads) + 0.5·I
    // (rows already sum to 1, so renormalising changes nothing), read at row 0 ([CLS]).
    const h0 = [
      [0.2, 0.3, 0.1, 0.3, 0.1],
      [0.2, 0.2, 0.2, 0.2, 0.2],
      [0.2, 0.2, 0.2, 0.2, 0.2],
      [0.2, 0.2, 0.2, 0.2, 0.2],
      [0.2, 0.2, 0.2, 0.2, 0.2],
    ];
    const h1 = [
      [0.4, 0.1, 0.1, 0.1, 0.3],
      [0.2, 0.2, 0.2, 0.2, 0.2],
      [0.2, 0.2, 0.2, 0.2, 0.2],
      [0.2, 0.2, 0.2, 0.2, 0.2],
      [0.2, 0.2, 0.2, 0.2, 0.2],
    ];
    const layers = [Float32Array.from([...h0.flat(), ...h1.flat()])];
    // Row 0: mean = [0.3, 0.2, 0.1, 0.2, 0.2] → 0.5·mean + 0.5·e0 = [0.65, 0.1, 0.05, 0.1, 0.1].
    const { values, readShare } = rolloutAttribution({
      layers,
      heads: 2,
      len: 5,
      readColumn: 0,
      columnOf: Int32Array.of(1, 3),
      eventOfColumn: Int32Array.of(-1, 0, 0, 1, -1),
      score: 0,
    });
    expect(values[0]).toBeCloseTo(0.15, 6);
    expect(values[1]).toBeCloseTo(0.1, 6);
    expect(readShare).toBeCloseTo(0.75, 6);
  });
});

describe('planted rule', () => {
  it('after fine-tuning tiny-bert on "contains bought", the word bought leads under every method, and deleting it first beats random', async () => {
    const rng = createRng(4);
    const filler = 'viewed clicked added to cart shoes shirt phone laptop camera book movie toy story then twice the red blue new'.split(
      ' ',
    );
    const texts: string[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 400; i++) {
      const w = Array.from({ length: 5 + rng.int(6) }, () => filler[rng.int(filler.length)]);
      const label = rng.int(2);
      if (label) w.splice(rng.int(w.length + 1), 0, 'bought');
      texts.push(w.join(' '));
      labels.push(label);
    }
    const base = await loadBertFromDir(`${FIXTURES}tiny-bert`);
    if (!base.ok) throw new Error(base.reason);
    const baseTok = await loadTokenizer(`${FIXTURES}tiny-bert`);
    const tuned = await finetune(base.data, baseTok, texts, labels, {
      labels: ['other', 'buy'],
      epochs: 6,
      batchSize: 16,
      learningRate: 1e-2,
      seed: 3,
      validationSplit: 0.2,
      patience: 3,
    });
    disposeTree(base.data.weights);
    expect(tuned.bestValAccuracy).toBeGreaterThan(0.9);
    const text = 'viewed red shoes then bought camera twice';
    const { model, words } = textExplainable(tuned.model, baseTok, text);
    const methods = ['ig', 'gradxinput', 'occlusion', 'lime', 'shapley'] as const;
    const r = await explainText(model, words.words, ['other', 'buy'], { methods: [...methods], steps: 32, seed: 1 });
    const at = words.words.indexOf('bought');
    expect(r.predicted).toBe(1);
    for (const m of methods) {
      const v = r.classes[1].values[m];
      expect([m, v.indexOf(Math.max(...v))]).toEqual([m, at]);
    }
    expect(r.faithfulness.deletionAUC).toBeLessThan(r.faithfulness.randomDeletionAUC);
    disposeTree(tuned.model.weights);
  }, 120_000);
});
