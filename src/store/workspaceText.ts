// Text models, behavior classifiers and the last explanation across reloads. A model from the analyst's files or
// fine-tuned here has its folder kept in this browser (IndexedDB, in the ML worker) once; the workspace record names
// where each model re-opens from (workspaceTextRecord.ts). A reload re-opens them — a Hub model from its cached copy
// only, never the network — re-embeds the item texts (with progress) and shows the last explanation again.
import { mlWorker } from '../workers/client';
import { fail, ok, type Result } from '../lib/result';
import type { TextModelInfo, TextModelSource } from '../ml/bert/textModels';
import type { WorkspaceRecord } from '../data/workspaceRecord';
import type { PortableTextModel } from '../data/workspaceFile';
import type { BertBundle } from '../ml/bert/sources';
import { ensureDatasetInWorker } from './modelActions';
import { embedItems } from './textModelActions';
import { runTask } from './runTask';
import { explanationRecordOf, parseExplanationRecord } from './workspaceExplanation';
import { keptIdsOf, parseTextRecord, textRecordOf, type ReopenFrom, type TextRecord } from './workspaceTextRecord';
import { useApp, type AppState } from './index';

/** Text model id → kept id, for the models this session kept. */
const kept = new Map<string, string>();
/** Models that could not be kept (quota): named once, not tried again on every save. */
const unkeepable = new Set<string>();

const newKeptId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const message = (e: unknown) => (e as Error).message ?? String(e);

/** Keep the folder of every open text model that came from the analyst's files or was fine-tuned here (once each). */
export async function keepTextModels(): Promise<void> {
  const app = useApp.getState;
  for (const m of app().textModels) {
    const kind = m.origin?.kind;
    if ((kind !== 'files' && kind !== 'finetuned') || kept.has(m.id) || unkeepable.has(m.id)) continue;
    const keptId = newKeptId();
    let r: Result<{ bytes: number }>;
    try {
      r = (await mlWorker().keepTextModel(m.id, keptId)) as Result<{ bytes: number }>;
    } catch (e) {
      r = fail(message(e));
    }
    if (r.ok) kept.set(m.id, keptId);
    else {
      unkeepable.add(m.id);
      app().setWorkspaceError(`${m.source} could not be kept in this browser, so a reload will not bring it back: ${r.reason}`);
    }
  }
}

/** The record's text and explanation entries. `index`: runtime dataset id → record index; `models`: the record's model ids. */
export function textEntriesOf(
  s: AppState,
  index: ReadonlyMap<string, number>,
  models: ReadonlySet<string>,
): Pick<WorkspaceRecord, 'text' | 'explanation'> {
  return { text: textRecordOf(s, index, kept), explanation: explanationRecordOf(s.lastExplanation, models) };
}

/**
 * After a replay: delete the kept folders the workspace no longer names (a classifier whose dataset was closed last
 * session). Only here, not on every save, so a transient state (an import half-way) never deletes what is still open.
 */
export async function forgetUnnamed(record: WorkspaceRecord): Promise<void> {
  await mlWorker().forgetKeptTextModels(keptIdsOf((record.text as TextRecord | null | undefined) ?? null));
}

function sourceOf(from: ReopenFrom): TextModelSource {
  if (from.kind === 'hosted')
    return { kind: 'hosted', id: from.id, ...(typeof document !== 'undefined' ? { baseUrl: document.baseURI } : {}) };
  if (from.kind === 'hub') return { kind: 'hub', id: from.id, offline: true };
  return from;
}

async function reopen(source: TextModelSource, name: string): Promise<Result<TextModelInfo>> {
  try {
    const r = await runTask(
      'text-model',
      `Re-opening ${name}`,
      (id) => void mlWorker().cancel(id),
      (id, onProgress) => mlWorker().loadTextModel(source, id, onProgress) as Promise<Result<TextModelInfo>>,
    );
    return r ?? fail('cancelled');
  } catch (e) {
    return fail(message(e));
  }
}

/**
 * Re-open a record's text models and classifiers (classifiers on their datasets' new ids) and embed the item texts
 * again. Returns what could not be restored, each named; everything else is restored.
 */
