// Embedding side by side (issue #9): RecLens's engine vs transformers.js's feature-extraction pipeline on the same
// BERT weights, exported to ONNX by bench/reference/bert_onnx.py (checked against the fixture's golden outputs).
// Node: TF.js wasm vs onnxruntime-node (native, one thread each). Chromium: TF.js wasm vs ONNX Runtime Web wasm, on a
// plain page (one thread each) and on a cross-origin isolated one (one thread per core each).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import { embed } from '../../src/ml/bert/inference';
import { disposeTree } from '../../src/ml/tensors';
import { launchChromium } from '../lib/browser';
import { openBertFolder } from '../lib/bertFolder';
import { MODEL_DIR as MINI_DIR, writeBertMini } from '../lib/bertMini';
import { servePage, withDeadline } from '../lib/pageServer';
import { ROOT } from '../lib/report';
import { compareEmbedders, EMBED_BATCH, EMBED_SEQ, embedTexts, rowsOf, type EmbedComparison } from './embedMeasure';

const OUT = resolve(ROOT, 'bench/out/side/embed');
const FIXTURE = resolve(ROOT, 'tests/fixtures');

export interface EmbedModel {
  name: string;
  /** The HF folder RecLens loads. */
  dir: string;
  params: number;
}

/** Writes the two models' HF folders and their ONNX exports; returns what each side loads. */
export function prepareEmbedModels(python: string): EmbedModel[] {
  writeBertMini(MINI_DIR);
  const models = [
    { name: 'tiny-bert', dir: join(FIXTURE, 'tiny-bert'), extra: ['--golden', join(FIXTURE, 'golden.json')] },
    { name: 'bert-mini', dir: MINI_DIR, extra: ['--tokenizer-template', join(FIXTURE, 'tiny-bert/tokenizer.json')] },
  ];
  return models.map(({ name, dir, extra }) => {
    const out = execFileSync(python, [resolve(ROOT, 'bench/reference/bert_onnx.py'), dir, join(OUT, 'onnx', name), ...extra])
      .toString()
      .trim()
      .split('\n');
    const report = JSON.parse(out[out.length - 1]) as { params: number };
    return { name, dir, params: report.params };
  });
}

/** In this process, on the TF.js backend already active (wasm). */
export async function embedInNode(m: EmbedModel, reps: number): Promise<EmbedComparison> {
  const { model, tokenizer } = await openBertFolder(m.dir);
  env.allowRemoteModels = false;
  env.localModelPath = join(OUT, 'onnx') + '/';
  const extractor = await pipeline('feature-extraction', m.name, {
    dtype: 'fp32',
    session_options: { intraOpNumThreads: 1, interOpNumThreads: 1 },
  });
  try {
    return await compareEmbedders(
      (t) => embed(model, tokenizer, t, { batchSize: EMBED_BATCH, maxLength: EMBED_SEQ }),
      async (t) => rowsOf((await extractor(t, { pooling: 'mean', normalize: false })) as unknown as { data: Float32Array; dims: number[] }),
      embedTexts(readFileSync(join(m.dir, 'vocab.txt'), 'utf8'), EMBED_BATCH),
      reps,
    );
  } finally {
    disposeTree(model.weights);
    await extractor.dispose();
  }
}

export type BrowserEmbed = EmbedComparison & { tfjsThreads: number; ortThreads: number; backend: string };

export async function embedInBrowser(
  models: EmbedModel[],
  reps: number,
  isolation: boolean,
  timeoutMs: number,
): Promise<Record<string, BrowserEmbed>> {
  const { origin, close } = await servePage({
    entry: resolve(ROOT, 'bench/side/embedPage.ts'),
    pageDir: resolve(ROOT, `bench/out/side/embed-page`),
    roots: [
      ['/tfjs-wasm/', resolve(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')],
      ['/ort/', resolve(ROOT, 'node_modules/onnxruntime-web/dist')],
      ['/onnx-models/', join(OUT, 'onnx')],
      ...models.map((m): [string, string] => [`/models/${m.name}/`, m.dir]),
    ],
    isolation,
    external: ['fs', 'path', 'url', 'sharp', 'onnxruntime-node'],
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.title === 'ready', null, { timeout: 60_000 });
    const out: Record<string, BrowserEmbed> = {};
    for (const m of models) {
      const running = page.evaluate(
        ([name, r]) => (window as unknown as { runEmbedBench: (n: string, r: number) => Promise<BrowserEmbed> }).runEmbedBench(name, r),
        [m.name, reps] as const,
      );
      out[m.name] = await withDeadline(running, timeoutMs);
    }
    return out;
  } finally {
    await browser.close();
    close();
  }
}
