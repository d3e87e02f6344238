// `reclens project`: the embedding map as numbers — every (capped) item's 2-D position from PCA or UMAP of the model's
// item vectors (sequence model item table, MF factors, content embeddings) or of a text model's item embeddings.
import { catalogRowsOf, type ItemCatalog } from '../../data/eventLog';
import {
  checkProjectionSettings,
  itemPopularity,
  PROJECTION_RANGES,
  projectItems,
  type ItemVectors,
  type ProjectionSettings,
} from '../../explain/projection';
import { embed } from '../../ml/bert/inference';
import { openBertDir } from '../../ml/bert/loadDir';
import { span } from '../../lib/ranges';
import { CliError, parse, printJson, rangeFlag, type Command } from '../command';
import { fittedModel, loadCatalog, MODEL_FLAGS } from '../preamble';

const usage =
  'reclens project (--checkpoint <dir> | --data <events-file> --model <name>) [--method pca|umap] [--source model|text --text-model <bert-dir> --items <file>] ' +
  `[--seed S] [--max-items ${span(PROJECTION_RANGES.maxItems)}] [--neighbours N] [--min-dist D] [--umap-epochs N] [--json]`;

const FLAGS = {
  ...MODEL_FLAGS,
  method: { type: 'string' },
  source: { type: 'string' },
  'max-items': { type: 'string' },
  neighbours: { type: 'string' },
  'min-dist': { type: 'string' },
  'umap-epochs': { type: 'string' },
} as const;

export const projectCommand: Command = {
  name: 'project',
  summary: "2-D map of the items' embeddings (PCA or UMAP; the most popular items up to a cap); prints {items: [{id, x, y}]}.",
  usage,
  async run(argv) {
    const { values } = parse(argv, FLAGS, usage);
    const source = values.source ?? 'model';
    if (source !== 'model' && source !== 'text') throw new CliError(`--source must be model or text (got "${source}")`);
    if (source === 'text' && !values['text-model']) throw new CliError(`--source text needs --text-model <bert-dir>\nusage: ${usage}`);
    if (source === 'text' && !values.items) throw new CliError('--source text needs --items <file>: the texts come from the catalog');
    // Every setting is checked before the checkpoint is read (PROJECTION_RANGES names the ranges in the message).
    const checked = checkProjectionSettings({
      method: values.method,
      seed: rangeFlag(values.seed, 'seed', PROJECTION_RANGES.seed),
      maxItems: rangeFlag(values['max-items'], 'max-items', PROJECTION_RANGES.maxItems),
      neighbours: rangeFlag(values.neighbours, 'neighbours', PROJECTION_RANGES.neighbours),
      minDist: rangeFlag(values['min-dist'], 'min-dist', PROJECTION_RANGES.minDist),
      epochs: rangeFlag(values['umap-epochs'], 'umap-epochs', PROJECTION_RANGES.epochs),
    });
    if (!checked.ok) throw new CliError(checked.reason);
    const settings: ProjectionSettings = checked.data;

    // The text model is a CLI input here, not a training setting: keep it away from fittedModel's training path.
    const fitted = await fittedModel({ ...values, 'text-model': source === 'model' ? values['text-model'] : undefined }, usage);
    const catalog = await loadCatalog(values.items);
    const vectors = source === 'text' ? await textVectors(fitted.items, catalog, values['text-model']!) : await modelVectors(fitted);
    const popularity = itemPopularity(fitted.split.sequences.items, fitted.items.length);
    // Epochs on a terminal only: a pipe or a log file gets no carriage-return noise.
    const onProgress =
      values.json || !process.stderr.isTTY
        ? undefined
        : (p: { done: number; total: number | null }) => process.stderr.write(`\rUMAP epoch ${p.done}/${p.total}`);
    const projection = await projectItems(vectors, settings, { popularity, onProgress });
    if (onProgress) process.stderr.write('\n');

    const rows = catalogRowsOf(fitted.items, catalog);
    const items = Array.from(projection.items, (item, p) => ({
      id: fitted.items[item],
      x: round(projection.x[p]),
      y: round(projection.y[p]),
      interactions: popularity[item],
      ...(catalog && rows[item] >= 0 ? { title: catalog.title[rows[item]], category: catalog.category[rows[item]] || null } : {}),
    }));
    const out = {
      model: fitted.config.model,
      source,
      method: projection.method,
      seed: settings.seed,
      dim: vectors.dim,
      total: projection.total,
      shown: items.length,
      ...(projection.explained ? { explained: projection.explained.map(round) } : {}),
      items,
    };
    if (values.json) printJson(out);
    else {
      const capped = out.shown < out.total ? ` (the ${out.shown} most interacted-with of ${out.total})` : '';
      process.stdout.write(`${out.shown} items${capped} of ${out.model}'s ${source} vectors (${out.dim} dims) by ${out.method}\n`);
      if (projection.explained)
        process.stdout.write(`  x explains ${pct(projection.explained[0])} of the variance, y ${pct(projection.explained[1])}\n`);
      for (const it of items.slice(0, 20)) process.stdout.write(`  ${it.id}\t${it.x}\t${it.y}${'title' in it ? `\t${it.title}` : ''}\n`);
      if (items.length > 20) process.stdout.write(`  … ${items.length - 20} more (--json for all)\n`);
    }
    return 0;
  },
};

const round = (v: number) => Math.round(v * 1e4) / 1e4;
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

async function modelVectors(fitted: Awaited<ReturnType<typeof fittedModel>>): Promise<ItemVectors> {
  if (!fitted.model.itemVectors)
    throw new CliError(`${fitted.config.model} has no item vectors to map (use sasrec, bert4rec, mf or content, or --source text)`);
  return fitted.model.itemVectors();
}

/** The items' texts (title, category, description from the catalog; the id where it has none) through a local BERT. */
async function textVectors(items: readonly string[], catalog: ItemCatalog | null, dir: string): Promise<ItemVectors> {
  if (!catalog) throw new CliError('--source text needs --items <file>: the texts come from the catalog');
  const opened = await openBertDir(dir, 'auto');
  if (!opened.ok) throw new CliError(`--text-model: ${opened.reason}`);
  try {
    const rows = catalogRowsOf(items, catalog);
    const texts = items.map((id, i) =>
      rows[i] >= 0
        ? [catalog.title[rows[i]], catalog.category[rows[i]], catalog.description[rows[i]]].filter(Boolean).join('. ') || id
        : id,
    );
    const vectors = await embed(opened.data.model, opened.data.tokenizer, texts, { pooling: 'mean' });
    const dim = opened.data.model.config.hiddenSize;
    const data = new Float32Array(texts.length * dim);
    vectors.forEach((v, i) => data.set(v, i * dim));
    return { data, dim };
  } finally {
    opened.data.dispose();
  }
}
