// Actions on text models: load from a source (the Hub only on the analyst's request), embed the active dataset's items.
import { mlWorker } from '../workers/client';
import type { TextModelInfo, TextModelSource } from '../ml/bert/textModels';
import type { Result } from '../lib/result';
import { activeDataset } from './dataSlice';
import { itemLabels } from '../data/eventLog';
import { ensureDatasetInWorker } from './modelActions';
import { runTask } from './runTask';
import { useApp } from './index';

const cancelMl = (id: string) => void mlWorker().cancel(id);

export async function loadTextModel(source: TextModelSource, label: string): Promise<void> {
  try {
    const result = await runTask(
      'text-model',
      label,
      cancelMl,
      (id, onProgress) => mlWorker().loadTextModel(source, id, onProgress) as Promise<Result<TextModelInfo>>,
    );
    if (!result) return;
    if (result.ok) useApp.getState().textModelLoaded(result.data);
    else useApp.getState().textModelFailed(result.reason);
  } catch (e) {
    useApp.getState().textModelFailed((e as Error).message);
  }
}

/** Item texts for embedding: title, category and description from the catalog, else the bare id. */
export function itemTexts(): string[] {
  const d = activeDataset(useApp.getState());
  return d ? itemLabels(d.log, d.catalog).texts : [];
}

export async function embedItems(textModelId: string): Promise<void> {
  try {
    const datasetId = await ensureDatasetInWorker();
    const texts = itemTexts();
    const result = await runTask(
      'embed',
      `Embedding ${texts.length} item texts`,
      cancelMl,
      (id, onProgress) => mlWorker().embedItems(textModelId, datasetId, texts, id, onProgress) as Promise<{ items: number; dim: number }>,
    );
    if (result) useApp.getState().itemsEmbedded(datasetId, { textModelId, ...result });
  } catch (e) {
    useApp.getState().textModelFailed((e as Error).message);
  }
}

/** A text model as a zipped Hugging Face folder, for the page to download; null (with the reason shown) when it fails. */
export async function exportTextModel(textModelId: string): Promise<{ name: string; zip: Uint8Array } | null> {
  try {
    const result = await mlWorker().exportTextModel(textModelId);
    if (result.ok) return result.data;
    useApp.getState().textModelFailed(result.reason);
  } catch (e) {
    useApp.getState().textModelFailed((e as Error).message);
  }
  return null;
}
