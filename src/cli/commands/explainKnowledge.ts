// `reclens explain --method knowledge`: paths user → history item → shared attribute → recommended item, weighted by
// an attribution method, with the top path checked by re-scoring (src/explain/knowledge). The catalog comes from the
// checkpoint (trained with --items) or from --items.
import { buildKnowledgeGraph, KNOWLEDGE_GRAPH_RANGES } from '../../data/knowledgeGraph';
import { catalogRowsOf } from '../../data/eventLog';
import { alignEvents } from '../../explain/eventsOf';
import { explainKnowledge, KNOWLEDGE_RANGES, PATH_CHECK_RANGES } from '../../explain/knowledge';
import { knowledgeSentence, pathCheckSentence } from '../../explain/knowledgeText';
import { explainable } from '../../explain/model';
import type { Lang } from '../../explain/reasons';
import { isMethodName, METHOD_NAMES, METHOD_OPTION_RANGES, METHODS } from '../../explain/registry';
import { asItemIdx, asUserIdx } from '../../lib/ids';
import { span } from '../../lib/ranges';
import { topK } from '../../rec/rank';
import { excludedItems, historyOf } from '../../rec/split';
import { CliError, parse, printJson, rangeFlag, type Command } from '../command';
import { DATA_FLAGS, fittedModel, loadCatalog, loadLog } from '../preamble';

const usage =
  'reclens explain --method knowledge (--checkpoint <dir> | --data <events-file> [--model sasrec] [--params k=v,…]) --user <id>' +
  ` [--item <id>] [--items <file>] [--attribution ${METHOD_NAMES.join('|')}] [--paths ${span(KNOWLEDGE_RANGES.maxPaths)}]` +
  ` [--random-sets ${span(PATH_CHECK_RANGES.randomSets)}] [--keywords ${span(KNOWLEDGE_GRAPH_RANGES.keywordsPerItem)}]` +
  ` [--steps ${span(METHOD_OPTION_RANGES.steps)}] [--samples ${span(METHOD_OPTION_RANGES.samples)}] [--seed S] [--lang en|zh] [--json]`;

