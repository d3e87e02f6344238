// The checkpoint folder every model writes and reads — baselines here, neural sequence models with the same layout.
//
// <dir>/
//   config.json        { format: "reclens-checkpoint", version: 1, model, backend, settings, seed, trainSeconds,
//                        createdAt, data: {source, users, items, interactions}, split: {kind, events, targetEvents},
//                        sha256: {"users.json": "<hex>", …} }
//                        `settings` is what the registry's create(settings) needs to rebuild the model; `sha256` holds
//                        the SHA-256 of every other file as written, checked on open (a reordered items.json keeps its
//                        length and its ids, and only the checksum tells it from the original).
//   users.json         ["<user id>", …]   index → original user id (the log's dictionary order)
//   items.json         ["<item id>", …]   index → original item id; every tensor indexes items in this order
//   split.json         { offsets, items, isTarget, valPos, testPos }: the leave-one-out split used for training
//                      (LeaveOneOutSplit as plain arrays), so evaluate/recommend need no data file
//   model.safetensors  the fitted parameters (F32, names per model: pop "popularity"; ease "B" [n,n];
//                      itemknn "offsets","neighbours","similarities"; mf "itemFactors" [n,f]; content "embeddings").
//                      Neural models put their weights here too, and may add files that config.json names.
//   catalog.json       optional: the item catalog given at training (rec/checkpointCatalog.ts), with its checksum
import { fail, ok, type Result } from '../lib/result';
import { sha256Hex } from '../lib/sha256';
import { readSafetensors, writeSafetensors } from '../lib/safetensors';
import type { ModelState } from './recommender';
import type { QualityRecord } from './qualityRecipe';
import type { LeaveOneOutSplit } from './split';
import type { ItemCatalog } from '../data/eventLog';
import { CATALOG_FILE, decodeCatalog, encodeCatalog } from './checkpointCatalog';

export const CHECKPOINT_FORMAT = 'reclens-checkpoint';
export const CHECKPOINT_VERSION = 1;
export const CHECKPOINT_FILES = ['config.json', 'users.json', 'items.json', 'split.json', 'model.safetensors'] as const;

export interface CheckpointConfig {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  model: string;
  backend: string;
  settings: Record<string, unknown>;
  seed: number;
  trainSeconds: number;
  createdAt: string;
  data: { source: string; users: number; items: number; interactions: number };
  split: { kind: 'leave-one-out'; events: string[] | null; targetEvents: string[] | null };
  /** File name → SHA-256 (hex) of the file as written; absent in checkpoints written before checksums were kept. */
  sha256?: Record<string, string>;
  /** A model trained elsewhere and converted; absent for models RecLens trained. */
  importedFrom?: ImportedModel;
  /** How a "train for quality" run made the model (rec/qualityFit.ts); absent for other runs, ignored by the Python side. */
  recipe?: QualityRecord;
}

/** Where a converted model came from, shown beside it (UI: model.imported). */
export interface ImportedModel {
  framework: 'RecBole';
  /** The framework's model class, e.g. SASRec. */
  model: string;
  /** Items the original model has an embedding for. */
  modelItems: number;
  /** Items of the checkpoint's list it has none for: scored at unknownScore, never recommended. */
  unknownItems: number;
  unknownScore: number;
}

export interface Checkpoint {
  config: CheckpointConfig;
  users: readonly string[];
  items: readonly string[];
  split: LeaveOneOutSplit;
  state: ModelState;
  /** The item catalog given at training (`train --items`), stored as catalog.json when present. */
  catalog?: ItemCatalog | null;
}

/** A checkpoint as read back, with what could not be checked (shown to the analyst; not a reason to refuse it). */
export interface DecodedCheckpoint extends Checkpoint {
  notes: string[];
}

/**
 * File name → contents (text for JSON, bytes for safetensors); the caller writes them where it likes. config.json
 * records the SHA-256 of each other file (none where there is no Web Crypto; see lib/sha256).
 */
