// A BERT sequence classifier seen by the explanation core: the words of one text are the "events", the classes are
// the "items" and a class's score is its logit. Model-agnostic methods (occlusion, LIME, Shapley) and faithfulness
// curves drop words and re-score; Integrated Gradients and gradient × input run over the word-piece input embeddings
// (attributions of a word's pieces are summed, so completeness holds per word too); attention rollout is read from
// the [CLS] row and summed over a word's pieces the same way.
import * as tf from '@tensorflow/tfjs';
import { explainText, type ExplainTextOptions, type TextExplanation } from '../../explain/text';
import type { AttentionMaps, ExplainableModel, ExplainTarget, IgBaseline, SequenceInternals } from '../../explain/types';
import type { ModelState, Recommender, ScoreBatch } from '../../rec/recommender';
import { bertForward, type BertModel } from '../bert/model';
import type { TextTokenizer } from '../bert/tokenizer';

/** One text split into the words attributions are reported on, each with its word-piece ids. */
export interface TextWords {
  /** Display form of each word (word pieces joined, "##" removed). */
  words: string[];
  /** Word-piece ids per word. */
  pieces: number[][];
  cls: number;
  sep: number;
  /** True when the text was longer than the model reads and its tail was cut. */
  truncated: boolean;
}

/** Rows per forward pass when re-scoring many word subsets. */
const CHUNK = 64;

export function maxTextLength(model: BertModel, tokenizer: TextTokenizer): number {
  return Math.min(tokenizer.modelMaxLength ?? 512, model.config.maxPositions);
}

/**
 * Word pieces of `text` grouped into words: a piece that starts with "##" continues the word before it. Without
 * token strings (a tokenizer that cannot tokenize), every piece is its own word, named by its id.
 */
export function textWords(model: BertModel, tokenizer: TextTokenizer, text: string): TextWords {
  const ids = tokenizer.encode([text], { maxLength: maxTextLength(model, tokenizer) }).inputIds[0];
  const body = ids.slice(1, -1);
  const all = tokenizer.tokenize?.(text);
  const tokens = all && all.length >= body.length ? all.slice(0, body.length) : body.map((id) => `#${id}`);
  const words: string[] = [];
  const pieces: number[][] = [];
  tokens.forEach((tok, k) => {
    if (tok.startsWith('##') && words.length > 0) {
      words[words.length - 1] += tok.slice(2);
      pieces[pieces.length - 1].push(body[k]);
    } else {
      words.push(tok);
      pieces.push([body[k]]);
    }
  });
  return { words, pieces, cls: ids[0], sep: ids[ids.length - 1], truncated: !!all && all.length > body.length };
}

/** Token ids of [CLS] + the pieces of `keep` (word indices, in order) + [SEP], and each kept word's columns. */
function rowIds(t: TextWords, keep: ArrayLike<number>): { ids: number[]; wordOf: Int32Array } {
  const ids = [t.cls];
  const wordOf: number[] = [-1];
  for (let k = 0; k < keep.length; k++) {
    const w = keep[k];
    for (const p of t.pieces[w]) {
      ids.push(p);
      wordOf.push(w);
    }
  }
  ids.push(t.sep);
  wordOf.push(-1);
  return { ids, wordOf: Int32Array.from(wordOf) };
}

/** Logits [rows, classes] for rows of token ids (right-padded with 0 under a 0 attention mask). */
function logitsOf(model: BertModel, rows: number[][], wordEmbeddings?: tf.Tensor3D): tf.Tensor2D {
  const len = Math.max(...rows.map((r) => r.length));
  const ids = tf.tensor2d(
    rows.map((r) => [...r, ...new Array<number>(len - r.length).fill(0)]),
    [rows.length, len],
    'int32',
  );
  const mask = tf.tensor2d(
    rows.map((r) => r.map(() => 1).concat(new Array<number>(len - r.length).fill(0))),
    [rows.length, len],
    'float32',
  );
  return bertForward(model, { inputIds: ids, attentionMask: mask, ...(wordEmbeddings ? { wordEmbeddings } : {}) }).logits!;
}

/** Per-word sums of per-column values; the special tokens' columns (wordOf −1) carry nothing. */
function wordSums(columns: ArrayLike<number>, wordOf: Int32Array, words: number): Float64Array {
  const out = new Float64Array(words);
  for (let c = 0; c < wordOf.length; c++) if (wordOf[c] >= 0) out[wordOf[c]] += columns[c];
  return out;
}

