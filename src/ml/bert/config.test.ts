// config.json validation: what we accept, and the clear reasons for what we refuse.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBertConfig } from './config';

const base = JSON.parse(readFileSync(new URL('../../../tests/fixtures/tiny-bert-classifier/config.json', import.meta.url), 'utf8'));
const reasonFor = (patch: Record<string, unknown>) => {
  const r = parseBertConfig({ ...base, ...patch });
  return r.ok ? 'ok' : r.reason;
};

describe('parseBertConfig', () => {
  it('parses the fixture', () => {
    const r = parseBertConfig(JSON.stringify(base));
    expect(r.ok && r.data).toMatchObject({ hiddenSize: 32, numHeads: 4, numLayers: 2, activation: 'gelu', layerNormEps: 1e-12, labels: ['not_buy', 'buy'] });
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
});
