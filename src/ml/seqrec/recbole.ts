// Maps a RecBole SASRec / BERT4Rec state dict (RecBole's names, as `reclens_torch recbole-export` writes them) onto
// the sequence recommender's config and tensors, the way bert/weights.ts maps Hugging Face names. Pure: no TF.js.
//
// RecBole (recbole/model/sequential_recommender/sasrec.py, bert4rec.py; layers.py TransformerEncoder):
//   item_embedding.weight           [n_items, h] (SASRec) or [n_items + 1, h] (BERT4Rec: last row = mask token),
//                                   row 0 = [PAD]; n_items counts [PAD], so the real items are rows 1..n_items − 1
//   position_embedding.weight       [MAX_ITEM_LIST_LENGTH, h], indexed from the sequence start (arange)
//   LayerNorm.{weight,bias}         on item + position embeddings
//   trm_encoder.layer.{i}.multi_head_attention.{query,key,value,dense,LayerNorm}.{weight,bias}
//   trm_encoder.layer.{i}.feed_forward.{dense_1,dense_2,LayerNorm}.{weight,bias}   post-LN, as BERT
//   BERT4Rec since RecBole 1.2: output_ffn → gelu → output_ln before the tied product, plus output_bias [n_items]
// SASRec scores with item_embedding.weight and no bias; both read the hidden state at the last real position (for
// BERT4Rec the mask token appended after the history). RecLens's layout is the same network with positions counted
// from the start (positions 'start'), a zero event-type table, and for BERT4Rec's head outputHead.
import { fail, ok, type Result } from '../../lib/result';
import type { SafeTensor } from '../../lib/safetensors';
import { defaultConfig, validateConfig, type SeqRecConfig, type SeqRecMode } from './config';

/** What `recbole-export` writes next to model.safetensors (recbole.json). */
export interface RecBoleMeta {
  /** RecBole's model class name (config['model']). */
  model: string;
  /** RecBole hyper-parameters (n_layers, n_heads, hidden_size, inner_size, hidden_act, layer_norm_eps, …). */
  config: Record<string, unknown>;
  /** RecBole's item remap, dataset.field2id_token['item_id']: index 0 = '[PAD]'. */
  itemTokens: string[];
}

export interface MappedRecBole {
  config: SeqRecConfig;
  tensors: Record<string, { shape: number[]; data: Float32Array }>;
  /** Item ids in model order (the tokens without [PAD]): what items.json lists. */
  items: string[];
  /** RecBole's class name, as the analyst will know it. */
  model: string;
}

/** The RecBole models RecLens opens, and which of its sequence models each becomes. */
const OPENED: Record<string, SeqRecMode> = { SASRec: 'sasrec', BERT4Rec: 'bert4rec' };
const WHAT_OPENS = 'RecLens opens RecBole SASRec and BERT4Rec checkpoints (their transformer is the one RecLens explains)';

/** A RecBole model's class from its weight names, for the message when recbole.json does not name it. */
function guessModel(names: string[]): string | null {
  const has = (p: string) => names.some((n) => n.startsWith(p));
  if (has('gru_layers.')) return 'GRU4Rec';
  if (has('conv_h.') || has('conv_v.')) return 'Caser';
  if (has('output_ffn.') || has('output_bias')) return 'BERT4Rec';
  if (has('trm_encoder.') && has('item_embedding.')) return 'SASRec';
  return null;
}

/** Check recbole.json's shape; the model name and tokens are what everything else hangs on. */
export function parseRecBoleMeta(json: unknown): Result<RecBoleMeta> {
  const o = json as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || Array.isArray(o)) return fail('recbole.json must be an object');
  if (typeof o.model !== 'string' || !o.model) return fail('recbole.json: "model" must name the RecBole model class');
  const config = o.config;
  if (!config || typeof config !== 'object' || Array.isArray(config)) return fail('recbole.json: "config" must be an object');
  const tokens = o.itemTokens;
  if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === 'string'))
    return fail('recbole.json: "itemTokens" must list the item tokens (dataset.field2id_token["item_id"])');
  if (tokens[0] !== '[PAD]')
    return fail(`recbole.json: itemTokens must start with "[PAD]" (RecBole's index 0), got ${JSON.stringify(tokens[0] ?? null)}`);
  if (new Set(tokens).size !== tokens.length) return fail('recbole.json: itemTokens repeats a token');
  return ok({ model: o.model, config: config as Record<string, unknown>, itemTokens: tokens as string[] });
}