export async function restoreText(raw: unknown, runtimeIds: readonly (string | null)[]): Promise<string[]> {
  const record = parseTextRecord(raw, runtimeIds.length);
  if (!record) return raw ? ['the text models (the record of them is damaged)'] : [];
  const app = useApp.getState;
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const m of record.models) {
    const r = await reopen(sourceOf(m.from), m.source);
    if (!r.ok) {
      problems.push(`the text model ${m.source}: ${r.reason}`);
      continue;
    }
    app().textModelLoaded(r.data);
    ids.set(m.modelId, r.data.id);
  }
  for (const { dataset, kept: keptId, info } of record.classifiers) {
    const datasetId = runtimeIds[dataset];
    if (!datasetId) continue;
    const name = info.textModel.source;
    const r = await reopen({ kind: 'kept', id: keptId }, name);
    if (!r.ok) {
      problems.push(`the behavior classifier ${name}: ${r.reason}`);
      continue;
    }
    try {
      app().selectDataset(datasetId);
      // Explaining reads the dataset in the ML worker; training had sent it there.
      await ensureDatasetInWorker();
      await mlWorker().adoptBehaviorClassifier(r.data.id, info.task!, info.labels, datasetId);
    } catch (e) {
      problems.push(`the behavior classifier ${name}: ${message(e)}`);
      continue;
    }
    app().textModelLoaded(r.data);
    // The base model's id when it came back too; else its name (the fine-tune's source starts with it).
    const baseModelId = ids.get(info.baseModelId) ?? name.split(' → ')[0];
    app().behaviorClassifierTrained({ ...info, id: r.data.id, textModel: r.data, datasetId, baseModelId });
    ids.set(info.id, r.data.id);
  }
  for (const e of record.embeddings) {
    const datasetId = runtimeIds[e.dataset];
    const textModelId = ids.get(e.modelId);
    if (!datasetId || !textModelId) continue;
    app().selectDataset(datasetId);
    await embedItems(textModelId);
    if (app().itemEmbeddings[datasetId]?.textModelId !== textModelId)
      problems.push(
        `the item embeddings of ${app().datasets.find((d) => d.id === datasetId)?.name ?? 'a dataset'}: ${app().textModelError ?? 'not computed'}`,
      );
  }
  return problems;
}

/** Show a record's last explanation again, on the re-opened model (`modelIds`: record model id → new id). */
export function restoreExplanation(raw: unknown, modelIds: ReadonlyMap<string, string>): string[] {
  if (!raw) return [];
  const shown = parseExplanationRecord(raw);
  if (!shown) return ['the last explanation (its record is damaged)'];
  const modelId = modelIds.get(shown.modelId);
  // Its model could not be re-opened: that model is named already.
  if (!modelId) return [];
  const app = useApp.getState();
  const datasetId = app.trainedModels.find((m) => m.id === modelId)?.datasetId;
  const users = app.datasets.find((d) => d.id === datasetId)?.log.users.length ?? 0;
  if (shown.user >= users) return ['the last explanation (its user is not in the dataset)'];
  useApp.getState().explanationShown({ ...shown, modelId });
  useApp.getState().focus(shown.user, modelId);
  return [];
}

/** The kept folders a record names, as a workspace file carries them; a folder no longer kept is left out (the import names it). */
export async function portableTextModels(record: WorkspaceRecord): Promise<PortableTextModel[]> {
  const out: PortableTextModel[] = [];
  for (const id of keptIdsOf((record.text as TextRecord | null | undefined) ?? null)) {
    const r = (await mlWorker().keptTextModelFolder(id)) as Result<BertBundle>;
    if (!r.ok) continue;
    const { safetensors, ...text } = r.data;
    const files: PortableTextModel['files'] = { 'model.safetensors': new Uint8Array(safetensors) };
    for (const [k, v] of Object.entries(text)) if (typeof v === 'string') files[k] = v;
    out.push({ id, files });
  }
  return out;
}

/** A folder from a workspace file as a bundle: the text fields and the weights, each of its type; else why not. */
function bundleOf(files: PortableTextModel['files']): Result<BertBundle> {
  const { source, config, tokenizerJson, tokenizerConfig, vocabTxt } = files;
  const weights = files['model.safetensors'];
  if (typeof source !== 'string' || typeof config !== 'string' || !(weights instanceof Uint8Array)) return fail('its folder is incomplete');
  const optional = { tokenizerJson, tokenizerConfig, vocabTxt };
  if (Object.values(optional).some((v) => v !== undefined && typeof v !== 'string')) return fail('its tokenizer files are damaged');
  const safetensors = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  return ok({ source, config, safetensors, ...(optional as Record<string, string | undefined>) });
}

/**
 * Keep the folders a workspace file carries (only those its record names), before the replay re-opens them; each is
 * checked when it opens. Returns what could not be kept, each named.
 */
export async function keepPortableTextModels(record: WorkspaceRecord, carried: readonly PortableTextModel[]): Promise<string[]> {
  const named = new Set(keptIdsOf(parseTextRecord(record.text, record.datasets.length)));
  const problems: string[] = [];
  for (const t of carried) {
    if (!named.has(t.id)) continue;
    const bundle = bundleOf(t.files);
    const r = bundle.ok ? ((await mlWorker().keepTextModelFolder(t.id, bundle.data)) as Result<{ bytes: number }>) : bundle;
    if (!r.ok) problems.push(`a text model in the file (${t.id}) was not imported: ${r.reason}`);
  }
  return problems;
}
