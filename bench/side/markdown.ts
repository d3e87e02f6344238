// The side-by-side section of BENCHMARKS.md, from one `npm run bench` result (bench/all.ts measures, this writes).
import { fmt, median } from '../lib/report';
import type { SeqRecConfig } from '../../src/ml/seqrec/config';
import type { BrowserEmbed, EmbedModel } from './embed';
import type { EmbedComparison } from './embedMeasure';
import type { LatencyPhase, UiLatency } from './uiLatency';

export interface Stats {
  median: number;
  min: number;
  max: number;
  n: number;
}
type Skipped = { skipped: string };
export type TrainStats = {
  stepsPerSec: Stats;
  firstLoss: Stats;
  finalLoss: Stats;
  /** The backend's own 1024² matmul (GFLOP/s) timed right after each run, and each run's step GFLOP/s over it. */
  pairedMatmul: Stats;
  share: Stats;
};
export type BrowserTrain = { stepsPerSec: Stats; finalLoss: Stats; threads: number } | Skipped;

export interface SideBySide {
  date: string;
  machine: string;
  loads: Record<string, number>;
  reps: number;
  steps: number;
  totalSec: number;
  wasmThreads: boolean;
  train: {
    config: SeqRecConfig;
    reclens: TrainStats;
    torch: Record<string, TrainStats & { version: string }>;
    chromium: BrowserTrain;
    chromiumIsolated: BrowserTrain;
    chromiumWebgl: BrowserTrain;
    webglSteps: number;
  };
  gflops: {
    stepGflop: number;
    reclensStep: number;
    torchStep1: number;
    torchStep2: number;
    /** RecLens's own 2-D product on TF.js wasm (gemm.wat where it applies). */
    tfjsMatmul: Stats;
    /** XNNPACK's, as tf.matMul runs it. */
    xnnpackMatmul?: Stats;
    sgemm1: Stats;
    sgemm2: Stats;
    matmulSide: number;
  };
  ingest: {
    rows: number;
    bytes: number;
    node: Stats;
    papaparse: Stats;
    /** One pandas run after each Node load; nodeRatio: Node ÷ pandas of each pair. */
    pandas: Stats & { version: string };
    nodeRatio: Stats;
    /** pairedPandas: a pandas run after each app load; pairedRatio: the app ÷ pandas of each pair. */
    app: { parse: Stats; load: Stats; longestTaskMs: number; pairedPandas: Stats; pairedRatio: Stats } | Skipped;
  };
  pc: {
    d: number;
    n: number;
    trueEdges: number;
    reclens: { seconds: Stats; tests: number; edges: number; directed: number };
    reference: { seconds: Stats; tests: number; edges: number; directed: number };
    sameSkeleton: boolean;
  };
  embedding: {
    models: EmbedModel[];
    versions: { transformersJs: string; onnxruntimeWeb: string; onnxruntimeNode: string };
    node: Record<string, EmbedComparison>;
    browser: { plain: Record<string, BrowserEmbed>; isolated: Record<string, BrowserEmbed> } | Skipped;
  };
  ui: UiLatency | Skipped;
}

export const stats = (xs: number[]): Stats => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });
const range = (s: Stats, digits = 0) => `${fmt(s.min, digits)}–${fmt(s.max, digits)}`;
const ratio = (x: number) => `${fmt(x, 2)}×`;
const met = (ok: boolean) => (ok ? 'met' : 'not met');
const threads = (n: number) => `${n} thread${n > 1 ? 's' : ''}`;

