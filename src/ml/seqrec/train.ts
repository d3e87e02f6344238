// Training loop of the sequence recommender: seeded batches, AdamW, clipping, early stopping on validation NDCG@10.
import * as tf from '@tensorflow/tfjs';
import { abortError, progressTracker, type Progress, yieldToEvents } from '../../lib/progress';
import { createRng } from '../../lib/rng';
import { clipFlat, type AdamW, type FlatGrads } from '../train/optimizer';
import { clozeBatch, epochBatches, sasrecBatch, type SeqInput } from './batch';
import { sequenceLoss } from './loss';
import { stepWeights, type ExampleWeighting } from './exampleWeights';
import { itemCounts, trainingNegatives, type NegativeSample } from './negatives';
import { seqRecOptimizer, type SeqRecModel } from './model';
import { validationNdcg10, type ValidationSet } from './score';
import { checkInjectedOutOfMemory, shrinkNotice, withShrinkingBatch } from '../../lib/oom';
import { watchGpuErrors } from '../gpuErrors';
import { planEpochs, PROBE_STEPS, type EpochBudget } from '../../rec/epochBudget';

export interface TrainOptions {
  seed: number;
  validation?: ValidationSet;
  /** Epochs already trained (when resuming from an exported state): the epoch counter and seeds continue from it. */
  startEpoch?: number;
  /** At an epoch's end the loop awaits what this returns, so an epoch's checkpoint is read before the next one starts. */
  onProgress?: (p: Progress) => unknown;
  signal?: AbortSignal;
  /** Inverse-propensity weights of the targets (config.debias ips/snips); absent, the loss is unweighted. */
  weighting?: ExampleWeighting;
}

export interface TrainResult {
  stoppedBy: 'completed' | 'early-stopping' | 'time-budget';
  epochs: number;
  steps: number;
  bestValNdcg10?: number;
  bestEpoch?: number;
  history: { epoch: number; loss: number; valNdcg10?: number; seconds: number }[];
  seconds: number;
  /** The epochs config.epochBudgetSec allowed at the measured step rate (absent without a budget). */
  epochBudget?: EpochBudget;
  /** The batch size the run ended with (smaller than configured when a batch did not fit GPU memory). */
  batchSize: number;
  /** For the analyst: each time the batch was halved, and why. */
  notices: string[];
}

/**
 * Trains `m` in place. Sequences too short to carry a target are skipped (sasrec needs 2 items, bert4rec 1).
 * On early stopping the best validated weights are restored. Aborting throws AbortError (weights are then partial).
 */
