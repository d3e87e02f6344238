// npm run bench — RecLens side by side with the stacks a user would pick instead, in one invocation on one machine
// (issue #9): SASRec training vs PyTorch, ingestion vs pandas and papaparse, PC vs a textbook numpy PC, and the
// training step's achieved FLOP/s vs OpenBLAS sgemm and a large TF.js matmul. Medians of BENCH_REPS (5) repetitions.
// Usage: npx tsx bench/all.ts [--no-browser]   (needs Debian's python3-torch, python3-pandas, libopenblas0-pthread)
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/ml/backend';
import { loadEvents } from '../src/data/csv/load';
import { fileSource } from '../src/cli/files';
import { runPc } from '../src/causal/pc';
import { randomLinearSem, sampleLinearSem } from '../src/causal/simulate';
import { ROOT, fmt, machine, median, today, writeJson, writeSection } from './lib/report';
import { generateEvents, ingestInBrowser } from './lib/ingest';
import { runSeqRecTfjs, seqrecData, stepFlops } from './side/seqrec';
import { writeSeqRecFiles } from './side/seqrecFiles';
import { trainInBrowser } from './side/browser';

const { values: args } = parseArgs({ options: { 'no-browser': { type: 'boolean', default: false } } });
const REPS = Number(process.env.BENCH_REPS ?? 5);
const STEPS = Number(process.env.BENCH_STEPS ?? 40);
const ROWS = 2_000_000;
const PY = '/usr/bin/python3';
const OUT = resolve(ROOT, 'bench/out/side');
const started = performance.now();
const loads: Record<string, number> = { start: loadavg()[0] };

/** Runs python3 and parses the JSON it prints last. OpenMP threads sleep when idle (PASSIVE): spinning on a shared 2-core machine made every small op take ~8 ms. */
function py(argv: string[], env: Record<string, string> = {}): Record<string, unknown> {
  const out = execFileSync(PY, argv, { env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE', ...env }, maxBuffer: 1 << 28 }).toString().trim().split('\n');
  return JSON.parse(out[out.length - 1]) as Record<string, unknown>;
}
const time = async (f: () => unknown): Promise<number> => {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
};
const stats = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });
type Stats = ReturnType<typeof stats>;
const log = (what: string, x: unknown) => console.log(`[${fmt((performance.now() - started) / 1000, 0)} s, load ${fmt(loadavg()[0], 2)}] ${what}`, JSON.stringify(x));

await initBackend('wasm');
const wasmThreads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');

// 1. Training: the same batches and initial weights on both sides.
const data = seqrecData(STEPS);
writeSeqRecFiles(data, resolve(OUT, 'seqrec'));
const tail = (losses: number[]) => median(losses.slice(-5));
const tfRuns = [];
for (let r = 0; r < REPS; r++) tfRuns.push(await runSeqRecTfjs(data, r));
const train = {
  config: data.config,
  steps: STEPS,
  reclens: { stepsPerSec: stats(tfRuns.map((r) => r.stepsPerSec)), firstLoss: stats(tfRuns.map((r) => r.losses[0])), finalLoss: stats(tfRuns.map((r) => tail(r.losses))) },
  torch: {} as Record<string, { stepsPerSec: Stats; firstLoss: Stats; finalLoss: Stats; version: string }>,
};
for (const threads of [1, 2]) {
  const res = py([resolve(ROOT, 'bench/reference/seqrec.py'), resolve(OUT, 'seqrec'), String(REPS), String(threads)]) as { torch: string; runs: { stepsPerSec: number; losses: number[] }[] };
  train.torch[threads] = { version: res.torch, stepsPerSec: stats(res.runs.map((r) => r.stepsPerSec)), firstLoss: stats(res.runs.map((r) => r.losses[0])), finalLoss: stats(res.runs.map((r) => tail(r.losses))) };
}
// The same steps in Chromium (TF.js wasm), through a page bundling the same core code.
let chromium: { stepsPerSec: Stats; finalLoss: Stats; threads: boolean } | { skipped: string } = { skipped: '--no-browser' };
if (!args['no-browser']) {
  try {
    const br = await trainInBrowser('wasm', STEPS, REPS, 15 * 60_000);
    chromium = { stepsPerSec: stats(br.runs.map((r) => r.stepsPerSec)), finalLoss: stats(br.runs.map((r) => tail(r.losses))), threads: br.threads };
  } catch (e) {
    chromium = { skipped: `failed: ${(e as Error).message.split('\n')[0]}` };
  }
}
loads.train = loadavg()[0];
log('train', { ...train, chromium });

