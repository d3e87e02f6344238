// A RecBole export (model.safetensors + recbole.json, from `reclens_torch recbole-export`) picked as a checkpoint
// folder: converted against the loaded log into a RecLens checkpoint's files, which then open like any other.
import type { EventLog } from '../data/eventLog';
import { isRecBoleFolder, recboleCheckpoint } from '../ml/seqrec/recboleCheckpoint';
import { encodeCheckpoint } from '../rec/checkpoint';
import type { CheckpointFiles } from '../rec/checkpointStore';
import type { LeaveOneOutSplit } from '../rec/split';

/**
 * The converted files; null when the files are not a RecBole export. Where it came from travels in config.json
 * (importedFrom), which the Model view shows beside the model, after a reload too.
 */
export async function recboleFolder(
  files: CheckpointFiles,
  dataset: { log: EventLog; split: LeaveOneOutSplit },
): Promise<CheckpointFiles | null> {
  if (!isRecBoleFolder(Object.keys(files))) return null;
  const { targetEvents } = dataset.split.options;
  const r = recboleCheckpoint((f) => files[f] ?? null, dataset.log, {
    source: 'RecBole export',
    ...(targetEvents ? { targetEvents } : {}),
  });
  if (!r.ok) throw new Error(`This RecBole folder was refused: ${r.reason}`);
  return encodeCheckpoint(r.data.checkpoint);
}
