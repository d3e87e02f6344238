// The checkpoint folder every model writes and reads — baselines here, neural sequence models with the same layout.
//
// <dir>/
//   config.json        { format: "reclens-checkpoint", version: 1, model, backend, settings, seed, trainSeconds,
//                        createdAt, data: {source, users, items, interactions}, split: {kind, events, targetEvents} }
//                        `settings` is what the registry's create(settings) needs to rebuild the model.
//   users.json         ["<user id>", …]   index → original user id (the log's dictionary order)
//   items.json         ["<item id>", …]   index → original item id; every tensor indexes items in this order
//   split.json         { offsets, items, isTarget, valPos, testPos }: the leave-one-out split used for training
//                      (LeaveOneOutSplit as plain arrays), so evaluate/recommend need no data file
//   model.safetensors  the fitted parameters (F32, names per model: pop "popularity"; ease "B" [n,n];
//                      itemknn "offsets","neighbours","similarities"; mf "itemFactors" [n,f]; content "embeddings").
//                      Neural models put their weights here too, and may add files that config.json names.
import { fail, ok, type Result } from '../lib/result';
import { readSafetensors, writeSafetensors } from '../ml/safetensors';
import type { ModelState } from './recommender';
import type { LeaveOneOutSplit } from './split';

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
}

export interface Checkpoint {
  config: CheckpointConfig;
  users: readonly string[];
  items: readonly string[];
  split: LeaveOneOutSplit;
  state: ModelState;
}

/** File name → contents (text for JSON, bytes for safetensors); the caller writes them where it likes. */
export function encodeCheckpoint(c: Checkpoint): Record<(typeof CHECKPOINT_FILES)[number], string | Uint8Array> {
  const s = c.split;
  return {
    'config.json': JSON.stringify({ ...c.config, settings: c.state.settings }, null, 2) + '\n',
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
  };
}

/** Parse the files of a checkpoint folder; every claim is checked, since a folder may come from anywhere. */
export function decodeCheckpoint(read: (file: string) => string | Uint8Array | null): Result<Checkpoint> {
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
  if (cfg.version !== CHECKPOINT_VERSION) return fail(`config.json: version ${cfg.version} is not supported (expected ${CHECKPOINT_VERSION})`);
  const users = text('users.json');
  if (!users.ok) return users;
  const items = text('items.json');
  if (!items.ok) return items;
  if (!isStrings(users.data) || !isStrings(items.data)) return fail('users.json and items.json must be arrays of strings');
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
  const options = { events: cfg.split?.events ?? null, targetEvents: cfg.split?.targetEvents ?? null };
  return ok({ config: cfg, users: users.data, items: items.data, split: { ...split.data, options }, state: { settings: cfg.settings ?? {}, tensors } });
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');

function toSplit(x: unknown, numUsers: number, numItems: number): Result<LeaveOneOutSplit> {
  const o = x as Record<string, unknown>;
  const ints = (k: string) => (Array.isArray(o?.[k]) && (o[k] as unknown[]).every((v) => Number.isInteger(v)) ? (o[k] as number[]) : null);
  const [offsets, items, isTarget, valPos, testPos] = ['offsets', 'items', 'isTarget', 'valPos', 'testPos'].map(ints);
  if (!offsets || !items || !isTarget || !valPos || !testPos) return fail('split.json: offsets, items, isTarget, valPos, testPos must be integer arrays');
  if (offsets.length !== numUsers + 1 || valPos.length !== numUsers || testPos.length !== numUsers) return fail('split.json: sizes do not match users.json');
  if (offsets[numUsers] !== items.length || isTarget.length !== items.length) return fail('split.json: offsets do not match items');
  if (items.some((i) => i < 0 || i >= numItems)) return fail('split.json: item index out of range');
  for (let u = 0; u < numUsers; u++) {
    const len = offsets[u + 1] - offsets[u];
    if (len < 0 || valPos[u] >= len || testPos[u] >= len) return fail(`split.json: bad positions for user ${u}`);
  }
  // Event types are optional (checkpoints written before they were kept have none).
  const events = ints('events');
  const numEventTypes = Number.isInteger(o?.numEventTypes) ? (o.numEventTypes as number) : undefined;
  const typed = events && events.length === items.length && numEventTypes !== undefined && events.every((e) => e >= 0 && e < numEventTypes) ? { events: Uint8Array.from(events), numEventTypes } : {};
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
