// An interrupted (cancelled, closed) training run keeps two sets of weights: its last epoch's, which Resume continues
// from, and its best validated epoch's, which "Open as it stands" turns into a model, as early stopping would have.
/** The best validated epoch whose weights were saved, and its early-stopping NDCG@10. */
export interface BestEpoch {
  epoch: number;
  ndcg10: number;
}

/**
 * Whether an epoch's validation figure replaces the best saved so far. Ties go to the later epoch, as in the training
 * loop (a saturated metric should not freeze an undertrained model); an epoch without a finite figure never does.
 */
export function improvesBest(best: BestEpoch | undefined, ndcg10: number | undefined): boolean {
  if (ndcg10 === undefined || !Number.isFinite(ndcg10)) return false;
  return best === undefined || ndcg10 >= best.ndcg10;
}

/** Where a run's best epoch weights are kept beside its last epoch's (hidden from the list, deleted with the run). */
export const bestCheckpointId = (runId: string): string => `${runId}#best`;
export const isBestCheckpointId = (id: string): boolean => id.endsWith('#best');

/** The notice a model opened from an interrupted run carries, e.g. "stopped at epoch 10 of 30 (best epoch 8)". */
export function stoppedNotice(partial: { epoch: number; maxEpochs: number; best: BestEpoch }): string {
  return `stopped at epoch ${partial.epoch} of ${partial.maxEpochs} (best epoch ${partial.best.epoch})`;
}
