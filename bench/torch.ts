// bench:torch — SASRec training throughput on PyTorch (python/reclens_torch: one process, and torchrun with 2
// processes over gloo) next to the browser core's (`reclens train`, TF.js in Node) on ml-100k, with the same settings,
// epochs and seed; each side's checkpoint is then evaluated by the same `reclens evaluate --checkpoint`, so the
// quality columns compare the trainings, not two evaluators.
// Usage: npx tsx bench/torch.ts [--epochs N] [--model sasrec|bert4rec] [--reps R]
// Each side trains R times (same seed): the table shows the median fit time and its range, quality from the first run.
import { existsSync, mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findTorchPython, runChecked as run } from './lib/python';
import { ROOT, fmt, machine, median, today, writeJson, writeSection } from './lib/report';

const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '4' },
    model: { type: 'string', default: 'sasrec' },
    reps: { type: 'string', default: '3' },
  },
});
const EPOCHS = Number(args.epochs);
const MODEL = args.model!;
const REPS = Number(args.reps);
const DATA = resolve(ROOT, '../shared/data/ml-100k/u.data');
if (!existsSync(DATA)) throw new Error(`${DATA} is missing: bench:torch runs on ml-100k`);
// bench:rec's SASRec shape on ml-100k; validation once, after the last epoch, on every side.
const PARAMS = `hidden=64,layers=2,heads=2,intermediate=256,maxLen=50,batchSize=128,dropout=0.2,evalEvery=${EPOCHS}`;
const SEED = '42';

const PY =
  findTorchPython() ??
  (() => {
    throw new Error('bench:torch needs a python with torch and pandas (RECLENS_PYTHON, python3 or /usr/bin/python3)');
  })();

/** The CLI prints one (indented) JSON object; torchrun's rank 0 prints its result as the last line. */
function lastJson(out: string): Record<string, unknown> {
  try {
    return JSON.parse(out) as Record<string, unknown>;
  } catch {
    return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
  }
}

interface Row {
  where: string;
  processes: number;
  threads: string;
  fitSeconds: number[];
  sequencesPerSec: number;
  testNdcg10: number;
  testHr10: number;
}

const dir = mkdtempSync(join(tmpdir(), 'reclens-bench-torch-'));
const trainArgs = (out: string) => [
  '--data',
  DATA,
  '--model',
  MODEL,
  '--epochs',
  `${EPOCHS}`,
  '--params',
  PARAMS,
  '--seed',
  SEED,
  '--out',
  out,
  '--json',
];
const reclens = (argv: string[]) => lastJson(run(process.execPath, [resolve(ROOT, 'bin/reclens.mjs'), ...argv]));
const evaluate = (out: string) => {
  const metrics = reclens(['evaluate', '--checkpoint', out, '--json']).metrics as Record<string, number>;
  return { testNdcg10: metrics['NDCG@10'], testHr10: metrics['HR@10'] };
};

/** R fits with one command: every fit's seconds, the first fit's folder and output. */
function fits(label: string, fit: (out: string) => Record<string, unknown>, seconds: (r: Record<string, unknown>) => number) {
  const outs = Array.from({ length: REPS }, (_, k) => join(dir, `${label.replace(/\W+/g, '-')}-${k}`));
  const results = outs.map(fit);
  return { out: outs[0], first: results[0], fitSeconds: results.map(seconds) };
}

