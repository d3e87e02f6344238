// Hostile model folders end to end (loadBertFromDir / openBertDir / openBertBundle): malformed config.json, a vocab
// that disagrees with the embeddings or the tokenizer, safetensors whose header lies. Each is refused with a reason
// naming the folder and the problem, nothing throws, and no tensor is left allocated.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { readSafetensors, writeSafetensors, type F32TensorIn } from '../../lib/safetensors';
import { disposeTree } from '../tensors';
import { loadBertFromDir, openBertDir } from './loadDir';
import { openBertBundle } from './sources';

const FIXTURE = new URL('../../../tests/fixtures/tiny-bert/', import.meta.url).pathname;
const config = JSON.parse(readFileSync(join(FIXTURE, 'config.json'), 'utf8')) as Record<string, unknown>;
const weightBytes = readFileSync(join(FIXTURE, 'model.safetensors'));
const vocabTxt = readFileSync(join(FIXTURE, 'vocab.txt'), 'utf8');
const root = mkdtempSync(join(tmpdir(), 'reclens-hostile-'));
let n = 0;

beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the tiny-bert folder with some files replaced (null deletes the file). */
function folder(replace: Record<string, string | Uint8Array | ArrayBuffer | null>): string {
  const dir = join(root, `m${n++}`);
  cpSync(FIXTURE, dir, { recursive: true });
  for (const [name, content] of Object.entries(replace)) {
    if (content === null) rmSync(join(dir, name));
    else writeFileSync(join(dir, name), content instanceof ArrayBuffer ? new Uint8Array(content) : content);
  }
  return dir;
}

/** loadBertFromDir must fail with a reason, leaving no tensor behind. */
async function refusal(dir: string): Promise<string> {
  const before = tf.memory().numTensors;
  const r = await loadBertFromDir(dir);
  if (r.ok) {
    disposeTree(r.data.weights);
    throw new Error(`${dir} loaded, expected a refusal`);
  }
  expect(tf.memory().numTensors).toBe(before);
  expect(r.reason).toContain(dir);
  return r.reason;
}

/** A safetensors file: an 8-byte little-endian header length, the JSON header, then `data` bytes. */
function rawSafetensors(header: unknown, dataBytes: number, claimedLength?: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(claimedLength ?? json.length), true);
  out.set(json, 8);
  return out;
}

const fixtureTensors = (): Record<string, F32TensorIn> => {
  const st = readSafetensors(
    weightBytes.buffer.slice(weightBytes.byteOffset, weightBytes.byteOffset + weightBytes.byteLength) as ArrayBuffer,
  );
  if (!st.ok) throw new Error(st.reason);
  return Object.fromEntries([...st.data.tensors].map(([k, t]) => [k, { shape: t.shape, data: t.data as Float32Array }]));
};