// 2. FLOP/s: the training step's achieved rate vs sgemm (numpy/OpenBLAS) and a large TF.js wasm matmul.
const flops = stepFlops(data.config, data.batches[0].arrays.batch * data.batches[0].arrays.len);
const N = 1024;
const a = tf.randomNormal([N, N]);
const b = tf.randomNormal([N, N]);
const mm = async () => {
  const c = tf.matMul(a, b);
  await c.data();
  c.dispose();
};
await mm();
const tfjsMatmul: number[] = [];
for (let r = 0; r < REPS; r++) tfjsMatmul.push((2 * N ** 3) / (await time(mm)) / 1e9);
tf.dispose([a, b]);
const sgemm = (threads: number) =>
  (py(['-c', `import json,time,numpy as np
a=np.random.rand(${N},${N}).astype(np.float32);b=a.copy();a@b;g=[]
for _ in range(${REPS}):
  t=time.perf_counter();a@b;g.append(2*${N}**3/(time.perf_counter()-t)/1e9)
print(json.dumps(g))`.replace(/^/, '')], { OPENBLAS_NUM_THREADS: String(threads) }) as unknown as number[]);
const gflops = {
  stepGflop: flops / 1e9,
  reclensStep: (flops * train.reclens.stepsPerSec.median) / 1e9,
  torchStep1: (flops * train.torch[1].stepsPerSec.median) / 1e9,
  torchStep2: (flops * train.torch[2].stepsPerSec.median) / 1e9,
  tfjsMatmul: stats(tfjsMatmul),
  sgemm1: stats(sgemm(1)),
  sgemm2: stats(sgemm(2)),
};
log('gflops', gflops);

// 3. Ingestion of the same generated CSV.
const csv = generateEvents(ROWS);
const bytes = statSync(csv).size;
const nodeIngest: number[] = [];
for (let r = 0; r < REPS; r++) {
  let rows = 0;
  const s = await time(async () => {
    const res = await loadEvents(fileSource(csv));
    rows = res.ok ? res.data.log.length : 0;
  });
  if (rows !== ROWS) throw new Error('loadEvents did not load every row');
  nodeIngest.push(ROWS / s);
}
// papaparse as a page would call it on the main thread: the whole text, header row, typed values.
const papa: number[] = [];
for (let r = 0; r < REPS; r++) {
  let rows = 0;
  const s = await time(() => {
    rows = Papa.parse(readFileSync(csv, 'utf8'), { header: true, dynamicTyping: true, skipEmptyLines: true }).data.length;
  });
  if (rows !== ROWS) throw new Error(`papaparse read ${rows} rows`);
  papa.push(ROWS / s);
}
const pandas = py(['-c', `import json,time,pandas as pd
g=[]
for _ in range(${REPS}):
  t=time.perf_counter();df=pd.read_csv(${JSON.stringify(csv)});g.append(len(df)/(time.perf_counter()-t))
print(json.dumps({'version':pd.__version__,'rowsPerSec':g}))`]) as { version: string; rowsPerSec: number[] };
let app: { parse: Stats; load: Stats; longestTaskMs: number } | { skipped: string } = { skipped: '--no-browser' };
if (!args['no-browser']) {
  try {
    execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
    const br = await ingestInBrowser(csv, ROWS, REPS, null);
    app = { parse: stats(br.workerRowsPerSec), load: stats(br.rowsPerSec), longestTaskMs: Math.max(...br.longestTaskMs) };
  } catch (e) {
    app = { skipped: `failed: ${(e as Error).message.split('\n')[0]}` };
  }
}
const ingest = { rows: ROWS, bytes, node: stats(nodeIngest), papaparse: stats(papa), pandas: { version: pandas.version, ...stats(pandas.rowsPerSec) }, app };
loads.ingest = loadavg()[0];
log('ingest', ingest);

