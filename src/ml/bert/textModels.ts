// Text models (Hugging Face BERT folders) loaded in the ML worker: load from any source, embed, run a full forward.
import * as tfBridge from './forwardArrays';
import { bundleFromFiles, bundleFromHub, bundleFromUrl, hostedModelUrl, openBertBundle, type PickedFile } from './sources';
import { embed } from './inference';
import { bertFolderFiles, folderName, zipFolder } from './exportFolder';
import { exportBert } from './export';
import { bundleFromKept, forgetKeptExcept, keepBundle } from './sources/kept';
import type { BertBundle } from './sources';
import type { TokenizerFiles } from './browserTokenizer';
import type { LoadedBert } from './load';
import type { BertModel } from './model';
import type { TextTokenizer } from './tokenizer';
import type { Progress } from '../../lib/progress';
import { fail, ok, type Result } from '../../lib/result';

export type TextModelSource =
  | { kind: 'hosted'; id: string; baseUrl?: string }
  | { kind: 'url'; url: string }
  | { kind: 'files'; files: PickedFile[] }
  /** Only ever sent when the analyst asked to download from the Hugging Face Hub; `offline`: from its cached copy only. */
  | { kind: 'hub'; id: string; offline?: boolean }
  /** A model kept in this browser (sources/kept.ts): how a reload re-opens picked files and fine-tuned models. */
  | { kind: 'kept'; id: string };

/**
 * How a model can be opened again after a reload: from the same hosted folder or URL, from the Hub's cached copy, or
 * from bytes kept in this browser ('files' and 'finetuned' still have to be kept; 'kept' already are).
 */
export type TextModelOrigin =
  | { kind: 'hosted'; id: string; baseUrl?: string }
  | { kind: 'url'; url: string }
  | { kind: 'hub'; id: string }
  | { kind: 'files' }
  | { kind: 'finetuned' }
  | { kind: 'kept'; id: string };

function originOf(source: TextModelSource): TextModelOrigin {
  if (source.kind === 'hosted') return { kind: 'hosted', id: source.id, ...(source.baseUrl ? { baseUrl: source.baseUrl } : {}) };
  if (source.kind === 'url') return { kind: 'url', url: source.url };
  if (source.kind === 'hub') return { kind: 'hub', id: source.id };
  if (source.kind === 'kept') return { kind: 'kept', id: source.id };
  return { kind: 'files' };
}

export interface TextModelInfo {
  id: string;
  source: string;
  layers: number;
  hidden: number;
  heads: number;
  vocab: number;
  labels: string[] | null;
  parameters: number;
  /** Where it can be opened from again after a reload. */
  origin?: TextModelOrigin;
}

export class TextModels {
  /** `files`: the tokenizer files the model came with, kept (small) so it can be exported as a whole HF folder. */
  private readonly models = new Map<string, { model: LoadedBert; tokenizer: TextTokenizer; info: TextModelInfo; files?: TokenizerFiles }>();
  private next = 0;

