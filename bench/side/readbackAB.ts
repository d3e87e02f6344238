// Before/after of trainSeqRec's step loop in ONE process on TF.js wasm, repetitions interleaved: another checkout's
// train.ts (the commit before the no-read-back step, #23) against this tree's, on the same seeded data and settings as
// bench/side/stepAB.ts (SASRec at ml-100k's size: 1,682 items, maxLen 50, batch 32). Reports steps/s per repetition
// and the medians. Unlike stepAB, which times the step's ops in its own loop, this times trainSeqRec itself.
// To change nothing but train.ts, make the before-tree a copy of this one with only that file from <rev>:
//   mkdir /tmp/before && cp -r src bench /tmp/before && git show <rev>:src/ml/seqrec/train.ts > /tmp/before/src/ml/seqrec/train.ts
//   ln -s "$PWD/node_modules" /tmp/before/node_modules
//   npx tsx bench/side/readbackAB.ts /tmp/before [steps=12] [reps=6]
// The linked node_modules makes both trees share one TF.js engine, so one backend runs both.
import { resolve } from 'node:path';
import { initBackend } from '../../src/ml/backend';
import { createRng } from '../../src/lib/rng';
import type { SeqInput } from '../../src/ml/seqrec/batch';
import { createModel, disposeModel } from '../../src/ml/seqrec/model';
import * as trainNow from '../../src/ml/seqrec/train';
import { seqrecConfig } from './seqrec';

const [dir, stepsArg = '12', repsArg = '6'] = process.argv.slice(2);
if (!dir) throw new Error('usage: npx tsx bench/side/readbackAB.ts <before-tree> [steps] [reps]');
const trainBefore: typeof trainNow = await import(resolve(dir, 'src/ml/seqrec/train.ts'));
await initBackend('wasm');

// One epoch of `steps` full batches: seqrecData's seeded walk, as whole sequences for trainSeqRec to batch itself.
const config = { ...seqrecConfig(), maxEpochs: 1, epochBudgetSec: 0, timeBudgetSec: 0 };
const rng = createRng(9);
const seqs: SeqInput[] = Array.from({ length: Number(stepsArg) * config.batchSize }, () => {
  const items = [rng.int(config.numItems)];
  while (items.length < config.maxLen + 1) items.push((items[items.length - 1] + 1 + rng.int(8)) % config.numItems);
  return { items };
});

async function run(train: typeof trainNow, rep: number): Promise<number> {
  const m = createModel(config, 1);
  try {
    const r = await train.trainSeqRec(m, seqs, { seed: rep });
    return r.steps / r.seconds;
  } finally {
    disposeModel(m);
  }
}

const rates: Record<'before' | 'now', number[]> = { before: [], now: [] };
await run(trainNow, 0);
for (let r = 0; r < Number(repsArg); r++)
  for (const k of r % 2 ? (['now', 'before'] as const) : (['before', 'now'] as const)) {
    rates[k].push(await run(k === 'now' ? trainNow : trainBefore, r));
    console.log(`${k} rep ${r}: ${rates[k].at(-1)!.toFixed(3)} steps/s`);
  }
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
console.log(
  `trainSeqRec steps/s median over ${repsArg} reps of ${stepsArg} steps: before ${median(rates.before).toFixed(3)}, now ${median(rates.now).toFixed(3)} (×${(median(rates.now) / median(rates.before)).toFixed(3)})`,
);