/** Scores of every class for word subsets: what occlusion, LIME, Shapley and the faithfulness curves call. */
class TextScorer implements Recommender {
  readonly name = 'text-classifier';
  constructor(
    private readonly model: BertModel,
    private readonly words: TextWords,
  ) {}
  get backend(): string {
    return tf.getBackend();
  }
  fit(): void {}
  async scoreUsers(batch: ScoreBatch): Promise<Float32Array> {
    const classes = this.model.config.labels?.length ?? this.model.weights.classifier!.weight.shape[1]!;
    const out = new Float32Array(batch.histories.length * classes);
    for (let r = 0; r < batch.histories.length; r += CHUNK) {
      const rows = batch.histories.slice(r, r + CHUNK).map((h) => rowIds(this.words, h).ids);
      const logits = tf.tidy(() => logitsOf(this.model, rows));
      try {
        out.set(await logits.data(), r * classes);
      } finally {
        logits.dispose();
      }
    }
    return out;
  }
  async exportState(): Promise<ModelState> {
    throw new Error('a text classifier view has no state of its own');
  }
  importState(): void {
    throw new Error('a text classifier view has no state of its own');
  }
}

function baselineRow(model: BertModel, kind: IgBaseline, maskId: number): tf.Tensor {
  const table = model.weights.embeddings.word;
  const h = model.config.hiddenSize;
  if (kind === 'zeros') return tf.zeros([1, 1, h]);
  if (kind === 'mean') return table.mean(0).reshape([1, 1, h]);
  return table.slice([kind === 'mask' ? maskId : 0, 0], [1, h]).reshape([1, 1, h]);
}

