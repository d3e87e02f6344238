// A whole workspace as one file (JSON; typed arrays and binary checkpoint files as base64), to move work between
// machines. Reading it only ever builds data: JSON.parse, typed arrays from a fixed list of constructors, and every
// dataset checked by fromColumns — nothing in the file is run.
import { fromBase64, toBase64 } from '../lib/base64';
import { fail, ok, type Result } from '../lib/result';
import type { DatasetPayload } from './dataset';
import { LOG_ARRAYS } from './eventLogSchema';
import { fromColumns, toColumns } from './datasetColumns';
import { checkWorkspace, type WorkspaceRecord } from './workspaceRecord';

/** The format name files carry; it keeps the old word so files exported before the rename still open. */
export const WORKSPACE_FILE_FORMAT = 'reclens-session';

/** A saved checkpoint as it travels: its list entry and its files (the checkpoint store's shapes, kept opaque here). */
export interface PortableCheckpoint {
  info: { id: string } & Record<string, unknown>;
  files: Record<string, string | Uint8Array>;
}

/** A text model's folder kept in the browser (picked files, a fine-tuned classifier), by the kept id the record names. */
export interface PortableTextModel {
  id: string;
  files: Record<string, string | Uint8Array>;
}

export interface WorkspaceBundle {
  workspace: WorkspaceRecord;
  /** Stored datasets by the id the workspace record uses. */
  datasets: Record<string, DatasetPayload>;
  checkpoints: PortableCheckpoint[];
  /** Absent in files written before text models travelled. */
  textModels?: PortableTextModel[];
}

/** The only constructors a file may name: the log's column types (eventLogSchema.ts), packed strings and prices. */
const TYPED: Record<string, TypedConstructor> = Object.fromEntries(
  [...Object.values(LOG_ARRAYS), Uint8Array, Uint32Array, Float64Array].map((C) => [C.name, C as TypedConstructor]),
);
type TypedConstructor = { new (b: ArrayBuffer): ArrayBufferView; BYTES_PER_ELEMENT: number };
const TAG = '$typed';

export function encodeWorkspaceFile(b: WorkspaceBundle, createdAt = new Date().toISOString()): string {
  const datasets: Record<string, unknown> = {};
  for (const [id, content] of Object.entries(b.datasets)) datasets[id] = toColumns(content);
  return JSON.stringify(
    {
      format: WORKSPACE_FILE_FORMAT,
      version: 1,
      createdAt,
      session: b.workspace,
      datasets,
      checkpoints: b.checkpoints,
      textModels: b.textModels,
    },
    (_key, value: unknown) => {
      if (ArrayBuffer.isView(value)) {
        const name = value.constructor.name;
        if (!(name in TYPED)) throw new Error(`cannot write a ${name} into a workspace file`);
        return { [TAG]: name, base64: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
      }
      return value;
    },
  );
}

export function decodeWorkspaceFile(text: string): Result<WorkspaceBundle> {
  let raw: unknown;
  try {
    raw = JSON.parse(text, (_key, value: unknown) => {
      if (value && typeof value === 'object' && TAG in value) return typedFrom(value as Record<string, unknown>);
      return value;
    });
  } catch (e) {
    return fail(`this file is not a RecLens workspace: ${(e as Error).message}`);
  }
  const r = raw as Record<string, unknown> | null;
  if (!r || typeof r !== 'object' || r.format !== WORKSPACE_FILE_FORMAT)
    return fail('this file is not a RecLens workspace (no "reclens-session" format field)');
  if (r.version !== 1) return fail(`this workspace file has version ${String(r.version)}; this RecLens reads version 1`);
  // The record travels under its first key, `session`, so files exported before the rename still open.
  const workspace = checkWorkspace(r.session);
  if (!workspace.ok) return fail(`this workspace file is damaged: ${workspace.reason}`);
  const datasets: Record<string, DatasetPayload> = {};
  const rawDatasets = r.datasets && typeof r.datasets === 'object' ? (r.datasets as Record<string, unknown>) : {};
  for (const ref of workspace.data.datasets) {
    if (ref.kind !== 'stored') continue;
    if (!Object.hasOwn(rawDatasets, ref.id)) return fail(`this workspace file lacks the dataset it names ("${ref.id}")`);
    const d = fromColumns(rawDatasets[ref.id]);
    if (!d.ok) return fail(`this workspace file's dataset "${ref.id}" is damaged: ${d.reason}`);
    datasets[ref.id] = d.data;
  }
  const checkpoints: PortableCheckpoint[] = [];
  for (const c of Array.isArray(r.checkpoints) ? r.checkpoints : []) {
    const info = c?.info,
      files = c?.files;
    const valid = info && typeof info === 'object' && typeof info.id === 'string' && isFiles(files);
    if (!valid) return fail('this workspace file holds a saved model it cannot read');
    checkpoints.push({ info: info as PortableCheckpoint['info'], files: files as PortableCheckpoint['files'] });
  }
  // A text model that cannot be read is left out: the import names it when it cannot re-open it.
  const textModels: PortableTextModel[] = [];
  for (const t of Array.isArray(r.textModels) ? r.textModels : []) {
    const files = t?.files;
    if (typeof t?.id !== 'string' || !isFiles(files)) continue;
    textModels.push({ id: t.id, files });
  }
  return ok({ workspace: workspace.data, datasets, checkpoints, textModels });
}

function isFiles(x: unknown): x is Record<string, string | Uint8Array> {
  return (
    !!x &&
    typeof x === 'object' &&
    !Array.isArray(x) &&
    Object.values(x as Record<string, unknown>).every((f) => typeof f === 'string' || f instanceof Uint8Array)
  );
}

function typedFrom(v: Record<string, unknown>): ArrayBufferView {
  const name = v[TAG];
  if (typeof name !== 'string' || !Object.hasOwn(TYPED, name) || typeof v.base64 !== 'string') throw new Error('unknown binary column');
  const bytes = fromBase64(v.base64);
  const Ctor = TYPED[name];
  if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) throw new Error(`a ${name} column has a partial element`);
  // fromBase64 gives a fresh buffer starting at 0: aligned for any element size.
  return new Ctor(bytes.buffer as ArrayBuffer);
}
