// End to end: `node bin/reclens.mjs embed|classify` on the fixtures, JSON on stdout matching the golden values.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url).pathname;
const FIXTURES = `${ROOT}tests/fixtures/`;
const golden = JSON.parse(readFileSync(`${FIXTURES}golden.json`, 'utf8'));
const texts: string[] = golden.sentences.slice(0, 3);

async function reclens(args: string[]): Promise<{ code: number; out: unknown; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/reclens.mjs', ...args], { cwd: ROOT });
    return { code: 0, out: JSON.parse(stdout), stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout ? JSON.parse(err.stdout) : null, stderr: err.stderr };
  }
}

describe('reclens embed / classify', () => {
  it('embed --json prints {backend, dims, vectors} matching golden mean pooling', async () => {
    const { code, out } = await reclens(['embed', '--model', `${FIXTURES}tiny-bert`, '--json', ...texts]);
    expect(code).toBe(0);
    const { backend, dims, vectors } = out as { backend: string; dims: number; vectors: number[][] };
    expect(backend).toBe('wasm');
    expect(dims).toBe(32);
    expect(vectors).toHaveLength(3);
    vectors.flat().forEach((v, i) => expect(Math.abs(v - golden.mean_pooled.data[i])).toBeLessThan(1e-4));
  });

  it('embed --pooling cls --normalize gives unit [CLS] vectors', async () => {
    const { code, out } = await reclens([
      'embed',
      '--model',
      `${FIXTURES}tiny-bert`,
      '--pooling',
      'cls',
      '--normalize',
      '--json',
      texts[0],
    ]);
    expect(code).toBe(0);
    const [v] = (out as { vectors: number[][] }).vectors;
    const cls: number[] = golden.last_hidden_state.data.slice(0, 32);
    const norm = Math.hypot(...cls);
    v.forEach((x, i) => expect(Math.abs(x - cls[i] / norm)).toBeLessThan(1e-4));
  });

  it('classify --json prints {labels, logits} matching golden logits', async () => {
    const { code, out } = await reclens(['classify', '--model', `${FIXTURES}tiny-bert-classifier`, '--json', ...texts]);
    expect(code).toBe(0);
    const { labels, logits } = out as { labels: string[]; logits: number[][] };
    logits.flat().forEach((v, i) => expect(Math.abs(v - golden.classifier_logits.data[i])).toBeLessThan(1e-4));
    labels.forEach((l, i) => expect(l).toBe(logits[i][1] > logits[i][0] ? 'buy' : 'not_buy'));
  });

  it('reports user errors as {error} with exit code 1', async () => {
    const missing = await reclens(['embed', '--model', `${FIXTURES}nope`, '--json', 'x']);
    expect(missing.code).toBe(1);
    expect((missing.out as { error: string }).error).toMatch(/cannot read .*nope\/config.json/);
    const headless = await reclens(['classify', '--model', `${FIXTURES}tiny-bert`, '--json', 'x']);
    expect(headless.code).toBe(1);
    expect((headless.out as { error: string }).error).toMatch(/no classification head/);
    const badPooling = await reclens(['embed', '--model', `${FIXTURES}tiny-bert`, '--pooling', 'max', '--json', 'x']);
    expect((badPooling.out as { error: string }).error).toMatch(/--pooling must be mean or cls/);
  });
});