export async function encodeCheckpoint(
  c: Checkpoint,
): Promise<Record<(typeof CHECKPOINT_FILES)[number], string | Uint8Array> & { [CATALOG_FILE]?: string }> {
  const s = c.split;
  const files = {
    'users.json': JSON.stringify(c.users),
    'items.json': JSON.stringify(c.items),
    'split.json': JSON.stringify({
      offsets: Array.from(s.sequences.offsets),
      items: Array.from(s.sequences.items),
      isTarget: Array.from(s.isTarget),
      valPos: Array.from(s.valPos),
      testPos: Array.from(s.testPos),
      ...(s.events ? { events: Array.from(s.events), numEventTypes: s.numEventTypes } : {}),
    }),
    'model.safetensors': new Uint8Array(writeSafetensors(c.state.tensors, { format: CHECKPOINT_FORMAT, model: c.config.model })),
    ...(c.catalog ? { [CATALOG_FILE]: encodeCatalog(c.catalog) } : {}),
  };
  let sha256: Record<string, string> | undefined = {};
  for (const [name, content] of Object.entries(files)) {
    const hex = await sha256Hex(content);
    if (hex === null) {
      sha256 = undefined;
      break;
    }
    sha256[name] = hex;
  }
  // A config carried over from a decoded checkpoint brings its old checksums: never write those.
  const { sha256: _old, ...config } = c.config;
  return {
    'config.json': JSON.stringify({ ...config, settings: c.state.settings, ...(sha256 ? { sha256 } : {}) }, null, 2) + '\n',
    ...files,
  };
}

/**
 * Parse the files of a checkpoint folder; every claim is checked, since a folder may come from anywhere: ids are
 * unique, their counts are the ones config.json was written with, the split indexes them, and each file has the
 * checksum config.json records. (That the weights score exactly these items is checked once the model is built:
 * restoreModel in openCheckpoint.ts.)
 */