// 4. PC on 20 variables × 100,000 rows, the same matrix on both sides.
const sem = randomLinearSem(20, 20, 7);
const table = sampleLinearSem(sem, 100_000, 8);
const d = table.names.length;
const n = table.columns[0].length;
const matrix = new Float64Array(n * d);
table.columns.forEach((col, j) => col.forEach((v, i) => (matrix[i * d + j] = v)));
writeFileSync(resolve(OUT, 'pc.f64'), matrix);
const pcTimes: number[] = [];
let pcResult: ReturnType<typeof runPc> | undefined;
for (let r = 0; r < REPS; r++) pcTimes.push(await time(() => (pcResult = runPc(table, { alpha: 0.01 }))));
if (!pcResult?.ok) throw new Error('PC failed');
const ref = py([resolve(ROOT, 'bench/reference/pc.py'), resolve(OUT, 'pc.f64'), String(n), String(d), '0.01', String(REPS)]) as { seconds: number[]; tests: number; edges: [number, number, boolean][] };
const key = (i: number, j: number) => (i < j ? `${i}-${j}` : `${j}-${i}`);
const idx = new Map(table.names.map((name, i) => [name, i]));
const ours = new Set(pcResult.data.edges.map((e) => key(idx.get(e.from)!, idx.get(e.to)!)));
const theirs = new Set(ref.edges.map(([i, j]) => key(i, j)));
const pc = {
  d, n, trueEdges: sem.edges.length,
  reclens: { seconds: stats(pcTimes), tests: pcResult.data.tests, edges: ours.size, directed: pcResult.data.edges.filter((e) => e.directed).length },
  reference: { seconds: stats(ref.seconds), tests: ref.tests, edges: theirs.size, directed: ref.edges.filter((e) => e[2]).length },
  sameSkeleton: ours.size === theirs.size && [...ours].every((k) => theirs.has(k)),
};
loads.pc = loadavg()[0];
log('pc', pc);