  async load(source: TextModelSource, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<Result<TextModelInfo>> {
    const opts = { onProgress, signal };
    const bundle =
      source.kind === 'hosted'
        ? await bundleFromUrl(
            source.baseUrl ? new URL(`models/${encodeURIComponent(source.id)}/`, source.baseUrl).href : hostedModelUrl(source.id),
            opts,
          )
        : source.kind === 'url'
          ? await bundleFromUrl(source.url, opts)
          : source.kind === 'files'
            ? await bundleFromFiles(source.files)
            : source.kind === 'kept'
              ? await bundleFromKept(source.id)
              : await bundleFromHub(source.id, { ...opts, offline: source.offline });
    if (!bundle.ok) return bundle;
    const opened = await openBertBundle(bundle.data);
    if (!opened.ok) return opened;
    const { model, tokenizer } = opened.data;
    const c = model.config;
    const info: TextModelInfo = {
      id: `t-${++this.next}`,
      source: bundle.data.source,
      layers: c.numLayers,
      hidden: c.hiddenSize,
      heads: c.numHeads,
      vocab: c.vocabSize,
      labels: c.labels ?? null,
      parameters: tfBridge.parameterCount(model),
      origin: originOf(source),
    };
    const { tokenizerJson, tokenizerConfig, vocabTxt } = bundle.data;
    this.models.set(info.id, { model, tokenizer, info, files: { tokenizerJson, tokenizerConfig, vocabTxt } });
    return { ok: true, data: info };
  }

  /** A loaded model and its tokenizer, by id. */
  get(id: string): { model: LoadedBert; tokenizer: TextTokenizer; info: TextModelInfo; files?: TokenizerFiles } {
    const m = this.models.get(id);
    if (!m) throw new Error(`text model ${id} is not loaded`);
    return m;
  }

  /** Keep a model made in the worker (a fine-tuned classifier) under a new id, next to the loaded ones; `files`: its tokenizer's. */
  add(model: BertModel, tokenizer: TextTokenizer, source: string, files?: TokenizerFiles): TextModelInfo {
    const c = model.config;
    const info: TextModelInfo = {
      id: `t-${++this.next}`,
      source,
      layers: c.numLayers,
      hidden: c.hiddenSize,
      heads: c.numHeads,
      vocab: c.vocabSize,
      labels: c.labels ?? null,
      parameters: tfBridge.parameterCount(model),
      origin: { kind: 'finetuned' },
    };
    this.models.set(info.id, { model: { ...model, ignored: [] }, tokenizer, info, files });
    return info;
  }

  /** The model as a zipped Hugging Face folder (LoRA merged), with the folder's name for the download. */
  async exportZip(id: string): Promise<Result<{ name: string; zip: Uint8Array }>> {
    const { model, info, files } = this.get(id);
    const folder = await bertFolderFiles(model, files ?? {});
    if (!folder.ok) return folder;
    const name = folderName(info.source);
    return ok({ name, zip: zipFolder(name, folder.data) });
  }

  /** The model as an HF folder in memory (LoRA merged), under its source: what is kept in this browser for a reload. */
  async bundleOf(id: string): Promise<Result<BertBundle>> {
    const { model, info, files } = this.get(id);
    if (!files || (files.tokenizerJson === undefined && files.vocabTxt === undefined))
      return fail('the tokenizer files of this model are not known, so it could not be kept');
    const { config, safetensors } = await exportBert(model);
    return ok({ source: info.source, config, safetensors, ...files });
  }

  /** Keep the model's folder in this browser under `keptId` (see sources/kept.ts); its size, or why not (quota). */
  async keep(id: string, keptId: string): Promise<Result<{ bytes: number }>> {
    const bundle = await this.bundleOf(id);
    if (!bundle.ok) return bundle;
    const r = await keepBundle(keptId, bundle.data, { name: this.get(id).info.source });
    return r.ok ? ok({ bytes: r.data.bytes }) : r;
  }

  /** A kept folder as it is stored (a workspace file carries it to another browser). */
  keptFolder(keptId: string): Promise<Result<BertBundle>> {
    return bundleFromKept(keptId);
  }

  /** Keep a folder that came in a workspace file; it is checked when a reload or the import opens it. */
  async keepFolder(keptId: string, bundle: BertBundle): Promise<Result<{ bytes: number }>> {
    const r = await keepBundle(keptId, bundle, { name: bundle.source });
    return r.ok ? ok({ bytes: r.data.bytes }) : r;
  }

  /** Delete the kept folders no workspace names any more. */
  async forgetKept(keep: readonly string[]): Promise<void> {
    await forgetKeptExcept(keep);
  }

  embed(
    id: string,
    texts: string[],
    options: { pooling?: 'mean' | 'cls'; normalize?: boolean },
    onProgress?: (done: number, total: number) => void,
  ): Promise<number[][]> {
    const { model, tokenizer } = this.get(id);
    return embed(model, tokenizer, texts, { ...options, onProgress: onProgress && ((p) => onProgress(p.done, p.total)) });
  }

  /** Token ids and every output of one forward pass as plain arrays: parity checks and the attention view use it. */
  forward(id: string, texts: string[], options: { maxLength?: number; padToMaxLength?: boolean }): Promise<tfBridge.ForwardArrays> {
    const { model, tokenizer } = this.get(id);
    return tfBridge.forwardArrays(model, tokenizer, texts, options);
  }

  unload(id: string): void {
    const m = this.models.get(id);
    if (!m) return;
    tfBridge.disposeModel(m.model);
    this.models.delete(id);
  }
}
