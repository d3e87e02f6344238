// bench:bert — embedding tokens/s and fine-tuning steps/s (batch 32 × sequence 64) of a BERT-mini-sized model with
// seeded random weights, on every TF.js backend headless Chromium offers and in Node (wasm).
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../src/ml/backend';
import { disposeTree } from '../src/ml/tensors';
import { launchChromium } from './lib/browser';
import { servePage } from './lib/pageServer';
import { CONFIG, MODEL_DIR, writeBertMini } from './lib/bertMini';
import { openBertFolder } from './lib/bertFolder';
import { ROOT, fmt, machine, median, today, writeJson, writeSection } from './lib/report';
import { BATCH, SEQ, forwardMs, measureEmbed, measureFinetune, type EmbedSample, type Sample } from './bert-page/measure';

const REPS = Number(process.env.BENCH_REPS ?? 5);
/** Per measurement (embedding, fine-tuning) per backend; slow software backends get fewer repetitions, never more time. */
const CAP_MS = Number(process.env.BENCH_CAP_S ?? 20) * 1000;
const TRAIN_CAP_MS = Number(process.env.BENCH_TRAIN_CAP_S ?? 60) * 1000;
// webgl last: a page closed mid-step may leave SwiftShader work queued in the shared GPU process.
const BROWSER_BACKENDS = (process.env.BENCH_BACKENDS ?? 'wasm,cpu,webgpu,webgl').split(',') as BackendName[];
/** Hard wall-clock limit per browser backend: a step can't be interrupted, but its page can be closed. */
const BACKEND_BUDGET_MS = Number(process.env.BENCH_BACKEND_BUDGET_S ?? 100) * 1000;
const OUT = resolve(ROOT, 'bench/out');
const PAGE_DIR = join(OUT, 'bert-page');
interface Run {
  where: string;
  backend: string;
  adapter?: { vendor: string; architecture: string; isFallback: boolean };
  embedding: EmbedSample;
  training: Sample;
}

/**
 * TF.js wasm's BatchMatMul is far slower with a transposed operand than on a pre-transposed one, and HF weights are
 * [out, in]; timed on the FFN's shape so the report shows the gap the model code has to avoid.
 */
async function transposeProbe(): Promise<{ transposeBMs: number; pretransposedMs: number }> {
  const x = tf.randomNormal([BATCH * SEQ, CONFIG.hidden_size]);
  const w = tf.randomNormal([CONFIG.intermediate_size, CONFIG.hidden_size]);
  const wt = w.transpose();
  const time = async (f: () => tf.Tensor) => {
    const runs: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      const y = f();
      await y.data();
      y.dispose();
      runs.push(performance.now() - t0);
    }
    return median(runs.slice(1));
  };
  const result = { transposeBMs: await time(() => tf.matMul(x, w, false, true)), pretransposedMs: await time(() => tf.matMul(x, wt)) };
  tf.dispose([x, w, wt]);
  return result;
}

async function inNode(): Promise<Run & { matmul: { transposeBMs: number; pretransposedMs: number } }> {
  await initBackend('wasm');
  const matmul = await transposeProbe();
  const { model, tokenizer } = await openBertFolder(MODEL_DIR);
  try {
    const embedding = await measureEmbed(model, tokenizer, { reps: REPS, capMs: CAP_MS });
    const training = await measureFinetune(model, tokenizer, { reps: REPS, capMs: TRAIN_CAP_MS }, 3 * forwardMs(embedding));
    return { where: 'Node', backend: 'wasm', embedding, training, matmul };
  } finally {
    disposeTree(model.weights);
  }
}

