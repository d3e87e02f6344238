// Side-by-side SASRec training: fixed seeded batches, and the same steps run through RecLens's own loss, clipping and
// AdamW (in Node and, bundled by bench/side/browser.ts, in Chromium). No Node imports: the page uses it too.
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../src/lib/rng';
import { defaultConfig, type SeqRecConfig } from '../../src/ml/seqrec/config';
import { sasrecBatch } from '../../src/ml/seqrec/batch';
import { createModel, disposeModel, seqRecOptimizer } from '../../src/ml/seqrec/model';
import { plainTrainingStep } from '../../src/ml/seqrec/plainStep';
import { catalogWalks } from '../../src/ml/seqrec/walks';

/** The batch shape of a run: bench:rec's on ml-100k by default; bench:gpu also runs larger and (on a software adapter) tiny ones. */
export interface SeqRecShape {
  batchSize: number;
  maxLen: number;
}

/** bench:rec's SASRec on ml-100k: 1,682 items, maxLen 50, batch 32, dropout 0.2; the rest are the app's defaults. */
export function seqrecConfig(shape: SeqRecShape = { batchSize: 32, maxLen: 50 }): SeqRecConfig {
  return { ...defaultConfig('sasrec', 1682, [shape.maxLen]), ...shape, dropout: 0.2 };
}

export interface SeqRecData {
  config: SeqRecConfig;
  steps: number;
  batches: ReturnType<typeof sasrecBatch>[];
}

/**
 * `steps` batches of full-length sequences (maxLen + 1 items, so every one of the maxLen positions carries a target and
 * there is no padding): a seeded walk over the catalog with small jumps, so there is something to learn.
 */
export function seqrecData(steps: number, seed = 9, shape?: SeqRecShape): SeqRecData {
  const config = seqrecConfig(shape);
  const rng = createRng(seed);
  const batches = Array.from({ length: steps }, () =>
    sasrecBatch(catalogWalks(rng, config.numItems, config.batchSize, config.maxLen + 1), config),
  );
  return { config, steps, batches };
}

export interface SeqRecRun {
  /** Steps/s over steps 2…N (the first step includes kernel set-up). */
  stepsPerSec: number;
  losses: number[];
}

/** N optimizer steps from the seeded initial weights, exactly as trainSeqRec's trainStep does one (dropout seeded by `rep`). */
export async function runSeqRecTfjs(data: SeqRecData, rep: number): Promise<SeqRecRun> {
  const { config: c, batches } = data;
  const m = createModel(c, 1);
  const optimizer = seqRecOptimizer(m);
  const losses: number[] = [];
  let t1 = 0;
  // As trainSeqRec, each loss is read one step late, once the next step is queued: on a GPU backend reading it at
  // once would make every step wait for its own last kernel (on wasm, which runs kernels as they come, it is the same).
  let unread: tf.Tensor | null = null;
  const readLoss = async () => {
    if (!unread) return;
    losses.push((await unread.data())[0]);
    unread.dispose();
    unread = null;
  };
  try {
    for (let step = 0; step < batches.length; step++) {
      if (step === 1) {
        await readLoss();
        t1 = performance.now();
      }
      // As trainSeqRec: the gradients flat (one concat), clipped and applied over the flat buffer.
      const loss = plainTrainingStep(m, optimizer, batches[step], rep * 100_000 + step + 1);
      await readLoss();
      unread = loss;
    }
    await readLoss();
  } finally {
    (unread as tf.Tensor | null)?.dispose();
    optimizer.dispose();
    disposeModel(m);
  }
  return { stepsPerSec: (batches.length - 1) / ((performance.now() - t1) / 1000), losses };
}

/**
 * Forward FLOPs of one step counted from the shapes (matmuls only: Q/K/V/O and FFN projections, attention scores and
 * context, the full-softmax output layer); a training step is taken as 3× forward (forward + two products per matmul
 * backward).
 */
export function stepFlops(c: SeqRecConfig, tokens: number): number {
  const { hidden: h, intermediate: f, maxLen: l, layers, numItems: n } = c;
  const perTokenLayer = 2 * 4 * h * h + 2 * 2 * h * f + 2 * 2 * l * h;
  return 3 * tokens * (layers * perTokenLayer + 2 * h * n);
}
