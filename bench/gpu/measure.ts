// bench:gpu — one machine, one run: TF.js's webgpu backend (Dawn's WebGPU in Node) against TF.js wasm on the same
// machine and against PyTorch on its GPU (CUDA) and CPU. The same work on every side: `npm run bench`'s SASRec
// training step (its seeded batches and initial weights, RecLens's own loss, clipping and AdamW) at the app's batch and
// at a GPU-sized one, BERT-mini's forward + mean pool on the same token ids, and large matmuls.
//
// On a GPU machine it runs from the kit bench/gpu/pack.ts builds (that machine has no npm): `bash bench/gpu/run.sh`.
// Here `npm run bench:gpu` builds the kit and runs it at toy sizes on the software adapter (SwiftShader), a check of
// the kit itself: its figures are not a measurement of anything.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/ml/backend';
import { bertForward, bertInputs, meanPool } from '../../src/ml/bert/model';
import { embed } from '../../src/ml/bert/inference';
import { disposeTree } from '../../src/ml/tensors';
import { createRng } from '../../src/lib/rng';
import { openBertFolder } from '../lib/bertFolder';
import { CONFIG as BERT_MINI, writeBertMini } from '../lib/bertMini';
import { machine, median, today } from '../lib/report';
import { EMBED_SEQ, embedTexts } from '../side/embedMeasure';
import { runSeqRecTfjs, seqrecData, stepFlops, type SeqRecShape } from '../side/seqrec';
import { writeSeqRecFiles } from '../side/seqrecFiles';
import { installNodeWebGpu } from './nodeWebGpu';
import { gpuMarkdown } from './report';
import type { GpuRun, MatmulRate, SideRates } from './types';

const { values: args } = parseArgs({
  options: {
    kit: { type: 'string', default: resolve('.gpukit') },
    out: { type: 'string', default: resolve('bench/out/gpu') },
    python: { type: 'string', default: 'python3' },
    quick: { type: 'boolean', default: false },
    // wasm alone: a full-size dry run of everything but the GPU side, to time the rest on a CPU machine.
    'no-webgpu': { type: 'boolean', default: false },
  },
});
const QUICK = args.quick;
const repo = process.cwd();

/** What each part runs: full sizes on a GPU machine; toy sizes on a software adapter, which is orders slower. */
const PLAN = QUICK
  ? {
      matmul: { webgpu: [64], wasm: [64] },
      train: [{ batchSize: 2, maxLen: 8 }],
      steps: 4,
      trainReps: { webgpu: 1, wasm: 1, torch: 1 },
      embed: [2],
      embedReps: { webgpu: 1, wasm: 1, torch: 1 },
    }
  : {
      matmul: { webgpu: [1024, 2048, 4096], wasm: [1024, 2048] },
      // The app's batch (bench:rec and `npm run bench` on ml-100k), and one a GPU is built for.
      train: [
        { batchSize: 32, maxLen: 50 },
        { batchSize: 256, maxLen: 50 },
      ],
      steps: 30,
      trainReps: { webgpu: 3, wasm: 2, torch: 3 },
      embed: [32, 256],
      embedReps: { webgpu: 10, wasm: 3, torch: 10 },
    };

const out = resolve(args.out);
mkdirSync(out, { recursive: true });
const work = join(tmpdir(), 'reclens-gpu');
mkdirSync(work, { recursive: true });

function say(line: string) {
  console.log(`[bench:gpu] ${line}`);
}

/**
 * GFLOP/s of n×n products: `reps` queued back to back, timed to the read-back of the last one's sum. (The app's
 * measureGflops reads each whole product back, which at 4096² on a GPU would time the 64 MB copy, not the product.)
 */
async function matmulRate(n: number, reps: number): Promise<MatmulRate> {
  const a = tf.randomUniform([n, n]);
  const b = tf.randomUniform([n, n]);
  const once = async (k: number) => {
    const t0 = performance.now();
    const products = Array.from({ length: k }, () => tf.matMul(a, b));
    const total = tf.sum(products[k - 1]);
    await total.data();
    tf.dispose([...products, total]);
    return (performance.now() - t0) / 1000;
  };
  try {
    await once(1);
    const seconds = await once(reps);
    return { n, gflops: (2 * n ** 3 * reps) / seconds / 1e9 };
  } finally {
    tf.dispose([a, b]);
  }
}

/** Steps/s of the SASRec step on the active backend, `reps` runs from the same initial weights, and the losses. */
async function trainRates(shape: SeqRecShape, reps: number) {
  const data = seqrecData(PLAN.steps, 9, shape);
  const runs = [];
  for (let r = 0; r < reps; r++) runs.push(await runSeqRecTfjs(data, r));
  const tokens = shape.batchSize * shape.maxLen;
  return {
    stepsPerSec: runs.map((r) => r.stepsPerSec),
    gflops: median(runs.map((r) => r.stepsPerSec)) * (stepFlops(data.config, tokens) / 1e9),
    losses: runs[0].losses,
  };
}

