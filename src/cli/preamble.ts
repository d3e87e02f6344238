// What every model command does before its own work, written once: the data flags, reading the events file with its
// mapping (and the catalog), and getting a fitted model either by training on --data or from a --checkpoint folder.
import { withDefaultEpochBudget } from '../rec/epochBudget';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEvents, loadItems } from '../data/csv/load';
import { backendSwitch } from '../ml/backend';
import type { EventLog, ItemCatalog } from '../data/eventLog';
import type { Checkpoint } from '../rec/checkpoint';
import { openCheckpoint } from '../rec/openCheckpoint';
import { ratingContext } from '../rec/ratingContext';
import { checkModelSettings, isModelName, modelEntry, MODELS, type ModelContext } from '../rec/registry';
import type { Recommender } from '../rec/recommender';
import { leaveOneOutSplit, type LeaveOneOutSplit } from '../rec/split';
import { checkpointConfig, trainModel } from '../rec/train';
import { CliError, FLAG_RANGES, memoryBudgetFlag, parseParams, rangeFlag } from './command';
import { fileSource } from './files';
import { cliItemEmbeddings } from './itemEmbeddings';

/** Flags shared by train, evaluate, recommend and explain. */
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

/** The data flags plus --checkpoint: commands that use a fitted model take one or the other. */
export const MODEL_FLAGS = { ...DATA_FLAGS, checkpoint: { type: 'string' } } as const;

type DataValues = { [K in Exclude<keyof typeof DATA_FLAGS, 'json'>]?: string };

export interface Fitted {
  model: Recommender;
  split: LeaveOneOutSplit;
  users: readonly string[];
  items: readonly string[];
  seed: number;
  trainSeconds: number;
  config: Checkpoint['config'];
  /** The item catalog a checkpoint was trained with (`train --items`); null when it has none or the model came from --data. */
  catalog: ItemCatalog | null;
  /** The event log the model was fitted on (--data); absent for a checkpoint, which stores no events. */
  log?: EventLog;
}

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

/** Either --checkpoint or --data (with --model), never both: the fitted model a command works with. */
export async function fittedModel(values: DataValues & { checkpoint?: string }, usage: string): Promise<Fitted> {
  if (!!values.checkpoint === !!values.data) throw new CliError(`give either --checkpoint or --data with --model\nusage: ${usage}`);
  return values.checkpoint ? fitFromCheckpoint(values.checkpoint) : fitFromData(values);
}

/**
 * Load the log, split it, build and fit the model (rec/train); model errors (e.g. EASE's item limit) become CLI errors.
 * `extra`: settings from other flags (e.g. --debias for the sequence models) and context built from the log and split.
 */
export async function fitFromData(
  values: DataValues,
  extra: {
    settings?: Record<string, unknown>;
    context?: (log: EventLog, split: LeaveOneOutSplit) => Promise<Partial<ModelContext>>;
  } = {},
): Promise<Fitted> {
  if (!values.data) throw new CliError('--data <events-file> is required');
  const name = values.model;
  if (!name || !isModelName(name)) throw new CliError(`--model must be one of ${Object.keys(MODELS).join(', ')}`);
  const seed = rangeFlag(values.seed, 'seed', FLAG_RANGES.seed) ?? 42;
  // Every setting is checked against the model's ranges before the log is read or anything allocated.
  // --epochs is shorthand for the sequence models' `maxEpochs` setting (early stopping may end sooner).
  const maxEpochs = modelEntry(name)!.params.maxEpochs;
  if (values.epochs !== undefined && !maxEpochs)
    throw new CliError(`--epochs applies to models trained in epochs (sasrec, bert4rec), not ${name}`);
  const epochs = rangeFlag(values.epochs, 'epochs', maxEpochs);
  const given = { ...parseParams(values.params), ...(epochs !== undefined ? { maxEpochs: epochs } : {}), ...extra.settings };
  // Without --epochs (or maxEpochs / epochBudgetSec in --params) a sequence model gets the app's two-minute epoch budget.
  const settings = withDefaultEpochBudget(modelEntry(name)!.params, given);
  const invalid = checkModelSettings(name, settings);
  if (invalid) throw new CliError(invalid);
  const memoryBudgetBytes = memoryBudgetFlag(values['memory-budget']);
  const log = await loadLog(values.data, values.map);
  const targetEvents = values.targets ? values.targets.split(',').map((t) => t.trim()) : undefined;
  const split = leaveOneOutSplit(log, { targetEvents });
  const textModel = values['text-model'];
  const embeddings = textModel ? await cliItemEmbeddings(log, await loadCatalog(values.items), textModel) : undefined;
  const extraContext = await extra.context?.(log, split);
  const { model, trainSeconds } = await wrap(() =>
    trainModel(
      split,
      { model: name, settings, seed },
      {
        memoryBudgetBytes,
        backends: backendSwitch(),
        // Rating models get the training part's ratings, mf-ips the log's exposure propensities (rec/ratingContext).
        context: { ...(embeddings ? { embeddings } : {}), ...ratingContext(name, log, split), ...extraContext },
      },
    ),
  );
  return fittedOf({ model, trainSeconds }, name, seed, values.data, log, split);
}

/** A model just trained on `log` as the CLI's commands hold it, with the config.json its checkpoint gets. */
export function fittedOf(
  trained: { model: Recommender; trainSeconds: number },
  name: string,
  seed: number,
  source: string,
  log: EventLog,
  split: LeaveOneOutSplit,
): Fitted & { log: EventLog } {
  const { model, trainSeconds } = trained;
  const config = checkpointConfig({
    model: name,
    backend: model.backend,
    seed,
    trainSeconds,
    source,
    users: log.users.length,
    items: log.items.length,
    split,
  });
  return { model, split, users: log.users, items: log.items, seed, trainSeconds, config, catalog: null, log };
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
  return {
    model,
    split: c.split,
    users: c.users,
    items: c.items,
    seed: c.config.seed,
    trainSeconds: c.config.trainSeconds,
    config: c.config,
    catalog: c.catalog ?? null,
  };
}

async function wrap<T>(f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError((e as Error).message, { cause: e });
  }
}
