// Content-based: cosine between an item's text embedding and the mean (unit-normalised) embedding of the history.
import { normaliseRows } from '../../lib/linalg';
import { scoreBuffer, type ItemVectors, type ModelState, type Recommender, type ScoreBatch, type TrainData } from '../recommender';

export class ContentRecommender implements Recommender {
  readonly name = 'content';
  readonly backend = 'js';
  private dim: number;
  private unit: Float32Array;

  /** `embeddings`: numItems × dim row-major, rows in the log's item order (a zero row = no text for that item). */
  constructor(embeddings: Float32Array = new Float32Array(0), dim = 0) {
    this.dim = dim;
    this.unit = normaliseRows(embeddings, dim);
  }

  fit(data: TrainData): void {
    const rows = this.dim ? this.unit.length / this.dim : 0;
    if (rows !== data.numItems) throw new Error(`content model needs one embedding per item: got ${rows} rows for ${data.numItems} items`);
  }

  scoreUsers(batch: ScoreBatch, out?: Float32Array): Float32Array {
    const d = this.dim;
    const n = d ? this.unit.length / d : 0;
    const scores = scoreBuffer(batch.users.length, n, out);
    const profile = new Float64Array(d);
    batch.histories.forEach((hist, r) => {
      profile.fill(0);
      for (const i of new Set(hist)) for (let p = 0; p < d; p++) profile[p] += this.unit[i * d + p];
      let sq = 0;
      for (let p = 0; p < d; p++) sq += profile[p] * profile[p];
      const norm = Math.sqrt(sq) || 1;
      const o = r * n;
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let p = 0; p < d; p++) dot += profile[p] * this.unit[j * d + p];
        scores[o + j] = dot / norm;
      }
    });
    return scores;
  }

  async exportState(): Promise<ModelState> {
    return {
      settings: { dim: this.dim },
      tensors: { embeddings: { shape: [this.unit.length / (this.dim || 1), this.dim], data: this.unit } },
    };
  }

  async itemVectors(): Promise<ItemVectors> {
    return { data: this.unit, dim: this.dim };
  }

  importState(state: ModelState): void {
    this.dim = Number(state.settings.dim);
    this.unit = state.tensors.embeddings.data;
  }
}
