// The ML worker's uplift calls: fit a T-learner on top of a trained recommender, read an item's estimated uplift, and
// compare the score and uplift policies. An adapter only: the work is src/rec/uplift's, the models stay in the workspace.
import { checkSettings } from '../lib/ranges';
import { fail, ok, type Result } from '../lib/result';
import type { Progress } from '../lib/progress';
import type { ModelWorkspace } from '../rec/modelWorkspace';
import { historyOf } from '../rec/split';
import { checkUpliftSettings, type UpliftEstimate } from '../rec/uplift/tLearner';
import { fitUpliftModel } from '../rec/uplift/upliftModel';
import { standardiseRow } from '../rec/uplift/upliftPairs';
import { upliftFitInfo, upliftReport, type UpliftFitInfo, type UpliftReport } from '../rec/uplift/upliftReport';

export const COMPARE_RANGES = {
  k: { min: 1, max: 1000, integer: true },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
} as const;

export class UpliftService {
  constructor(private readonly models: ModelWorkspace) {}

  private parts(modelId: string) {
    const { model, info } = this.models.modelOf(modelId);
    const { log, split } = this.models.datasetOf(info.datasetId);
    return { recommender: model, log, split, truth: this.models.source(info.datasetId).uplift ?? null };
  }

  async fit(
    modelId: string,
    settings: unknown,
    seed: number,
    onProgress: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<Result<UpliftFitInfo>> {
    const checked = checkUpliftSettings(settings);
    if (!checked.ok) return checked;
    const { recommender, log, split, truth } = this.parts(modelId);
    const fitted = await fitUpliftModel(log, split, recommender, checked.data, { seed, signal, onProgress });
    if (!fitted.ok) return fitted;
    this.models.uplifts.set(modelId, fitted.data);
    return ok(upliftFitInfo(modelId, fitted.data, !!truth));
  }

  /** Estimated uplift (with its bootstrap CI) of showing each item index to the user index; null before a fit. */
  async upliftOf(modelId: string, user: number, items: number[]): Promise<UpliftEstimate[] | null> {
    const uplift = this.models.uplifts.get(modelId);
    if (!uplift) return null;
    const { recommender, split } = this.parts(modelId);
    if (!Number.isInteger(user) || user < 0 || user >= split.numUsers) throw new Error(`user index ${user} is not in the log`);
    const bad = items.find((i) => !Number.isInteger(i) || i < 0 || i >= split.numItems);
    if (bad !== undefined) throw new Error(`item index ${bad} is not in the log`);
    // The same score row the model learned from: the user's whole history.
    const raw = await recommender.scoreUsers({ users: Int32Array.of(user), histories: [historyOf(split, user, 'all')] });
    return uplift.estimate(user, items, standardiseRow(raw.subarray(0, split.numItems)));
  }

  async compare(
    modelId: string,
    options: { k: number; seed: number },
    onProgress: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<Result<UpliftReport>> {
    const checked = checkSettings(COMPARE_RANGES, options, { owner: 'the policy comparison' });
    if (!checked.ok) return checked;
    const uplift = this.models.uplifts.get(modelId);
    if (!uplift) return fail('fit the uplift model on this recommender first');
    const { recommender, log, split, truth } = this.parts(modelId);
    return ok(await upliftReport(modelId, uplift, recommender, split, log, truth, { ...options, signal, onProgress }));
  }
}
