// Training that survives a GPU fault: keep the last epoch's weights in plain arrays, and when the GPU backend fails
// mid-run (device lost, out of memory), move to the next backend, restore them and continue training from there.
import type { Progress } from '../lib/progress';
import type { FitOptions, ModelState, Recommender, TrainData } from './recommender';

/**
 * The compute-backend switch a fit needs to survive a GPU fault, handed in by the caller (ml/backend's
 * `backendSwitch`), so rec does not reach into ml. Without one a fit never falls back.
 */
export interface BackendSwitch {
  /** The backend now in use. */
  active(): string;
  isGpu(backend: string): boolean;
  /** Move to the next backend after `failed`; null when none is left. */
  fallBackFrom(failed: string): Promise<{ backend: string } | null>;
}

export interface ResilientFit {
  model: Recommender;
  /** What happened, for the analyst (e.g. "WebGPU failed at epoch 3 … continued on wasm"). */
  notices: string[];
}

/** Models that can continue from restored weights (the sequence models); baselines run in plain JS and never fault. */
type Resumable = Recommender & { fit(data: TrainData, options: FitOptions & { resume?: boolean }): Promise<void> | void };

export async function fitResiliently(
  first: Recommender,
  rebuild: () => Promise<Recommender>,
  data: TrainData,
  options: FitOptions & { resume?: boolean },
  backends: BackendSwitch | undefined,
  /** Called with each epoch's weights (the snapshot this function keeps anyway) and its validation NDCG@10, e.g. to save them. */
  onCheckpoint?: (state: ModelState, epoch: number, valNdcg10: number) => void,
): Promise<ResilientFit> {
  const notices: string[] = [];
  let model = first;
  let checkpoint: { state: ModelState; epoch: number } | null = null;
  // Epoch snapshots still downloading, in epoch order; every way out of a fit waits for them (see below).
  let snapshots: Promise<void> = Promise.resolve();
  let resume = false;
  // Snapshots are only worth their read-back where a backend can fault (a GPU) or a caller keeps them: on cpu or wasm
  // without onCheckpoint (the CLI), training runs as a plain fit.
  const snapshotting = onCheckpoint !== undefined || (backends?.isGpu(backends.active()) ?? false);
  const onProgress = (p: Progress) => {
    // A batch halved after running out of GPU memory (the training loop retried the step and went on).
    if (typeof p.detail?.notice === 'string') notices.push(p.detail.notice);
    // An epoch just ended when its validation figure arrives: snapshot the weights (tiny next to an epoch's work).
    // The training loop awaits the read before the next epoch starts: a device lost right after an epoch must still
    // find that epoch's weights (read while the next epoch trained, a loss mid-download threw them away). A read
    // that fails anyway leaves the previous snapshot in place.
    const epoch = Number(p.detail?.epoch);
    if (snapshotting && p.detail?.valNdcg10 !== undefined && Number.isFinite(epoch)) {
      const valNdcg10 = Number(p.detail.valNdcg10);
      const reading = model.exportState().catch(() => null);
      snapshots = snapshots.then(async () => {
        const state = await reading;
        if (!state) return;
        checkpoint = { state, epoch };
        onCheckpoint?.(state, epoch, valNdcg10);
      });
      options.onProgress?.(p);
      return snapshots;
    }
    return options.onProgress?.(p);
  };
  for (;;) {
    const backend = backends?.active() ?? '';
    try {
      await (model as Resumable).fit(data, { ...options, onProgress, ...(resume ? { resume: true } : {}) });
      await snapshots;
      return { model, notices };
    } catch (e) {
      // The latest snapshot is what a fallback restores, and what a caller saving epochs (savedModels) must have
      // been handed before this settles, also when the run fails or is cancelled.
      await snapshots;
      // Only our own signal means the analyst cancelled: WebGPU reports a lost device as a DOMException named
      // AbortError too (mapAsync rejects with it), and that one must fall back, not stop.
      if (options.signal?.aborted || !backends?.isGpu(backend)) throw e;
      const next = await backends.fallBackFrom(backend);
      if (!next) throw e;
      model.dispose?.();
      model = await rebuild();
      const saved = checkpoint as { state: ModelState; epoch: number } | null;
      if (saved) model.importState(saved.state);
      resume = saved !== null;
      notices.push(
        `${backend} failed during training (${(e as Error).message}); continued on ${next.backend} ` +
          (saved ? `from the checkpoint after epoch ${saved.epoch}` : 'from the start (no epoch had finished)'),
      );
    }
  }
}
