// `reclens explain`: why one user gets one item — per-event attributions, faithfulness scores and a reason in words.
import { metaFromLog } from '../../explain/eventsOf';
import { explainTopK } from '../../explain/explainTopK';
import { explainable } from '../../explain/model';
import type { Lang } from '../../explain/reasons';
import { isMethodName, METHOD_NAMES, METHOD_OPTION_RANGES, METHODS, refusalForModel } from '../../explain/registry';
import { IG_BASELINES, type IgBaseline } from '../../explain/types';
import { span } from '../../lib/ranges';
import { excludedItems, historyOf } from '../../rec/split';
import { CliError, parse, printJson, rangeFlag, type Command } from '../command';
import { DATA_FLAGS, fittedModel, loadCatalog, loadLog } from '../preamble';
import { distinctNames } from '../../data/itemNames';
import { catalogRowsOf } from '../../data/eventLog';
import { asItemIdxs, asUserIdx } from '../../lib/ids';
import { EXPLANATION_KINDS } from '../../explain/kinds';
import { kindCommand } from './explainKinds';
import { SENSITIVITY_DEFAULTS, SENSITIVITY_RANGES } from '../../explain/sensitivity';

const usage =
  'reclens explain (--checkpoint <dir> | --data <events-file> [--model sasrec] [--params k=v,…]) --user <id> [--item <id>]' +
  ` --method ${[...METHOD_NAMES, ...EXPLANATION_KINDS].join('|')}` +
  ` [--steps ${span(METHOD_OPTION_RANGES.steps)}] [--baseline ${IG_BASELINES.join('|')}] [--samples ${span(METHOD_OPTION_RANGES.samples)}] [--seed S]` +
  ` [--sensitivity-drops ${span(SENSITIVITY_RANGES.drops)}] [--memory-budget MiB] [--items <file>] [--lang en|zh] [--json]` +
  ' (with --checkpoint, --data <events-file> gives the event types, ratings and times of the log it was trained on)';