function trainRows(r: SideBySide): string[][] {
  const { train, steps } = r;
  const t1 = train.torch[1],
    t2 = train.torch[2];
  const best = t1.stepsPerSec.median >= t2.stepsPerSec.median ? { t: t1, n: 1 } : { t: t2, n: 2 };
  const browser = (b: BrowserTrain, page: string, backend = `TF.js wasm, ${'threads' in b ? threads(b.threads) : ''}`, n = steps) =>
    'stepsPerSec' in b
      ? [
          `SASRec training, steps/s (headless Chromium, ${page}, ${backend})`,
          `${fmt(b.stepsPerSec.median, 2)} (${range(b.stepsPerSec, 2)}); loss after ${n} steps ${fmt(b.finalLoss.median, 4)}`,
          `PyTorch, ${threads(best.n)}`,
          ratio(b.stepsPerSec.median / best.t.stepsPerSec.median),
        ]
      : [`SASRec training in Chromium, ${page}, ${backend}`, b.skipped, '', ''];
  return [
    [
      `SASRec training, steps/s (Node, TF.js wasm${r.wasmThreads ? '' : ', 1 thread'})`,
      `${fmt(train.reclens.stepsPerSec.median, 2)} (${range(train.reclens.stepsPerSec, 2)})`,
      `PyTorch ${t1.version} CPU, 1 thread: ${fmt(t1.stepsPerSec.median, 2)} (${range(t1.stepsPerSec, 2)})`,
      ratio(train.reclens.stepsPerSec.median / t1.stepsPerSec.median),
    ],
    [
      '',
      '',
      `PyTorch, 2 threads: ${fmt(t2.stepsPerSec.median, 2)} (${range(t2.stepsPerSec, 2)})`,
      ratio(train.reclens.stepsPerSec.median / t2.stepsPerSec.median),
    ],
    browser(train.chromium, 'plain page'),
    browser(train.chromiumIsolated, 'cross-origin isolated page'),
    browser(train.chromiumWebgl, 'plain page', `TF.js webgl on SwiftShader (software), ${train.webglSteps} steps once`, train.webglSteps),
    [
      `SASRec loss after ${steps} steps (median of the last 5 steps)`,
      `${fmt(train.reclens.finalLoss.median, 4)} (${range(train.reclens.finalLoss, 4)})`,
      `1 thread ${fmt(t1.finalLoss.median, 4)} (${range(t1.finalLoss, 4)}); 2 threads ${fmt(t2.finalLoss.median, 4)}`,
      `Δ ${fmt(Math.abs(train.reclens.finalLoss.median - best.t.finalLoss.median), 4)}`,
    ],
    [
      'SASRec loss at step 1',
      fmt(train.reclens.firstLoss.median, 4),
      fmt(t1.firstLoss.median, 4),
      `Δ ${fmt(Math.abs(train.reclens.firstLoss.median - t1.firstLoss.median), 4)}`,
    ],
  ];
}

function flopRows({ gflops: g, train }: SideBySide): string[][] {
  const share = (t: TrainStats) => `${fmt(100 * t.share.median, 0)}% (${fmt(100 * t.share.min, 0)}–${fmt(100 * t.share.max, 0)}%)`;
  const N = g.matmulSide;
  return [
    [
      'Training step, achieved GFLOP/s',
      fmt(g.reclensStep, 1),
      `PyTorch step: ${fmt(g.torchStep1, 1)} (1 thread), ${fmt(g.torchStep2, 1)} (2 threads)`,
      ratio(g.reclensStep / Math.max(g.torchStep1, g.torchStep2)),
    ],
    [
      `${N}×${N} float32 matmul, GFLOP/s`,
      `TF.js wasm, RecLens's product (gemm.wat): ${fmt(g.tfjsMatmul.median, 1)} (${range(g.tfjsMatmul, 1)})${g.xnnpackMatmul ? `; XNNPACK: ${fmt(g.xnnpackMatmul.median, 1)} (${range(g.xnnpackMatmul, 1)})` : ''}`,
      `numpy/OpenBLAS sgemm: ${fmt(g.sgemm1.median, 1)} (1 thread), ${fmt(g.sgemm2.median, 1)} (2 threads)`,
      ratio(g.tfjsMatmul.median / Math.max(g.sgemm1.median, g.sgemm2.median)),
    ],
    [
      `Training step as a share of the same backend's ${N}² matmul (the faster of gemm.wat and XNNPACK), timed right after each run`,
      share(train.reclens),
      `PyTorch step vs its own 1024² product in the same process: ${share(train.torch[1])} (1 thread); vs 1-thread sgemm: ${fmt((100 * g.torchStep1) / g.sgemm1.median, 0)}%`,
      '',
    ],
  ];
}

