// The embedding map in the ML worker (the model's weights live there), with progress (UMAP epochs) and Cancel.
import { mlWorker } from '../workers/client';
import type { Result } from '../lib/result';
import type { EmbeddingMap, EmbeddingMapFailure, EmbeddingMapRequest } from '../explain/embeddingMap';
import { runTask } from './runTask';

/** Null when the analyst cancelled. */
export function drawEmbeddingMap(request: EmbeddingMapRequest): Promise<Result<EmbeddingMap, EmbeddingMapFailure> | null> {
  return runTask(
    'embedding-map',
    `Embedding map (${request.settings.method ?? 'pca'})`,
    (id) => void mlWorker().cancel(id),
    (id, onProgress) => mlWorker().embeddingMap(request, id, onProgress) as Promise<Result<EmbeddingMap, EmbeddingMapFailure>>,
  );
}
