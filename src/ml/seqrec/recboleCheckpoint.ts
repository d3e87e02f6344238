// A RecBole export folder (model.safetensors with RecBole's names + recbole.json) and the log it was trained on →
// a normal RecLens checkpoint: the CLI's `import-recbole` writes it, the app opens it like any checkpoint folder.
import { restrictToItems } from '../../data/restrictItems';
import type { EventLog } from '../../data/eventLog';
import { fail, ok, type Result } from '../../lib/result';
import { readSafetensors } from '../../lib/safetensors';
import type { Checkpoint } from '../../rec/checkpoint';
import { leaveOneOutSplit } from '../../rec/split';
import { checkpointConfig } from '../../rec/train';
import { mapRecBole, parseRecBoleMeta } from './recbole';

export const RECBOLE_FILES = { weights: 'model.safetensors', meta: 'recbole.json' } as const;

export interface RecBoleImport {
  checkpoint: Checkpoint;
  /** RecBole's class name (SASRec, BERT4Rec). */
  model: string;
  /** What the analyst should know: log rows whose items the model never saw, model items absent from the log. */
  notes: string[];
  droppedRows: number;
  droppedItems: number;
  unseenItems: number;
}

/** True when a folder's file names look like a RecBole export rather than a RecLens checkpoint. */
export const isRecBoleFolder = (names: readonly string[]): boolean => names.includes(RECBOLE_FILES.meta) && !names.includes('config.json');

export function recboleCheckpoint(
  read: (file: string) => string | Uint8Array | null,
  log: EventLog,
  source: string,
  targetEvents?: string[],
): Result<RecBoleImport> {
  const metaRaw = read(RECBOLE_FILES.meta);
  if (metaRaw === null)
    return fail(`the RecBole folder has no ${RECBOLE_FILES.meta} (write it with: python3 -m reclens_torch recbole-export)`);
  let json: unknown;
  try {
    json = JSON.parse(typeof metaRaw === 'string' ? metaRaw : new TextDecoder().decode(metaRaw));
  } catch (e) {
    return fail(`${RECBOLE_FILES.meta} is not valid JSON (${(e as Error).message})`);
  }
  const meta = parseRecBoleMeta(json);
  if (!meta.ok) return meta;
  const bytes = read(RECBOLE_FILES.weights);
  if (bytes === null || typeof bytes === 'string') return fail(`the RecBole folder has no ${RECBOLE_FILES.weights}`);
  const st = readSafetensors(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  if (!st.ok) return fail(`${RECBOLE_FILES.weights}: ${st.reason}`);
  const items = meta.data.itemTokens.slice(1);
  const restricted = restrictToItems(log, items);
  const split = leaveOneOutSplit(restricted.log, { targetEvents });
  const mapped = mapRecBole(st.data.tensors, meta.data, Math.max(1, split.numEventTypes ?? 1));
  if (!mapped.ok) return mapped;
  const { droppedRows, droppedItems, unseenItems } = restricted;
  if (droppedRows === log.length)
    return fail(
      `none of the log's ${log.items.length} items is among the model's ${items.length} item tokens: is this the log it was trained on?`,
    );
  const notes: string[] = [];
  if (droppedRows > 0)
    notes.push(
      `${droppedRows} of ${log.length} events (of ${droppedItems} item ids) are of items the RecBole model has no embedding for, and were left out`,
    );
  if (unseenItems > 0) notes.push(`${unseenItems} of the model's ${items.length} items have no event in this log`);
  const config = {
    ...checkpointConfig({
      model: mapped.data.config.mode,
      backend: 'recbole',
      seed: 0,
      trainSeconds: 0,
      source,
      users: restricted.log.users.length,
      items: items.length,
      split,
    }),
    importedFrom: `RecBole ${mapped.data.model}`,
  };
  return ok({
    checkpoint: {
      config,
      users: restricted.log.users,
      items,
      split,
      state: { settings: { ...mapped.data.config, epochsTrained: 0 }, tensors: mapped.data.tensors },
    },
    model: mapped.data.model,
    notes,
    droppedRows,
    droppedItems,
    unseenItems,
  });
}