export const explainCommand: Command = {
  name: 'explain',
  summary:
    "Attribute one recommendation to the user's history events (item defaults to the top recommendation); faithfulness scores and a plain-language reason.",
  usage,
  async run(argv) {
    // Explanation kinds that are not attribution methods (counterfactual, …) have their own flags and body.
    const kind = kindCommand(argv);
    if (kind) return kind.run(argv);
    const flags = {
      ...DATA_FLAGS,
      checkpoint: { type: 'string' },
      user: { type: 'string' },
      item: { type: 'string' },
      method: { type: 'string' },
      steps: { type: 'string' },
      baseline: { type: 'string' },
      samples: { type: 'string' },
      lang: { type: 'string' },
      'sensitivity-drops': { type: 'string' },
    } as const;
    const { values } = parse(argv, flags, usage);
    if (values.user === undefined) throw new CliError(`--user <id> is required\nusage: ${usage}`);
    const method = values.method ?? '';
    if (!isMethodName(method))
      throw new CliError(`--method must be one of ${[...METHOD_NAMES, ...EXPLANATION_KINDS].join('|')}\nusage: ${usage}`);
    const baseline = (values.baseline ?? 'mask') as IgBaseline;
    if (!IG_BASELINES.includes(baseline)) throw new CliError(`--baseline must be one of ${IG_BASELINES.join(', ')}`);
    const lang = (values.lang ?? 'en') as Lang;
    if (lang !== 'en' && lang !== 'zh') throw new CliError('--lang must be en or zh');
    // Checked before the model is fitted: --steps 1e9 would otherwise fit first and then try to hold 1e9 rows.
    const steps = rangeFlag(values.steps, 'steps', METHOD_OPTION_RANGES.steps);
    const samples = rangeFlag(values.samples, 'samples', METHOD_OPTION_RANGES.samples);
    const seed = rangeFlag(values.seed, 'seed', METHOD_OPTION_RANGES.seed) ?? 42;
    const sensitivityDrops =
      rangeFlag(values['sensitivity-drops'], 'sensitivity-drops', SENSITIVITY_RANGES.drops) ?? SENSITIVITY_DEFAULTS.drops;

    // With --data the model name is known before training: refuse an inapplicable method without fitting first.
    const early = values.data && !values.checkpoint ? refusalForModel(method, values.model ?? 'sasrec') : null;
    if (early) throw new CliError(early);
    // With --checkpoint, --data only names the log for the events' metadata: the model is not refitted.
    const fitted = await fittedModel(
      { ...values, ...(values.checkpoint ? { data: undefined } : {}), model: values.model ?? 'sasrec' },
      usage,
    );
    const model = await explainable(fitted.model);
    // Refuse before any work: a baseline has no embeddings or attention to attribute through.
    const refusal = METHODS[method].applies(model);
    if (refusal) throw new CliError(`${method} ${refusal}`);
    const u = fitted.users.indexOf(values.user);
    if (u < 0) throw new CliError(`unknown user "${values.user}" (${fitted.users.length} users in the data)`);
    const history = historyOf(fitted.split, u, 'all');
    const exclude = excludedItems(fitted.split, u, 'all');
    let items: number[] | undefined;
    if (values.item !== undefined) {
      items = [fitted.items.indexOf(values.item)];
      if (items[0] < 0) throw new CliError(`unknown item "${values.item}"`);
    }
    // Types, ratings and times live in the log, not the checkpoint's split; with --data we have the log and recover them.
    const log = values.data ? await loadLog(values.data, values.map) : null;
    const meta = log ? metaFromLog(log, values.user, fitted.items, history, fitted.split.options.events) : null;
    const catalog = await loadCatalog(values.items);
    const rows = catalogRowsOf(fitted.items, catalog);
    // Reasons name items as the app does: a title two items share gets the id after it.
    const names = distinctNames(
      fitted.items.map((id, i) => (catalog && rows[i] >= 0 && catalog.title[rows[i]] ? catalog.title[rows[i]] : id)),
      fitted.items,
    );
    const title = (i: number) => names[i];
    const category = (i: number) => (catalog && rows[i] >= 0 ? catalog.category[rows[i]] || null : null);
    const request = {
      user: asUserIdx(u),
      history,
      types: meta?.types,
      ratings: meta?.ratings,
      times: meta?.times,
      sensitivityDrops,
      k: 1,
      items: items && asItemIdxs(items),
      exclude,
      methods: [method],
      seed,
      steps,
      baseline,
      samples,
    };
    const row = (await explainTopK(model, request, { labels: { title, category } })).rows[0];
    if (!row) throw new CliError(`user "${values.user}" has no item left to recommend`);
    const { item, faithfulness: faith } = row;
    const attributed = row.values[method];
    const diagnostics = row.diagnostics[method];
    const reason = { text: row.reason[lang] };
    const out = {
      user: values.user,
      item: fitted.items[item],
      ...(catalog && rows[item] >= 0 ? { title: catalog.title[rows[item]] } : {}),
      score: row.score,
      method,
      model: fitted.config.model,
      attributions: Array.from(history, (it, k) => ({
        event: k,
        item: fitted.items[it],
        type: meta?.types[k] ?? null,
        rating: meta?.ratings[k] ?? null,
        time: meta?.times[k] ?? null,
        value: attributed[k],
      })),
      completenessGap: typeof diagnostics.completenessGap === 'number' ? diagnostics.completenessGap : null,
      faithfulness: {
        deletionAUC: faith.deletionAUC,
        insertionAUC: faith.insertionAUC,
        randomDeletionAUC: faith.randomDeletionAUC,
        aopc: faith.aopc,
        comprehensiveness: faith.comprehensiveness,
        sufficiency: faith.sufficiency,
        degenerate: faith.degenerate,
      },
      diagnostics,
      notes: row.notes,
      reason: reason.text,
      // What the sentence names (event indices), their share of the total absolute attribution, and how to read it.
      reasonEvents: row.reason.events,
      reasonShare: row.reason.share,
      reasonStrength: row.reason.strength,
      reasonNoise: row.reason.noise,
      // Relative L2 change of the other events' values when one non-top event is dropped (max over the drops).
      sensitivity: finiteOrNull(row.sensitivity[method]),
    };
    if (values.json) printJson(out);
    else {
      process.stdout.write(
        `${out.user} → ${out.item}${'title' in out ? ` (${out.title})` : ''}: score ${out.score.toFixed(4)} by ${out.model}, ${method}\n${reason.text}\n`,
      );
      // Largest |value| first: events that counted against the item are listed too.
      const ranked = [...out.attributions].sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || b.event - a.event).slice(0, 10);
      for (const a of ranked)
        process.stdout.write(
          `  #${String(a.event).padStart(3)} ${title(fitted.items.indexOf(a.item))}${a.type ? ` [${a.type}${a.rating !== null ? ` ${a.rating}` : ''}]` : ''}` +
            `  ${a.value >= 0 ? '+' : ''}${a.value.toFixed(4)}\n`,
        );
      process.stdout.write(
        `deletion AUC ${faith.deletionAUC.toFixed(3)} (random ${faith.randomDeletionAUC.toFixed(3)}), insertion AUC ${faith.insertionAUC.toFixed(3)}\n`,
      );
      if (out.sensitivity !== null)
        process.stdout.write(
          `sensitivity ${out.sensitivity.toFixed(3)} (relative change of the other events' values when one non-top event is dropped)\n`,
        );
      for (const n of row.notes) process.stdout.write(`note: ${n}\n`);
    }
    return 0;
  },
};

/** JSON has no NaN: an unmeasured figure is null. */
const finiteOrNull = (x: number | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
