// Validates a Hugging Face BERT config.json into the few numbers the forward pass needs; refuses what it cannot run.
import { checkValue, own, type Range } from '../../lib/ranges';
import { fail, ok, type Result } from '../../lib/result';
import { checkMemory, type MemoryEstimate } from '../../rec/memory';
import type { Activation } from '../transformer/blocks';

export interface BertConfig {
  vocabSize: number;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  intermediateSize: number;
  maxPositions: number;
  typeVocabSize: number;
  layerNormEps: number;
  activation: Activation;
  padTokenId: number;
  /** Class names indexed by label id, when the config declares a classification head. */
  labels?: string[];
  architecture: string;
  /** Houlsby adapters the weights carry (config.json "reclens_adapter"); absent for a plain BERT. */
  adapter?: AdapterConfig;
}

/** config.json "reclens_adapter": {"type": "houlsby", "size": m} — RecLens's own key; other tools ignore it. */
export interface AdapterConfig {
  size: number;
}

export const ADAPTER_RANGES = { size: { min: 1, max: 4096, integer: true } } as const satisfies Record<string, Range>;

/** Architectures whose encoder we run; heads other than sequence classification are ignored by the loader. */
export const SUPPORTED_ARCHITECTURES = ['BertModel', 'BertForSequenceClassification', 'BertForMaskedLM', 'BertForPreTraining'];

/**
 * Sizes config.json may declare, checked before anything is allocated (README "Text models" lists them). Wide
 * enough for every published BERT (bert-large: 24 layers, 1024 hidden; multilingual vocabularies of 250k); the
 * memory estimate decides what fits this machine.
 */
export const BERT_RANGES = {
  vocab_size: { min: 1, max: 1_000_000, integer: true },
  hidden_size: { min: 1, max: 8192, integer: true },
  num_hidden_layers: { min: 1, max: 96, integer: true },
  num_attention_heads: { min: 1, max: 128, integer: true },
  intermediate_size: { min: 1, max: 32768, integer: true },
  max_position_embeddings: { min: 1, max: 16384, integer: true },
  type_vocab_size: { min: 1, max: 1024, integer: true },
} as const satisfies Record<string, Range>;

/** Parameters of the encoder (embeddings, layers, pooler) from its sizes. */
export function bertParameterCount(
  c: Pick<BertConfig, 'vocabSize' | 'hiddenSize' | 'numLayers' | 'intermediateSize' | 'maxPositions' | 'typeVocabSize'>,
): number {
  const h = c.hiddenSize,
    f = c.intermediateSize;
  const layer = 4 * (h * h + h) + 2 * h + (f * h + f) + (h * f + h) + 2 * h;
  return (c.vocabSize + c.maxPositions + c.typeVocabSize) * h + 2 * h + c.numLayers * layer + (h * h + h);
}

/** Loading holds the safetensors bytes and the float32 tensors built from them: twice the weights. */
export function estimateBertMemory(c: Parameters<typeof bertParameterCount>[0]): MemoryEstimate {
  return { bytes: 2 * 4 * bertParameterCount(c), lower: 'the model size (a smaller BERT)' };
}

const ACTIVATIONS: Record<string, Activation> = {
  gelu: 'gelu',
  gelu_new: 'gelu_tanh',
  gelu_pytorch_tanh: 'gelu_tanh',
  gelu_fast: 'gelu_tanh',
  relu: 'relu',
};

