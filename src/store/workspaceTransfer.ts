// Export the whole workspace as one file (datasets, saved checkpoints, evaluations, settings) and import one back,
// adding its datasets and models to what is open. The file is read as data only (see data/workspaceFile.ts).
import { decodeWorkspaceFile, encodeWorkspaceFile, type PortableCheckpoint } from '../data/workspaceFile';
import type { DatasetPayload } from '../data/dataset';
import { checkIncoming, type SavedCheckpointInfo } from '../rec/checkpointStore';
import { checkpoints, currentRecord, replay } from './workspaceActions';
import { keepPortableTextModels, portableTextModels } from './workspaceText';
import { useApp } from './index';

export async function exportWorkspaceFile(): Promise<{ name: string; blob: Blob }> {
  const s = useApp.getState();
  const exportIds = new Map<string, string>();
  const contents: Record<string, DatasetPayload> = {};
  s.datasets.forEach((d, i) => {
    if (d.truth !== null) return void exportIds.set(d.id, 'demo');
    const id = `dataset-${i + 1}`;
    exportIds.set(d.id, id);
    contents[id] = d;
  });
  const record = currentRecord((id) => exportIds.get(id));
  const store = await checkpoints();
  const list = await store.list();
  if (!list.ok) throw new Error(list.reason);
  const saved: PortableCheckpoint[] = [];
  for (const c of list.data) {
    const loaded = await store.load(c.id);
    if (loaded.ok) saved.push({ info: { ...loaded.data.info }, files: loaded.data.files });
  }
  const textModels = await portableTextModels(record);
  const text = encodeWorkspaceFile({ workspace: record, datasets: contents, checkpoints: saved, textModels });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return { name: `reclens-workspace-${stamp}.json`, blob: new Blob([text], { type: 'application/json' }) };
}

/**
 * Import a workspace file: checkpoints are checked and saved first (models re-open from them), then datasets and models
 * open. A checkpoint that fails its checks is left out — with its model, which is named in the workspace message with
 * the reason — and the rest is imported.
 */
export async function importWorkspaceFile(file: Blob): Promise<boolean> {
  const app = useApp.getState;
  const bundle = decodeWorkspaceFile(await file.text());
  if (!bundle.ok) {
    app().setWorkspaceError(`Import: ${bundle.reason}`);
    return false;
  }
  const store = await checkpoints();
  const problems: string[] = [];
  const refused = new Set<string>();
  for (const c of bundle.data.checkpoints) {
    const info = checkpointInfo(c.info);
    const checked = info
      ? await checkIncoming(info, c.files)
      : { ok: false as const, reason: 'its description (model, date, dataset) is missing or damaged' };
    if (!info || !checked.ok) {
      refused.add(c.info.id);
      problems.push(
        `the saved model ${info ? `${info.model} of ${info.createdAt}` : JSON.stringify(c.info.id)} was not imported ` +
          `and cannot be opened: ${checked.ok ? '' : checked.reason}`,
      );
      continue;
    }
    const r = await store.save(info, c.files);
    if (!r.ok) {
      app().setWorkspaceError(`Import: ${r.reason}`);
      return false;
    }
  }
  const workspace = { ...bundle.data.workspace, models: bundle.data.workspace.models.filter((m) => !refused.has(m.checkpoint)) };
  problems.push(...(await keepPortableTextModels(workspace, bundle.data.textModels ?? [])));
  await replay(workspace, async (id) => ({ ok: true, data: { content: bundle.data.datasets[id], storedAs: null } }), problems);
  return true;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Only the fields the checkpoint list uses, each checked. */
export function checkpointInfo(raw: PortableCheckpoint['info']): Omit<SavedCheckpointInfo, 'bytes'> | null {
  const { id, model, createdAt, dataset, partial, validation, trainedForQuality } = raw as Record<string, unknown>;
  const d = dataset as Record<string, unknown> | null;
  if (typeof id !== 'string' || !id || typeof model !== 'string' || typeof createdAt !== 'string') return null;
  if (!d || typeof d !== 'object' || typeof d.source !== 'string' || !isNum(d.users) || !isNum(d.items) || !isNum(d.idsHash)) return null;
  const info: Omit<SavedCheckpointInfo, 'bytes'> = {
    id,
    model,
    createdAt,
    dataset: { source: d.source, users: d.users, items: d.items, idsHash: d.idsHash },
  };
  const p = partial as Record<string, unknown> | undefined;
  if (p && isNum(p.epoch) && isNum(p.maxEpochs)) info.partial = { epoch: p.epoch, maxEpochs: p.maxEpochs };
  const v = validation as Record<string, unknown> | undefined;
  if (v && isNum(v.ndcg10) && isNum(v.hr10)) info.validation = { ndcg10: v.ndcg10, hr10: v.hr10 };
  if (trainedForQuality === true) info.trainedForQuality = true;
  return info;
}