function embedRows({ embedding: e }: SideBySide): string[][] {
  const rows: string[][] = [];
  const cell = (xs: number[]) => `${fmt(median(xs))} (${range(stats(xs))})`;
  const row = (label: string, c: EmbedComparison, reference: string, ours: string) => [
    label,
    `${ours}: ${cell(c.reclens)}`,
    `${reference}: ${cell(c.transformersJs)}`,
    ratio(median(c.reclens) / median(c.transformersJs)),
  ];
  for (const m of e.models) {
    const what = `BERT embedding, tokens/s, ${m.name} (${fmt(m.params / 1e6, 2)} M parameters)`;
    rows.push(
      row(
        `${what}, Node`,
        e.node[m.name],
        `transformers.js ${e.versions.transformersJs}, onnxruntime-node ${e.versions.onnxruntimeNode} (native CPU), 1 thread`,
        'TF.js wasm, 1 thread',
      ),
    );
    if ('skipped' in e.browser) {
      rows.push([`${what}, Chromium`, e.browser.skipped, '', '']);
      continue;
    }
    const p = e.browser.plain[m.name];
    const i = e.browser.isolated[m.name];
    rows.push(
      row(
        `${what}, Chromium, plain page`,
        p,
        `transformers.js, ONNX Runtime Web ${e.versions.onnxruntimeWeb} wasm, ${threads(p.ortThreads)}`,
        `TF.js wasm, ${threads(p.tfjsThreads)}`,
      ),
    );
    rows.push(
      row(
        `${what}, Chromium, isolated page`,
        i,
        `ONNX Runtime Web wasm, ${threads(i.ortThreads)}`,
        `TF.js wasm, ${threads(i.tfjsThreads)}`,
      ),
    );
  }
  return rows;
}

function uiRows({ ui }: SideBySide): string[][] {
  if ('skipped' in ui) return [['UI while training', ui.skipped, '', '']];
  const worst = (p: LatencyPhase) =>
    p.eventDurationsMs.length
      ? `${fmt(Math.max(...p.eventDurationsMs))} ms (${p.eventDurationsMs.length} of ${p.clickToViewMs.length} clicks ≥ 16 ms)`
      : `none of ${p.clickToViewMs.length} clicks ≥ 16 ms`;
  const click = (p: LatencyPhase) => `median ${fmt(median(p.clickToViewMs))} ms, max ${fmt(Math.max(...p.clickToViewMs))} ms`;
  const task = (p: LatencyPhase) => (p.longTasks ? `${fmt(p.longestTaskMs)} ms (${p.longTasks} over 50 ms)` : 'none over 50 ms');
  return [
    ['UI while SASRec trains in the ML worker: longest main-thread task', task(ui.training), `same clicks, app idle: ${task(ui.idle)}`, ''],
    ['… interaction latency (Event Timing, worst interaction)', worst(ui.training), `idle: ${worst(ui.idle)}`, ''],
    ['… click → view on screen (driver side)', click(ui.training), `idle: ${click(ui.idle)}`, ''],
  ];
}

function ingestRows({ ingest: i }: SideBySide): string[][] {
  const app = i.app;
  return [
    [
      `Ingestion, rows/s (${fmt(i.rows)} rows, ${fmt(i.bytes / 1e6, 1)} MB)`,
      `Node \`loadEvents\`: ${fmt(i.node.median)} (${range(i.node)})`,
      `pandas ${i.pandas.version} \`read_csv\`, one run after each load: ${fmt(i.pandas.median)} (${range(i.pandas)}); ratio pair by pair (median, range)`,
      pairRatio(i.nodeRatio),
    ],
    [
      '',
      '',
      `papaparse, one thread, whole text, header + dynamicTyping: ${fmt(i.papaparse.median)} (${range(i.papaparse)})`,
      ratio(i.node.median / i.papaparse.median),
    ],
    ...('parse' in app
      ? [
          [
            '',
            `app (Chromium), parse worker: ${fmt(app.parse.median)} (${range(app.parse)}); click Load → shown: ${fmt(app.load.median)}`,
            `pandas, one run after each app load: ${fmt(app.pairedPandas.median)} (${range(app.pairedPandas)}); ratio pair by pair (median, range)`,
            pairRatio(app.pairedRatio),
          ],
          ['', '', 'papaparse', ratio(app.parse.median / i.papaparse.median)],
        ]
      : [['', `app (Chromium): ${app.skipped}`, '', '']]),
  ];
}

function pcRow({ pc }: SideBySide): string[] {
  return [
    `PC-stable, Fisher-z, α 0.01, ${pc.d} vars × ${fmt(pc.n)} rows, seconds`,
    `${fmt(pc.reclens.seconds.median, 2)} (${range(pc.reclens.seconds, 2)}), ${pc.reclens.tests} tests`,
    `textbook numpy PC (ours, bench/reference/pc.py): ${fmt(pc.reference.seconds.median, 2)} (${range(pc.reference.seconds, 2)}), ${pc.reference.tests} tests`,
    ratio(pc.reference.seconds.median / pc.reclens.seconds.median),
  ];
}