describe('hostile model folders', () => {
  it('the untouched fixture loads (the baseline every case below damages)', async () => {
    const r = await loadBertFromDir(folder({}));
    expect(r.ok).toBe(true);
    if (r.ok) disposeTree(r.data.weights);
  });

  it('malformed config.json: not JSON, not an object, wrong types, absurd or missing sizes', async () => {
    const cases: [string, RegExp][] = [
      ['', /config\.json is not valid JSON/],
      ['{"model_type": "bert",', /not valid JSON/],
      ['null', /must be a JSON object/],
      ['[1, 2]', /must be a JSON object/],
      ['"bert"', /must be a JSON object/],
      [JSON.stringify({ ...config, vocab_size: '253' }), /vocab_size must be a positive integer, got "253"/],
      [JSON.stringify({ ...config, vocab_size: undefined }), /vocab_size must be a positive integer/],
      [JSON.stringify({ ...config, hidden_size: 0 }), /hidden_size must be a positive integer/],
      [JSON.stringify({ ...config, num_hidden_layers: 1e300 }), /num_hidden_layers must be a positive integer/],
      [JSON.stringify({ ...config, num_attention_heads: 3 }), /not divisible by num_attention_heads 3/],
      [JSON.stringify({ ...config, model_type: { toString: 'bert' } }), /model_type must be "bert"/],
      [JSON.stringify({ ...config, architectures: 'BertModel' }), /architectures must list exactly one/],
      [JSON.stringify({ ...config, pad_token_id: 9999 }), /pad_token_id must be an id below vocab_size/],
      [JSON.stringify({ ...config, id2label: { 0: 'a', 0.5: 'b' } }), /id2label/],
      ['{"__proto__": {"model_type": "bert"}}', /model_type must be "bert"/],
    ];
    for (const [text, reason] of cases) expect(await refusal(folder({ 'config.json': text }))).toMatch(reason);
  });

  it('a vocab_size that disagrees with the embeddings, even an absurd one, is refused before any allocation', async () => {
    expect(await refusal(folder({ 'config.json': JSON.stringify({ ...config, vocab_size: 300 }) }))).toMatch(
      /word_embeddings\.weight" has shape \[253,32\], expected \[300,32\]/,
    );
    expect(
      await refusal(folder({ 'config.json': JSON.stringify({ ...config, vocab_size: 1_000_000, max_position_embeddings: 16_384 }) })),
    ).toMatch(/weights do not match config\.json/);
    // Past the documented ranges the config alone is refused, before the weights are looked at.
    expect(
      await refusal(folder({ 'config.json': JSON.stringify({ ...config, vocab_size: 2 ** 52, max_position_embeddings: 2 ** 40 }) })),
    ).toMatch(/vocab_size must be an integer in \[1, 1e6\]/);
  });

  it('a tokenizer with more ids than config.json and the embeddings have is refused (Node folder and browser bundle)', async () => {
    // A self-consistent model with a 100-token vocabulary, next to the fixture's 253-token tokenizer.
    const tensors = fixtureTensors();
    const word = tensors['embeddings.word_embeddings.weight'];
    tensors['embeddings.word_embeddings.weight'] = { shape: [100, word.shape[1]], data: word.data.slice(0, 100 * word.shape[1]) };
    const small = { ...config, vocab_size: 100 };
    const dir = folder({ 'config.json': JSON.stringify(small), 'model.safetensors': writeSafetensors(tensors) });
    const before = tf.memory().numTensors;
    const opened = await openBertDir(dir, 'wasm');
    expect(opened).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/tokenizer has ids up to 252 but config\.json's vocab_size is 100/),
    });
    expect(tf.memory().numTensors).toBe(before);

    const bundle = await openBertBundle({
      source: 'picked folder',
      config: JSON.stringify(small),
      safetensors: writeSafetensors(tensors),
      vocabTxt,
    });
    expect(bundle).toMatchObject({ ok: false, reason: expect.stringMatching(/^picked folder: the tokenizer has ids up to 252/) });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('safetensors whose header lies: offsets past the end, overlapping ranges, absurd shapes, a header longer than the file', async () => {
    const f32 = (shape: number[], data_offsets: [number, number]) => ({ dtype: 'F32', shape, data_offsets });
    const cases: [Uint8Array, RegExp][] = [
      [rawSafetensors({ a: f32([4], [0, 16]) }, 8), /run past the 8-byte data section/],
      [rawSafetensors({ a: f32([4], [0, 16]), b: f32([4], [8, 24]) }, 24), /overlaps/],
      [rawSafetensors({ a: f32([1e15, 1e15, 1e15], [0, 16]) }, 16), /needs a different byte length/],
      [rawSafetensors({ a: f32([-4], [0, 16]) }, 16), /non-negative integers/],
      [rawSafetensors({ a: f32([4], [0, 16]) }, 16, 2 ** 40), /header length 1099511627776 exceeds/],
      [
        rawSafetensors({ a: { dtype: 'F32', shape: [4], data_offsets: [0, 2 ** 60] } }, 16),
        /data_offsets must be two non-negative integers|run past/,
      ],
      [rawSafetensors([1, 2, 3], 0), /header must be a JSON object/],
      [new Uint8Array(3), /too short/],
      [new Uint8Array(weightBytes.subarray(0, Math.floor(weightBytes.length / 2))), /run past|exceeds/],
    ];
    for (const [bytes, reason] of cases) expect(await refusal(folder({ 'model.safetensors': bytes }))).toMatch(reason);
  });

  it('missing files are named', async () => {
    expect(await refusal(folder({ 'config.json': null }))).toMatch(/cannot read .*config\.json: ENOENT/);
    expect(await refusal(folder({ 'model.safetensors': null }))).toMatch(/cannot read .*model\.safetensors: ENOENT/);
  });

  it('random damage to the safetensors header never throws and never leaks tensors', async () => {
    const headerEnd = 8 + Number(new DataView(weightBytes.buffer, weightBytes.byteOffset, 8).getBigUint64(0, true));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: headerEnd - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (flips) => {
          const bytes = new Uint8Array(weightBytes);
          for (const f of flips) bytes[f.at] = f.byte;
          const dir = folder({ 'model.safetensors': bytes });
          const before = tf.memory().numTensors;
          const r = await loadBertFromDir(dir);
          if (r.ok) disposeTree(r.data.weights);
          else expect(r.reason.length).toBeGreaterThan(0);
          expect(tf.memory().numTensors).toBe(before);
          rmSync(dir, { recursive: true });
        },
      ),
      { numRuns: 200, seed: 8 },
    );
  });
});