/** Check names and shapes, then build RecLens's config and tensors. Every problem is reported at once. */
export function mapRecBole(tensors: Map<string, SafeTensor>, meta: RecBoleMeta, numEventTypes = 1): Result<MappedRecBole> {
  const names = [...tensors.keys()];
  const mode = OPENED[meta.model];
  if (!mode) return fail(`this is a RecBole ${meta.model} model: ${WHAT_OPENS}`);
  const guessed = guessModel(names);
  if (guessed && guessed !== 'SASRec' && guessed !== 'BERT4Rec')
    return fail(`recbole.json says ${meta.model}, but the weights are a RecBole ${guessed} model's: ${WHAT_OPENS}`);

  const errors: string[] = [];
  const used = new Set<string>();
  const get = (name: string, shape: (number | null)[]): SafeTensor | null => {
    used.add(name);
    const t = tensors.get(name);
    if (!t) {
      errors.push(`missing "${name}"`);
      return null;
    }
    if (t.shape.length !== shape.length || shape.some((d, i) => d !== null && d !== t.shape[i])) {
      errors.push(`"${name}" has shape [${t.shape}], expected [${shape.map((d) => d ?? '*')}]`);
      return null;
    }
    if (t.data instanceof Int32Array) {
      errors.push(`"${name}" is ${t.dtype}, expected floating point`);
      return null;
    }
    return t;
  };

  const item = get('item_embedding.weight', [null, null]);
  const position = get('position_embedding.weight', [null, null]);
  if (!item || !position) return fail(`not a RecBole ${meta.model} state dict: ${errors.join('; ')}`);
  const h = item.shape[1];
  const maxLen = position.shape[0];
  const nItems = meta.itemTokens.length; // RecBole's n_items, [PAD] included
  const rows = mode === 'bert4rec' ? nItems + 1 : nItems;
  if (item.shape[0] !== rows)
    return fail(
      `item_embedding.weight has ${item.shape[0]} rows, but ${nItems} item tokens ([PAD] included) make ${rows} for ${meta.model}` +
        `${mode === 'bert4rec' ? ' (one more for the mask token)' : ''}: the item tokens are not this model's`,
    );
  if (position.shape[1] !== h) errors.push(`position_embedding.weight has width ${position.shape[1]}, item_embedding.weight ${h}`);
  const layerIds = new Set(names.map((n) => /^trm_encoder\.layer\.(\d+)\./.exec(n)?.[1]).filter((x): x is string => x !== undefined));
  const layers = layerIds.size;
  const inner = tensors.get('trm_encoder.layer.0.feed_forward.dense_1.weight')?.shape[0] ?? 0;
  const cfg = meta.config;
  const heads = Number(cfg.n_heads);
  const act = cfg.hidden_act ?? 'gelu';
  const eps = cfg.layer_norm_eps ?? 1e-12;
  const declared: [string, unknown, number][] = [
    ['n_layers', cfg.n_layers, layers],
    ['hidden_size', cfg.hidden_size, h],
    ['inner_size', cfg.inner_size, inner],
    ['MAX_ITEM_LIST_LENGTH', cfg.MAX_ITEM_LIST_LENGTH, maxLen],
  ];
  for (const [key, said, found] of declared)
    if (said !== undefined && said !== found) errors.push(`config ${key} = ${JSON.stringify(said)}, but the weights have ${found}`);
  if (!Number.isInteger(heads) || heads < 1) errors.push(`config n_heads must be a positive integer (got ${JSON.stringify(cfg.n_heads)})`);
  if (act !== 'gelu') errors.push(`hidden_act ${JSON.stringify(act)}: RecLens's sequence models use gelu`);
  if (eps !== 1e-12) errors.push(`layer_norm_eps ${JSON.stringify(eps)}: RecLens's sequence models use 1e-12`);
  if (errors.length) return fail(`RecBole ${meta.model}: ${errors.join('; ')}`);

  const out: MappedRecBole['tensors'] = {};
  const copy = (to: string, from: string, shape: number[]) => {
    const t = get(from, shape);
    if (t) out[to] = { shape, data: Float32Array.from(t.data) };
  };
  const numItems = nItems - 1;
  // SASRec has no mask token: RecLens's table gets a zero [MASK] row (read only for an empty history).
  const table = new Float32Array((numItems + 2) * h);
  table.set(item.data.subarray(0, rows * h));
  out['embeddings.item'] = { shape: [numItems + 2, h], data: table };
  out['embeddings.position'] = { shape: [maxLen, h], data: Float32Array.from(position.data) };
  out['embeddings.type'] = { shape: [numEventTypes + 1, h], data: new Float32Array((numEventTypes + 1) * h) };
  const norm = (to: string, from: string) => {
    copy(`${to}.weight`, `${from}.weight`, [h]);
    copy(`${to}.bias`, `${from}.bias`, [h]);
  };
  norm('embeddings.norm', 'LayerNorm');
  const linear = (to: string, from: string, o: number, i: number) => {
    copy(`${to}.weight`, `${from}.weight`, [o, i]);
    copy(`${to}.bias`, `${from}.bias`, [o]);
  };
  for (let i = 0; i < layers; i++) {
    const [ours, theirs] = [`encoder.layer.${i}`, `trm_encoder.layer.${i}`];
    for (const x of ['query', 'key', 'value']) linear(`${ours}.attention.${x}`, `${theirs}.multi_head_attention.${x}`, h, h);
    linear(`${ours}.attention.output`, `${theirs}.multi_head_attention.dense`, h, h);
    norm(`${ours}.attention.norm`, `${theirs}.multi_head_attention.LayerNorm`);
    linear(`${ours}.intermediate`, `${theirs}.feed_forward.dense_1`, inner, h);
    linear(`${ours}.output`, `${theirs}.feed_forward.dense_2`, h, inner);
    norm(`${ours}.norm`, `${theirs}.feed_forward.LayerNorm`);
  }
  // BERT4Rec before RecBole 1.2 has neither the output transform nor the bias; SASRec never has them.
  const outputHead = mode === 'bert4rec' && tensors.has('output_ffn.weight');
  if (outputHead) {
    linear('output.transform.dense', 'output_ffn', h, h);
    norm('output.transform.norm', 'output_ln');
  }
  const bias = mode === 'bert4rec' && tensors.has('output_bias') ? get('output_bias', [nItems]) : null;
  // RecBole's bias covers [PAD] too (index 0); RecLens's covers the items.
  out['output.bias'] = { shape: [numItems], data: bias ? Float32Array.from(bias.data.subarray(1)) : new Float32Array(numItems) };

  for (const name of names) if (!used.has(name)) errors.push(`unexpected weight "${name}"`);
  if (errors.length) {
    const shown = errors.slice(0, 8).join('; ') + (errors.length > 8 ? `; and ${errors.length - 8} more` : '');
    return fail(`RecBole ${meta.model}: ${shown}`);
  }

  const base = defaultConfig(mode, numItems, [maxLen], numEventTypes);
  const prob = (x: unknown, fallback: number) => (typeof x === 'number' && x >= 0 && x < 1 ? x : fallback);
  const config = validateConfig({
    ...base,
    maxLen,
    hidden: h,
    layers,
    heads,
    intermediate: inner,
    // Training settings only matter if the analyst trains on: RecBole's own where it has them.
    dropout: prob(cfg.hidden_dropout_prob, base.dropout),
    maskProb: prob(cfg.mask_ratio, base.maskProb),
    positions: 'start',
    outputHead,
  });
  if (!config.ok) return fail(`RecBole ${meta.model}: ${config.reason}`);
  return ok({ config: config.data, tensors: out, items: meta.itemTokens.slice(1), model: meta.model });
}