export const explainKnowledgeCommand: Command = {
  name: 'explain',
  summary: 'Knowledge paths: history items that share a catalog attribute with the recommended item, weighted by their attribution.',
  usage,
  async run(argv) {
    const flags = {
      ...DATA_FLAGS,
      checkpoint: { type: 'string' },
      method: { type: 'string' },
      user: { type: 'string' },
      item: { type: 'string' },
      attribution: { type: 'string' },
      paths: { type: 'string' },
      'random-sets': { type: 'string' },
      keywords: { type: 'string' },
      steps: { type: 'string' },
      samples: { type: 'string' },
      lang: { type: 'string' },
    } as const;
    const { values } = parse(argv, flags, usage);
    if (values.user === undefined) throw new CliError(`--user <id> is required\nusage: ${usage}`);
    const lang = (values.lang ?? 'en') as Lang;
    if (lang !== 'en' && lang !== 'zh') throw new CliError('--lang must be en or zh');
    // Every number is checked before the model is fitted or the catalog read.
    const maxPaths = rangeFlag(values.paths, 'paths', KNOWLEDGE_RANGES.maxPaths) ?? 5;
    const randomSets = rangeFlag(values['random-sets'], 'random-sets', PATH_CHECK_RANGES.randomSets) ?? 16;
    const keywordsPerItem = rangeFlag(values.keywords, 'keywords', KNOWLEDGE_GRAPH_RANGES.keywordsPerItem);
    const steps = rangeFlag(values.steps, 'steps', METHOD_OPTION_RANGES.steps);
    const samples = rangeFlag(values.samples, 'samples', METHOD_OPTION_RANGES.samples);
    const seed = rangeFlag(values.seed, 'seed', METHOD_OPTION_RANGES.seed) ?? 42;
    const attribution = values.attribution ?? 'occlusion';
    if (!isMethodName(attribution)) throw new CliError(`--attribution must be one of ${METHOD_NAMES.join('|')}`);
    const fileCatalog = await loadCatalog(values.items);

    const fitted = await fittedModel({ ...values, model: values.model ?? 'sasrec' }, usage);
    const catalog = fileCatalog ?? fitted.catalog;
    if (!catalog)
      throw new CliError(
        'knowledge paths need the item catalog: give --items <file>, or a checkpoint trained with --items (it keeps catalog.json)',
      );
    const graph = buildKnowledgeGraph(fitted.items, catalog, { keywordsPerItem });
    if (!graph.ok) throw new CliError(graph.reason);
    const model = await explainable(fitted.model);
    const refusal = METHODS[attribution].applies(model);
    if (refusal) throw new CliError(`--attribution ${attribution} ${refusal}`);
    const u = fitted.users.indexOf(values.user);
    if (u < 0) throw new CliError(`unknown user "${values.user}" (${fitted.users.length} users in the data)`);
    const history = historyOf(fitted.split, u, 'all');
    const exclude = excludedItems(fitted.split, u, 'all');
    let item: number;
    if (values.item !== undefined) {
      item = fitted.items.indexOf(values.item);
      if (item < 0) throw new CliError(`unknown item "${values.item}"`);
    } else {
      // The top recommendation, as `recommend` would give it (the history's target items excluded).
      const row = await model.recommender.scoreUsers({ users: Int32Array.of(u), histories: [history] });
      const top = topK(row, 1, exclude);
      if (!top.items.length) throw new CliError(`user "${values.user}" has no item left to recommend`);
      item = top.items[0];
    }
    const target = { user: asUserIdx(u), history, item: asItemIdx(item), exclude };
    const result = await explainKnowledge(model, target, graph.data, { method: attribution, maxPaths, randomSets, seed, steps, samples });
    if (!result.ok) throw new CliError(result.reason);
    const { paths, check, score, totalPaths, notes } = result.data;

    // Types, ratings and times live in the log, not the checkpoint's split; with --data we have the log and recover them.
    const meta = values.data ? alignEvents(await loadLog(values.data, values.map), u, history, fitted.split.options.events) : null;
    const rows = catalogRowsOf(fitted.items, catalog);
    const title = (i: number) => (rows[i] >= 0 && catalog.title[rows[i]] ? catalog.title[rows[i]] : fitted.items[i]);
    const ctx = {
      title,
      eventType: meta ? (k: number) => meta.types[k] : undefined,
      rating: meta ? (k: number) => meta.ratings[k] : undefined,
    };
    const out = {
      user: values.user,
      item: fitted.items[item],
      title: title(item),
      score,
      model: fitted.config.model,
      method: 'knowledge',
      attribution,
      catalog: fileCatalog ? 'items file' : 'checkpoint',
      graph: { attributes: graph.data.attributes.length, edges: graph.data.itemAttributes.length, droppedCommon: graph.data.droppedCommon },
      paths: paths.map((p) => ({
        historyEvents: p.historyEvents.map((k) => ({
          event: k,
          item: fitted.items[history[k]],
          title: title(history[k]),
          type: meta?.types[k] ?? null,
          rating: meta?.ratings[k] ?? null,
          value: result.data.values[k],
        })),
        relation: p.relation,
        attribute: p.value,
        weight: p.weight,
        share: p.share,
        // Events sharing the attribute whose attribution is not positive: named beside the path, never on it.
        against: { events: p.against.events, weight: p.against.weight },
        text: knowledgeSentence(p, item, ctx, lang),
      })),
      totalPaths,
      topPathCheck: check,
      checkText: check ? pathCheckSentence(check, lang) : null,
      notes,
    };
    if (values.json) {
      printJson(out);
      return 0;
    }
    const w = (s: string) => process.stdout.write(`${s}\n`);
    w(`${out.user} → ${out.item} (${out.title}): score ${score.toFixed(4)} by ${out.model}; paths weighted by ${attribution}`);
    if (!paths.length) w(lang === 'en' ? '  no history item shares a catalog attribute with it' : '  历史中没有与它共享目录属性的物品');
    for (const p of out.paths) w(`  [${p.relation}: ${p.attribute}] ${p.text}`);
    if (totalPaths > paths.length) w(`  … and ${totalPaths - paths.length} weaker path(s)`);
    if (out.checkText) w(out.checkText);
    for (const n of notes) w(`note: ${n}`);
    return 0;
  },
};
