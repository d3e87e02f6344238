// A checkpoint as a working model: decoded and verified (checkpoint.ts), rebuilt through the registry, and held to its
// own vocabularies — the weights must score exactly the items items.json names and embed the event types split.json
// uses, or every id the model prints belongs to some other item.
import { fail, ok, type Result } from '../lib/result';
import { decodeCheckpoint, type Checkpoint, type DecodedCheckpoint } from './checkpoint';
import type { Recommender } from './recommender';
import { createModel } from './registry';

/** Decode, verify and rebuild: what the CLI's --checkpoint and the app's folder picker and saved models share. */
export async function openCheckpoint(
  read: (file: string) => string | Uint8Array | null,
): Promise<Result<{ checkpoint: DecodedCheckpoint; model: Recommender }>> {
  const decoded = await decodeCheckpoint(read);
  if (!decoded.ok) return decoded;
  const model = await restoreModel(decoded.data);
  return model.ok ? ok({ checkpoint: decoded.data, model: model.data }) : model;
}

/** Build the checkpoint's model and load its weights; refused when the weights' vocabulary is not the checkpoint's. */
export async function restoreModel(c: Checkpoint): Promise<Result<Recommender>> {
  let model: Recommender | undefined;
  try {
    model = await createModel(c.config.model, c.state.settings);
    model.importState(c.state);
    const reason = await vocabularyMismatch(model, c);
    if (reason === null) return ok(model);
    model.dispose?.();
    return fail(reason);
  } catch (e) {
    model?.dispose?.();
    return fail(`the ${c.config.model} weights in model.safetensors cannot be loaded: ${(e as Error).message}`);
  }
}

/**
 * Scoring one row is how the item count is read off the weights whatever the model (pop's vector, EASE's matrix,
 * a transformer's output layer): every model scores its whole catalogue, so the row's width is its vocabulary.
 */
async function vocabularyMismatch(model: Recommender, c: Checkpoint): Promise<string | null> {
  const types = c.state.settings.numEventTypes;
  if (c.split.numEventTypes !== undefined && typeof types === 'number' && types !== c.split.numEventTypes) {
    return `the model embeds ${types} event type(s), but split.json uses ${c.split.numEventTypes}: the split does not belong to these weights`;
  }
  const history = c.items.length ? Int32Array.of(0) : new Int32Array(0);
  const width = (
    await model.scoreUsers({
      users: Int32Array.of(-1),
      histories: [history],
      ...(c.split.events ? { events: [Array.from(history, () => 0)] } : {}),
    })
  ).length;
  if (width !== c.items.length)
    return `the model scores ${width} items, but items.json lists ${c.items.length} item ids: the ids do not belong to these weights`;
  return null;
}