function isolatedNote(b: BrowserTrain): string {
  if (!('threads' in b)) return '';
  const asked =
    'On the cross-origin isolated page TF.js loads its threaded wasm build and is asked for one thread per core (`setThreadsCount`)';
  return b.threads > 1
    ? `${asked} and runs ${b.threads}.`
    : `${asked}, yet its XNNPACK pool reports one thread on this 2-core machine, so the isolated page measures the threaded build's overhead, not a second core.`;
}

/** A pair-by-pair ratio: its median, then the range of the pairs. */
export const pairRatio = (r: Stats) => `${ratio(r.median)} (${ratio(r.min)}–${ratio(r.max)})`;

/** An ingestion goal, judged on the median of the pair-by-pair ratios. */
export const ingestVerdict = (r: Stats, where: string) =>
  `${met(r.median >= 1)} ${where} (${ratio(r.median)} pair by pair, pairs ${ratio(r.min)}–${ratio(r.max)})`;

export function sideBySideMarkdown(r: SideBySide): string {
  const { train, gflops: g, ingest, pc, embedding, ui } = r;
  const c = train.config;
  const t1 = train.torch[1],
    t2 = train.torch[2];
  const best = t1.stepsPerSec.median >= t2.stepsPerSec.median ? { t: t1, n: 1 } : { t: t2, n: 2 };
  const trainRatio = train.reclens.stepsPerSec.median / best.t.stepsPerSec.median;
  const lossSpread = Math.max(...[train.reclens, t1, t2].map((x) => x.finalLoss.max - x.finalLoss.min));
  const rows = [...trainRows(r), ...flopRows(r), ...embedRows(r), ...ingestRows(r), pcRow(r), ...uiRows(r)];
  const plain = 'skipped' in embedding.browser ? undefined : embedding.browser.plain;
  const embedRatios = plain ? embedding.models.map((m) => median(plain[m.name].reclens) / median(plain[m.name].transformersJs)) : [];
  const embedDiff = Math.max(
    ...Object.values(embedding.node).map((x) => x.maxAbsDiff),
    ...('skipped' in embedding.browser
      ? []
      : [...Object.values(embedding.browser.plain), ...Object.values(embedding.browser.isolated)].map((x) => x.maxAbsDiff)),
  );
  const app = ingest.app;
  return `## Side by side with the reference stacks (\`npm run bench\`)

One invocation, one machine: ${r.machine}, no GPU. Date: ${r.date}. Whole run ${fmt(r.totalSec, 0)} s. Median of ${r.reps} repetitions (min–max).
1-minute load average: ${Object.entries(r.loads)
    .map(([k, v]) => `${k} ${fmt(v, 1)}`)
    .join(', ')} — other work shares these 2 cores, so every figure is lower than on an idle machine, on both sides.
Ratio = RecLens's speed ÷ the reference's (> 1: RecLens faster). JSON: bench/results/side-by-side-*.json.

| figure | RecLens | reference | ratio |
|---|---|---|---|
${rows.map((row) => `| ${row.join(' | ')} |`).join('\n')}

- **Training**: SASRec as bench:rec trains it (${c.layers} layers, hidden ${c.hidden}, ${c.heads} heads, FFN ${c.intermediate}, maxLen ${c.maxLen}, batch ${c.batchSize}, ${fmt(c.numItems)} items, full softmax, dropout ${c.dropout}, AdamW lr ${c.learningRate} wd ${c.weightDecay}, clip ${c.maxGradNorm}), ${r.steps} steps per repetition on the same ${r.steps} seeded batches (full-length walks over the catalog, no padding) from the same initial weights, which bench/side/seqrec.ts writes and bench/reference/seqrec.py (ours: the same post-LN encoder in PyTorch) reads. RecLens runs the app's own sequenceLoss, clipping and AdamW (over one flat buffer, as trainSeqRec). steps/s over steps 2–${r.steps}. Only dropout masks differ, so the losses agree within noise: final-loss gap ${fmt(Math.abs(train.reclens.finalLoss.median - best.t.finalLoss.median), 4)} against a spread of ${fmt(lossSpread, 4)} across repetitions. ${isolatedNote(train.chromiumIsolated)} WebGL in headless Chromium here is SwiftShader, a CPU emulation; its WebGPU adapter (also SwiftShader) did not finish one SASRec step in ten minutes under bench:train and is not started.
- **FLOP/s**: ${fmt(g.stepGflop, 2)} GFLOP per step counted from the shapes (matmuls only, backward = 2× forward). Where the training gap goes: RecLens's step reaches ${fmt(100 * train.reclens.share.median, 0)}% of TF.js wasm's own large-matmul rate (the faster of RecLens's gemm.wat and XNNPACK; run by run, each against a product timed right after it) and PyTorch's 1-thread step ${fmt((100 * g.torchStep1) / g.sgemm1.median, 0)}% of 1-thread sgemm, so most of the ${fmt(t1.stepsPerSec.median / train.reclens.stepsPerSec.median, 1)}× gap to 1-thread PyTorch is the matmul kernel itself (wasm SIMD: RecLens's gemm.wat ${fmt(g.tfjsMatmul.median, 1)} vs OpenBLAS ${fmt(g.sgemm1.median, 1)} GFLOP/s, ${fmt(g.sgemm1.median / g.tfjsMatmul.median, 1)}×), the rest overhead per op (small shapes, element-wise passes). The step's products and attention run the kernels' fused multiply-add twins (gemm.wat's, products.wat's, attention.wat's) in Chromium and in Node alike (Node 20 has relaxed SIMD behind a flag, which the CLI and this bench turn on at start-up). Attention's batched products run as one SIMD kernel (products.wat), where TF.js wasm runs any product with a batch dimension through a scalar loop (~1.6 GFLOP/s). PyTorch runs with OMP_WAIT_POLICY=PASSIVE, without which its 2-thread OpenMP pool spun on this shared machine and took ~8 ms per small op (0.8 steps/s).
- **Embedding**: batch 32 × 64 tokens (texts of whole vocabulary words, so both tokenizers give exactly 64 tokens), tokenize → forward → mean pool → read back, repetitions interleaved (RecLens, transformers.js, RecLens …) after one warm-up each. The same weights on both sides: bench/reference/bert_onnx.py (a PyTorch BERT of ours) exports each HF folder to ONNX, after checking the fixture against its golden outputs; the two sides' embeddings differ by at most ${embedDiff.toExponential(1)}. tiny-bert is the repository's fixture; bert-mini is bench:bert's seeded random BERT-mini (4 layers, hidden 256). In Node transformers.js runs on onnxruntime-node, native code and a different class from wasm, shown for scale.
- **Ingestion**: bench:ingest's generated CSV; pandas and papaparse time the parse only (file already in the page cache; interpreter start excluded); papaparse builds one object per row as a page would. Each load, in Node and in the app, is followed by one pandas run, and each ratio is taken pair by pair, so both sides of a ratio saw the same load on the machine.
- **PC**: the same linear-Gaussian sample (seeded, ${pc.trueEdges} true edges) on both sides; skeletons ${pc.sameSkeleton ? 'identical' : 'differ'} (RecLens ${pc.reclens.edges} edges, ${pc.reclens.directed} directed; reference ${pc.reference.edges}, ${pc.reference.directed} directed).
- **UI**: the built app (\`vite preview\`) with its demo data, ${'skipped' in ui ? '' : `${ui.idle.clickToViewMs.length} clicks through the six views `}once while idle and once while SASRec trains in the ML worker${'skipped' in ui || ui.trainingStepsPerSec === undefined ? '' : ` (${fmt(ui.trainingStepsPerSec, 2)} steps/s meanwhile)`}; long tasks from PerformanceObserver, interaction latency from the Event Timing API (input to next paint; only interactions ≥ 16 ms are reported, in 8 ms steps).

Goals (#9): training within 1.5× of PyTorch on the same CPU — ${met(trainRatio >= 1 / 1.5)} (${ratio(trainRatio)} of the faster PyTorch setting, ${threads(best.n)}); embedding at least on par with transformers.js on the same backend — ${embedRatios.length ? `${met(embedRatios.every((x) => x >= 1))} (${embedRatios.map((x) => ratio(x)).join(', ')} on wasm, one thread each)` : 'not measured'}; ingestion ≥ pandas — ${ingestVerdict(ingest.nodeRatio, 'in Node')}${'parse' in app ? `, ${ingestVerdict(app.pairedRatio, "in the app's worker")}` : ''}; WebGPU within 2× of PyTorch CUDA — not measured (no GPU was lent; WebGPU here is SwiftShader).
`;
}
