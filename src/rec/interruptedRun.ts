// An interrupted (cancelled, closed) training run keeps two sets of weights in its one saved record: its last epoch's,
// which Resume continues from, and its best validated epoch's, which "Open as it stands" turns into a model, as early
// stopping would have. Both go in one write, so the entry never names weights that were not saved with it.

/** The best validated epoch so far, and its early-stopping NDCG@10. */
export interface BestEpoch {
  epoch: number;
  ndcg10: number;
}

type Files = Record<string, string | Uint8Array>;

/**
 * Whether an epoch's validation figure replaces the best so far. Ties go to the later epoch, as in the training loop
 * (a saturated metric should not freeze an undertrained model); an epoch without a finite figure never does.
 */
export function improvesBest(best: BestEpoch | undefined, ndcg10: number | undefined): boolean {
  if (ndcg10 === undefined || !Number.isFinite(ndcg10)) return false;
  return best === undefined || ndcg10 >= best.ndcg10;
}

// The best epoch's own files; the id dictionaries and the split (the bulk on real data) are the run's.
const OWN = ['config.json', 'model.safetensors'];
const BEST = 'best/';

/** A run's checkpoint files with its best epoch's config and weights added beside them. */
export function withBestFiles(files: Files, best: Files): Files {
  const added: Files = {};
  for (const f of OWN) if (best[f] !== undefined) added[BEST + f] = best[f];
  return { ...files, ...added };
}

/** Reads the best epoch's checkpoint out of a run's files (null for a file it lacks, as decodeCheckpoint expects). */
export function bestFileReader(files: Files): (file: string) => string | Uint8Array | null {
  return (f) => (OWN.includes(f) ? files[BEST + f] : files[f]) ?? null;
}

/** The notice a model opened from an interrupted run carries, e.g. "stopped at epoch 10 of 30 (best epoch 8)". */
export function stoppedNotice(partial: { epoch: number; maxEpochs: number; best: BestEpoch }): string {
  return `stopped at epoch ${partial.epoch} of ${partial.maxEpochs} (best epoch ${partial.best.epoch})`;
}
