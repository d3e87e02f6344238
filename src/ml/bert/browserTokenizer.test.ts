// The in-memory tokenizer matches the PyTorch golden ids, from tokenizer.json and from a bare vocab.txt alike.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tokenizerFromFiles, wordPieceTokenizerJson } from './browserTokenizer';

const DIR = new URL('../../../tests/fixtures/', import.meta.url).pathname;
const read = (f: string) => readFileSync(`${DIR}tiny-bert/${f}`, 'utf8');
const golden = JSON.parse(readFileSync(`${DIR}golden.json`, 'utf8')) as {
  sentences: string[];
  input_ids: number[][];
  attention_mask: number[][];
  padded_length: number;
};
const L = golden.padded_length;
const padded = golden.input_ids.map((r) => [...r, ...new Array(L - r.length).fill(0)]);

describe('tokenizerFromFiles', () => {
  it('gives the golden ids from tokenizer.json + tokenizer_config.json', async () => {
    const tok = await tokenizerFromFiles({ tokenizerJson: read('tokenizer.json'), tokenizerConfig: read('tokenizer_config.json') });
    if (!tok.ok) throw new Error(tok.reason);
    expect(tok.data.modelMaxLength).toBe(64);
    const enc = tok.data.encode(golden.sentences, { maxLength: L, padToMaxLength: true });
    expect(enc.inputIds).toEqual(padded);
    expect(enc.attentionMask).toEqual(golden.attention_mask);
  });

  it('gives the same ids from vocab.txt alone (synthesised WordPiece tokenizer.json)', async () => {
    const tok = await tokenizerFromFiles({ vocabTxt: read('vocab.txt') });
    if (!tok.ok) throw new Error(tok.reason);
    expect(tok.data.encode(golden.sentences, { maxLength: L, padToMaxLength: true }).inputIds).toEqual(padded);
    // Padding to the longest row when not asked for max_length.
    const short = tok.data.encode(['a', 'the cat'], { maxLength: L });
    expect(short.inputIds[0].length).toBe(short.inputIds[1].length);
  });

  it('synthesises the same WordPiece model as the fixture tokenizer.json', () => {
    const real = JSON.parse(read('tokenizer.json'));
    const made = wordPieceTokenizerJson(read('vocab.txt'), JSON.parse(read('tokenizer_config.json')));
    for (const key of ['normalizer', 'pre_tokenizer', 'post_processor', 'model', 'added_tokens']) expect(made[key]).toEqual(real[key]);
  });

  it('names the missing or broken file', async () => {
    expect(await tokenizerFromFiles({})).toEqual({ ok: false, reason: expect.stringMatching(/tokenizer\.json or vocab\.txt/) });
    expect(await tokenizerFromFiles({ tokenizerJson: '{' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^tokenizer\.json is not valid JSON/),
    });
    expect(await tokenizerFromFiles({ vocabTxt: 'x', tokenizerConfig: '[]' })).toEqual({
      ok: false,
      reason: 'tokenizer_config.json must be a JSON object',
    });
  });

  it('a vocab line "__proto__" is a token, and a special token named "constructor" is not taken from Object.prototype', () => {
    const made = wordPieceTokenizerJson('[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n__proto__\nhello\n', { unk_token: 'constructor' });
    const vocab = JSON.parse(JSON.stringify(made.model)).vocab as Record<string, number>;
    expect(Object.hasOwn(vocab, '__proto__') && vocab['__proto__']).toBe(5);
    expect(Object.keys(vocab)).toHaveLength(7);
    const added = made.added_tokens as { id: unknown; content: string }[];
    expect(added.map((t) => t.content)).toEqual(['[PAD]', '[CLS]', '[SEP]', '[MASK]']);
    expect(added.every((t) => typeof t.id === 'number')).toBe(true);
  });
});
