// Node only (uses node:fs): a sequence encoder opened from a checkpoint folder through the checkpoint code (decoded,
// checksummed, its vocabulary held to items.json), with the item ids the classifier maps a log's items by.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../lib/result';
import { openCheckpoint } from '../../rec/openCheckpoint';
import { SeqRecommender } from '../seqrec/recommender';
import type { SequenceEncoder } from './sequenceClassifier';

export async function openEncoderFolder(dir: string): Promise<Result<SequenceEncoder>> {
  if (!existsSync(join(dir, 'config.json'))) return fail(`${dir} is not a checkpoint folder (no config.json)`);
  const opened = await openCheckpoint((f) => {
    const p = join(dir, f);
    return existsSync(p) ? new Uint8Array(readFileSync(p)) : null;
  });
  if (!opened.ok) return fail(`checkpoint ${dir} refused: ${opened.reason}`);
  const { checkpoint, model } = opened.data;
  if (!(model instanceof SeqRecommender)) {
    model.dispose?.();
    return fail(`checkpoint ${dir} holds a ${checkpoint.config.model} model; the sequence classifier needs sasrec or bert4rec`);
  }
  return ok({ model, items: checkpoint.items });
}
