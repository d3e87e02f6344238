// Event logs and item text vectors for the benchmarks, read the way the app reads them (one copy for every bench).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileSource } from '../../src/cli/files';
import { loadItems } from '../../src/data/csv/load';
import { itemLabels, type EventLog } from '../../src/data/eventLog';
import { EventLogBuilder } from '../../src/data/eventLogBuilder';
import { embed } from '../../src/ml/bert/inference';
import { openBertDir } from '../../src/ml/bert/loadDir';
import { ROOT } from './report';

/** One 'rating' event per non-empty line, its fields split by `sep` and mapped by `row`. */
export function buildLog(
  text: string,
  sep: RegExp,
  row: (f: string[]) => { user: string; item: string; time: number; value: number },
): EventLog {
  const b = new EventLogBuilder();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    b.add({ ...row(line.trim().split(sep)), event: 'rating' });
  }
  return b.build();
}

/** ml-100k's u.data: user, item, rating, timestamp (tab-separated). */
export const ml100kLog = (dir: string): EventLog =>
  buildLog(readFileSync(resolve(dir, 'u.data'), 'utf8'), /\t/, (f) => ({
    user: f[0],
    item: f[1],
    time: Number(f[3]),
    value: Number(f[2]),
  }));

/**
 * Mean-pooled vectors of the app's item text ("<title>. <genres>" from u.item) by the BERT folder `textModel`, in the
 * log's item order: what the content model and itemText read.
 */
export async function ml100kItemVectors(eventLog: EventLog, dir: string, textModel: string) {
  const items = await loadItems(fileSource(resolve(dir, 'u.item')));
  if (!items.ok) throw new Error(items.reason);
  const texts = itemLabels(eventLog, items.data.catalog).texts;
  const opened = await openBertDir(resolve(ROOT, textModel), 'wasm');
  if (!opened.ok) throw new Error(opened.reason);
  const t0 = performance.now();
  const vectors = await embed(opened.data.model, opened.data.tokenizer, texts, { pooling: 'mean' });
  const seconds = (performance.now() - t0) / 1000;
  const dim = opened.data.model.config.hiddenSize;
  opened.data.dispose();
  return { data: Float32Array.from(vectors.flat()), dim, seconds, example: texts[0] };
}
