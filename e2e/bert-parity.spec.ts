// The BERT engine inside Chromium matches the independent PyTorch reference on every backend the browser offers.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

const FIXTURES = resolve(import.meta.dirname, '../tests/fixtures');
const golden = JSON.parse(readFileSync(resolve(FIXTURES, 'golden.json'), 'utf8'));
const TOL: number = golden.tolerance.abs;
const L: number = golden.padded_length;
const paddedIds = (golden.input_ids as number[][]).map((r) => [...r, ...new Array(L - r.length).fill(0)]);
/** The classifier folder travels into the page as base64 and is loaded as files the analyst picked. */
const classifierFiles = readdirSync(resolve(FIXTURES, 'tiny-bert-classifier')).map((name) => ({
  name,
  base64: readFileSync(resolve(FIXTURES, 'tiny-bert-classifier', name)).toString('base64'),
}));

function maxDiff(got: number[], key: string): number {
  const want: number[] = golden[key].data;
  expect(got.length).toBe(want.length);
  return want.reduce((worst, w, i) => Math.max(worst, Math.abs(got[i] - w)), 0);
}

for (const backend of ['webgpu', 'webgl', 'wasm'] as const) {
  test(`BERT parity with PyTorch on ${backend}`, async ({ page }) => {
    const app = new RecLensApp(page);
    await app.open();
    const result = await page.evaluate(
      async ({ backend, sentences, L, classifierFiles }) => {
        const ml = window.__reclens!.ml();
        try {
          const info = await ml.initBackend(backend, new URL('tfjs-wasm/', document.baseURI).href);
          if (info.backend !== backend) return { skipped: `asked for ${backend}, got ${info.backend}` };
        } catch (e) {
          return { skipped: String(e) };
        }
        const noProgress = window.__reclens!.proxy(() => {});
        const bert = await ml.loadTextModel({ kind: 'hosted', id: 'tiny-bert', baseUrl: document.baseURI }, 'parity-1', noProgress);
        const files = classifierFiles.map((f) => new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
        const clf = await ml.loadTextModel({ kind: 'files', files }, 'parity-2', noProgress);
        if (!bert.ok || !clf.ok) return { error: `${bert.ok ? '' : bert.reason} ${clf.ok ? '' : clf.reason}` };
        const out = await ml.textForward(bert.data.id, sentences, { maxLength: L, padToMaxLength: true });
        const cls = await ml.textForward(clf.data.id, sentences, { maxLength: L, padToMaxLength: true });
        // Layer 0, head 0: [batch, heads, len, len] → [batch, len, len].
        const a = out.attentions[0];
        const [b, heads, l] = a.shape;
        const head0: number[] = [];
        for (let i = 0; i < b; i++) head0.push(...Array.from(a.data.subarray(i * heads * l * l, i * heads * l * l + l * l)));
        return {
          backend: out.backend,
          inputIds: out.inputIds,
          attentionMask: out.attentionMask,
          last: Array.from(out.lastHiddenState.data),
          pooler: Array.from(out.poolerOutput!.data),
          mean: Array.from(out.meanPooled.data),
          head0,
          logits: Array.from(cls.logits!.data),
          labels: clf.data.labels,
        };
      },
      { backend, sentences: golden.sentences as string[], L, classifierFiles },
    );
    test.skip('skipped' in result, `backend not offered by this browser: ${'skipped' in result ? result.skipped : ''}`);
    if ('error' in result) throw new Error(result.error);
    if (!('backend' in result) || !result.last) throw new Error('no result');
    test.info().annotations.push({ type: 'backend', description: result.backend });
    expect(result.backend).toBe(backend);
    expect(result.inputIds).toEqual(paddedIds);
    expect(result.attentionMask).toEqual(golden.attention_mask);
    const diffs = {
      last_hidden_state: maxDiff(result.last, 'last_hidden_state'),
      pooler_output: maxDiff(result.pooler, 'pooler_output'),
      mean_pooled: maxDiff(result.mean, 'mean_pooled'),
      attentions_layer0_head0: maxDiff(result.head0, 'attentions_layer0_head0'),
      classifier_logits: maxDiff(result.logits, 'classifier_logits'),
    };
    console.log(`[bert-parity] backend=${backend} max |diff|: ${JSON.stringify(diffs)}`);
    for (const d of Object.values(diffs)) expect(d).toBeLessThanOrEqual(TOL);
    expect(result.labels).toEqual(['not_buy', 'buy']);
  });
}
