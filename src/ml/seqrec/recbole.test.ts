// RecBole's state-dict names and shapes onto the sequence recommender's, on hand-made tensors: every copy lands where
// the network reads it, the rows RecBole lacks are zero, and other architectures or mismatched tokens are refused.
import { describe, expect, it } from 'vitest';
import type { SafeTensor } from '../../lib/safetensors';
import { mapRecBole, onItems, parseRecBoleMeta, UNKNOWN_ITEM_BIAS, type RecBoleMeta } from './recbole';

const H = 2;
const INNER = 3;
const LEN = 4;
/** A tensor whose values say where they came from: base + 0, base + 1, … */
const t = (base: number, ...shape: number[]): SafeTensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  return { dtype: 'F32', shape, data: Float32Array.from({ length: n }, (_, i) => base + i) };
};

/** One-layer RecBole state dict over `rows` item-embedding rows; BERT4Rec adds its output head and bias. */
function stateDict(model: 'SASRec' | 'BERT4Rec', nItems: number): Map<string, SafeTensor> {
  const m = new Map<string, SafeTensor>();
  m.set('item_embedding.weight', t(100, nItems + (model === 'BERT4Rec' ? 1 : 0), H));
  m.set('position_embedding.weight', t(200, LEN, H));
  m.set('LayerNorm.weight', t(300, H));
  m.set('LayerNorm.bias', t(310, H));
  const p = 'trm_encoder.layer.0';
  let base = 400;
  for (const x of ['query', 'key', 'value', 'dense']) {
    m.set(`${p}.multi_head_attention.${x}.weight`, t((base += 10), H, H));
    m.set(`${p}.multi_head_attention.${x}.bias`, t((base += 10), H));
  }
  m.set(`${p}.multi_head_attention.LayerNorm.weight`, t(500, H));
  m.set(`${p}.multi_head_attention.LayerNorm.bias`, t(510, H));
  m.set(`${p}.feed_forward.dense_1.weight`, t(600, INNER, H));
  m.set(`${p}.feed_forward.dense_1.bias`, t(610, INNER));
  m.set(`${p}.feed_forward.dense_2.weight`, t(620, H, INNER));
  m.set(`${p}.feed_forward.dense_2.bias`, t(630, H));
  m.set(`${p}.feed_forward.LayerNorm.weight`, t(640, H));
  m.set(`${p}.feed_forward.LayerNorm.bias`, t(650, H));
  if (model === 'BERT4Rec') {
    m.set('output_ffn.weight', t(700, H, H));
    m.set('output_ffn.bias', t(710, H));
    m.set('output_ln.weight', t(720, H));
    m.set('output_ln.bias', t(730, H));
    m.set('output_bias', t(740, nItems));
  }
  return m;
}

const meta = (model: string, config: Record<string, unknown> = {}): RecBoleMeta => ({
  model,
  config: { n_heads: 1, n_layers: 1, hidden_size: H, inner_size: INNER, hidden_act: 'gelu', layer_norm_eps: 1e-12, ...config },
  itemTokens: ['[PAD]', 'a', 'b'],
});
const values = (x: { data: Float32Array } | undefined) => Array.from(x!.data);