export async function decodeCheckpoint(read: (file: string) => string | Uint8Array | null): Promise<Result<DecodedCheckpoint>> {
  const text = (f: string): Result<unknown> => {
    const raw = read(f);
    if (raw === null) return fail(`checkpoint is missing ${f}`);
    try {
      return ok(JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw)));
    } catch (e) {
      return fail(`${f} is not valid JSON (${(e as Error).message})`);
    }
  };
  const config = text('config.json');
  if (!config.ok) return config;
  const cfg = config.data as CheckpointConfig;
  if (cfg?.format !== CHECKPOINT_FORMAT) return fail(`config.json: not a ${CHECKPOINT_FORMAT} (format ${JSON.stringify(cfg?.format)})`);
  if (cfg.version !== CHECKPOINT_VERSION)
    return fail(`config.json: version ${cfg.version} is not supported (expected ${CHECKPOINT_VERSION})`);
  if (cfg.importedFrom !== undefined && !isImportedModel(cfg.importedFrom))
    return fail('config.json: importedFrom must name the framework (RecBole), its model, and its item counts');
  // The recipe only describes how the weights were made: a malformed one is dropped with a note, the model still opens.
  const recipeNotes: string[] = [];
  if (cfg.recipe !== undefined && !isQualityRecord(cfg.recipe)) {
    delete cfg.recipe;
    recipeNotes.push('config.json: the "train for quality" record is malformed and was ignored; the weights are unaffected.');
  }
  const users = text('users.json');
  if (!users.ok) return users;
  const items = text('items.json');
  if (!items.ok) return items;
  if (!isStrings(users.data) || !isStrings(items.data)) return fail('users.json and items.json must be arrays of strings');
  for (const [file, ids, what] of [
    ['users.json', users.data, 'user'],
    ['items.json', items.data, 'item'],
  ] as const) {
    const claimed = (cfg.data as Record<string, unknown> | undefined)?.[`${what}s`];
    if (typeof claimed === 'number' && claimed !== ids.length) {
      return fail(
        `${file} lists ${ids.length} ${what} ids, but config.json says the model was trained on ${claimed} ${what}s: the ids do not belong to these weights`,
      );
    }
    const repeated = repeats(ids);
    if (repeated)
      return fail(`${file} repeats ids (${repeated}): each ${what} must have one id, or results are labelled with the wrong ${what}s`);
  }
  const splitJson = text('split.json');
  if (!splitJson.ok) return splitJson;
  const split = toSplit(splitJson.data, users.data.length, items.data.length);
  if (!split.ok) return split;
  const bytes = read('model.safetensors');
  if (bytes === null || typeof bytes === 'string') return fail('checkpoint is missing model.safetensors');
  const st = readSafetensors(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  if (!st.ok) return st;
  const tensors: ModelState['tensors'] = {};
  for (const [name, t] of st.data.tensors) tensors[name] = { shape: t.shape, data: Float32Array.from(t.data) };
  const verified = await verifyChecksums(cfg.sha256, read);
  if (!verified.ok) return verified;
  const options = { events: cfg.split?.events ?? null, targetEvents: cfg.split?.targetEvents ?? null };
  // Read only when its checksum is recorded (so it was verified above); checkpoints without one simply have no catalog.
  let catalog: ItemCatalog | null = null;
  const catalogBytes = cfg.sha256 && Object.hasOwn(cfg.sha256, CATALOG_FILE) ? read(CATALOG_FILE) : null;
  if (catalogBytes !== null) {
    const decoded = decodeCatalog(catalogBytes);
    if (!decoded.ok) return decoded;
    catalog = decoded.data;
  }
  return ok({
    config: cfg,
    users: users.data,
    items: items.data,
    split: { ...split.data, options },
    state: { settings: cfg.settings ?? {}, tensors },
    catalog,
    notes: [...verified.data, ...recipeNotes],
  });
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** Longest validation curve a record may carry: one point per epoch of the largest cap (qualityRecipe.ts) and then some. */
const MAX_RECIPE_CURVE = 100_000;

/** A "train for quality" record as qualityFit.ts writes it: the figures the Model view prints from it must be numbers. */
export const isQualityRecord = (x: unknown): x is QualityRecord => {
  const o = x as Partial<QualityRecord> | null;
  const plan = o?.plan as unknown as Record<string, unknown> | undefined;
  const tuning = o?.tuning;
  const curve = tuning?.curve as unknown;
  return (
    !!o &&
    o.kind === 'quality' &&
    !!plan &&
    (plan.mode === 'sasrec' || plan.mode === 'bert4rec') &&
    ['maxEpochs', 'evalEvery', 'minEpochs', 'minPatience'].every((k) => isCount(plan[k])) &&
    isNumber(plan.eventsPerItem) &&
    !!tuning &&
    isCount(tuning.epochs) &&
    isCount(tuning.bestEpoch) &&
    isNumber(tuning.bestValNdcg10) &&
    (tuning.stoppedBy === 'patience' || tuning.stoppedBy === 'cap') &&
    isNumber(tuning.seconds) &&
    Array.isArray(curve) &&
    curve.length <= MAX_RECIPE_CURVE &&
    curve.every((p: { epoch?: unknown; valNdcg10?: unknown } | null) => !!p && isCount(p.epoch) && isNumber(p.valNdcg10)) &&
    !!o.finalFit &&
    isCount(o.finalFit.epochs) &&
    isNumber(o.finalFit.seconds) &&
    o.finalFit.data === 'train + validation'
  );
};

const isImportedModel = (x: unknown): x is ImportedModel => {
  const o = x as Record<string, unknown> | null;
  return (
    !!o &&
    o.framework === 'RecBole' &&
    typeof o.model === 'string' &&
    isCount(o.modelItems) &&
    isCount(o.unknownItems) &&
    Number.isFinite(o.unknownScore)
  );
};

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');

/** The first few ids that occur more than once, with their counts ("i0079" ×100), or null. */
function repeats(ids: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const dup = [...counts].filter(([, n]) => n > 1);
  if (!dup.length) return null;
  return (
    dup
      .slice(0, 3)
      .map(([id, n]) => `${JSON.stringify(id)} ×${n}`)
      .join(', ') + (dup.length > 3 ? `, and ${dup.length - 3} more` : '')
  );
}

/**
 * Checkpoints written before checksums were kept still open, with a note: the app saved every trained model in the
 * browser (and in session files) in that form, and refusing them would strand those models; every other check still
 * runs on them. A checksum that is there must match, and every file of the folder must have one, so dropping one
 * file's checksum cannot slip a changed file through.
 */
async function verifyChecksums(sums: unknown, read: (file: string) => string | Uint8Array | null): Promise<Result<string[]>> {
  if (sums === undefined)
    return ok([
      'this checkpoint records no checksums (it was written before RecLens kept them), so its files could not be verified: a reordered items.json would go unnoticed. Retrain to get a verifiable checkpoint.',
    ]);
  if (!sums || typeof sums !== 'object' || Array.isArray(sums)) return fail('config.json: sha256 must map file names to SHA-256 checksums');
  const table = sums as Record<string, unknown>;
  for (const f of CHECKPOINT_FILES)
    if (f !== 'config.json' && !Object.hasOwn(table, f)) return fail(`config.json records no checksum for ${f}`);
  for (const [file, want] of Object.entries(table)) {
    // Plain names only: a checksum entry must not make the reader open a file outside the folder.
    if (!/^[\w][\w.-]*$/.test(file) || file === 'config.json')
      return fail(`config.json: sha256 names an unexpected file ${JSON.stringify(file)}`);
    const content = read(file);
    if (content === null) return fail(`checkpoint is missing ${file} (config.json records its checksum)`);
    const got = await sha256Hex(content);
    if (got === null)
      return ok(['its files could not be verified here: this page has no Web Crypto (it is served over plain http from another machine)']);
    if (got !== String(want).toLowerCase()) {
      return fail(
        `${file} does not match the checksum config.json records for it: the file was changed or replaced after training (edited, reordered, or copied from another run). Restore the original ${file} or retrain.`,
      );
    }
  }
  return ok([]);
}

function toSplit(x: unknown, numUsers: number, numItems: number): Result<LeaveOneOutSplit> {
  const o = x as Record<string, unknown>;
  const ints = (k: string) => (Array.isArray(o?.[k]) && (o[k] as unknown[]).every((v) => Number.isInteger(v)) ? (o[k] as number[]) : null);
  const [offsets, items, isTarget, valPos, testPos] = ['offsets', 'items', 'isTarget', 'valPos', 'testPos'].map(ints);
  if (!offsets || !items || !isTarget || !valPos || !testPos)
    return fail('split.json: offsets, items, isTarget, valPos, testPos must be integer arrays');
  if (offsets.length !== numUsers + 1 || valPos.length !== numUsers || testPos.length !== numUsers)
    return fail('split.json: sizes do not match users.json');
  if (offsets[numUsers] !== items.length || isTarget.length !== items.length) return fail('split.json: offsets do not match items');
  if (items.some((i) => i < 0 || i >= numItems)) return fail('split.json: item index out of range');
  for (let u = 0; u < numUsers; u++) {
    const len = offsets[u + 1] - offsets[u];
    if (len < 0 || valPos[u] >= len || testPos[u] >= len) return fail(`split.json: bad positions for user ${u}`);
  }
  // Event types are optional (checkpoints written before they were kept have none).
  const events = ints('events');
  const numEventTypes = Number.isInteger(o?.numEventTypes) ? (o.numEventTypes as number) : undefined;
  const typed =
    events && events.length === items.length && numEventTypes !== undefined && events.every((e) => e >= 0 && e < numEventTypes)
      ? { events: Uint8Array.from(events), numEventTypes }
      : {};
  return ok({
    numUsers,
    numItems,
    sequences: { offsets: Uint32Array.from(offsets), items: Int32Array.from(items) },
    ...typed,
    isTarget: Uint8Array.from(isTarget),
    valPos: Int32Array.from(valPos),
    testPos: Int32Array.from(testPos),
    options: { events: null, targetEvents: null },
  });
}
