// npm run bench — RecLens side by side with the stacks a user would pick instead, in one invocation on one machine
// (issue #9): SASRec training vs PyTorch, BERT embedding vs transformers.js, ingestion vs pandas and papaparse, PC vs
// a textbook numpy PC, the training step's achieved FLOP/s vs OpenBLAS sgemm and a large TF.js matmul, and the UI's
// latency while a model trains. Medians of BENCH_REPS (5) repetitions.
// Usage: npx tsx bench/all.ts [--no-browser]   (needs Debian's python3-torch, python3-pandas, libopenblas0-pthread)
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/ml/backend';
import { enableRelaxedSimd } from '../src/cli/relaxedSimd';
import { batchMatMul } from '../src/ml/transformer/batchMatMul';
import { loadEvents } from '../src/data/csv/load';
import { fileSource } from '../src/cli/files';
import { runPc } from '../src/causal/pc';
import { randomLinearSem, sampleLinearSem } from '../src/causal/simulate';
import { ROOT, fmt, machine, median, today, writeJson, writeSection } from './lib/report';
import { generateEvents, ingestInBrowser, pandasReadOnce } from './lib/ingest';
import { runSeqRecTfjs, seqrecData, stepFlops } from './side/seqrec';
import { writeSeqRecFiles } from './side/seqrecFiles';
import { trainInBrowser } from './side/browser';
import { embedInBrowser, embedInNode, prepareEmbedModels, type BrowserEmbed } from './side/embed';
import type { EmbedComparison } from './side/embedMeasure';
import { uiLatencyWhileTraining, type UiLatency } from './side/uiLatency';
import { sideBySideMarkdown, stats, type BrowserTrain, type SideBySide, type Stats, type TrainStats } from './side/markdown';

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
  const out = execFileSync(PY, argv, { env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE', ...env }, maxBuffer: 1 << 28 })
    .toString()
    .trim()
    .split('\n');
  return JSON.parse(out[out.length - 1]) as Record<string, unknown>;
}
const time = async (f: () => unknown): Promise<number> => {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
};
const log = (what: string, x: unknown) =>
  console.log(`[${fmt((performance.now() - started) / 1000, 0)} s, load ${fmt(loadavg()[0], 2)}] ${what}`, JSON.stringify(x));

/**
 * GFLOP/s of one n × n float32 product on the active backend, each after one untimed product of the same operands:
 * XNNPACK's (tf.matMul) and RecLens's own 2-D product (batchMatMul: gemm.wat where it applies), back to back, and the
 * faster of the two, the backend's large-matmul rate the step is measured against.
 */
async function tfjsMatmulRate(n: number): Promise<{ xnnpack: number; reclens: number; best: number }> {
  const [a, b] = [tf.randomNormal([n, n]), tf.randomNormal([n, n])];
  const rate = async (multiply: () => tf.Tensor) => {
    const product = async () => {
      const c = multiply();
      await c.data();
      c.dispose();
    };
    await product();
    return (2 * n ** 3) / (await time(product)) / 1e9;
  };
  const xnnpack = await rate(() => tf.matMul(a, b));
  const reclens = await rate(() => batchMatMul(a, b));
  tf.dispose([a, b]);
  return { xnnpack, reclens, best: Math.max(xnnpack, reclens) };
}

// Node's side runs the kernels the CLI runs: the kernels' fused multiply-add twins (Node 20 needs the flag).
enableRelaxedSimd();
await initBackend('wasm');
const wasmThreads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');

// 1. Training: the same batches and initial weights on both sides.
const data = seqrecData(STEPS);
writeSeqRecFiles(data, resolve(OUT, 'seqrec'));
const tail = (losses: number[]) => median(losses.slice(-5));
// The step's share of its backend's own large-matmul rate is taken run by run: a 1024² product timed right after each
// run, on the same machine at the same load. Taken minutes apart, the two rates moved with other work on the 2 cores
// (the share read 46–51% in runs of one tree).
const flops = stepFlops(data.config, data.batches[0].arrays.batch * data.batches[0].arrays.len);
const tfRuns = [];
const pairedMatmul: number[] = [];
for (let r = 0; r < REPS; r++) {
  tfRuns.push(await runSeqRecTfjs(data, r));
  pairedMatmul.push((await tfjsMatmulRate(1024)).best);
}
const train = {
  config: data.config,
  steps: STEPS,
  reclens: {
    stepsPerSec: stats(tfRuns.map((r) => r.stepsPerSec)),
    firstLoss: stats(tfRuns.map((r) => r.losses[0])),
    finalLoss: stats(tfRuns.map((r) => tail(r.losses))),
    pairedMatmul: stats(pairedMatmul),
    share: stats(tfRuns.map((r, k) => (flops * r.stepsPerSec) / 1e9 / pairedMatmul[k])),
  },
  torch: {} as Record<string, TrainStats & { version: string }>,
};
for (const threads of [1, 2]) {
  // OpenBLAS keeps its own thread pool, which torch.set_num_threads does not limit: without this its "1-thread" products
  // ran on both cores (a 1024² product at 280 GFLOP/s against 155 with the variable set; runs before 2026-12-07).
  const res = py([resolve(ROOT, 'bench/reference/seqrec.py'), resolve(OUT, 'seqrec'), String(REPS), String(threads)], {
    OPENBLAS_NUM_THREADS: String(threads),
  }) as {
    torch: string;
    runs: { stepsPerSec: number; losses: number[]; matmulGflops: number }[];
  };
  train.torch[threads] = {
    version: res.torch,
    stepsPerSec: stats(res.runs.map((r) => r.stepsPerSec)),
    firstLoss: stats(res.runs.map((r) => r.losses[0])),
    finalLoss: stats(res.runs.map((r) => tail(r.losses))),
    pairedMatmul: stats(res.runs.map((r) => r.matmulGflops)),
    share: stats(res.runs.map((r) => (flops * r.stepsPerSec) / 1e9 / r.matmulGflops)),
  };
}
// The same steps in Chromium (TF.js wasm), through a page bundling the same core code: on a plain page (one thread)
// and on a cross-origin isolated one, where TF.js runs its threaded build.
const chromiumTrain = async (isolation: boolean, backend = 'wasm', steps = STEPS, reps = REPS): Promise<BrowserTrain> => {
  if (args['no-browser']) return { skipped: '--no-browser' };
  try {
    const br = await trainInBrowser(backend, steps, reps, 15 * 60_000, isolation);
    return {
      stepsPerSec: stats(br.runs.map((r) => r.stepsPerSec)),
      finalLoss: stats(br.runs.map((r) => tail(r.losses))),
      threads: br.threads,
    };
  } catch (e) {
    return { skipped: `failed: ${(e as Error).message.split('\n')[0]}` };
  }
};
const chromium = await chromiumTrain(false);
const chromiumIsolated = await chromiumTrain(true);
// WebGL runs on SwiftShader here (software), ~30× slower than wasm: a few steps, once, show the rate. WebGPU's
// SwiftShader adapter did not finish one SASRec step in ten minutes (bench:train), so it is not started.
const WEBGL_STEPS = 4;
const chromiumWebgl = await chromiumTrain(false, 'webgl', WEBGL_STEPS, 1);
loads.train = loadavg()[0];
log('train', { ...train, chromium, chromiumIsolated, chromiumWebgl });

// 2. FLOP/s: the training step's achieved rate vs sgemm (numpy/OpenBLAS) and a large TF.js wasm matmul.
const N = 1024;
const tfjsMatmul: number[] = [];
const xnnpackMatmul: number[] = [];
for (let r = 0; r < REPS; r++) {
  const { xnnpack, reclens } = await tfjsMatmulRate(N);
  tfjsMatmul.push(reclens);
  xnnpackMatmul.push(xnnpack);
}
const sgemm = (threads: number) =>
  py(
    [
      '-c',
      `import json,time,numpy as np
a=np.random.rand(${N},${N}).astype(np.float32);b=a.copy();a@b;g=[]
for _ in range(${REPS}):
  t=time.perf_counter();a@b;g.append(2*${N}**3/(time.perf_counter()-t)/1e9)
print(json.dumps(g))`.replace(/^/, ''),
    ],
    { OPENBLAS_NUM_THREADS: String(threads) },
  ) as unknown as number[];
const gflops = {
  matmulSide: N,
  stepGflop: flops / 1e9,
  reclensStep: (flops * train.reclens.stepsPerSec.median) / 1e9,
  torchStep1: (flops * train.torch[1].stepsPerSec.median) / 1e9,
  torchStep2: (flops * train.torch[2].stepsPerSec.median) / 1e9,
  tfjsMatmul: stats(tfjsMatmul),
  xnnpackMatmul: stats(xnnpackMatmul),
  sgemm1: stats(sgemm(1)),
  sgemm2: stats(sgemm(2)),
};
log('gflops', gflops);

// 3. Ingestion of the same generated CSV.
const csv = generateEvents(ROWS);
const bytes = statSync(csv).size;
// Each load, in Node and in the app below, is followed by a pandas run and the ratio is taken pair by pair: pandas
// alone ranged 1.0–2.1 M rows/s within one run here, so a ratio of medians taken minutes apart said more about the
// machine than the parsers.
const nodeIngest: number[] = [];
const nodePandas: number[] = [];
let pandasVersion = '';
for (let r = 0; r < REPS; r++) {
  let rows = 0;
  const s = await time(async () => {
    const res = await loadEvents(fileSource(csv));
    rows = res.ok ? res.data.log.length : 0;
  });
  if (rows !== ROWS) throw new Error('loadEvents did not load every row');
  nodeIngest.push(ROWS / s);
  const pd = pandasReadOnce(PY, csv);
  pandasVersion = pd.version;
  nodePandas.push(pd.rowsPerSec);
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
let app: { parse: Stats; load: Stats; longestTaskMs: number; pairedPandas: Stats; pairedRatio: Stats } | { skipped: string } = {
  skipped: '--no-browser',
};
if (!args['no-browser']) {
  try {
    execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
    const pairedPandas: number[] = [];
    const br = await ingestInBrowser(csv, ROWS, REPS, null, () => pairedPandas.push(pandasReadOnce(PY, csv).rowsPerSec));
    app = {
      parse: stats(br.workerRowsPerSec),
      load: stats(br.rowsPerSec),
      longestTaskMs: Math.max(...br.longestTaskMs),
      pairedPandas: stats(pairedPandas),
      pairedRatio: stats(br.workerRowsPerSec.map((x, k) => x / pairedPandas[k])),
    };
  } catch (e) {
    app = { skipped: `failed: ${(e as Error).message.split('\n')[0]}` };
  }
}
const ingest = {
  rows: ROWS,
  bytes,
  node: stats(nodeIngest),
  papaparse: stats(papa),
  pandas: { version: pandasVersion, ...stats(nodePandas) },
  nodeRatio: stats(nodeIngest.map((x, k) => x / nodePandas[k])),
  app,
};
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
const ref = py([resolve(ROOT, 'bench/reference/pc.py'), resolve(OUT, 'pc.f64'), String(n), String(d), '0.01', String(REPS)]) as {
  seconds: number[];
  tests: number;
  edges: [number, number, boolean][];
};
const key = (i: number, j: number) => (i < j ? `${i}-${j}` : `${j}-${i}`);
const idx = new Map(table.names.map((name, i) => [name, i]));
const ours = new Set(pcResult.data.edges.map((e) => key(idx.get(e.from)!, idx.get(e.to)!)));
const theirs = new Set(ref.edges.map(([i, j]) => key(i, j)));
const pc = {
  d,
  n,
  trueEdges: sem.edges.length,
  reclens: {
    seconds: stats(pcTimes),
    tests: pcResult.data.tests,
    edges: ours.size,
    directed: pcResult.data.edges.filter((e) => e.directed).length,
  },
  reference: { seconds: stats(ref.seconds), tests: ref.tests, edges: theirs.size, directed: ref.edges.filter((e) => e[2]).length },
  sameSkeleton: ours.size === theirs.size && [...ours].every((k) => theirs.has(k)),
};
loads.pc = loadavg()[0];
log('pc', pc);

// 5. BERT embedding: RecLens vs transformers.js's feature-extraction pipeline on the same weights (ONNX export
// checked against the fixture's golden outputs) and the same texts.
const version = (pkg: string) =>
  (JSON.parse(readFileSync(resolve(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
const embedModels = prepareEmbedModels(PY);
const embedNode: Record<string, EmbedComparison> = {};
for (const m of embedModels) embedNode[m.name] = await embedInNode(m, REPS);
let embedBrowser: { plain: Record<string, BrowserEmbed>; isolated: Record<string, BrowserEmbed> } | { skipped: string } = {
  skipped: '--no-browser',
};
if (!args['no-browser']) {
  try {
    embedBrowser = {
      plain: await embedInBrowser(embedModels, REPS, false, 10 * 60_000),
      isolated: await embedInBrowser(embedModels, REPS, true, 10 * 60_000),
    };
  } catch (e) {
    embedBrowser = { skipped: `failed: ${(e as Error).message.split('\n')[0]}` };
  }
}
const embedding = {
  models: embedModels,
  versions: {
    transformersJs: version('@huggingface/transformers'),
    onnxruntimeWeb: version('onnxruntime-web'),
    onnxruntimeNode: version('onnxruntime-node'),
  },
  node: embedNode,
  browser: embedBrowser,
};
loads.embed = loadavg()[0];
log('embedding', embedding);

// 6. UI latency while SASRec trains in the app's ML worker (the build from step 3).
let ui: UiLatency | { skipped: string } = { skipped: '--no-browser' };
if (!args['no-browser']) {
  try {
    ui = await uiLatencyWhileTraining();
  } catch (e) {
    ui = { skipped: `failed: ${(e as Error).message.split('\n')[0]}` };
  }
}
loads.ui = loadavg()[0];
log('ui', ui);

// Report.
const result: SideBySide = {
  date: today(),
  machine: machine(),
  loads,
  reps: REPS,
  steps: STEPS,
  totalSec: (performance.now() - started) / 1000,
  wasmThreads,
  train: { ...train, chromium, chromiumIsolated, chromiumWebgl, webglSteps: WEBGL_STEPS },
  gflops,
  ingest,
  pc,
  embedding,
  ui,
};
if (process.env.BENCH_NO_WRITE) {
  console.log(sideBySideMarkdown(result)); // smoke runs leave the report alone
} else {
  log('wrote', writeJson('side-by-side', result));
  writeSection('side-by-side', sideBySideMarkdown(result));
  console.log('wrote BENCHMARKS.md');
}
