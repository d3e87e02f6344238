// `reclens explain --method counterfactual`: the events without which a recommendation leaves the top-K, and the one
// added item that would bring another item in, both re-scored by the model (src/explain/counterfactualExplain).
import { catalogRowsOf } from '../../data/eventLog';
import { COUNTERFACTUAL_DEFAULTS, COUNTERFACTUAL_RANGES } from '../../explain/counterfactual';
import { explainCounterfactual } from '../../explain/counterfactualExplain';
import { alignEvents } from '../../explain/eventsOf';
import { explainable } from '../../explain/model';
import { isMethodName, METHOD_NAMES, METHOD_OPTION_RANGES, METHODS } from '../../explain/registry';
import { span } from '../../lib/ranges';
import { excludedItems, historyOf } from '../../rec/split';
import { CliError, parse, printJson, rangeFlag, type Command } from '../command';
import { DATA_FLAGS, fittedModel, loadCatalog, loadLog } from '../preamble';

const R = COUNTERFACTUAL_RANGES;
const usage =
  'reclens explain --method counterfactual (--checkpoint <dir> | --data <events-file> [--model sasrec] [--params k=v,…]) --user <id>' +
  ` [--item <id>] [--add-item <id>] [--k ${span(R.k)}] [--max-events ${span(R.maxEvents)}] [--candidates ${span(R.candidates)}]` +
  ` [--guide ${METHOD_NAMES.join('|')}] [--seed S] [--memory-budget MiB] [--items <file>] [--json]`;