// Report.
const totalSec = (performance.now() - started) / 1000;
const range = (s: Stats, digits = 0) => `${fmt(s.min, digits)}–${fmt(s.max, digits)}`;
const ratio = (x: number) => `${fmt(x, 2)}×`;
const t1 = train.torch[1], t2 = train.torch[2];
const bestTorch = t1.stepsPerSec.median >= t2.stepsPerSec.median ? { t: t1, threads: 1 } : { t: t2, threads: 2 };
const trainRatio = train.reclens.stepsPerSec.median / bestTorch.t.stepsPerSec.median;
const lossGap = Math.abs(train.reclens.finalLoss.median - bestTorch.t.finalLoss.median);
const lossSpread = Math.max(train.reclens.finalLoss.max - train.reclens.finalLoss.min, t1.finalLoss.max - t1.finalLoss.min, t2.finalLoss.max - t2.finalLoss.min);
const ingestRatio = ingest.node.median / ingest.pandas.median;
const rows: string[][] = [
  [`SASRec training, steps/s (Node, TF.js wasm${wasmThreads ? '' : ', 1 thread'})`, `${fmt(train.reclens.stepsPerSec.median, 2)} (${range(train.reclens.stepsPerSec, 2)})`, `PyTorch ${t1.version} CPU, 1 thread: ${fmt(t1.stepsPerSec.median, 2)} (${range(t1.stepsPerSec, 2)})`, ratio(train.reclens.stepsPerSec.median / t1.stepsPerSec.median)],
  ['', '', `PyTorch, 2 threads: ${fmt(t2.stepsPerSec.median, 2)} (${range(t2.stepsPerSec, 2)})`, ratio(train.reclens.stepsPerSec.median / t2.stepsPerSec.median)],
  'stepsPerSec' in chromium
    ? [`SASRec training, steps/s (headless Chromium, TF.js wasm${chromium.threads ? '' : ', 1 thread'})`, `${fmt(chromium.stepsPerSec.median, 2)} (${range(chromium.stepsPerSec, 2)}); loss after ${STEPS} steps ${fmt(chromium.finalLoss.median, 4)}`, `PyTorch, ${bestTorch.threads} thread${bestTorch.threads > 1 ? 's' : ''}`, ratio(chromium.stepsPerSec.median / bestTorch.t.stepsPerSec.median)]
    : ['SASRec training in Chromium', chromium.skipped, '', ''],
  [`SASRec loss after ${STEPS} steps (median of the last 5 steps)`, `${fmt(train.reclens.finalLoss.median, 4)} (${range(train.reclens.finalLoss, 4)})`, `1 thread ${fmt(t1.finalLoss.median, 4)} (${range(t1.finalLoss, 4)}); 2 threads ${fmt(t2.finalLoss.median, 4)}`, `Δ ${fmt(lossGap, 4)}`],
  ['SASRec loss at step 1', fmt(train.reclens.firstLoss.median, 4), fmt(t1.firstLoss.median, 4), `Δ ${fmt(Math.abs(train.reclens.firstLoss.median - t1.firstLoss.median), 4)}`],
  ['Training step, achieved GFLOP/s', fmt(gflops.reclensStep, 1), `PyTorch step: ${fmt(gflops.torchStep1, 1)} (1 thread), ${fmt(gflops.torchStep2, 1)} (2 threads)`, ratio(gflops.reclensStep / Math.max(gflops.torchStep1, gflops.torchStep2))],
  [`${N}×${N} float32 matmul, GFLOP/s`, `TF.js wasm: ${fmt(gflops.tfjsMatmul.median, 1)} (${range(gflops.tfjsMatmul, 1)})`, `numpy/OpenBLAS sgemm: ${fmt(gflops.sgemm1.median, 1)} (1 thread), ${fmt(gflops.sgemm2.median, 1)} (2 threads)`, ratio(gflops.tfjsMatmul.median / Math.max(gflops.sgemm1.median, gflops.sgemm2.median))],
  ['Training step as a share of the same backend\'s large matmul', `${fmt((100 * gflops.reclensStep) / gflops.tfjsMatmul.median, 0)}%`, `PyTorch step vs 1-thread sgemm: ${fmt((100 * gflops.torchStep1) / gflops.sgemm1.median, 0)}%`, ''],
  [`Ingestion, rows/s (${fmt(ROWS)} rows, ${fmt(bytes / 1e6, 1)} MB)`, `Node \`loadEvents\`: ${fmt(ingest.node.median)} (${range(ingest.node)})`, `pandas ${ingest.pandas.version} \`read_csv\`: ${fmt(ingest.pandas.median)} (${range(ingest.pandas)})`, ratio(ingestRatio)],
  ['', '', `papaparse, one thread, whole text, header + dynamicTyping: ${fmt(ingest.papaparse.median)} (${range(ingest.papaparse)})`, ratio(ingest.node.median / ingest.papaparse.median)],
  ...('parse' in app
    ? [
        ['', `app (Chromium), parse worker: ${fmt(app.parse.median)} (${range(app.parse)}); click Load → shown: ${fmt(app.load.median)}`, `pandas`, ratio(app.parse.median / ingest.pandas.median)],
        ['', '', 'papaparse', ratio(app.parse.median / ingest.papaparse.median)],
      ]
    : [['', `app (Chromium): ${app.skipped}`, '', '']]),
  [`PC-stable, Fisher-z, α 0.01, ${d} vars × ${fmt(n)} rows, seconds`, `${fmt(pc.reclens.seconds.median, 2)} (${range(pc.reclens.seconds, 2)}), ${pc.reclens.tests} tests`, `textbook numpy PC (ours, bench/reference/pc.py): ${fmt(pc.reference.seconds.median, 2)} (${range(pc.reference.seconds, 2)}), ${pc.reference.tests} tests`, ratio(pc.reference.seconds.median / pc.reclens.seconds.median)],
];
const result = { date: today(), machine: machine(), loads, reps: REPS, totalSec, wasmThreads, train: { ...train, chromium }, gflops, ingest, pc };
const jsonFile = writeJson('side-by-side', result);
log('wrote', jsonFile);
const met = (ok: boolean) => (ok ? 'met' : 'not met');
writeSection('side-by-side', `## Side by side with the reference stacks (\`npm run bench\`)

One invocation, one machine: ${machine()}, no GPU. Date: ${today()}. Whole run ${fmt(totalSec, 0)} s. Median of ${REPS} repetitions (min–max).
1-minute load average: ${Object.entries(loads).map(([k, v]) => `${k} ${fmt(v, 1)}`).join(', ')} — other work shares these 2 cores, so every figure is lower than on an idle machine, on both sides.
Ratio = RecLens's speed ÷ the reference's (> 1: RecLens faster). JSON: bench/results/side-by-side-*.json.

| figure | RecLens | reference | ratio |
|---|---|---|---|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

- **Training**: SASRec as bench:rec trains it (${data.config.layers} layers, hidden ${data.config.hidden}, ${data.config.heads} heads, FFN ${data.config.intermediate}, maxLen ${data.config.maxLen}, batch ${data.config.batchSize}, ${fmt(data.config.numItems)} items, full softmax, dropout ${data.config.dropout}, AdamW lr ${data.config.learningRate} wd ${data.config.weightDecay}, clip ${data.config.maxGradNorm}), ${STEPS} steps per repetition on the same ${STEPS} seeded batches (full-length walks over the catalog, no padding) from the same initial weights, which bench/side/seqrec.ts writes and bench/reference/seqrec.py (ours: the same post-LN encoder in PyTorch) reads. RecLens runs the app's own sequenceLoss, clipByGlobalNorm and AdamW. steps/s over steps 2–${STEPS}. Only dropout masks differ, so the losses agree within noise: final-loss gap ${fmt(lossGap, 4)} against a spread of ${fmt(lossSpread, 4)} across repetitions.
- **FLOP/s**: ${fmt(gflops.stepGflop, 2)} GFLOP per step counted from the shapes (matmuls only, backward = 2× forward). Where the training gap goes: RecLens's step reaches ${fmt((100 * gflops.reclensStep) / gflops.tfjsMatmul.median, 0)}% of TF.js wasm's own large-matmul rate and PyTorch's 1-thread step ${fmt((100 * gflops.torchStep1) / gflops.sgemm1.median, 0)}% of 1-thread sgemm, so most of the ${fmt(t1.stepsPerSec.median / train.reclens.stepsPerSec.median, 1)}× gap to 1-thread PyTorch is the matmul kernel itself (TF.js wasm ${fmt(gflops.tfjsMatmul.median, 1)} vs OpenBLAS ${fmt(gflops.sgemm1.median, 1)} GFLOP/s, ${fmt(gflops.sgemm1.median / gflops.tfjsMatmul.median, 1)}×), the rest overhead per op (small shapes, elementwise kernels, no fusion). TF.js wasm runs one thread here (WASM_HAS_MULTITHREAD_SUPPORT ${wasmThreads}); PyTorch runs with OMP_WAIT_POLICY=PASSIVE, without which its 2-thread OpenMP pool spun on this shared machine and took ~8 ms per small op (0.8 steps/s).
- **Ingestion**: bench:ingest's generated CSV; pandas and papaparse time the parse only (file already in the page cache; interpreter start excluded); papaparse builds one object per row as a page would.
- **PC**: the same linear-Gaussian sample (seeded, ${pc.trueEdges} true edges) on both sides; skeletons ${pc.sameSkeleton ? 'identical' : 'differ'} (RecLens ${pc.reclens.edges} edges, ${pc.reclens.directed} directed; reference ${pc.reference.edges}, ${pc.reference.directed} directed).

Goals (#9): training within 1.5× of PyTorch on the same CPU — ${met(trainRatio >= 1 / 1.5)} (${ratio(trainRatio)} of the faster PyTorch setting, ${bestTorch.threads} thread${bestTorch.threads > 1 ? 's' : ''}); ingestion ≥ pandas — ${met(ingestRatio >= 1)} in Node${'parse' in app ? `, ${met(app.parse.median >= ingest.pandas.median)} in the app's worker` : ''}.
Not measured here: embedding vs transformers.js (needs an ONNX export of the BERT configs); WebGPU vs PyTorch CUDA (no GPU); SASRec training on Chromium's webgl/webgpu (software SwiftShader here); UI main-thread latency while training.
`);
console.log('wrote BENCHMARKS.md');