describe('mapRecBole', () => {
  it('SASRec: names mapped, a zero [MASK] row and a zero output bias added, positions from the start', () => {
    const r = mapRecBole(stateDict('SASRec', 3), meta('SASRec'));
    if (!r.ok) throw new Error(r.reason);
    const { config, tensors, items } = r.data;
    expect(items).toEqual(['a', 'b']);
    expect(config).toMatchObject({ mode: 'sasrec', numItems: 2, hidden: H, layers: 1, heads: 1, intermediate: INNER, maxLen: LEN });
    expect(config).toMatchObject({ positions: 'start', outputHead: false, numEventTypes: 1, timeBuckets: 0 });
    // RecBole rows [PAD], a, b, then RecLens's [MASK] row at zero.
    expect(tensors['embeddings.item'].shape).toEqual([4, H]);
    expect(values(tensors['embeddings.item'])).toEqual([100, 101, 102, 103, 104, 105, 0, 0]);
    expect(values(tensors['output.bias'])).toEqual([0, 0]);
    expect(values(tensors['embeddings.type'])).toEqual([0, 0, 0, 0]);
    expect(values(tensors['embeddings.position'])).toEqual([200, 201, 202, 203, 204, 205, 206, 207]);
    expect(values(tensors['embeddings.norm.bias'])).toEqual([310, 311]);
    expect(values(tensors['encoder.layer.0.attention.query.weight'])).toEqual([410, 411, 412, 413]);
    expect(values(tensors['encoder.layer.0.attention.output.bias'])).toEqual([480, 481]);
    expect(values(tensors['encoder.layer.0.attention.norm.weight'])).toEqual([500, 501]);
    expect(tensors['encoder.layer.0.intermediate.weight'].shape).toEqual([INNER, H]);
    expect(values(tensors['encoder.layer.0.output.bias'])).toEqual([630, 631]);
    expect(values(tensors['encoder.layer.0.norm.bias'])).toEqual([650, 651]);
    expect(Object.keys(tensors).filter((k) => k.startsWith('output.transform'))).toEqual([]);
  });

  it('BERT4Rec: the mask row kept, the output head mapped, [PAD] dropped from the bias', () => {
    const r = mapRecBole(stateDict('BERT4Rec', 3), meta('BERT4Rec'));
    if (!r.ok) throw new Error(r.reason);
    const { config, tensors } = r.data;
    expect(config).toMatchObject({ mode: 'bert4rec', numItems: 2, positions: 'start', outputHead: true });
    expect(values(tensors['embeddings.item'])).toEqual([100, 101, 102, 103, 104, 105, 106, 107]);
    expect(values(tensors['output.bias'])).toEqual([741, 742]);
    expect(values(tensors['output.transform.dense.weight'])).toEqual([700, 701, 702, 703]);
    expect(values(tensors['output.transform.norm.bias'])).toEqual([730, 731]);
  });

  it('BERT4Rec from before RecBole had an output head: no transform, zero bias', () => {
    const sd = stateDict('BERT4Rec', 3);
    for (const k of ['output_ffn.weight', 'output_ffn.bias', 'output_ln.weight', 'output_ln.bias', 'output_bias']) sd.delete(k);
    const r = mapRecBole(sd, meta('BERT4Rec'));
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.config.outputHead).toBe(false);
    expect(values(r.data.tensors['output.bias'])).toEqual([0, 0]);
  });

  it('refuses other architectures, saying which model it is and what RecLens opens', () => {
    expect(mapRecBole(stateDict('SASRec', 3), meta('GRU4Rec'))).toEqual({
      ok: false,
      reason:
        'this is a RecBole GRU4Rec model: RecLens opens RecBole SASRec and BERT4Rec checkpoints (their transformer is the one RecLens explains)',
    });
    const gru = new Map([
      ['item_embedding.weight', t(0, 3, H)],
      ['gru_layers.weight_ih_l0', t(0, 3 * H, H)],
    ]);
    const r = mapRecBole(gru, meta('SASRec'));
    expect(!r.ok && r.reason).toMatch(/^recbole.json says SASRec, but the weights are a RecBole GRU4Rec model's: RecLens opens/);
  });

  it('refuses item tokens that are not the model’s, settings RecLens does not have, and unknown or missing names', () => {
    const tokens = mapRecBole(stateDict('SASRec', 4), meta('SASRec'));
    expect(!tokens.ok && tokens.reason).toBe(
      "item_embedding.weight has 4 rows, but 3 item tokens ([PAD] included) make 3 for SASRec: the item tokens are not this model's",
    );
    const act = mapRecBole(stateDict('SASRec', 3), meta('SASRec', { hidden_act: 'relu' }));
    expect(!act.ok && act.reason).toBe(`RecBole SASRec: hidden_act "relu": RecLens's sequence models use gelu`);
    const sd = stateDict('SASRec', 3);
    sd.set('extra.weight', t(0, 1));
    sd.delete('trm_encoder.layer.0.feed_forward.LayerNorm.bias');
    const names = mapRecBole(sd, meta('SASRec'));
    expect(!names.ok && names.reason).toBe(
      'RecBole SASRec: missing "trm_encoder.layer.0.feed_forward.LayerNorm.bias"; unexpected weight "extra.weight"',
    );
  });
});

describe('onItems', () => {
  it("re-indexes the rows and biases to a log's item order; items the model lacks get a zero row and the floor", () => {
    const mapped = mapRecBole(stateDict('BERT4Rec', 3), meta('BERT4Rec'));
    if (!mapped.ok) throw new Error(mapped.reason);
    // Model items a, b (rows 1, 2; [MASK] row 3). The log lists b, new, a.
    const r = onItems(mapped.data, ['b', 'new', 'a']);
    expect(r).toMatchObject({ items: ['b', 'new', 'a'], unknown: 1, dropped: 0 });
    expect(r.config.numItems).toBe(3);
    expect(r.tensors['embeddings.item'].shape).toEqual([5, H]);
    expect(values(r.tensors['embeddings.item'])).toEqual([100, 101, 104, 105, 0, 0, 102, 103, 106, 107]);
    expect(values(r.tensors['output.bias'])).toEqual([742, UNKNOWN_ITEM_BIAS, 741]);
    expect(onItems(mapped.data, ['a'])).toMatchObject({ unknown: 0, dropped: 1 });
  });
});

describe('parseRecBoleMeta', () => {
  it('needs the model, its config and the tokens with [PAD] first', () => {
    expect(parseRecBoleMeta({ model: 'SASRec', config: {}, itemTokens: ['a', 'b'] })).toEqual({
      ok: false,
      reason: 'recbole.json: itemTokens must start with "[PAD]" (RecBole\'s index 0), got "a"',
    });
    expect(parseRecBoleMeta({ model: 'SASRec', config: {}, itemTokens: ['[PAD]', 'a', 'a'] })).toEqual({
      ok: false,
      reason: 'recbole.json: itemTokens repeats a token',
    });
    expect(parseRecBoleMeta({ model: 'SASRec', config: { n_heads: 2 }, itemTokens: ['[PAD]', 'a'] }).ok).toBe(true);
  });
});
