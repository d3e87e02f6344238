// The embedding map request as the app makes it: which vectors (the model's item table or the dataset's item text
// embeddings), checked settings, and each drawn item's interaction count for the popularity colours.
import type { Progress } from '../lib/progress';
import { fail, ok, type Result } from '../lib/result';
import type { ItemVectors, Recommender } from '../rec/recommender';
import type { LeaveOneOutSplit } from '../rec/split';
import { checkProjectionSettings, itemPopularity, projectItems, type Projection, type ProjectionSettings } from './projection';

export type MapSource = 'model' | 'text';

export interface EmbeddingMapRequest {
  modelId: string;
  source: MapSource;
  settings: Partial<ProjectionSettings>;
}

export interface EmbeddingMap extends Projection {
  source: MapSource;
  /** Length of the projected vectors. */
  dim: number;
  /** Interactions of each drawn item in the model's split (aligned with `items`). */
  interactions: Int32Array;
  settings: ProjectionSettings;
}

/** Why no map: the model keeps no item vectors, no text embeddings exist, or a setting is out of range (its message). */
export type EmbeddingMapFailure = { kind: 'no-vectors' } | { kind: 'no-text' } | { kind: 'settings'; message: string };

export async function embeddingMap(
  from: { model: Recommender; split: LeaveOneOutSplit; textVectors?: ItemVectors },
  request: Pick<EmbeddingMapRequest, 'source' | 'settings'>,
  options: { onProgress?: (p: Progress) => void; signal?: AbortSignal } = {},
): Promise<Result<EmbeddingMap, EmbeddingMapFailure>> {
  const checked = checkProjectionSettings(request.settings);
  if (!checked.ok) return fail({ kind: 'settings', message: checked.reason });
  let vectors: ItemVectors;
  if (request.source === 'text') {
    if (!from.textVectors) return fail({ kind: 'no-text' });
    vectors = from.textVectors;
  } else {
    if (!from.model.itemVectors) return fail({ kind: 'no-vectors' });
    vectors = await from.model.itemVectors();
  }
  const counts = itemPopularity(from.split.sequences.items, from.split.numItems);
  const projection = await projectItems(vectors, checked.data, { popularity: counts, ...options });
  return ok({
    ...projection,
    source: request.source,
    dim: vectors.dim,
    interactions: Int32Array.from(projection.items, (i) => counts[i]),
    settings: checked.data,
  });
}
