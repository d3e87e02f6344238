// Why a sequence model's last fit ended where it did, in figures read from the fit itself: the app's curve and
// `reclens train` said how many epochs were planned and how many ran, but not why a fit ended short of its plan.

/** completed: the planned epochs (or maxEpochs) ran; early-stopping: patience ran out; time-budget: timeBudgetSec. */
export type StoppedBy = 'completed' | 'early-stopping' | 'time-budget';

export interface FitStop {
  by: StoppedBy;
  /** The last epoch trained. */
  epochs: number;
  /** The best validated epoch, whose weights were kept (none without validation). */
  bestEpoch?: number;
  bestValNdcg10?: number;
  /** Validation checks after the best one, each below its figure (ties go to the later epoch, so none equal it). */
  checksAfterBest: number;
}

/** What a sequence model keeps of its last fit (ml/seqrec/train's TrainResult), as far as this reads it. */
interface LastFit {
  stoppedBy: StoppedBy;
  epochs: number;
  bestEpoch?: number;
  bestValNdcg10?: number;
  history: { epoch: number; valNdcg10?: number }[];
}

/** The stop of a fitted model's last fit (sequence models keep it as `lastFit`), else undefined. */
export function fitStopOf(model: object): FitStop | undefined {
  const fit = (model as { lastFit?: Partial<LastFit> }).lastFit;
  if (!fit?.stoppedBy || typeof fit.epochs !== 'number' || !Array.isArray(fit.history)) return undefined;
  const { bestEpoch } = fit;
  const checksAfterBest = bestEpoch === undefined ? 0 : fit.history.filter((h) => h.valNdcg10 !== undefined && h.epoch > bestEpoch).length;
  return {
    by: fit.stoppedBy,
    epochs: fit.epochs,
    ...(bestEpoch !== undefined ? { bestEpoch } : {}),
    ...(fit.bestValNdcg10 !== undefined ? { bestValNdcg10: fit.bestValNdcg10 } : {}),
    checksAfterBest,
  };
}

/** One English line for the CLI: why the fit ended; null for a fit that ran its planned epochs. */
export function fitStopLine(stop: FitStop): string | null {
  if (stop.by === 'early-stopping' && stop.bestEpoch !== undefined && stop.bestValNdcg10 !== undefined)
    return (
      `early stopping ended it after epoch ${stop.epochs}: the ${stop.checksAfterBest} validation check(s) after epoch ` +
      `${stop.bestEpoch} were all below its NDCG@10 ${stop.bestValNdcg10.toFixed(4)}; epoch ${stop.bestEpoch}'s weights are kept`
    );
  if (stop.by === 'time-budget') return `the time budget (timeBudgetSec) ended it in epoch ${stop.epochs}`;
  return null;
}