async function inBrowser(): Promise<{ runs: Run[]; failures: string[]; foreignRequests: string[] }> {
  // The bundle, TF.js's wasm binaries and the model folder, all from localhost.
  const { origin, close } = await servePage({
    entry: resolve(ROOT, 'bench/bert-page/main.ts'),
    pageDir: PAGE_DIR,
    roots: [
      ['/tfjs-wasm/', resolve(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')],
      ['/models/bert-mini-random/', MODEL_DIR],
    ],
    // transformers.js's web build references Node modules it only loads in Node.
    external: ['fs', 'path', 'url', 'sharp', 'onnxruntime-node'],
  });
  const browser = await launchChromium();
  const runs: Run[] = [];
  const failures: string[] = [];
  const foreignRequests: string[] = [];
  try {
    for (const backend of BROWSER_BACKENDS) {
      const page = await browser.newPage();
      page.on(
        'request',
        (r) => !r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:') && foreignRequests.push(r.url()),
      );
      page.on('pageerror', (e) => console.error(`[${backend}] page error: ${e.message}`));
      // The page reports its embedding figures before training, so they survive a training step that overruns the budget.
      let partial: Omit<Run, 'where' | 'training'> | undefined;
      await page.exposeFunction('benchPartial', (p: Omit<Run, 'where' | 'training'>) => void (partial = p));
      try {
        await page.goto(`${origin}/`);
        await page.waitForFunction(() => document.title === 'ready', null, { timeout: 60_000 });
        const t0 = Date.now();
        const running = page.evaluate(
          ([b, reps, capMs, trainCapMs, modelUrl]) =>
            (window as unknown as { runBertBench: (b: string, o: object) => Promise<Run & { gflops: number }> }).runBertBench(b as string, {
              reps,
              capMs,
              trainCapMs,
              modelUrl,
            }),
          [backend, REPS, CAP_MS, TRAIN_CAP_MS, `${origin}/models/bert-mini-random/`] as const,
        );
        running.catch(() => undefined); // rejected when the page is closed after a timeout
        let timer: ReturnType<typeof setTimeout> | undefined;
        const r = await Promise.race([
          running,
          new Promise<'timeout'>((ok) => (timer = setTimeout(() => ok('timeout'), BACKEND_BUDGET_MS))),
        ]);
        clearTimeout(timer);
        const seconds = ((Date.now() - t0) / 1000).toFixed(0);
        if (r === 'timeout') {
          if (!partial) throw new Error(`no result within the ${BACKEND_BUDGET_MS / 1000} s budget`);
          const skipped = `no step finished within the ${BACKEND_BUDGET_MS / 1000} s budget for this backend`;
          console.log(
            `browser ${backend}: ${seconds} s (budget)`,
            JSON.stringify({ e: partial.embedding.values.map(Math.round), est: Math.round(partial.embedding.estimate) }),
          );
          runs.push({ where: 'Chromium', ...partial, training: { values: [], warmupMs: 0, capped: true, skipped } });
          continue;
        }
        console.log(
          `browser ${backend}: ${seconds} s`,
          JSON.stringify({
            e: r.embedding.values.map(Math.round),
            est: Math.round(r.embedding.estimate),
            t: r.training.values.map((v) => v.toFixed(2)),
            skipped: r.training.skipped,
          }),
        );
        runs.push({ where: 'Chromium', backend: r.backend, adapter: r.adapter, embedding: r.embedding, training: r.training });
      } catch (e) {
        failures.push(`${backend}: ${(e as Error).message.split('\n')[0]}`);
        console.error(`browser ${backend} failed:`, (e as Error).message);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    close();
  }
  return { runs, failures, foreignRequests };
}

const started = Date.now();
const params = writeBertMini(MODEL_DIR);
const bytes = statSync(join(MODEL_DIR, 'model.safetensors')).size;
console.log(`model: ${fmt(params)} parameters, ${fmt(bytes / 1e6, 1)} MB at ${MODEL_DIR}`);
const node = await inNode();
console.log(
  'node wasm',
  JSON.stringify({
    e: node.embedding.values.map(Math.round),
    est: Math.round(node.embedding.estimate),
    t: node.training.values.map((v) => v.toFixed(2)),
    matmul: node.matmul,
  }),
);
const browser = await inBrowser();
const runs = [...browser.runs, node];
const totalS = (Date.now() - started) / 1000;

const label = (r: Run) => {
  if (r.backend === 'webgpu' && r.adapter)
    return `webgpu (${r.adapter.isFallback ? 'software adapter: ' : ''}${r.adapter.vendor} ${r.adapter.architecture})`.replace(/ \)$/, ')');
  if (r.backend === 'webgl') return 'webgl (SwiftShader, software)';
  return r.backend;
};
const cell = (s: Sample & { estimate?: number }, digits: number) => {
  if (s.skipped) {
    const unfinished = s.skipped.startsWith('no step finished');
    return {
      med: s.estimate ? `≈ ${fmt(s.estimate, digits)} (estimate)` : unfinished ? 'unfinished' : 'not run',
      range: unfinished ? s.skipped : `not run: ${s.skipped}`,
    };
  }
  const range = `${fmt(Math.min(...s.values), digits)}–${fmt(Math.max(...s.values), digits)}`;
  return { med: fmt(median(s.values), digits), range: `${range} (n = ${s.values.length}${s.capped ? ', time cap' : ''})` };
};
const rows = runs.map((r) => {
  const e = cell(r.embedding, 0);
  const t = cell(r.training, 3);
  return `| ${r.where} | ${label(r)} | ${e.med} | ${e.range} | ${t.med} | ${t.range} |`;
});
const data = {
  date: today(),
  machine: machine(),
  command: 'npm run bench:bert',
  config: CONFIG,
  params,
  bytes,
  batch: BATCH,
  seq: SEQ,
  reps: REPS,
  capMs: CAP_MS,
  trainCapMs: TRAIN_CAP_MS,
  backendBudgetMs: BACKEND_BUDGET_MS,
  runs,
  failures: browser.failures,
  foreignRequests: browser.foreignRequests,
  totalSeconds: totalS,
};
const write = !process.env.BENCH_NO_WRITE; // smoke runs leave the report alone
if (write) writeJson('bert', data);
const section = `## BERT embedding and fine-tuning (\`npm run bench:bert\`)

BERT-mini-sized encoder (4 layers, hidden 256, 4 heads, intermediate 1024, vocab 30,522; ${fmt(params / 1e6, 1)} M parameters, ${fmt(bytes / 1e6, 1)} MB safetensors)
with seeded random weights, written as an HF folder to bench/out/ and loaded through the app's own sources (URL folder in Chromium,
in-memory bundle in Node) and in-memory tokenizer. Batch ${BATCH} × sequence ${SEQ}.
- **Embedding**: tokens/s through tokenize → forward → mean pool → read back (${BATCH * SEQ} tokens per repetition).
- **Fine-tuning**: steps/s of full fine-tuning for sequence classification (AdamW, clipping, dropout 0.1), timed per step.

Median of up to ${REPS} repetitions after one warm-up (min–max, n). To keep the run short on a shared 2-core machine, embedding stops starting
repetitions after ${CAP_MS / 1000} s and fine-tuning after ${TRAIN_CAP_MS / 1000} s (warm-up included), so slow backends show fewer than ${REPS} ("time cap");
a backend where one repetition is expected to take longer than its cap is not run at full size: embedding then shows an estimate from a
one-sequence probe, fine-tuning is left out (expected at about three forward passes a step). Each browser backend has ${BACKEND_BUDGET_MS / 1000} s in all. Machine: ${machine()}; headless Debian Chromium (no GPU: webgl and webgpu run on SwiftShader, in software). Date: ${today()}. Whole run: ${fmt(totalS)} s.

| where | backend | embedding tokens/s | min–max | fine-tuning steps/s | min–max |
|---|---|---|---|---|---|
${rows.join('\n')}
${browser.failures.length ? `\nBackends that failed: ${browser.failures.join('; ')}.\n` : ''}
Requests to other origins during the browser runs: ${browser.foreignRequests.length === 0 ? 'none' : browser.foreignRequests.slice(0, 5).join(', ')}.
For reference, raw TF.js wasm matmul on the FFN's shape in Node (${BATCH * SEQ}×${CONFIG.hidden_size} by a ${CONFIG.intermediate_size}×${CONFIG.hidden_size} weight):
${fmt(node.matmul.transposeBMs)} ms with \`transposeB\`, ${fmt(node.matmul.pretransposedMs)} ms on a pre-transposed weight — model code should avoid transposed operands on wasm.
On a software adapter WebGPU is the slowest choice (GUIDE.md); the app's \`initBackend('auto')\` never picks a fallback adapter.
`;
if (write) writeSection('bert', section);
else console.log(section);
console.log(`${write ? 'wrote BENCHMARKS.md' : 'done'} (${fmt(totalS)} s)`);