/**
 * Score floor of the log's items the RecBole model has no embedding for (its own filtering dropped them): a zero
 * embedding and this bias rank them below every item it knows, so they are never recommended. Far below any score a
 * tied product of LayerNormed vectors reaches, and finite, so sums and softmaxes over the scores stay numbers.
 */
export const UNKNOWN_ITEM_BIAS = -1e4;

export interface ItemsReordered extends MappedRecBole {
  /** Items of `items` the model has no embedding for (scored at UNKNOWN_ITEM_BIAS). */
  unknown: number;
  /** Model items `items` lacks (not scored any more). */
  dropped: number;
}

/** The mapped model over another item vocabulary (a log's): rows and biases permuted, unknown items at the floor. */
export function onItems(mapped: MappedRecBole, items: readonly string[]): ItemsReordered {
  const { config, tensors } = mapped;
  const h = config.hidden;
  const rowOf = new Map<string, number>();
  mapped.items.forEach((id, i) => rowOf.set(id, i));
  const n = items.length;
  const oldTable = tensors['embeddings.item'].data;
  const oldBias = tensors['output.bias'].data;
  const table = new Float32Array((n + 2) * h);
  const bias = new Float32Array(n);
  let unknown = 0;
  items.forEach((id, i) => {
    const r = rowOf.get(id);
    if (r === undefined) {
      unknown++;
      bias[i] = UNKNOWN_ITEM_BIAS;
      return;
    }
    table.set(oldTable.subarray((r + 1) * h, (r + 2) * h), (i + 1) * h);
    bias[i] = oldBias[r];
  });
  // Padding stays row 0 and [MASK] the last row.
  table.set(oldTable.subarray(0, h), 0);
  table.set(oldTable.subarray((mapped.items.length + 1) * h, (mapped.items.length + 2) * h), (n + 1) * h);
  const known = new Set(items);
  const d = defaultConfig(config.mode, n, [config.maxLen]);
  return {
    ...mapped,
    config: { ...config, numItems: n, negatives: d.negatives, popularNegatives: d.popularNegatives },
    tensors: { ...tensors, 'embeddings.item': { shape: [n + 2, h], data: table }, 'output.bias': { shape: [n], data: bias } },
    items: [...items],
    unknown,
    dropped: mapped.items.filter((id) => !known.has(id)).length,
  };
}
