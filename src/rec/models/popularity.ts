// Most-popular baseline: every user gets the items with the most distinct training users.
import { itemPopularity } from '../sparse';
import { scoreBuffer, type ModelState, type Recommender, type ScoreBatch, type TrainData } from '../recommender';

export class PopularityRecommender implements Recommender {
  readonly name = 'pop';
  readonly backend = 'js';
  private pop: Float32Array = new Float32Array(0);

  fit(data: TrainData): void {
    this.pop = Float32Array.from(itemPopularity(data));
  }

  scoreUsers(batch: ScoreBatch, out?: Float32Array): Float32Array {
    const n = this.pop.length;
    const scores = scoreBuffer(batch.users.length, n, out);
    for (let r = 0; r < batch.users.length; r++) scores.set(this.pop, r * n);
    return scores;
  }

  async exportState(): Promise<ModelState> {
    return { settings: {}, tensors: { popularity: { shape: [this.pop.length], data: this.pop } } };
  }

  importState(state: ModelState): void {
    this.pop = state.tensors.popularity.data;
  }
}
