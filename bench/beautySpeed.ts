// bench:beauty — BERT4Rec's training speed on Beauty's 54,542 items against its PyTorch twin (#23 asks to keep
// reporting the ratio to PyTorch). Each repetition trains the browser core (`reclens train`, TF.js wasm in Node, one
// thread) and then bench/reference/beauty_bert4rec.py (python/reclens_torch, one thread, OpenBLAS held to one thread
// too) for the same epochs on the same split, with the settings the CLI resolved for the file passed to the twin, so
// both sides train the same network the same way. Validation is off on both sides: the figure is training time.
// Repetitions alternate the two sides, so both see the same state of a shared machine, and each ratio is taken within
// its own repetition.
// Usage: npx tsx bench/beautySpeed.ts [--epochs 2] [--reps 3] [--max-len 50]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findTorchPython, runChecked } from './lib/python';
import { ROOT, fmt, machine, median, today, writeJson, writeSection } from './lib/report';

const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '2' },
    reps: { type: 'string', default: '3' },
    'max-len': { type: 'string', default: '50' },
  },
});
const EPOCHS = Number(args.epochs);
const REPS = Number(args.reps);
const MAX_LEN = Number(args['max-len']);
for (const [name, v, lo, hi] of [
  ['--epochs', EPOCHS, 1, 1000],
  ['--reps', REPS, 1, 100],
  ['--max-len', MAX_LEN, 2, 512],
] as const)
  if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`${name} must be an integer in [${lo}, ${hi}]`);
const DATA = resolve(ROOT, '../shared/data/bert4rec-amazon-beauty/beauty.txt');
if (!existsSync(DATA)) throw new Error(`${DATA} is missing: bench:beauty runs on BERT4Rec's Beauty input`);
const SEED = '1';
// Settings that shape the network or its training: the twin gets the CLI's resolved values for these.
const SHARED = [
  'hidden',
  'layers',
  'heads',
  'intermediate',
  'maxLen',
  'dropout',
  'maskProb',
  'lastMaskShare',
  'randomWindows',
  'negatives',
  'popularNegatives',
  'learningRate',
  'weightDecay',
  'batchSize',
  'maxGradNorm',
  'outputHead',
] as const;

const PY =
  findTorchPython() ??
  (() => {
    throw new Error('bench:beauty needs a python with torch (RECLENS_PYTHON, python3 or /usr/bin/python3)');
  })();

const ONE_THREAD = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

const run = (cmd: string, argv: string[]) => runChecked(cmd, argv, ONE_THREAD);

interface Rep {
  reclensSeconds: number;
  torchSeconds: number;
  /** PyTorch's time ÷ RecLens's: > 1, RecLens faster. */
  ratio: number;
}

const work = mkdtempSync(join(tmpdir(), 'reclens-beauty-'));
const loadStart = loadavg()[0];
const reps: Rep[] = [];
let settings: Record<string, unknown> = {};
try {
  for (let rep = 1; rep <= REPS; rep++) {
    const out = join(work, `reclens-${rep}`);
    // evalEvery past the last epoch: no validation pass inside the timed fit.
    run(process.execPath, [
      'bin/reclens.mjs',
      'train',
      '--data',
      DATA,
      '--model',
      'bert4rec',
      '--epochs',
      String(EPOCHS),
      '--seed',
      SEED,
      '--params',
      `maxLen=${MAX_LEN},evalEvery=${EPOCHS + 1000}`,
      '--out',
      out,
      '--json',
    ]);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as {
      trainSeconds: number;
      settings: Record<string, unknown>;
    };
    settings = config.settings;
    const params = SHARED.map((k) => `${k}=${String(settings[k])}`).join(',');
    const curve = join(work, `torch-${rep}.json`);
    run(PY, [
      'bench/reference/beauty_bert4rec.py',
      '--data',
      DATA,
      '--epochs',
      String(EPOCHS),
      '--eval-every',
      String(EPOCHS + 1000),
      '--threads',
      '1',
      '--seed',
      SEED,
      '--params',
      params,
      '--out',
      curve,
    ]);
    const torch = JSON.parse(readFileSync(curve, 'utf8')) as { trainSeconds: number };
    reps.push({ reclensSeconds: config.trainSeconds, torchSeconds: torch.trainSeconds, ratio: torch.trainSeconds / config.trainSeconds });
    console.log(`rep ${rep}:`, reps.at(-1));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const torchVersion = run(PY, ['-c', 'import torch; print(torch.__version__)']).trim();
const ratios = reps.map((r) => r.ratio);
const s = (xs: number[]) => `${fmt(median(xs), 1)} (${fmt(Math.min(...xs), 1)}–${fmt(Math.max(...xs), 1)})`;
writeJson('beauty-speed', {
  date: today(),
  machine: machine(),
  loadStart,
  epochs: EPOCHS,
  maxLen: MAX_LEN,
  seed: SEED,
  torch: torchVersion,
  settings,
  reps,
});
const faster = median(ratios) > 1 ? 'RecLens trained faster' : 'PyTorch trained faster';
writeSection(
  'beauty-speed',
  `## BERT4Rec on Beauty against its PyTorch twin (\`npm run bench:beauty\`)

BERT4Rec on BERT4Rec's Beauty input (40,226 users, 54,542 items), ${EPOCHS} epoch${EPOCHS === 1 ? '' : 's'} at maxLen ${MAX_LEN}, seed ${SEED}, no validation inside the fit, one thread on each side: \`reclens train\` (TF.js wasm in Node) and bench/reference/beauty_bert4rec.py (python/reclens_torch, torch ${torchVersion}, OMP and OpenBLAS at one thread), the twin given the settings the CLI resolved for the file: ${SHARED.map((k) => `${k} ${String(settings[k])}`).join(', ')}.
${REPS} repetition${REPS === 1 ? '' : 's'}, the two sides alternating; train seconds as each side reports them (batches and steps, no evaluation), median (min–max); each ratio is PyTorch's seconds ÷ RecLens's within one repetition.
Machine: ${machine()}; 1-minute load average at start ${fmt(loadStart, 2)}. Date: ${today()}.

| repetition | RecLens s | PyTorch s | PyTorch ÷ RecLens |
|---|---|---|---|
${reps.map((r, i) => `| ${i + 1} | ${fmt(r.reclensSeconds, 1)} | ${fmt(r.torchSeconds, 1)} | ${fmt(r.ratio, 2)}× |`).join('\n')}
| median | ${s(reps.map((r) => r.reclensSeconds))} | ${s(reps.map((r) => r.torchSeconds))} | ${fmt(median(ratios), 2)}× (${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)}×) |

${faster} in the median repetition (${fmt(median(ratios), 2)}×; ${reps.filter((r) => r.ratio > 1).length} of ${REPS} repetitions had RecLens faster).
`,
);
console.log('wrote BENCHMARKS.md');