export async function trainSeqRec(m: SeqRecModel, seqs: SeqInput[], opts: TrainOptions): Promise<TrainResult> {
  const c = m.config;
  const minLen = c.mode === 'sasrec' ? 2 : 1;
  const problem = degenerate(seqs, c.mode, minLen);
  if (problem) throw new Error(problem);
  const users = seqs.flatMap((s, u) => (s.items.length >= minLen ? [u] : []));
  const startEpoch = opts.startEpoch ?? 0;
  const rng = createRng(opts.seed * 2654435761 + startEpoch);
  const stepsPerEpoch = Math.ceil(users.length / c.batchSize);
  const totalSteps = (c.maxEpochs - startEpoch) * stepsPerEpoch;
  const vars = [...m.named.values()];
  const optimizer = seqRecOptimizer(m);
  // Best weights live in preallocated copies so the tensor count stays flat while training.
  const best = vars.map((v) => tf.tidy(() => tf.variable(v.clone(), false)));
  const sampler =
    c.negatives > 0
      ? trainingNegatives(
          c.numItems,
          c.negatives,
          c.popularNegatives,
          itemCounts(
            c.numItems,
            users.map((u) => seqs[u]),
          ),
        )
      : undefined;
  const track = progressTracker(`Training ${c.mode}`, 'steps', totalSteps);
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  // The epoch budget: the loop runs to `limit`, which the budget lowers from maxEpochs once the first steps (then the
  // first validation pass) are timed. The first step is left out of the rate: it pays for kernel compilation.
  let limit = c.maxEpochs;
  let epochBudget: EpochBudget | undefined;
  let firstStepAt = 0;
  let validationSec = 0;
  let validationPasses = 0;
  const probeSteps = Math.min(PROBE_STEPS, stepsPerEpoch);
  const replan = () => {
    if (c.epochBudgetSec <= 0) return;
    const timed = step > 1 ? (step - 1) / Math.max(elapsed() - firstStepAt - validationSec, 1e-6) : step / Math.max(elapsed(), 1e-6);
    const perPass = validationPasses ? validationSec / validationPasses : 0;
    const plan = planEpochs({
      budgetSec: c.epochBudgetSec,
      stepsPerSec: timed,
      stepsPerEpoch,
      validationSec: perPass,
      evalEvery: opts.validation ? c.evalEvery : 1,
      maxEpochs: c.maxEpochs - startEpoch,
    });
    // Epochs already trained stay in the plan: a later, slower estimate ends training sooner, it cannot undo epochs.
    epochBudget = { ...plan, epochs: Math.max(plan.epochs, epoch - startEpoch) };
    limit = Math.min(c.maxEpochs, startEpoch + epochBudget.epochs);
  };
  // Progress counts the steps of the planned epochs, so the bar and ETA follow the budget.
  const planned = (p: Progress): Progress => {
    const total = (limit - startEpoch) * stepsPerEpoch;
    if (!epochBudget || p.total === total) return p;
    const eta = p.rate > 0 ? Math.max(0, (total - p.done) / p.rate) : p.etaSeconds;
    return { ...p, total, etaSeconds: eta, detail: { ...p.detail, totalSteps: total, plannedEpochs: limit } };
  };
  const history: TrainResult['history'] = [];
  let stoppedBy: TrainResult['stoppedBy'] = 'completed';
  let bestNdcg = -1;
  let bestEpoch: number | undefined;
  let sinceBest = 0;
  let step = 0;
  let epoch = startEpoch;
  // Rows per forward/backward pass: the configured batch, halved on out-of-memory (a step is then accumulated over
  // sub-batches, so it is still one optimizer step over the same users).
  let microBatch = c.batchSize;
  const notices: string[] = [];
  // A kernel WebGPU rejects or a buffer it cannot allocate leaves zeros behind, not an exception: stop instead.
  const gpu = watchGpuErrors();
  // A step's loss and gradient norm stay on the device until the next step is queued: read at once, every step would
  // wait for its own last kernel (a sync per step, which a GPU pays dearly); read one step late, the wait overlaps
  // the next step's work. So a step queues its forward, backward, clipping and update with no read-back inside.
  type Unread = { figures: tf.Tensor; step: number; epoch: number };
  let unread: Unread | null = null;
  // Reads `u` (already out of `unread`, so a failed read leaves nothing for the finally below to free twice).
  const readBack = async (u: Unread | null): Promise<number> => {
    if (!u) return 0;
    let loss = 0;
    let gradNorm = 0;
    try {
      [loss, gradNorm] = await u.figures.data();
    } finally {
      u.figures.dispose();
    }
    const p = track(u.step, { epoch: u.epoch, step: u.step, totalSteps, loss, gradNorm, stepsPerSec: u.step / Math.max(elapsed(), 1e-6) });
    opts.onProgress?.(withBudget(planned(p), c.timeBudgetSec, elapsed()));
    return loss;
  };
  try {
    while (epoch < limit && stoppedBy === 'completed') {
      let lossSum = 0;
      for (const batchUsers of epochBatches(users, (u) => seqs[u].items.length, c.batchSize, rng)) {
        await yieldToEvents();
        if (opts.signal?.aborted) throw abortError();
        const part = batchUsers.map((u) => randomWindow(seqs[u], minLen, c.randomWindows, rng));
        const negatives = sampler?.sample(rng);
        const seed = opts.seed * 1_000_003 + startEpoch * stepsPerEpoch + step + 1;
        // The cloze masks are drawn once per step, so a retried step masks the same positions.
        const batches = c.mode === 'sasrec' ? null : clozeBatch(part, c, rng);
        const where = `training step ${step + 1}`;
        const weighted = opts.weighting && { rowUsers: batchUsers, weighting: opts.weighting };
        // Gradients first (retried with smaller pieces on out-of-memory), then one update from them.
        const stepped = await withShrinkingBatch(
          microBatch,
          (size) =>
            gpu.run(where, () => stepGradients(m, vars, optimizer, part, batches, size, seed, negatives, weighted), {
              retryable: true,
              discard: (r) => tf.dispose([r.grads.values, r.figures]),
            }),
          (s) => {
            const notice = shrinkNotice(`Training ${c.mode}, step ${step + 1}`, s);
            notices.push(notice);
            opts.onProgress?.(
              planned({
                ...track(step, { epoch: epoch + 1, step, totalSteps, batchSize: s.to }),
                detail: { epoch: epoch + 1, step, totalSteps, batchSize: s.to, notice },
              }),
            );
          },
        );
        microBatch = stepped.size;
        const { grads, figures } = stepped.value;
        try {
          await gpu.run(`the weight update of ${where}`, async () => optimizer.applyFlat(grads, c.learningRate));
        } catch (e) {
          figures.dispose();
          throw e;
        } finally {
          grads.values.dispose();
        }
        step++;
        if (step === 1) firstStepAt = elapsed();
        if (step === probeSteps) replan();
        // This step is queued: now the previous one's figures can be read without stalling it.
        const previous = unread;
        unread = { figures, step, epoch: epoch + 1 };
        lossSum += await readBack(previous);
        if (c.timeBudgetSec > 0 && elapsed() >= c.timeBudgetSec) {
          stoppedBy = 'time-budget';
          break;
        }
      }
      const last = unread;
      unread = null;
      lossSum += await readBack(last);
      epoch++;
      const entry: TrainResult['history'][number] = { epoch, loss: lossSum / Math.max(1, stepsPerEpoch), seconds: elapsed() };
      const validate = opts.validation && (epoch % c.evalEvery === 0 || epoch === limit || stoppedBy !== 'completed');
      if (validate) {
        const validationStart = elapsed();
        const ndcg = await gpu.run(`validation after epoch ${epoch}`, () => validationNdcg10(m, opts.validation!));
        validationSec += elapsed() - validationStart;
        if (++validationPasses === 1) replan();
        entry.valNdcg10 = ndcg;
        // Ties go to the later epoch: a saturated metric (tiny data) should not freeze an undertrained model.
        if (ndcg >= bestNdcg) {
          bestNdcg = ndcg;
          bestEpoch = epoch;
          sinceBest = 0;
          best.forEach((b, i) => b.assign(vars[i]));
        } else if (++sinceBest >= c.patience && stoppedBy === 'completed') {
          stoppedBy = 'early-stopping';
        }
        await opts.onProgress?.(
          withBudget(
            planned(
              track(step, {
                epoch,
                step,
                totalSteps,
                loss: entry.loss,
                valNdcg10: ndcg,
                bestValNdcg10: bestNdcg,
                stepsPerSec: step / Math.max(elapsed(), 1e-6),
              }),
            ),
            c.timeBudgetSec,
            elapsed(),
          ),
        );
      }
      history.push(entry);
    }
    gpu.check('training');
    if (bestEpoch !== undefined) vars.forEach((v, i) => v.assign(best[i]));
  } finally {
    if (unread) (unread as { figures: tf.Tensor }).figures.dispose();
    gpu.dispose();
    optimizer.dispose();
    tf.dispose(best);
  }
  return {
    stoppedBy,
    epochs: epoch,
    steps: step,
    bestValNdcg10: bestEpoch === undefined ? undefined : bestNdcg,
    bestEpoch,
    history,
    seconds: elapsed(),
    ...(epochBudget ? { epochBudget } : {}),
    batchSize: microBatch,
    notices,
  };
}

