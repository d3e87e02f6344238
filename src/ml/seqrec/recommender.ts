// SASRec / BERT4Rec behind the common Recommender interface: fit, batched scoring, checkpoint state.
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../lib/rng';
import type { Progress } from '../../lib/progress';
import {
  rowOf,
  scoreBuffer,
  type FitOptions,
  type ItemVectors,
  type ModelState,
  type Recommender,
  type ScoreBatch,
  type TrainData,
} from '../../rec/recommender';
import type { SeqInput } from './batch';
import { assertMemory } from '../../rec/memory';
import { clickedPairs } from '../../rec/models/mfImplicitIps';
import { popularityPropensity, type PropensityModel } from '../../rec/propensity';
import {
  checkSeqRecSettings,
  defaultConfig,
  estimateSeqRecMemory,
  resolveConfig,
  validateConfig,
  type SeqRecConfig,
  type SeqRecMode,
  type SeqRecSettings,
} from './config';
import { exampleWeighting, type ExampleWeighting } from './exampleWeights';
import { normaliseItemText, seenMask, type ItemTextVectors } from './itemText';
import { checkpointLayout, createModel, disposeModel, initItemTableFromText, itemTable, type SeqRecModel } from './model';
import { scoreSequences, type ValidationSet } from './score';
import { trainSeqRec, type TrainResult } from './train';

/** TrainData plus optional per-element side information aligned with `sequences.items`. */
export interface SeqTrainData extends TrainData {
  /** Event type index per element (0-based); absent = a single type. */
  readonly events?: Uint8Array;
  readonly numEventTypes?: number;
  /** Unix seconds per element; used only when the config has timeBuckets > 0. */
  readonly times?: Float64Array;
}

export interface SeqFitOptions extends FitOptions {
  /**
   * Held-out rows for early stopping (e.g. the leave-one-out validation stage). Without it, each user's last
   * training item is held out internally (users with ≥ 3 items) and not trained on. 'none' trains on every item for
   * maxEpochs (or the time budget) without early stopping: the final fit, once validation has chosen the epoch count.
   */
  validation?: ValidationSet | 'none';
  /** Continue training the current (fitted or imported) weights instead of starting afresh. */
  resume?: boolean;
}

export interface SeqScoreBatch extends ScoreBatch {
  readonly events?: readonly ArrayLike<number>[];
  readonly times?: readonly ArrayLike<number>[];
}

/** Settings that may change between resumed runs; the rest fix the architecture. */
const TRAINING_KEYS = [
  'learningRate',
  'weightDecay',
  'batchSize',
  'maxEpochs',
  'patience',
  'evalEvery',
  'maxValUsers',
  'timeBudgetSec',
  'epochBudgetSec',
  'maxGradNorm',
  'dropout',
  'maskProb',
  'lastMaskShare',
  'negatives',
  'popularNegatives',
  'randomWindows',
  'debias',
  'clip',
] as const;

export class SeqRecommender implements Recommender {
  readonly name: SeqRecMode;
  private model?: SeqRecModel;
  private epochsTrained = 0;
  /** Outcome of the latest fit (epochs, stop reason, validation history). */
  lastFit?: TrainResult;
  /** The latest fit's debiasing: mode and the propensities' overlap diagnostic (null when unweighted). */
  lastDebias?: { debias: SeqRecConfig['debias']; propensity: ExampleWeighting['propensity'] | null };

  /**
   * `itemText`: numItems × dim text embeddings of the items (the registry's `embeddings`), used when the settings ask
   * for itemText 'init' or 'augment'; a model rebuilt from a checkpoint needs none (its state carries them).
   * `propensity`: P(observed) of a (user, item) pair for debias ips/snips; without one, popularity × activity of the
   * training pairs.
   */
  constructor(
    readonly mode: SeqRecMode,
    private readonly settings: SeqRecSettings = {},
    private readonly itemText?: ItemTextVectors,
    private readonly propensity?: PropensityModel,
  ) {
    this.name = mode;
    // Unknown keys and out-of-range numbers are refused here, before any data is read or tensor allocated.
    const checked = checkSeqRecSettings(settings, mode);
    if (!checked.ok) throw new Error(`invalid ${mode} settings: ${checked.reason}`);
  }

  get backend(): string {
    return tf.getBackend();
  }

  /** The network, for explanations (inputEmbeddings / scoresFromEmbeddings in model.ts). */
  get network(): SeqRecModel | undefined {
    return this.model;
  }

