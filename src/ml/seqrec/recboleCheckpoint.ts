// A RecBole export folder (model.safetensors with RecBole's names + recbole.json) and the log it was trained on →
// a normal RecLens checkpoint: the CLI's `import-recbole` writes it, the app opens it like any checkpoint folder.
import { restrictToItems } from '../../data/restrictItems';
import type { EventLog } from '../../data/eventLog';
import { fail, ok, type Result } from '../../lib/result';
import { readSafetensors } from '../../lib/safetensors';
import type { Checkpoint } from '../../rec/checkpoint';
import { leaveOneOutSplit } from '../../rec/split';
import { checkpointConfig } from '../../rec/train';
import { mapRecBole, onItems, parseRecBoleMeta, UNKNOWN_ITEM_BIAS } from './recbole';

export const RECBOLE_FILES = { weights: 'model.safetensors', meta: 'recbole.json' } as const;

export interface RecBoleImport {
  checkpoint: Checkpoint;
  /** RecBole's class name (SASRec, BERT4Rec). */
  model: string;
  /** Items the RecBole model has an embedding for ([PAD] not counted). */
  modelItems: number;
  /** What the analyst should know: log items the model has no embedding for, model items absent from the log. */
  notes: string[];
}

/** True when a folder's file names look like a RecBole export rather than a RecLens checkpoint. */
export const isRecBoleFolder = (names: readonly string[]): boolean => names.includes(RECBOLE_FILES.meta) && !names.includes('config.json');

export interface RecBoleImportOptions {
  /** Where the log came from (config.json's data.source). */
  source: string;
  targetEvents?: string[];
  /**
   * Keep only the events of items the model has an embedding for, over the model's item list (RecBole's own view:
   * its metrics are comparable). Default: the log as it is, over its own items (what the app's loaded log is), the
   * items RecBole filtered out scored at UNKNOWN_ITEM_BIAS.
   */
  onlyModelItems?: boolean;
}

/** The export folder's files (by name) and the log → a RecLens checkpoint; refused with the reason. */
export function recboleCheckpoint(
  read: (file: string) => string | Uint8Array | null,
  log: EventLog,
  options: RecBoleImportOptions,
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
  const tokens = meta.data.itemTokens.slice(1);
  const notes: string[] = [];
  let events = log;
  if (options.onlyModelItems) {
    const r = restrictToItems(log, tokens);
    events = r.log;
    if (r.droppedRows > 0)
      notes.push(
        `${r.droppedRows} of ${log.length} events (of ${r.droppedItems} item ids) are of items the RecBole model has no embedding for, and were left out`,
      );
  }
  const split = leaveOneOutSplit(events, { targetEvents: options.targetEvents });
  const mapped = mapRecBole(st.data.tensors, meta.data, Math.max(1, split.numEventTypes ?? 1));
  if (!mapped.ok) return mapped;
  const model = onItems(mapped.data, events.items);
  if (model.unknown === events.items.length)
    return fail(
      `none of the log's ${events.items.length} items is among the model's ${tokens.length} item tokens: is this the log it was trained on?`,
    );
  if (model.unknown > 0)
    notes.push(
      `${model.unknown} of the log's ${events.items.length} items ${model.unknown === 1 ? 'has' : 'have'} no RecBole embedding (RecBole filtered ${model.unknown === 1 ? 'it' : 'them'} out): scored ${UNKNOWN_ITEM_BIAS}, never recommended`,
    );
  if (model.dropped > 0)
    notes.push(`${model.dropped} of the model's ${tokens.length} items are not in this log, and cannot be recommended here`);
  const config = {
    ...checkpointConfig({
      model: model.config.mode,
      // What backendChangeNotice shows beside the backend it now runs on.
      backend: 'RecBole (PyTorch)',
      seed: 0,
      trainSeconds: 0,
      source: options.source,
      users: events.users.length,
      items: events.items.length,
      split,
    }),
    importedFrom: {
      framework: 'RecBole' as const,
      model: model.model,
      modelItems: tokens.length,
      unknownItems: model.unknown,
      unknownScore: UNKNOWN_ITEM_BIAS,
    },
  };
  return ok({
    checkpoint: {
      config,
      users: events.users,
      items: events.items,
      split,
      state: { settings: { ...model.config, epochsTrained: 0 }, tensors: model.tensors },
    },
    model: model.model,
    modelItems: tokens.length,
    notes,
  });
}