/**
 * What makes the data untrainable, said as what is wrong with it (rather than a TF.js op failing on a one-item
 * vocabulary, or a sequence-length complaint about a log whose users each repeat one item). The split keeps one
 * event per user and item, so five events with the same item are one training item.
 */
function degenerate(seqs: SeqInput[], mode: string, minLen: number): string | null {
  const distinct = new Set<number>();
  for (const s of seqs) for (let k = 0; k < s.items.length && distinct.size < 2; k++) distinct.add(s.items[k]);
  if (distinct.size === 0) return 'the training data has no interactions';
  if (distinct.size === 1)
    return 'the training data has only one distinct item: a recommender has nothing to rank (every event is with the same item)';
  if (!seqs.some((s) => s.items.length >= minLen)) {
    return `no user has ${minLen} or more distinct items to train on: ${mode} learns each item from the ones before it, and repeats of an item a user already had do not count`;
  }
  return null;
}

/**
 * One step's clipped gradients, flat in the optimizer's layout (the caller applies and disposes them), and on the
 * device, not yet read: [loss, gradient norm before clipping] (the caller reads and disposes them).
 */
interface StepGradients {
  grads: FlatGrads;
  figures: tf.Tensor1D;
}

/**
 * The gradients of one optimizer step over `part`, clipped. With `size` ≥ the part it is a single pass (exactly the
 * step as it always was); smaller, the gradients of passes over `size` rows are summed, each weighted by its share of
 * the rows — the same step in smaller pieces. Nothing is written to the weights, so a failed call can be retried.
 */