export const explainCounterfactualCommand: Command = {
  name: 'explain',
  summary: 'Counterfactuals: history events whose removal drops a recommendation out of the top-K (re-scored), and one added item.',
  usage,
  async run(argv) {
    const flags = {
      ...DATA_FLAGS,
      checkpoint: { type: 'string' },
      method: { type: 'string' },
      user: { type: 'string' },
      item: { type: 'string' },
      'add-item': { type: 'string' },
      k: { type: 'string' },
      'max-events': { type: 'string' },
      candidates: { type: 'string' },
      guide: { type: 'string' },
    } as const;
    const { values } = parse(argv, flags, usage);
    if (values.user === undefined) throw new CliError(`--user <id> is required\nusage: ${usage}`);
    // Every number is checked before the model is fitted or anything allocated.
    const k = rangeFlag(values.k, 'k', R.k) ?? COUNTERFACTUAL_DEFAULTS.k;
    const maxEvents = rangeFlag(values['max-events'], 'max-events', R.maxEvents) ?? COUNTERFACTUAL_DEFAULTS.maxEvents;
    const candidates = rangeFlag(values.candidates, 'candidates', R.candidates) ?? COUNTERFACTUAL_DEFAULTS.candidates;
    const seed = rangeFlag(values.seed, 'seed', METHOD_OPTION_RANGES.seed) ?? 42;
    const guide = values.guide ?? 'occlusion';
    if (!isMethodName(guide)) throw new CliError(`--guide must be one of ${METHOD_NAMES.join('|')}`);

    const fitted = await fittedModel({ ...values, model: values.model ?? 'sasrec' }, usage);
    const model = await explainable(fitted.model);
    const refusal = METHODS[guide].applies(model);
    if (refusal) throw new CliError(`--guide ${guide} ${refusal}`);
    const u = fitted.users.indexOf(values.user);
    if (u < 0) throw new CliError(`unknown user "${values.user}" (${fitted.users.length} users in the data)`);
    const itemOf = (id: string | undefined, flag: string) => {
      if (id === undefined) return undefined;
      const i = fitted.items.indexOf(id);
      if (i < 0) throw new CliError(`--${flag}: unknown item "${id}"`);
      return i;
    };
    const history = historyOf(fitted.split, u, 'all');
    const exclude = excludedItems(fitted.split, u, 'all');
    const result = await explainCounterfactual(
      model,
      {
        user: u,
        history,
        exclude,
        item: itemOf(values.item, 'item'),
        addItem: itemOf(values['add-item'], 'add-item'),
        k,
        maxEvents,
        candidates,
        guide,
        seed,
      },
      { sequences: fitted.split.sequences },
    ).catch((e: Error) => {
      throw new CliError(e.message);
    });

    const meta = values.data ? alignEvents(await loadLog(values.data, values.map), u, history, fitted.split.options.events) : null;
    const catalog = await loadCatalog(values.items);
    const rows = catalogRowsOf(fitted.items, catalog);
    const titled = (i: number) => ({
      item: fitted.items[i],
      ...(catalog && rows[i] >= 0 && catalog.title[rows[i]] ? { title: catalog.title[rows[i]] } : {}),
    });
    const name = (i: number) => {
      const t = titled(i);
      return 'title' in t ? `${t.title} (${t.item})` : t.item;
    };
    const { removal, addition } = result;
    const out = {
      user: values.user,
      model: fitted.config.model,
      k,
      guide,
      ...titled(result.item),
      rank: removal.rank,
      score: removal.score,
      status: removal.status,
      removed:
        removal.removed?.map((e) => ({ event: e, ...titled(history[e]), type: meta?.types[e] ?? null, time: meta?.times[e] ?? null })) ??
        null,
      size: removal.removed?.length ?? null,
      newRank: removal.newRank,
      newScore: removal.newScore,
      verified: removal.verified,
      smallest: removal.smallest,
      needed: removal.needed,
      pool: removal.pool,
      scorings: removal.scorings,
      addition:
        addition && result.addItem !== null
          ? {
              ...titled(result.addItem),
              rank: addition.rank,
              status: addition.status,
              added: addition.added === null ? null : titled(addition.added),
              newRank: addition.newRank,
              verified: addition.verified,
              tried: addition.tried,
              reaching: addition.reaching,
            }
          : null,
      seconds: result.seconds,
    };
    if (values.json) {
      printJson(out);
      return 0;
    }
    const w = (s: string) => process.stdout.write(`${s}\n`);
    w(`${out.user} → ${name(result.item)}: rank ${removal.rank} of the top ${k} by ${out.model} (search guided by ${guide})`);
    if (removal.status === 'not-in-top-k') w(`  not in the top ${k}: nothing to remove`);
    else if (removal.status === 'not-found')
      w(`  removing all ${removal.pool} most supportive events leaves it at rank ${removal.newRank}: no counterfactual within the cap`);
    else {
      const n = removal.removed!.length;
      // One event is trivially the smallest set (the full history keeps the item in): nothing more to say.
      const each =
        n === 1
          ? ''
          : removal.smallest
            ? `; no smaller set among the ${removal.pool} most supportive events does it`
            : removal.needed
              ? '; putting any one back keeps it in'
              : '; a smaller set may exist beyond the search cap';
      w(`  without ${n === 1 ? 'this event' : `these ${n} events`} it falls to rank ${removal.newRank} (verified by re-scoring${each}):`);
      for (const e of out.removed!)
        w(`    #${String(e.event).padStart(3)} ${'title' in e ? e.title : e.item}${e.type ? ` [${e.type}]` : ''}`);
    }
    if (addition && result.addItem !== null) {
      const target = name(result.addItem);
      if (addition.status === 'already-in-top-k') w(`${target} is already in the top ${k}`);
      else if (addition.added === null) w(`${target} (rank ${addition.rank}): no candidate item to add`);
      else
        w(
          `${target} (rank ${addition.rank}): adding ${name(addition.added)} ${
            addition.newRank === addition.rank ? 'leaves it at' : addition.newRank > addition.rank ? 'moves it down to' : 'moves it to'
          } rank ${addition.newRank}` +
            (addition.verified
              ? ` — into the top ${k} (verified by re-scoring; ${addition.reaching} of ${addition.tried} candidates do)`
              : ` — still outside the top ${k} (best of ${addition.tried} candidates)`),
        );
    }
    return 0;
  },
};
