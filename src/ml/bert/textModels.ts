// Text models (Hugging Face BERT folders) loaded in the ML worker: load from any source, embed, run a full forward.
import * as tfBridge from './forwardArrays';
import { bundleFromFiles, bundleFromHub, bundleFromUrl, hostedModelUrl, openBertBundle, type PickedFile } from './sources';
import { embed } from './inference';
import { bertFolderFiles, folderName, zipFolder } from './exportFolder';
import type { TokenizerFiles } from './browserTokenizer';
import type { LoadedBert } from './load';
import type { BertModel } from './model';
import type { TextTokenizer } from './tokenizer';
import type { Progress } from '../../lib/progress';
import { ok, type Result } from '../../lib/result';

export type TextModelSource =
  | { kind: 'hosted'; id: string; baseUrl?: string }
  | { kind: 'url'; url: string }
  | { kind: 'files'; files: PickedFile[] }
  /** Only ever sent when the analyst asked to download from the Hugging Face Hub. */
  | { kind: 'hub'; id: string };

export interface TextModelInfo {
  id: string;
  source: string;
  layers: number;
  hidden: number;
  heads: number;
  vocab: number;
  labels: string[] | null;
  parameters: number;
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
            : await bundleFromHub(source.id, opts);
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
