// Before/after of the SASRec training step in ONE process, repetitions interleaved: another checkout's step (a commit
// before a change) against this tree's, on TF.js wasm. Reports kernels per step by phase (forward + backward,
// clipping, AdamW), steps/s (median over repetitions of bench/side/seqrec.ts's runSeqRecTfjs) and each step's share
// of a 1024² matmul's rate measured between the repetitions (the machine's load changes; interleaving shares it).
//   git archive <rev> src bench | tar -x -C /tmp/before && ln -s "$PWD/node_modules" /tmp/before/node_modules
//   npx tsx bench/side/stepAB.ts /tmp/before [steps=20] [reps=6]
// STEP_AB_KERNELS=wasm,cpu also counts the kernels on cpu, whose op graph is the one a GPU backend runs (no wasm-only
// detours such as matMulFast's explicit transposes); timings stay on wasm.
// The linked node_modules makes both trees share one TF.js engine, so one backend runs both; a before-tree from
// before src/ml/wasmIdentity.ts runs with the package's copying Identity, as it did.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/ml/backend';
import { setWasmIdentitySharing } from '../../src/ml/wasmIdentity';
import * as now from './seqrec';
import * as lossNow from '../../src/ml/seqrec/loss';
import * as modelNow from '../../src/ml/seqrec/model';
import * as optNow from '../../src/ml/train/optimizer';

type Tree = {
  side: typeof now;
  loss: typeof lossNow;
  model: typeof modelNow;
  opt: Partial<typeof optNow> & Pick<typeof optNow, 'adamW' | 'clipByGlobalNorm'>;
};

const [dir, stepsArg = '20', repsArg = '6'] = process.argv.slice(2);
if (!dir) throw new Error('usage: npx tsx bench/side/stepAB.ts <before-tree> [steps] [reps]');
const load = async (p: string) => import(resolve(dir, p));
const beforeShares = existsSync(resolve(dir, 'src/ml/wasmIdentity.ts'));
const before: Tree = {
  side: await load('bench/side/seqrec.ts'),
  loss: await load('src/ml/seqrec/loss.ts'),
  model: await load('src/ml/seqrec/model.ts'),
  opt: await load('src/ml/train/optimizer.ts'),
};
const trees: Record<'before' | 'now', Tree> = { before, now: { side: now, loss: lossNow, model: modelNow, opt: optNow } };
await initBackend('wasm');

/** Kernels of the third step (the first ones create buffers) by phase; the optimizer's flat path where the tree has one. */
async function kernels(t: Tree): Promise<Record<string, number>> {
  const data = now.seqrecData(3);
  const m = t.model.createModel(data.config, 1);
  const vars = [...m.named.values()];
  const o = t.opt.adamW(vars, { weightDecay: data.config.weightDecay });
  const counts: Record<string, number> = {};
  const count = async (phase: string, f: () => void) => (counts[phase] = (await tf.profile(f)).kernels.length);
  for (const { arrays, targets } of data.batches) {
    let grads: tf.NamedTensorMap = {};
    await count('forward+backward', () => {
      const r = tf.variableGrads(() => t.loss.sequenceLoss(m, arrays, targets, 1), vars);
      r.value.dispose();
      grads = r.grads;
    });
    let apply = () => {};
    if (t.opt.clipFlat && 'flatten' in o) {
      const { clipFlat } = t.opt;
      await count('clip', () => {
        const flat = o.flatten(grads);
        const clipped = clipFlat(flat, data.config.maxGradNorm);
        flat.values.dispose();
        clipped.norm.dispose();
        apply = () => o.applyFlat(clipped.grads, data.config.learningRate);
        tf.dispose(Object.values(grads));
        grads = { flat: clipped.grads.values };
      });
    } else {
      await count('clip', () => {
        const clipped = t.opt.clipByGlobalNorm(grads, data.config.maxGradNorm);
        clipped.norm.dispose();
        tf.dispose(Object.values(grads));
        grads = clipped.grads;
        apply = () => o.apply(clipped.grads, data.config.learningRate);
      });
    }
    await count('adamw', apply);
    tf.dispose(Object.values(grads));
  }
  o.dispose();
  t.model.disposeModel(m);
  return { ...counts, total: counts['forward+backward'] + counts.clip + counts.adamw };
}

const N = 1024;
const [a, b] = [tf.randomNormal([N, N]), tf.randomNormal([N, N])];
const matmul = async () => {
  const t0 = performance.now();
  const c = tf.matMul(a, b);
  await c.data();
  c.dispose();
  return (2 * N ** 3) / ((performance.now() - t0) / 1000) / 1e9;
};
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

for (const backend of (process.env.STEP_AB_KERNELS ?? 'wasm').split(',')) {
  await initBackend(backend as 'wasm' | 'cpu');
  for (const k of ['before', 'now'] as const) console.log(`kernels per step on ${backend}, ${k}:`, JSON.stringify(await kernels(trees[k])));
}
await initBackend('wasm');
const data = now.seqrecData(Number(stepsArg));
const flops = now.stepFlops(data.config, data.batches[0].arrays.batch * data.batches[0].arrays.len);
const rates: Record<'before' | 'now' | 'matmul', number[]> = { before: [], now: [], matmul: [] };
await matmul();
for (let r = 0; r < Number(repsArg); r++)
  for (const k of r % 2 ? (['now', 'before'] as const) : (['before', 'now'] as const)) {
    rates.matmul.push(await matmul());
    setWasmIdentitySharing(k === 'now' || beforeShares);
    const run = await trees[k].side.runSeqRecTfjs(data, r);
    rates[k].push(run.stepsPerSec);
    console.log(`${k} rep ${r}: ${run.stepsPerSec.toFixed(3)} steps/s, loss after ${data.steps} steps ${run.losses.at(-1)!.toFixed(5)}`);
  }
tf.dispose([a, b]);
const mm = median(rates.matmul);
const share = (k: 'before' | 'now') => `${((100 * flops * median(rates[k])) / 1e9 / mm).toFixed(0)}%`;
console.log(
  `steps/s median: before ${median(rates.before).toFixed(3)}, now ${median(rates.now).toFixed(3)} (×${(median(rates.now) / median(rates.before)).toFixed(3)})`,
);
console.log(
  `1024² matmul ${mm.toFixed(1)} GFLOP/s; the step's share of it (${(flops / 1e9).toFixed(2)} GFLOP/step): before ${share('before')}, now ${share('now')}`,
);