export function parseBertConfig(json: string | unknown, options: { memoryBudgetBytes?: number } = {}): Result<BertConfig> {
  let raw: unknown = json;
  if (typeof json === 'string') {
    try {
      raw = JSON.parse(json);
    } catch (e) {
      return fail(`config.json is not valid JSON (${(e as Error).message})`);
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('config.json must be a JSON object');
  const c = raw as Record<string, unknown>;

  if (c.model_type !== 'bert') return fail(`config.json: model_type must be "bert", got ${JSON.stringify(c.model_type)}`);
  const archs = c.architectures ?? ['BertModel'];
  if (!Array.isArray(archs) || archs.length !== 1 || typeof archs[0] !== 'string') {
    return fail(`config.json: architectures must list exactly one architecture, got ${JSON.stringify(archs)}`);
  }
  const architecture = archs[0];
  if (!SUPPORTED_ARCHITECTURES.includes(architecture)) {
    return fail(`config.json: architecture ${architecture} is not supported (supported: ${SUPPORTED_ARCHITECTURES.join(', ')})`);
  }
  if (c.is_decoder === true || c.add_cross_attention === true) return fail('config.json: decoder / cross-attention BERT is not supported');
  if (c.position_embedding_type !== undefined && c.position_embedding_type !== 'absolute') {
    return fail(`config.json: position_embedding_type ${JSON.stringify(c.position_embedding_type)} is not supported (only "absolute")`);
  }

  const ints = {} as Record<keyof typeof BERT_RANGES, number>;
  for (const key of Object.keys(BERT_RANGES) as (keyof typeof BERT_RANGES)[]) {
    const v = c[key] ?? (key === 'type_vocab_size' ? 2 : undefined);
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
      return fail(`config.json: ${key} must be a positive integer, got ${JSON.stringify(c[key])}`);
    const why = checkValue(key, v, BERT_RANGES[key]);
    if (why) return fail(`config.json: ${why}`);
    ints[key] = v;
  }
  if (ints.hidden_size % ints.num_attention_heads !== 0) {
    return fail(`config.json: hidden_size ${ints.hidden_size} is not divisible by num_attention_heads ${ints.num_attention_heads}`);
  }

  const act = c.hidden_act ?? 'gelu';
  // Own keys only: "__proto__" or "constructor" must not read Object.prototype (it reached the forward pass as a non-activation).
  const activation = typeof act === 'string' ? own(ACTIVATIONS, act) : undefined;
  if (typeof act !== 'string' || activation === undefined) {
    return fail(`config.json: hidden_act ${JSON.stringify(act)} is not supported (supported: ${Object.keys(ACTIVATIONS).join(', ')})`);
  }
  const eps = c.layer_norm_eps ?? 1e-12;
  if (typeof eps !== 'number' || !(eps > 0) || !Number.isFinite(eps))
    return fail(`config.json: layer_norm_eps must be a positive number, got ${JSON.stringify(eps)}`);
  const pad = c.pad_token_id ?? 0;
  if (typeof pad !== 'number' || !Number.isInteger(pad) || pad < 0 || pad >= ints.vocab_size) {
    return fail(`config.json: pad_token_id must be an id below vocab_size, got ${JSON.stringify(pad)}`);
  }

  const labels = parseLabels(c.id2label);
  if (!labels.ok) return labels;
  const adapter = parseAdapter(c.reclens_adapter);
  if (!adapter.ok) return adapter;
  const sizes = {
    vocabSize: ints.vocab_size,
    hiddenSize: ints.hidden_size,
    numLayers: ints.num_hidden_layers,
    numHeads: ints.num_attention_heads,
    intermediateSize: ints.intermediate_size,
    maxPositions: ints.max_position_embeddings,
    typeVocabSize: ints.type_vocab_size,
  };
  const fits = checkMemory('config.json: this BERT', estimateBertMemory(sizes), options.memoryBudgetBytes);
  if (!fits.ok) return fits;
  return ok({
    ...sizes,
    layerNormEps: eps,
    activation,
    padTokenId: pad,
    labels: labels.data,
    architecture,
    ...(adapter.data ? { adapter: adapter.data } : {}),
  });
}

function parseAdapter(raw: unknown): Result<AdapterConfig | undefined> {
  if (raw === undefined) return ok(undefined);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { type?: unknown }).type !== 'houlsby')
    return fail('config.json: reclens_adapter must be {"type": "houlsby", "size": n}');
  const why = checkValue('reclens_adapter.size', (raw as { size?: unknown }).size, ADAPTER_RANGES.size);
  return why ? fail(`config.json: ${why}`) : ok({ size: (raw as { size: number }).size });
}

/** id2label {"0": "a", "1": "b"} → ["a", "b"]; ids must be exactly 0..n-1 so logits columns map to names. */
function parseLabels(raw: unknown): Result<string[] | undefined> {
  if (raw === undefined) return ok(undefined);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('config.json: id2label must be an object');
  const entries = Object.entries(raw as Record<string, unknown>);
  const labels: string[] = new Array(entries.length);
  for (const [k, v] of entries) {
    const id = Number(k);
    if (!Number.isInteger(id) || id < 0 || id >= entries.length || typeof v !== 'string' || labels[id] !== undefined) {
      return fail(`config.json: id2label must map ids 0..${entries.length - 1} to names, got ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    }
    labels[id] = v;
  }
  return ok(labels);
}

/** The inverse of parseBertConfig: an HF config.json object (dropout fields at HF defaults; they do not affect inference). */
export function bertConfigToJson(c: BertConfig): Record<string, unknown> {
  const act = Object.entries(ACTIVATIONS).find(([, v]) => v === c.activation)![0];
  return {
    architectures: [c.architecture],
    model_type: 'bert',
    vocab_size: c.vocabSize,
    hidden_size: c.hiddenSize,
    num_hidden_layers: c.numLayers,
    num_attention_heads: c.numHeads,
    intermediate_size: c.intermediateSize,
    hidden_act: act,
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    max_position_embeddings: c.maxPositions,
    type_vocab_size: c.typeVocabSize,
    layer_norm_eps: c.layerNormEps,
    pad_token_id: c.padTokenId,
    ...(c.labels
      ? {
          id2label: Object.fromEntries(c.labels.map((l, i) => [String(i), l])),
          label2id: Object.fromEntries(c.labels.map((l, i) => [l, i])),
        }
      : {}),
    ...(c.adapter ? { reclens_adapter: { type: 'houlsby', size: c.adapter.size } } : {}),
  };
}