function textInternals(model: BertModel, t: TextWords, maskId: number): SequenceInternals {
  const prepare = (target: ExplainTarget) => {
    const { ids, wordOf } = rowIds(t, target.history);
    const ev = Float32Array.from(wordOf, (w) => (w >= 0 ? 1 : 0));
    return { ids, wordOf, ev };
  };
  /** Word positions in the target's history order: target.history[k] is the word at event k. */
  const perEvent = (sums: Float64Array, target: ExplainTarget) => Float64Array.from(target.history, (w) => sums[w]);
  return {
    async integratedGradients(target, { baseline, steps: s }) {
      const { ids, wordOf, ev } = prepare(target);
      const steps = Math.max(1, Math.floor(s));
      const len = ids.length;
      const [cols, ends] = tf.tidy(() => {
        const idT = tf.tensor2d([ids], [1, len], 'int32');
        const x = tf.gather(model.weights.embeddings.word, idT.reshape([len])).reshape([1, len, -1]) as tf.Tensor3D;
        const sel = tf.tensor3d(ev, [1, len, 1]);
        // Only word columns move along the path; [CLS] and [SEP] keep their embedding, so their (x − x') is 0.
        const xPrime = x.mul(tf.sub(1, sel)).add(baselineRow(model, baseline, maskId).mul(sel)) as tf.Tensor3D;
        const diff = x.sub(xPrime);
        const path = xPrime.add(
          tf
            .linspace(0, 1, steps + 1)
            .reshape([steps + 1, 1, 1])
            .mul(diff),
        ) as tf.Tensor3D;
        const w = new Float32Array(steps + 1).fill(1 / steps);
        w[0] = w[steps] = 0.5 / steps;
        const rows = new Array<number[]>(steps + 1).fill(ids);
        const f = (e: tf.Tensor3D, n: number) =>
          logitsOf(model, new Array<number[]>(n).fill(ids), e).slice([0, target.item], [n, 1]).reshape([n]);
        const grad = tf.grad((e: tf.Tensor) =>
          f(e as tf.Tensor3D, rows.length)
            .mul(tf.tensor1d(w))
            .sum(),
        )(path);
        const columns = diff.mul(grad.sum(0, true)).sum(-1).reshape([len]);
        return [columns, f(tf.concat([xPrime, x], 0) as tf.Tensor3D, 2)];
      });
      try {
        const columns = Float64Array.from(await cols.data());
        const [baselineScore, score] = Array.from(await ends.data());
        return {
          values: perEvent(wordSums(columns, wordOf, t.words.length), target),
          columns,
          score,
          baselineScore,
          readEvents: target.history.length,
        };
      } finally {
        tf.dispose([cols, ends]);
      }
    },
    async gradientTimesInput(target) {
      const { ids, wordOf } = prepare(target);
      const len = ids.length;
      const [cols, value] = tf.tidy(() => {
        const x = tf.gather(model.weights.embeddings.word, tf.tensor1d(ids, 'int32')).reshape([1, len, -1]) as tf.Tensor3D;
        const { value: v, grad } = tf.valueAndGrad((e: tf.Tensor) =>
          logitsOf(model, [ids], e as tf.Tensor3D)
            .slice([0, target.item], [1, 1])
            .sum(),
        )(x);
        return [grad.mul(x).sum(-1).reshape([len]), v];
      });
      try {
        const columns = await cols.data();
        return {
          values: perEvent(wordSums(columns, wordOf, t.words.length), target),
          score: (await value.data())[0],
          readEvents: target.history.length,
        };
      } finally {
        tf.dispose([cols, value]);
      }
    },
    async attentions(target, options): Promise<AttentionMaps> {
      const { ids, wordOf } = prepare(target);
      // Padding (only asked for by tests: a text is explained as one unpadded row) goes right, under a 0 mask.
      const len = Math.max(ids.length, options?.padTo ?? 0);
      const padded = [...ids, ...new Array<number>(len - ids.length).fill(0)];
      const mask = Array.from({ length: len }, (_, c) => (c < ids.length ? 1 : 0));
      const out = tf.tidy(() => {
        const o = bertForward(
          model,
          { inputIds: tf.tensor2d([padded], [1, len], 'int32'), attentionMask: tf.tensor2d([mask], [1, len]) },
          { outputAttentions: true },
        );
        return { score: o.logits!.slice([0, target.item], [1, 1]), attentions: o.attentions! };
      });
      try {
        const layers = await Promise.all(out.attentions.map(async (a) => Float32Array.from(await a.data())));
        // [CLS] (column 0) is where the classifier reads. A word is drawn at its first piece, but its rollout is the
        // sum over all its pieces, as the gradient methods sum theirs; [CLS], [SEP] and padding belong to no word.
        const columnOf = Int32Array.from(target.history, (w) => wordOf.indexOf(w));
        const eventOf = new Map<number, number>();
        target.history.forEach((w, k) => eventOf.set(w, k));
        const eventOfColumn = Int32Array.from({ length: len }, (_, c) =>
          c < wordOf.length && wordOf[c] >= 0 ? eventOf.get(wordOf[c])! : -1,
        );
        return { layers, heads: model.config.numHeads, len, readColumn: 0, columnOf, eventOfColumn, score: (await out.score.data())[0] };
      } finally {
        tf.dispose([out.score, ...out.attentions]);
      }
    },
  };
}

/** The [MASK] token's id, found by encoding it (BERT tokenizers keep special tokens whole); 0 when absent. */
function maskIdOf(tokenizer: TextTokenizer, model: BertModel): number {
  const ids = tokenizer.encode(['[MASK]'], { maxLength: maxTextLength(model, tokenizer) }).inputIds[0];
  return ids.length === 3 ? ids[1] : 0;
}

/**
 * An ExplainableModel over one text: target.history = word indices, target.item = class index, score = that class's
 * logit. Only for models with a classification head.
 */
export function textExplainable(model: BertModel, tokenizer: TextTokenizer, text: string): { model: ExplainableModel; words: TextWords } {
  if (!model.weights.classifier) throw new Error('this model has no classification head (no classifier.* weights)');
  const words = textWords(model, tokenizer, text);
  return {
    model: { recommender: new TextScorer(model, words), internals: textInternals(model, words, maskIdOf(tokenizer, model)) },
    words,
  };
}

/**
 * Explain a classifier's prediction for one text: word attributions per class by the methods asked for, with the
 * faithfulness of the predicted class's explanation. `truncated`: the text was longer than the model reads.
 */
export async function explainTextPrediction(
  model: BertModel,
  tokenizer: TextTokenizer,
  text: string,
  labels: string[],
  options: ExplainTextOptions,
): Promise<TextExplanation & { truncated: boolean }> {
  const view = textExplainable(model, tokenizer, text);
  const r = await explainText(view.model, view.words.words, labels, options);
  return { ...r, truncated: view.words.truncated };
}
