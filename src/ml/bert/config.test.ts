// config.json validation: what we accept, and the clear reasons for what we refuse.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BERT_RANGES, bertParameterCount, parseBertConfig } from './config';

const base = JSON.parse(readFileSync(new URL('../../../tests/fixtures/tiny-bert-classifier/config.json', import.meta.url), 'utf8'));
const reasonFor = (patch: Record<string, unknown>) => {
  const r = parseBertConfig({ ...base, ...patch });
  return r.ok ? 'ok' : r.reason;
};

describe('parseBertConfig', () => {
  it('parses the fixture', () => {
    const r = parseBertConfig(JSON.stringify(base));
    expect(r.ok && r.data).toMatchObject({
      hiddenSize: 32,
      numHeads: 4,
      numLayers: 2,
      activation: 'gelu',
      layerNormEps: 1e-12,
      labels: ['not_buy', 'buy'],
    });
  });

  it('maps the tanh GELU variants and defaults a missing activation to erf GELU', () => {
    const r = parseBertConfig({ ...base, hidden_act: 'gelu_new' });
    expect(r.ok && r.data.activation).toBe('gelu_tanh');
    const { hidden_act: _drop, ...noAct } = base;
    const d = parseBertConfig(noAct);
    expect(d.ok && d.data.activation).toBe('gelu');
  });

  it('refuses other models, architectures and activations with the reason', () => {
    expect(parseBertConfig('{oops')).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid JSON/) });
    expect(reasonFor({ model_type: 'roberta' })).toMatch(/model_type must be "bert", got "roberta"/);
    expect(reasonFor({ architectures: ['BertForQuestionAnswering'] })).toMatch(/BertForQuestionAnswering is not supported/);
    expect(reasonFor({ hidden_act: 'swish' })).toMatch(/hidden_act "swish" is not supported/);
    expect(reasonFor({ position_embedding_type: 'relative_key' })).toMatch(/relative_key/);
    expect(reasonFor({ is_decoder: true })).toMatch(/decoder/);
  });

  it('checks sizes', () => {
    expect(reasonFor({ num_attention_heads: 5 })).toMatch(/hidden_size 32 is not divisible by num_attention_heads 5/);
    expect(reasonFor({ hidden_size: -1 })).toMatch(/hidden_size must be a positive integer/);
    expect(reasonFor({ vocab_size: 2.5 })).toMatch(/vocab_size/);
    expect(reasonFor({ layer_norm_eps: 0 })).toMatch(/layer_norm_eps/);
    expect(reasonFor({ id2label: { 0: 'a', 2: 'b' } })).toMatch(/id2label/);
  });

  it('looks hidden_act up in own properties only: "__proto__", "constructor", "toString" are unsupported, not Object.prototype', () => {
    for (const act of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(reasonFor({ hidden_act: act })).toBe(
        `config.json: hidden_act "${act}" is not supported (supported: gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu)`,
      );
    }
  });

  it('range-checks every size before anything is built, naming the field and its range', () => {
    expect(reasonFor({ num_hidden_layers: 1e9 })).toBe('config.json: num_hidden_layers must be an integer in [1, 96] (got 1000000000)');
    expect(reasonFor({ hidden_size: 16384, num_attention_heads: 4 })).toBe(
      'config.json: hidden_size must be an integer in [1, 8192] (got 16384)',
    );
    expect(reasonFor({ num_attention_heads: 256 })).toMatch(/num_attention_heads must be an integer in \[1, 128\]/);
    expect(reasonFor({ intermediate_size: 1e6 })).toMatch(/intermediate_size must be an integer in \[1, 32768\]/);
    expect(reasonFor({ vocab_size: 2e6 })).toMatch(/vocab_size must be an integer in \[1, 1e6\]/);
    expect(reasonFor({ max_position_embeddings: 1e5 })).toMatch(/max_position_embeddings must be an integer in \[1, 16384\]/);
    expect(Object.keys(BERT_RANGES)).toEqual([
      'vocab_size',
      'hidden_size',
      'num_hidden_layers',
      'num_attention_heads',
      'intermediate_size',
      'max_position_embeddings',
      'type_vocab_size',
    ]);
  });

  it('refuses a config whose weights would not fit the memory budget, with the estimate', () => {
    const big = { num_hidden_layers: 96, hidden_size: 8192, intermediate_size: 32768, num_attention_heads: 64 };
    expect(reasonFor(big)).toMatch(/^config\.json: this BERT needs about [\d.]+ GiB, over the 4 GiB budget; lower the model size/);
    const r = parseBertConfig({ ...base }, { memoryBudgetBytes: 1024 });
    expect(!r.ok && r.reason).toMatch(/over the 1 KiB budget/);
    // bert-base: 110M parameters, 0.8 GiB to load (file + tensors), under the default budget.
    const bertBase = { vocabSize: 30522, hiddenSize: 768, numLayers: 12, intermediateSize: 3072, maxPositions: 512, typeVocabSize: 2 };
    expect(bertParameterCount(bertBase)).toBe(109482240);
    expect(
      parseBertConfig({
        ...base,
        vocab_size: 30522,
        hidden_size: 768,
        num_hidden_layers: 12,
        num_attention_heads: 12,
        intermediate_size: 3072,
        max_position_embeddings: 512,
      }).ok,
    ).toBe(true);
  });
});