  get config(): SeqRecConfig | undefined {
    return this.model?.config;
  }

  async fit(data: SeqTrainData, options: SeqFitOptions): Promise<void> {
    let seqs = toInputs(data);
    let validation = options.validation === 'none' ? undefined : options.validation;
    if (!options.validation) ({ seqs, validation } = holdOutLast(seqs, this.mode === 'sasrec' ? 3 : 2));
    let config: SeqRecConfig;
    if (options.resume && this.model) {
      const training = Object.fromEntries(TRAINING_KEYS.filter((k) => this.settings[k] !== undefined).map((k) => [k, this.settings[k]]));
      config = unwrap(resolveConfig(this.model.config, training));
      assertMemory(this.mode, estimateSeqRecMemory(config), options.memoryBudgetBytes);
      this.model.config = config;
    } else {
      const base = defaultConfig(
        this.mode,
        data.numItems,
        seqs.map((s) => s.items.length),
        data.numEventTypes ?? 1,
      );
      const useText = this.settings.itemText !== undefined && this.settings.itemText !== 'off';
      config = unwrap(resolveConfig(base, { ...this.settings, mode: this.mode, textDim: useText ? (this.itemText?.dim ?? 0) : 0 }));
      assertMemory(this.mode, estimateSeqRecMemory(config), options.memoryBudgetBytes);
      const text = config.itemText !== 'off' && this.itemText ? normaliseItemText(this.itemText, config.numItems) : undefined;
      this.dispose();
      this.model = createModel(config, options.seed, text);
      this.epochsTrained = 0;
      if (config.itemText === 'init' && text) await initItemTableFromText(this.model, text, options.seed);
    }
    // Items first seen in this fit's data get their learned ID embedding from now on (a resumed fit included).
    const seen = this.model!.weights.text?.seen;
    if (seen) tf.tidy(() => seen.assign(tf.tensor2d(seenMask(config.numItems, seqs), [config.numItems + 2, 1])));
    if (validation) validation = sampleRows(validation, config.maxValUsers, options.seed);
    const weighting = this.weighting(config, data);
    this.lastDebias = { debias: config.debias, propensity: weighting?.propensity ?? null };
    // Epoch checkpoints are exported from the progress callback at each epoch's end: keep the count current for them.
    const onProgress = (p: Progress) => {
      if (p.detail?.valNdcg10 !== undefined && Number.isFinite(Number(p.detail.epoch))) this.epochsTrained = Number(p.detail.epoch);
      return options.onProgress?.(p);
    };
    this.lastFit = await trainSeqRec(this.model!, seqs, {
      seed: options.seed,
      validation,
      startEpoch: this.epochsTrained,
      onProgress,
      signal: options.signal,
      ...(weighting ? { weighting } : {}),
    });
    this.epochsTrained = this.lastFit.epochs;
  }

  /** IPS/SNIPS example weights over the training pairs (debias none: null, and the loss is today's, bit for bit). */
  private weighting(config: SeqRecConfig, data: TrainData): ExampleWeighting | null {
    if (config.debias === 'none') return null;
    const pairs = clickedPairs(data);
    return exampleWeighting(config.debias, this.propensity ?? popularityPropensity(pairs), pairs, config.clip);
  }

  async scoreUsers(batch: SeqScoreBatch, out?: Float32Array): Promise<Float32Array> {
    const m = this.requireModel();
    const rows = batch.histories.length;
    const scores = scoreBuffer(rows, m.config.numItems, out);
    const seqs = batch.histories.map((items, r) => ({ items, events: batch.events?.[r], times: batch.times?.[r] }));
    return scoreSequences(m, seqs, scores);
  }

  /**
   * The weights as they are at the call, read back asynchronously (a synchronous read on WebGPU can return zeros).
   * Training may go on while they download: the resilient fit snapshots each epoch this way.
   */
  async exportState(): Promise<ModelState> {
    const m = this.requireModel();
    const settings = { ...m.config, epochsTrained: this.epochsTrained };
    const entries = [...m.named, ...m.buffers];
    // Clones share the variables' current data (no copy) and keep it alive after an optimizer step replaces it.
    const held = entries.map(([, v]) => tf.clone(v));
    try {
      const data = await Promise.all(held.map((t) => t.data<'float32'>()));
      // Linear weights go back to PyTorch's [out, in], so checkpoints keep their layout (weightLayout.ts).
      const tensors = entries.map(([key, v], i) => [key, checkpointLayout(m, key, { shape: [...v.shape], data: data[i] })]);
      return { settings, tensors: Object.fromEntries(tensors) };
    } finally {
      tf.dispose(held);
    }
  }