const loadStart = loadavg()[0];
const rows: Row[] = [];
const tfjs = fits(
  'tfjs',
  (out) => reclens(['train', ...trainArgs(out)]),
  (r) => Number(r.trainSeconds),
);
// Training sequences per epoch: the users with the 2 items sasrec needs (on ml-100k, every user).
const trainRows = Number(tfjs.first.users);
rows.push({
  where: 'reclens train (TF.js wasm, Node)',
  processes: 1,
  threads: 'wasm',
  fitSeconds: tfjs.fitSeconds,
  sequencesPerSec: (trainRows * EPOCHS) / median(tfjs.fitSeconds),
  ...evaluate(tfjs.out),
});
console.log(rows.at(-1));
const TORCHRUN = ['-m', 'reclens_torch.torchrun', '--nproc_per_node', '2', '-m', 'reclens_torch', 'train'];
for (const [label, argv, env, threads] of [
  ['reclens_torch (1 process)', ['-m', 'reclens_torch', 'train'], {}, 'torch default'],
  ['reclens_torch (1 process, 1 thread)', ['-m', 'reclens_torch', 'train'], { OMP_NUM_THREADS: '1' }, '1'],
  ['reclens_torch, torchrun 2 processes (gloo)', TORCHRUN, { OMP_NUM_THREADS: '1' }, '1 per process'],
] as const) {
  const f = fits(
    label,
    (out) => lastJson(run(PY, [...argv, ...trainArgs(out)], env)),
    (r) => Number(r.fitSeconds),
  );
  rows.push({
    where: label,
    processes: Number(f.first.ranks),
    threads,
    fitSeconds: f.fitSeconds,
    sequencesPerSec: (trainRows * Number(f.first.epochs)) / median(f.fitSeconds),
    ...evaluate(f.out),
  });
  console.log(rows.at(-1));
}

/** The sentences under the table, from its figures: PyTorch against TF.js, 2 processes against 1, and the noise. */
function derived(r: Row[]): string {
  const [browser, one, oneThread, two] = r;
  const x = (a: number, b: number) => `${fmt(a / b, 1)}×`;
  const spread = Math.max(...r.map((row) => Math.max(...row.fitSeconds) / Math.min(...row.fitSeconds)));
  return (
    `One PyTorch process fits at ${x(one.sequencesPerSec, browser.sequencesPerSec)} the browser core's rate here ` +
    `(${x(oneThread.sequencesPerSec, browser.sequencesPerSec)} on one thread); two torchrun processes at ` +
    `${x(two.sequencesPerSec, oneThread.sequencesPerSec)} one single-thread process's rate, on ${cpus().length} cores. ` +
    `The same run took up to ${fmt(spread, 1)}× as long one time as another (the min–max ranges): the machine is shared, ` +
    'so ratios within that spread are not differences between the stacks. ' +
    'The quality columns differ because the runs differ (random streams, dropout masks), not the evaluator.'
  );
}

const torchVersion = run(PY, ['-c', 'import torch; print(torch.__version__)']).trim();
const span = (xs: number[]) => `${fmt(median(xs), 1)} (${fmt(Math.min(...xs), 1)}–${fmt(Math.max(...xs), 1)})`;
writeJson('torch', {
  date: today(),
  machine: machine(),
  loadStart,
  model: MODEL,
  epochs: EPOCHS,
  params: PARAMS,
  seed: SEED,
  reps: REPS,
  torch: torchVersion,
  rows,
});
writeSection(
  'torch',
  `## Training on PyTorch next to the browser core (\`npm run bench:torch\`)

${MODEL} on ml-100k (943 users, 1682 items), ${EPOCHS} epochs, settings ${PARAMS.replace(/,/g, ', ')}, seed ${SEED}; validation once, after the last epoch, on every side.
"Fit s" is the whole fit (batches, steps, the one validation pass), median of ${REPS} runs (min–max); sequences/s = ${trainRows} training sequences × ${EPOCHS} epochs / median fit s. Test NDCG@10 and HR@10 come from the same \`reclens evaluate --checkpoint\` on each side's first checkpoint.
Machine: ${machine()}, torch ${torchVersion}, CPU only (no GPU machine was lent to this task); 1-minute load average at start ${fmt(loadStart, 2)}, on a machine shared with other jobs. Date: ${today()}.

| trained by | processes | threads | fit s (min–max) | sequences/s | test NDCG@10 | test HR@10 |
|---|---|---|---|---|---|---|
${rows.map((r) => `| ${r.where} | ${r.processes} | ${r.threads} | ${span(r.fitSeconds)} | ${fmt(r.sequencesPerSec, 0)} | ${fmt(r.testNdcg10, 4)} | ${fmt(r.testHr10, 4)} |`).join('\n')}

${derived(rows)}
`,
);
console.log('wrote BENCHMARKS.md');