/** Seeded token ids (no [PAD]), batch × EMBED_SEQ, inside BERT-mini's vocabulary. */
function tokenIds(batch: number): number[][] {
  const rng = createRng(batch);
  return Array.from({ length: batch }, () => Array.from({ length: EMBED_SEQ }, () => 5 + rng.int(BERT_MINI.vocab_size - 5)));
}

/** Tokens/s of BERT-mini's forward + mean pool + read-back on the active backend; the pooled rows of the last run. */
async function embedRates(model: Awaited<ReturnType<typeof openBertFolder>>['model'], ids: number[][], reps: number) {
  const mask = ids.map((row) => row.map(() => 1));
  const once = async () => {
    const t0 = performance.now();
    const inputs = bertInputs(ids, mask);
    const pooled = tf.tidy(() => {
      const output = bertForward(model, inputs);
      return meanPool(output.lastHiddenState, inputs.attentionMask);
    });
    const rows = (await pooled.data()) as Float32Array;
    tf.dispose([pooled, ...Object.values(inputs)]);
    return { rate: (ids.length * EMBED_SEQ) / ((performance.now() - t0) / 1000), rows };
  };
  await once();
  const rates: number[] = [];
  let rows: Float32Array = new Float32Array(0);
  for (let r = 0; r < reps; r++) ({ rate: rates[r], rows } = await once());
  return { tokensPerSec: rates, rows };
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

function python(script: string, scriptArgs: (string | number)[]): Record<string, unknown> | { error: string } {
  try {
    const text = execFileSync(args.python, [resolve(repo, 'bench/reference', script), ...scriptArgs.map(String)], {
      cwd: repo,
      env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 << 20,
    }).toString();
    return JSON.parse(text.trim().split('\n').pop()!) as Record<string, unknown>;
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    return { error: (err.stderr?.toString().trim().split('\n').slice(-3).join(' ') || err.message).slice(0, 400) };
  }
}

const torchHasCuda = (() => {
  try {
    return execFileSync(args.python, ['-c', 'import torch; print(torch.cuda.is_available())']).toString().trim() === 'True';
  } catch {
    return false;
  }
})();

type BackendSide = 'webgpu' | 'wasm';

/** One TF.js backend's part: matmuls, the SASRec step, BERT-mini's forward and the app's embed(). */
async function measureSide(name: BackendSide, bertDir: string, idsByBatch: number[][][], texts: string[]) {
  const info = await initBackend(name, { wasmBase: `${resolve(args.kit, 'tfjs-wasm')}/`, timeoutMs: 120_000 });
  // Opened on this backend: TF.js moves a tensor between backends by a synchronous read, which webgpu in Node lacks.
  const bert = await openBertFolder(bertDir);
  try {
    return { info, side: await measureOn(name, bert, idsByBatch, texts) };
  } finally {
    disposeTree(bert.model.weights);
  }
}

async function measureOn(name: BackendSide, bert: Awaited<ReturnType<typeof openBertFolder>>, idsByBatch: number[][][], texts: string[]) {
  const side: SideRates = { matmul: [], train: [], embed: [], embedApp: undefined };
  for (const n of PLAN.matmul[name]) {
    side.matmul.push(await matmulRate(n, name === 'webgpu' ? 20 : 3));
    say(`${name}: ${n}² matmul ${side.matmul.at(-1)!.gflops.toFixed(1)} GFLOP/s`);
  }
  for (const shape of PLAN.train) {
    // One repetition of wasm at the large batch (about a minute at 0.8 steps/s): the device's minutes are few.
    const reps = name === 'wasm' && shape.batchSize > 32 ? 1 : PLAN.trainReps[name];
    side.train.push({ ...shape, ...(await trainRates(shape, reps)) });
    say(`${name}: SASRec batch ${shape.batchSize} ${median(side.train.at(-1)!.stepsPerSec).toFixed(2)} steps/s`);
  }
  for (const ids of idsByBatch) {
    const r = await embedRates(bert.model, ids, PLAN.embedReps[name]);
    side.embed.push({ batch: ids.length, tokensPerSec: r.tokensPerSec, rows: Array.from(r.rows) });
    say(`${name}: BERT-mini batch ${ids.length} ${Math.round(median(r.tokensPerSec))} tokens/s`);
  }
  // The app's own embed() (tokenizer, batches of 32, read-back), as the Model view's item text runs it.
  const t0 = performance.now();
  await embed(bert.model, bert.tokenizer, texts, { batchSize: 32, maxLength: EMBED_SEQ });
  await embed(bert.model, bert.tokenizer, texts, { batchSize: 32, maxLength: EMBED_SEQ });
  side.embedApp = (2 * texts.length * EMBED_SEQ) / ((performance.now() - t0) / 1000);
  return side;
}

async function main() {
  const started = performance.now();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const command = `bash bench/gpu/run.sh${QUICK ? ' --quick' : ''}`;
  let adapter = args['no-webgpu'] ? null : await installNodeWebGpu(args.kit);
  say(`WebGPU adapter: ${adapter ? `${adapter.vendor} ${adapter.architecture}${adapter.isFallback ? ' (software)' : ''}` : 'none'}`);
  const run: GpuRun = {
    date: today(),
    quick: QUICK,
    machine: machine(),
    gpu: gpuName(),
    adapter,
    backends: {},
    sides: {},
    parity: { embedMaxAbsDiff: {} },
    torch: { train: [], embed: [] },
    errors: [],
    seconds: 0,
  };
  if (adapter?.isFallback && !QUICK) {
    run.errors.push(
      `the WebGPU adapter is software (${adapter.architecture}): no GPU side at full size (is the NVIDIA Vulkan driver found?)`,
    );
    adapter = null;
  }
  const rows: Record<string, number[][]> = {};
  // Written after every part, so that a run cut short by the device's time limit still leaves what it measured.
  const save = () => {
    run.seconds = (performance.now() - started) / 1000;
    const wasmRows = rows.wasm;
    if (wasmRows)
      run.parity.embedMaxAbsDiff = Object.fromEntries(
        Object.entries(rows)
          .filter(([side]) => side !== 'wasm')
          .flatMap(([side, perBatch]) => perBatch.map((r, k) => [`${side} ${PLAN.embed[k]}`, maxAbsDiff(r, wasmRows[k])])),
      );
    writeFileSync(join(out, `gpu-${stamp}.json`), JSON.stringify(run, null, 2) + '\n');
    writeFileSync(join(out, `gpu-${stamp}.md`), gpuMarkdown(run, command));
  };

  // PyTorch's inputs first, on TF.js's cpu backend (writing them reads the initial weights synchronously, which
  // webgpu cannot do in Node): the same batches and initial weights, and the same token ids, for every side.
  await tf.setBackend('cpu');
  const seqrecDirs = PLAN.train.map((shape) => {
    const dir = join(work, `seqrec-${shape.batchSize}x${shape.maxLen}`);
    writeSeqRecFiles(seqrecData(PLAN.steps, 9, shape), dir);
    return dir;
  });
  const bertDir = join(work, 'bert-mini');
  writeBertMini(bertDir);
  const idsByBatch = PLAN.embed.map((b) => tokenIds(b));
  const idsFiles = idsByBatch.map((ids) => {
    const file = join(work, `ids-${ids.length}.i32`);
    writeFileSync(file, Buffer.from(Int32Array.from(ids.flat()).buffer));
    return file;
  });
  const texts = embedTexts(readFileSync(join(bertDir, 'vocab.txt'), 'utf8'), 32);

  const tfjsSide = async (name: BackendSide) => {
    say(`${name}: initialising`);
    try {
      const { info, side } = await measureSide(name, bertDir, idsByBatch, texts);
      run.backends[name] = { gflops: info.gflops };
      rows[name] = side.embed.map((e) => e.rows);
      run.sides[name] = { ...side, embed: side.embed.map(({ rows: r, ...rest }) => ({ ...rest, rowsChecked: r.length })) };
    } catch (e) {
      run.errors.push(`TF.js ${name}: ${(e as Error).message}`);
      say(`${name} failed: ${(e as Error).message}`);
    }
    save();
  };
  const torchSide = (device: string) => {
    PLAN.train.forEach((shape, k) => {
      const r = python('seqrec.py', [seqrecDirs[k], PLAN.trainReps.torch, cpus().length, device]);
      run.torch.train.push({ ...shape, device, result: r });
      say(`torch ${device}: SASRec batch ${shape.batchSize} ${'error' in r ? r.error : 'done'}`);
    });
    PLAN.embed.forEach((batch, k) => {
      const pooled = join(work, `pooled-${device}-${batch}.f32`);
      const r = python('bert_time.py', [bertDir, idsFiles[k], batch, EMBED_SEQ, PLAN.embedReps.torch, device, pooled]);
      run.torch.embed.push({ batch, device, result: r });
      if (!('error' in r)) {
        // A small file's Buffer is a view into Node's shared pool: take exactly its bytes.
        const b = readFileSync(pooled);
        (rows[`torch-${device}`] ??= [])[k] = Array.from(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
      }
    });
    save();
  };

  // The GPU's parts first: if the device's time runs out, what is lost is the part this machine can also measure.
  if (adapter) await tfjsSide('webgpu');
  if (torchHasCuda) torchSide('cuda');
  await tfjsSide('wasm');
  torchSide('cpu');
  console.log(gpuMarkdown(run, command));
}

function gpuName(): string | null {
  try {
    return execFileSync('nvidia-smi', ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader']).toString().trim();
  } catch {
    return null;
  }
}

await main();
