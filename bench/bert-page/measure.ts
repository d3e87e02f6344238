// Times BERT embedding and fine-tuning on the active TF.js backend; shared by the Node run and the browser page.
import { createRng } from '../../src/lib/rng';
import { finetune } from '../../src/ml/bert/finetune';
import { embed } from '../../src/ml/bert/inference';
import type { BertModel } from '../../src/ml/bert/model';
import type { TextTokenizer } from '../../src/ml/bert/tokenizer';
import { disposeTree } from '../../src/ml/tensors';

export const BATCH = 32;
export const SEQ = 64;

export interface Sample {
  /** One figure per timed repetition (tokens/s or steps/s). */
  values: number[];
  /** The first, untimed call (shader compilation, wasm JIT, buffer allocation). */
  warmupMs: number;
  /** True when the time cap stopped it before `reps` repetitions. */
  capped: boolean;
  /** Why it was not measured at all. */
  skipped?: string;
}

export interface MeasureOptions {
  reps: number;
  /** Stop starting new repetitions once this much time has gone (warm-up included). */
  capMs: number;
}

export interface EmbedSample extends Sample {
  /** Tokens/s a full batch would reach, from a one-sequence probe: what slow backends report instead of a measurement. */
  estimate: number;
}

/** The synthetic vocab.txt the benchmark model ships: BERT's specials then w5 … w<n-1>, one token per word. */
export function syntheticVocab(size: number): string {
  const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  return [...specials, ...Array.from({ length: size - specials.length }, (_, i) => `w${i + specials.length}`)].join('\n') + '\n';
}

/** Texts that tokenize to exactly SEQ tokens ([CLS] + SEQ-2 words + [SEP]), so every batch is BATCH × SEQ. */
export function benchTexts(n: number, vocabSize: number, seed = 1): string[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Array.from({ length: SEQ - 2 }, () => `w${5 + rng.int(vocabSize - 5)}`).join(' '));
}

/**
 * Embedding throughput: tokens/s through tokenize → forward → mean pool → read back, one batch per repetition.
 * A one-sequence probe first (which also compiles kernels) estimates the batch time; a backend where one batch would take
 * longer than the cap reports that estimate and is not run at full size.
 */
export async function measureEmbed(model: BertModel, tok: TextTokenizer, opts: MeasureOptions): Promise<EmbedSample> {
  const texts = benchTexts(BATCH, model.config.vocabSize);
  const once = async (batch: string[]) => {
    const t0 = performance.now();
    await embed(model, tok, batch, { batchSize: BATCH, maxLength: SEQ });
    return performance.now() - t0;
  };
  const start = performance.now();
  await once(texts.slice(0, 1));
  const probeMs = await once(texts.slice(0, 1));
  // Per-sequence cost only falls with batch size, so this over-estimates the batch time: the skip errs on the safe side.
  const estimate = (BATCH * SEQ) / ((probeMs * BATCH) / 1000);
  if (probeMs * BATCH > opts.capMs) {
    return {
      values: [],
      warmupMs: 0,
      capped: true,
      estimate,
      skipped: `a batch would take ≈ ${Math.round((probeMs * BATCH) / 1000)} s (1 × ${SEQ} probe)`,
    };
  }
  const warmupMs = await once(texts);
  const values: number[] = [];
  while (values.length < opts.reps && performance.now() - start < opts.capMs) values.push((BATCH * SEQ) / ((await once(texts)) / 1000));
  // Always report at least one timed repetition, even past the cap.
  if (values.length === 0) values.push((BATCH * SEQ) / ((await once(texts)) / 1000));
  return { values, warmupMs, capped: values.length < opts.reps, estimate };
}

/** Milliseconds of one forward pass over a full batch: measured when there is a measurement, else the probe's estimate. */
export function forwardMs(e: EmbedSample): number {
  const tokensPerSec = e.values.length > 0 ? Math.min(...e.values) : e.estimate;
  return (1000 * BATCH * SEQ) / tokensPerSec;
}

/**
 * Fine-tuning throughput: steps/s of full fine-tuning (AdamW, clipping, dropout) at BATCH × SEQ, timed between the
 * trainer's per-step progress callbacks (each waits for the loss, so the step has finished on the device). The first
 * step is the warm-up. Skipped when one step is expected to take longer than the cap.
 */
export async function measureFinetune(model: BertModel, tok: TextTokenizer, opts: MeasureOptions, expectedStepMs: number): Promise<Sample> {
  if (expectedStepMs > opts.capMs) {
    return {
      values: [],
      warmupMs: 0,
      capped: true,
      skipped: `a step would take ≈ ${Math.round(expectedStepMs / 1000)} s (3 × a forward pass), longer than the ${Math.round(opts.capMs / 1000)} s cap`,
    };
  }
  try {
    return await timeFinetuneSteps(model, tok, opts);
  } catch (e) {
    // One backend failing to train should not cost the run its other figures.
    return { values: [], warmupMs: 0, capped: true, skipped: `failed: ${(e as Error).message.split('\n')[0]}` };
  }
}

async function timeFinetuneSteps(model: BertModel, tok: TextTokenizer, opts: MeasureOptions): Promise<Sample> {
  const n = (opts.reps + 1) * BATCH;
  const texts = benchTexts(n, model.config.vocabSize, 2);
  const labels = Array.from({ length: n }, (_, i) => i % 2);
  const ctrl = new AbortController();
  const start = performance.now();
  const stamps: number[] = [start];
  const result = await finetune(model, tok, texts, labels, {
    labels: ['a', 'b'],
    epochs: 1,
    batchSize: BATCH,
    maxLength: SEQ,
    validationSplit: 0,
    signal: ctrl.signal,
    onProgress: () => {
      stamps.push(performance.now());
      if (performance.now() - start > opts.capMs && stamps.length >= 3) ctrl.abort();
    },
  });
  disposeTree(result.model.weights);
  const durations = stamps.slice(1).map((t, i) => t - stamps[i]);
  const values = durations.slice(1).map((ms) => 1000 / ms);
  return { values, warmupMs: durations[0] ?? 0, capped: values.length < opts.reps };
}
