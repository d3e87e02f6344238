// Embedding before/after for the fused kernels (issue #23), in headless Chromium, one thread each side:
//   npx tsx bench/side/embedAB.ts [--reps 7] [--models tiny-bert,bert-mini]
// Prints medians (min–max) per variant, the ratio to transformers.js (of medians, and the median of per-round ratios),
// the largest difference from its embeddings, and the 1-minute load average before and after.
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../lib/browser';
import { findTorchPython } from '../lib/python';
import { servePage, withDeadline } from '../lib/pageServer';
import { ROOT } from '../lib/report';
import { prepareEmbedModels } from './embed';
import type { EmbedABResult } from './embedABVariants';

const { values: args } = parseArgs({ options: { reps: { type: 'string', default: '7' }, models: { type: 'string' } } });
const reps = Number(args.reps);
const python = findTorchPython();
if (!python) throw new Error('needs a python with torch for the ONNX export (bench/reference/bert_onnx.py)');
const wanted = args.models?.split(',');
const models = prepareEmbedModels(python).filter((m) => !wanted || wanted.includes(m.name));
const OUT = resolve(ROOT, 'bench/out/side/embed');
const { origin, close } = await servePage({
  entry: resolve(ROOT, 'bench/side/embedABPage.ts'),
  pageDir: resolve(ROOT, 'bench/out/side/embed-ab-page'),
  roots: [
    ['/tfjs-wasm/', resolve(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')],
    ['/ort/', resolve(ROOT, 'node_modules/onnxruntime-web/dist')],
    ['/onnx-models/', join(OUT, 'onnx')],
    ...models.map((m): [string, string] => [`/models/${m.name}/`, m.dir]),
  ],
  external: ['fs', 'path', 'url', 'sharp', 'onnxruntime-node'],
});
const browser = await launchChromium();
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
try {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.title === 'ready', null, { timeout: 60_000 });
  for (const m of models) {
    const loadBefore = loadavg()[0];
    const running = page.evaluate(
      ([name, r]) => (window as unknown as { runEmbedAB: (n: string, r: number) => Promise<EmbedABResult> }).runEmbedAB(name, r),
      [m.name, reps] as const,
    );
    const result = await withDeadline(running, 15 * 60_000);
    const ort = median(result.tokensPerSecond['transformers.js']);
    console.log(
      `${m.name} (${(m.params / 1e6).toFixed(2)} M parameters), ${result.backend}, ${reps} reps, load ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)}`,
    );
    // Besides the ratio of medians, the median of per-round ratios: each round's variants ran back to back, so a
    // burst of load on the shared machine falls on both sides of a pair.
    const ortRuns = result.tokensPerSecond['transformers.js'];
    for (const [k, v] of Object.entries(result.tokensPerSecond)) {
      const line = `${Math.round(median(v))} (${Math.round(Math.min(...v))}–${Math.round(Math.max(...v))}) tokens/s`;
      const paired = median(v.map((x, i) => x / ortRuns[i]));
      console.log(
        `  ${k.padEnd(30)} ${line.padEnd(32)} ${(median(v) / ort).toFixed(2)}× (paired ${paired.toFixed(2)}×)  max|Δ| ${result.maxAbsDiff[k].toExponential(1)}`,
      );
    }
    console.log(JSON.stringify({ model: m.name, ...result }));
  }
} finally {
  await browser.close();
  close();
}
