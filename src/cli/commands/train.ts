// `reclens train`: fit a registered model on a leave-one-out split and write a checkpoint folder (src/rec/checkpoint.ts).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadEvents, loadItems } from '../../data/csv/load';
import type { EventLog, ItemCatalog } from '../../data/eventLog';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, encodeCheckpoint, type Checkpoint } from '../../rec/checkpoint';
import { openCheckpoint } from '../../rec/openCheckpoint';
import { checkModelSettings, createModel, isModelName, modelEntry, MODELS } from '../../rec/registry';
import type { Recommender } from '../../rec/recommender';
import { leaveOneOutSplit, trainData, type LeaveOneOutSplit } from '../../rec/split';
import { CliError, FLAG_RANGES, memoryBudgetFlag, parse, parseParams, printJson, rangeFlag, type Command } from '../command';
import { fileSource } from '../files';
import { cliItemEmbeddings } from '../itemEmbeddings';

const usage = 'reclens train --data <events-file> [--items <file>] [--text-model <bert-dir>] --model <name> [--params k=v,…] [--epochs N] [--targets type,…] [--seed S] [--memory-budget MiB] --out <dir> [--json]';

/** Flags shared by train, evaluate and recommend. */
export const DATA_FLAGS = {
  data: { type: 'string' },
  items: { type: 'string' },
  /** A local BERT folder: embeds the item texts (--items) for the content model and the sequence models' itemText. */
  'text-model': { type: 'string' },
  model: { type: 'string' },
  params: { type: 'string' },
  epochs: { type: 'string' },
  targets: { type: 'string' },
  seed: { type: 'string' },
  map: { type: 'string' },
  /** MiB a model may need (default: RECLENS_MEMORY_BUDGET_MB, else 4 GiB); a larger estimate is refused before fitting. */
  'memory-budget': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface Fitted {
  model: Recommender;
  split: LeaveOneOutSplit;
  users: readonly string[];
  items: readonly string[];
  seed: number;
  trainSeconds: number;
  config: Checkpoint['config'];
}

export { parseParams };

export async function loadLog(path: string, map?: string): Promise<EventLog> {
  const loaded = await loadEvents(fileSource(path), { mapSpec: map });
  if (!loaded.ok) throw new CliError(loaded.reason);
  return loaded.data.log;
}

export async function loadCatalog(path: string | undefined): Promise<ItemCatalog | null> {
  if (!path) return null;
  const loaded = await loadItems(fileSource(path));
  if (!loaded.ok) throw new CliError(loaded.reason);
  return loaded.data.catalog;
}

/** Load the log, split it, build and fit the model; model errors (e.g. EASE's item limit) become CLI errors. */
export async function fitFromData(values: { data?: string; items?: string; 'text-model'?: string; model?: string; params?: string; epochs?: string; targets?: string; seed?: string; map?: string; 'memory-budget'?: string }): Promise<Fitted> {
  if (!values.data) throw new CliError('--data <events-file> is required');
  const name = values.model;
  if (!name || !isModelName(name)) throw new CliError(`--model must be one of ${Object.keys(MODELS).join(', ')}`);
  const seed = rangeFlag(values.seed, 'seed', FLAG_RANGES.seed) ?? 42;
  // Every setting is checked against the model's ranges before the log is read or anything allocated.
  // --epochs is shorthand for the sequence models' `maxEpochs` setting (early stopping may end sooner).
  const maxEpochs = modelEntry(name)!.params.maxEpochs;
  if (values.epochs !== undefined && !maxEpochs) throw new CliError(`--epochs applies to models trained in epochs (sasrec, bert4rec), not ${name}`);
  const epochs = rangeFlag(values.epochs, 'epochs', maxEpochs);
  const settings = { ...parseParams(values.params), ...(epochs !== undefined ? { maxEpochs: epochs } : {}) };
  const invalid = checkModelSettings(name, settings);
  if (invalid) throw new CliError(invalid);
  const memoryBudgetBytes = memoryBudgetFlag(values['memory-budget']);
  const log = await loadLog(values.data, values.map);
  const targetEvents = values.targets ? values.targets.split(',').map((t) => t.trim()) : undefined;
  const split = leaveOneOutSplit(log, { targetEvents });
  const train = trainData(split);
  const textModel = values['text-model'];
  const embeddings = textModel ? await cliItemEmbeddings(log, await loadCatalog(values.items), textModel) : undefined;
  const model = await wrap(() => createModel(name, settings, embeddings ? { embeddings } : {}));
  const t0 = performance.now();
  await wrap(async () => model.fit(train, { seed, memoryBudgetBytes }));
  const trainSeconds = (performance.now() - t0) / 1000;
  const config: Checkpoint['config'] = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    model: name,
    backend: model.backend,
    settings: {},
    seed,
    trainSeconds,
    createdAt: new Date().toISOString(),
    data: { source: values.data, users: log.users.length, items: log.items.length, interactions: split.sequences.items.length },
    split: { kind: 'leave-one-out', events: null, targetEvents: targetEvents ?? null },
  };
  return { model, split, users: log.users, items: log.items, seed, trainSeconds, config };
}

/**
 * Rebuild a fitted model from a checkpoint folder; a folder that fails a check (checksums, ids, the weights' item
 * count) is refused with the reason. What could not be checked goes to stderr, so --json output stays clean.
 */
export async function fitFromCheckpoint(dir: string): Promise<Fitted> {
  if (!existsSync(join(dir, 'config.json'))) throw new CliError(`${dir} is not a checkpoint folder (no config.json)`);
  const opened = await openCheckpoint((f) => {
    const p = join(dir, f);
    return existsSync(p) ? new Uint8Array(readFileSync(p)) : null;
  });
  if (!opened.ok) throw new CliError(`checkpoint ${dir} refused: ${opened.reason}`);
  const { checkpoint: c, model } = opened.data;
  for (const note of c.notes) process.stderr.write(`reclens: note: ${dir}: ${note}\n`);
  return { model, split: c.split, users: c.users, items: c.items, seed: c.config.seed, trainSeconds: c.config.trainSeconds, config: c.config };
}

async function wrap<T>(f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError((e as Error).message, { cause: e });
  }
}

export const trainCommand: Command = {
  name: 'train',
  summary: `Fit a recommender (${Object.keys(MODELS).join(', ')}) on a leave-one-out split; write a checkpoint folder.`,
  usage,
  async run(argv) {
    const { values } = parse(argv, { ...DATA_FLAGS, out: { type: 'string' } }, usage);
    if (!values.out) throw new CliError(`--out <dir> is required\nusage: ${usage}`);
    const fitted = await fitFromData(values);
    const files = await encodeCheckpoint({ config: fitted.config, users: fitted.users, items: fitted.items, split: fitted.split, state: await fitted.model.exportState() });
    mkdirSync(values.out, { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(join(values.out, name), content);
    const out = { out: values.out, model: fitted.config.model, users: fitted.users.length, items: fitted.items.length, seed: fitted.seed, trainSeconds: fitted.trainSeconds, files: Object.keys(files).map((f) => join(values.out!, f)) };
    if (values.json) printJson(out);
    else process.stdout.write(`trained ${out.model} in ${out.trainSeconds.toFixed(2)} s → ${values.out}\n`);
    return 0;
  },
};