async function stepGradients(
  m: SeqRecModel,
  vars: tf.Variable[],
  optimizer: AdamW,
  part: SeqInput[],
  cloze: ReturnType<typeof clozeBatch> | null,
  size: number,
  seed: number,
  negatives: NegativeSample | undefined,
  weighted: { rowUsers: readonly number[]; weighting: ExampleWeighting } | undefined,
): Promise<StepGradients> {
  const c = m.config;
  const batchOf = (from: number, to: number) => {
    if (!cloze) return sasrecBatch(part.slice(from, to), c);
    return from === 0 && to >= part.length ? cloze : sliceBatch(cloze, from, to);
  };
  if (size >= part.length) {
    const { arrays, targets } = batchOf(0, part.length);
    checkInjectedOutOfMemory(part.length);
    const [weights] = weighted ? stepWeights([{ targets, len: arrays.len, firstRow: 0 }], weighted.rowUsers, weighted.weighting) : [];
    let missing: readonly string[] = [];
    const out = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => sequenceLoss(m, arrays, targets, seed, negatives, weights), vars);
      const clipped = clipFlat(optimizer.flatten(grads), c.maxGradNorm);
      missing = clipped.grads.missing;
      return { grads: clipped.grads.values, figures: tf.stack([value, clipped.norm]) as tf.Tensor1D };
    });
    return { grads: { values: out.grads, missing }, figures: out.figures };
  }
  // The loss is a mean over target positions: weighting each piece by its share of the targets makes the summed
  // gradient the full batch's.
  const pieces: (ReturnType<typeof sasrecBatch> & { firstRow: number })[] = [];
  for (let from = 0; from < part.length; from += size)
    pieces.push({ ...batchOf(from, Math.min(part.length, from + size)), firstRow: from });
  // SNIPS normalises over the whole step's targets, so the pieces are weighted together.
  const weights = weighted
    ? stepWeights(
        pieces.map((p) => ({ targets: p.targets, len: p.arrays.len, firstRow: p.firstRow })),
        weighted.rowUsers,
        weighted.weighting,
      )
    : [];
  const totalTargets = pieces.reduce((n, p) => n + p.targets.flat.length, 0);
  // Summed flat: one product and one sum per piece, whatever the number of variables.
  let sum: FlatGrads | null = null;
  // Summed on the device too: reading each piece's loss back would stall between pieces.
  let lossSum: tf.Scalar | null = null;
  try {
    for (const [k, { arrays, targets }] of pieces.entries()) {
      checkInjectedOutOfMemory(arrays.batch);
      const share = targets.flat.length / Math.max(1, totalTargets);
      if (share === 0) continue;
      const prev: FlatGrads | null = sum;
      const prevLoss: tf.Scalar | null = lossSum;
      let missing: readonly string[] = [];
      const [loss, next] = tf.tidy((): [tf.Scalar, tf.Tensor] => {
        const { value, grads } = tf.variableGrads(() => sequenceLoss(m, arrays, targets, seed, negatives, weights[k]), vars);
        const flat = optimizer.flatten(grads);
        missing = flat.missing;
        const scaled = flat.values.mul(share);
        const part = value.mul(share) as tf.Scalar;
        return [prevLoss ? prevLoss.add(part) : part, prev ? prev.values.add(scaled) : scaled];
      });
      if (prev) prev.values.dispose();
      prevLoss?.dispose();
      sum = { values: next as tf.Tensor1D, missing };
      lossSum = loss;
    }
    const clipped = clipFlat(sum!, c.maxGradNorm);
    const figures = tf.tidy(() => tf.stack([lossSum!, clipped.norm]) as tf.Tensor1D);
    clipped.norm.dispose();
    return { grads: clipped.grads, figures };
  } finally {
    if (sum) (sum as FlatGrads).values.dispose();
    if (lossSum) (lossSum as tf.Scalar).dispose();
  }
}

/** Rows [from, to) of a packed batch, with their targets re-based (the padded width stays the batch's). */
function sliceBatch(b: ReturnType<typeof clozeBatch>, from: number, to: number): ReturnType<typeof clozeBatch> {
  const { len } = b.arrays;
  const cut = <T extends Int32Array | Float32Array>(a: T) => a.slice(from * len, to * len) as T;
  const flat: number[] = [];
  const items: number[] = [];
  b.targets.flat.forEach((f, k) => {
    if (f >= from * len && f < to * len) {
      flat.push(f - from * len);
      items.push(b.targets.items[k]);
    }
  });
  const a = b.arrays;
  return {
    arrays: { batch: to - from, len, ids: cut(a.ids), types: cut(a.types), pos: cut(a.pos), gaps: cut(a.gaps), mask: cut(a.mask) },
    targets: { flat: Int32Array.from(flat), items: Int32Array.from(items) },
  };
}

/** With probability `share`, the sequence up to a uniformly drawn end (at least minLen items); else all of it. */
function randomWindow(s: SeqInput, minLen: number, share: number, rng: ReturnType<typeof createRng>): SeqInput {
  const n = s.items.length;
  if (share <= 0 || n <= minLen || rng.next() >= share) return s;
  const end = minLen + rng.int(n - minLen + 1);
  const cut = (a: ArrayLike<number> | undefined) => (a ? Array.prototype.slice.call(a, 0, end) : undefined);
  return { items: cut(s.items)!, events: cut(s.events), times: cut(s.times) };
}

/** A time budget caps the ETA: training ends by then whatever the step count says. */
function withBudget(p: Progress, budgetSec: number, elapsedSec: number): Progress {
  if (budgetSec <= 0 || p.etaSeconds === null) return p;
  return { ...p, etaSeconds: Math.min(p.etaSeconds, Math.max(0, budgetSec - elapsedSec)) };
}