  /** The item table the network scores with (itemText included), rows 1..numItems: row 0 is padding, the last [MASK]. */
  async itemVectors(): Promise<ItemVectors> {
    const m = this.requireModel();
    const { numItems, hidden } = m.config;
    const rows = tf.tidy(() => itemTable(m).slice([1, 0], [numItems, hidden]));
    try {
      return { data: await rows.data<'float32'>(), dim: hidden };
    } finally {
      rows.dispose();
    }
  }

  importState(state: ModelState): void {
    const { epochsTrained, ...rest } = state.settings as unknown as SeqRecConfig & { epochsTrained?: number };
    // Defaults first, so states written before a setting existed still load.
    const config = unwrap(validateConfig({ ...defaultConfig(this.mode, Number(rest.numItems) || 1, [8]), ...rest }));
    if (config.mode !== this.mode) throw new Error(`state is for ${config.mode}, not ${this.mode}`);
    assertMemory(this.mode, estimateSeqRecMemory(config));
    const model = createModel(config, 0);
    try {
      for (const [key, v] of [...model.named, ...model.buffers]) {
        const file = state.tensors[key];
        if (!file) throw new Error(`state lacks tensor "${key}"`);
        const expected = model.transposed.has(key) ? [...v.shape].reverse() : v.shape;
        if (file.shape.join() !== expected.join()) throw new Error(`tensor "${key}" has shape [${file.shape}], expected [${expected}]`);
        const t = checkpointLayout(model, key, { shape: [...file.shape], data: file.data });
        tf.tidy(() => v.assign(tf.tensor(t.data, t.shape, 'float32')));
      }
    } catch (e) {
      disposeModel(model);
      throw e;
    }
    this.dispose();
    this.model = model;
    this.epochsTrained = epochsTrained ?? 0;
  }

  dispose(): void {
    if (this.model) disposeModel(this.model);
    this.model = undefined;
  }

  private requireModel(): SeqRecModel {
    if (!this.model) throw new Error(`${this.name} is not fitted (call fit or importState first)`);
    return this.model;
  }
}

function unwrap<T>(r: { ok: true; data: T } | { ok: false; reason: string }): T {
  if (!r.ok) throw new Error(`invalid sequence-recommender settings: ${r.reason}`);
  return r.data;
}

function toInputs(data: SeqTrainData): SeqInput[] {
  const { offsets } = data.sequences;
  return Array.from({ length: data.numUsers }, (_, u) => ({
    items: rowOf(data.sequences, u),
    events: data.events?.subarray(offsets[u], offsets[u + 1]),
    times: data.times?.subarray(offsets[u], offsets[u + 1]),
  }));
}

/** Internal validation: each long-enough user's last item becomes the target and leaves the training sequence. */
function holdOutLast(seqs: SeqInput[], minLen: number): { seqs: SeqInput[]; validation: ValidationSet } {
  const inputs: SeqInput[] = [];
  const targets: number[] = [];
  const cut = (a: ArrayLike<number> | undefined, n: number): ArrayLike<number> | undefined =>
    !a ? undefined : 'subarray' in a ? (a as Int32Array).subarray(0, n) : Array.prototype.slice.call(a, 0, n);
  const train = seqs.map((s) => {
    const n = s.items.length;
    if (n < minLen) return s;
    const head = { items: cut(s.items, n - 1)!, events: cut(s.events, n - 1), times: cut(s.times, n - 1) };
    inputs.push(head);
    targets.push(s.items[n - 1]);
    return head;
  });
  return { seqs: train, validation: { inputs, targets: Int32Array.from(targets) } };
}

/** A seeded sample of at most `max` validation rows, in their original order. */
function sampleRows(v: ValidationSet, max: number, seed: number): ValidationSet {
  if (v.targets.length <= max) return v;
  const rows = createRng(seed + 17)
    .shuffle([...v.targets.keys()])
    .slice(0, max)
    .sort((a, b) => a - b);
  return {
    inputs: rows.map((r) => v.inputs[r]),
    targets: Int32Array.from(rows.map((r) => v.targets[r])),
    exclude: v.exclude && rows.map((r) => v.exclude![r]),
  };
}
