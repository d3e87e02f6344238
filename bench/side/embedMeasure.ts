// Embedding side by side, shared by the Node run and the browser page: the same texts through RecLens's engine and
// transformers.js's feature-extraction pipeline, repetitions interleaved (A, B, A, B …) so that load on a shared
// machine falls on both alike, and the two outputs compared so that both are shown to do the same work.
import { createRng } from '../../src/lib/rng';

export const EMBED_BATCH = 32;
export const EMBED_SEQ = 64;

/** Texts of EMBED_SEQ − 2 whole words from the vocabulary, so each tokenizes to exactly EMBED_SEQ tokens with [CLS] and [SEP]. */
export function embedTexts(vocab: string, n = EMBED_BATCH, seed = 1): string[] {
  const words = vocab.split('\n').filter((w) => /^[a-z][a-z0-9]*$/.test(w));
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Array.from({ length: EMBED_SEQ - 2 }, () => words[rng.int(words.length)]).join(' '));
}

/** Mean-pooled embeddings, one row per text. */
export type Embedder = (texts: string[]) => Promise<ArrayLike<number>[]>;

export interface EmbedComparison {
  reclens: number[];
  transformersJs: number[];
  /** Largest |difference| between the two sides' embeddings of the same texts. */
  maxAbsDiff: number;
  tokensPerRep: number;
}

export async function compareEmbedders(
  reclens: Embedder,
  transformersJs: Embedder,
  texts: string[],
  reps: number,
): Promise<EmbedComparison> {
  const tokens = texts.length * EMBED_SEQ;
  const a = await reclens(texts); // warm-up: kernels, sessions, first allocations
  const b = await transformersJs(texts);
  let maxAbsDiff = 0;
  a.forEach((row, i) => {
    for (let j = 0; j < row.length; j++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(row[j] - b[i][j]));
  });
  const rate = async (f: Embedder) => {
    const t0 = performance.now();
    await f(texts);
    return tokens / ((performance.now() - t0) / 1000);
  };
  const out: EmbedComparison = { reclens: [], transformersJs: [], maxAbsDiff, tokensPerRep: tokens };
  for (let r = 0; r < reps; r++) {
    out.reclens.push(await rate(reclens));
    out.transformersJs.push(await rate(transformersJs));
  }
  return out;
}

/** transformers.js's feature-extraction output ([n, hidden] tensor) as rows. */
export function rowsOf(t: { data: ArrayLike<number>; dims: number[] }): Float32Array[] {
  const [n, h] = t.dims;
  const data = Float32Array.from(t.data as ArrayLike<number>);
  return Array.from({ length: n }, (_, i) => data.subarray(i * h, (i + 1) * h));
}
