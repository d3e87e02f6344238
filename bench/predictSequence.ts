// The sequence encoder's rows of bench:predict: a SASRec trained briefly on the demo, then fine-tuned as a behavior
// classifier (src/ml/predict/sequenceClassifier) in full, with LoRA and with adapters. Two encoders, so the table shows
// what pre-training on the held-out users' futures is worth: one trained on every user's events except what a held-out
// user did after their cut (the clean comparison), one on the leave-one-out training part of the whole log (what the
// app's Model view trains).
import type { EventLog } from '../src/data/eventLog';
import { userRows, type PredictionTask } from '../src/data/predictionTask';
import { fitSequenceClassifier, type PeftMethod } from '../src/ml/predict/sequenceClassifier';
import { SeqRecommender, type SeqRecSettings, type SeqTrainData } from '../src/ml/seqrec';
import { leaveOneOutSplit, trainData } from '../src/rec/split';
import type { BenchEncoder } from './predict';

/** Small enough to train in well under a minute on wasm, large enough to learn the demo's sequences. */
export const SEQUENCE_BENCH_ENCODER: SeqRecSettings = {
  hidden: 32,
  layers: 2,
  heads: 2,
  intermediate: 64,
  maxLen: 50,
  batchSize: 128,
  maxEpochs: 10,
};
export const SEQUENCE_BENCH_FINETUNE = { epochs: 3, batchSize: 32, learningRate: 2e-3 };

/** Every user's events (exposures left out, as the task does), a test user's only up to their cut. */
function withoutTestFutures(log: EventLog, task: PredictionTask, test: readonly number[]): SeqTrainData {
  const cutRows = new Map(test.map((i) => [task.examples[i].user, task.examples[i].rows]));
  const ignore = new Set(['exposure']);
  const offsets = new Uint32Array(log.users.length + 1);
  const items: number[] = [];
  const events: number[] = [];
  for (let u = 0; u < log.users.length; u++) {
    for (const r of cutRows.get(u) ?? userRows(log, u, ignore)) {
      items.push(log.item[r]);
      events.push(log.event[r]);
    }
    offsets[u + 1] = items.length;
  }
  return {
    numUsers: log.users.length,
    numItems: log.items.length,
    sequences: { offsets, items: Int32Array.from(items) },
    events: Uint8Array.from(events),
    numEventTypes: log.eventTypes.length,
  };
}

/** A training mode's SASRec weights once its first row has trained them (null until then). */
type Trained = Map<string, Awaited<ReturnType<SeqRecommender['exportState']>> | null>;

/** Parameter-efficient runs take a larger step: only the small adapted part and the head move. */
const PEFT_LEARNING_RATE = 1e-2;
const PEFT_WORDS: Record<PeftMethod, string> = {
  none: 'every encoder weight',
  lora: 'LoRA (rank 8 on attention query/value)',
  adapter: 'Houlsby adapters (width 16) and the LayerNorms',
};

/**
 * Bench rows over one SASRec each for the clean and the whole-log training: the first row of a training mode trains it
 * (its seconds include that), later rows of the same mode reuse the same weights (their seconds: fine-tuning only).
 */
export function sequenceEncoder(
  training: 'without-test-futures' | 'whole-log',
  seed: number,
  peft: PeftMethod = 'none',
  trained: Trained = new Map(),
): BenchEncoder {
  const s = SEQUENCE_BENCH_ENCODER;
  const f = { ...SEQUENCE_BENCH_FINETUNE, ...(peft === 'none' ? {} : { learningRate: PEFT_LEARNING_RATE }) };
  // Rows run in order: the first of a training mode trains the SASRec and leaves its weights for the later ones.
  const first = !trained.has(training);
  if (first) trained.set(training, null);
  return {
    name: `sequence (SASRec fine-tuned${peft === 'none' ? '' : `, ${peft}`}; ${training === 'whole-log' ? 'encoder saw held-out futures' : 'clean encoder'})`,
    describe:
      `SASRec (hidden ${s.hidden}, ${s.layers} layers, maxLen ${s.maxLen}) trained ${s.maxEpochs} epochs on ` +
      (training === 'whole-log'
        ? "the whole log's leave-one-out training part, as the app's Model view trains it (held-out users' events after their cut included)"
        : "every user's events but what a held-out user did after their cut") +
      `; then the head and ${PEFT_WORDS[peft]} fine-tuned ${f.epochs} epochs (lr ${f.learningRate}, batch ${f.batchSize}); ` +
      (first ? 'its seconds include training the SASRec' : 'the same SASRec as the row above it, so its seconds are fine-tuning only'),
    async fit(data, task, split) {
      const encoder = new SeqRecommender('sasrec', s);
      try {
        const state = trained.get(training);
        if (!first && state) encoder.importState(state);
        else {
          const seqs = training === 'whole-log' ? trainData(leaveOneOutSplit(data.log)) : withoutTestFutures(data.log, task, split.test);
          await encoder.fit(seqs, { seed, validation: 'none' });
          trained.set(training, await encoder.exportState());
        }
        const r = await fitSequenceClassifier(data, task, split, { encoder, ...f, peft, seed });
        if (!r.ok) throw new Error(r.reason);
        return r.data;
      } finally {
        encoder.dispose();
      }
    },
  };
}

/**
 * The sequence rows bench:predict appends to its encoders: the clean encoder fine-tuned in full, with LoRA and with
 * adapters (one SASRec, trained in the first row's seconds), then the whole-log encoder in full.
 */
export function sequenceEncoders(seed: number): BenchEncoder[] {
  const trained: Trained = new Map();
  return [
    sequenceEncoder('without-test-futures', seed, 'none', trained),
    sequenceEncoder('without-test-futures', seed, 'lora', trained),
    sequenceEncoder('without-test-futures', seed, 'adapter', trained),
    sequenceEncoder('whole-log', seed, 'none', trained),
  ];
}
