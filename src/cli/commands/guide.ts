// `reclens guide`: who to act on and with what. Per user: the predicted chance they buy within the next N events (the
// logistic baseline on counts and recency), the recommender's top-K with each item's estimated uplift, and the
// feature that moves the buy prediction most (rec/guidance). The model is trained on --data (--model) or read from a
// --checkpoint trained on the same events file; the buy predictor and the uplift model always learn from --data.
import { catalogRowsOf } from '../../data/eventLog';
import { buildGuidance, GUIDANCE_RANGES, type Guidance } from '../../rec/guidance/guidance';
import { reasonText } from '../../rec/guidance/reasonText';
import { readBuyProbabilities } from '../buyProbabilities';
import { CliError, FLAG_RANGES, parse, printJson, rangeFlag, type Command } from '../command';
import { fitFromCheckpoint, fitFromData, loadCatalog, loadLog, MODEL_FLAGS, type Fitted } from '../preamble';

const usage =
  'reclens guide --data <events-file> [--items <file>] [--checkpoint <dir> | --model <name> [--params k=v,…]] [--k 10] ' +
  '[--max-users N] [--horizon 10] [--probabilities <file>] [--seed S] [--json]';

const DEFAULT_MODEL = 'itemknn';

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The checkpoint's model on --data's log: only when the checkpoint was trained on the same users and items, in order. */
async function checkpointOnData(dir: string, data: string, map: string | undefined): Promise<Fitted> {
  const fitted = await fitFromCheckpoint(dir);
  const log = await loadLog(data, map);
  if (!sameIds(fitted.users, log.users) || !sameIds(fitted.items, log.items))
    throw new CliError(
      `--checkpoint ${dir} was trained on other users or items than --data ${data} ` +
        `(${fitted.users.length} users and ${fitted.items.length} items against ${log.users.length} and ${log.items.length}); ` +
        'guide needs the events the checkpoint was trained on',
    );
  return { ...fitted, log };
}

export const guideCommand: Command = {
  name: 'guide',
  summary:
    'Per user: predicted chance of buying within the next N events, top-K items with estimated uplift, and the top reason for the prediction.',
  usage,
  async run(argv) {
    const flags = {
      ...MODEL_FLAGS,
      k: { type: 'string' },
      'max-users': { type: 'string' },
      horizon: { type: 'string' },
      probabilities: { type: 'string' },
    } as const;
    const { values } = parse(argv, flags, usage);
    if (!values.data) throw new CliError(`--data <events-file> is required (the buy predictor learns from it)\nusage: ${usage}`);
    if (values.checkpoint && values.model) throw new CliError(`give --checkpoint or --model, not both\nusage: ${usage}`);
    // Every number is checked before a file is read.
    const k = rangeFlag(values.k, 'k', GUIDANCE_RANGES.k) ?? 10;
    const maxUsers = rangeFlag(values['max-users'], 'max-users', GUIDANCE_RANGES.maxUsers);
    const horizonEvents = rangeFlag(values.horizon, 'horizon', GUIDANCE_RANGES.horizonEvents);
    const seed = rangeFlag(values.seed, 'seed', FLAG_RANGES.seed) ?? 42;
    const fitted = values.checkpoint
      ? await checkpointOnData(values.checkpoint, values.data, values.map)
      : await fitFromData({ ...values, model: values.model ?? DEFAULT_MODEL });
    const log = fitted.log!;
    const catalog = (await loadCatalog(values.items)) ?? fitted.catalog;
    const rows = catalogRowsOf(fitted.items, catalog);
    // Another predictor's probabilities replace the logistic baseline's; the reasons still come from the logistic fit.
    const given = values.probabilities ? await readBuyProbabilities(values.probabilities, log.users) : null;
    const made = await buildGuidance(log, fitted.split, fitted.model, {
      ...(given ? { probabilities: given.probabilities } : {}),
      settings: { k, seed, ...(maxUsers !== undefined ? { maxUsers } : {}), ...(horizonEvents !== undefined ? { horizonEvents } : {}) },
    });
    if (!made.ok) throw new CliError(made.reason);
    const out = {
      ...guideOutput(made.data, fitted, (i) => (catalog && rows[i] >= 0 ? catalog.title[rows[i]] : null)),
      ...(given ? { probabilitiesFile: { path: values.probabilities, matched: given.matched, unknown: given.unknown } } : {}),
    };
    for (const note of made.data.notes) process.stderr.write(`reclens guide: note: ${note}\n`);
    if (values.json) printJson(out);
    else {
      const pct = (p: number | null) => (p === null ? '—' : `${(100 * p).toFixed(1)}%`);
      for (const u of out.users) {
        process.stdout.write(
          `${u.user}: buys within ${out.horizonEvents} events ${pct(u.buyProbability)}${u.reason ? `; ${u.reason.text}` : ''}\n`,
        );
        for (const i of u.items)
          process.stdout.write(
            `    ${i.item}${i.title ? `  ${i.title}` : ''}  score ${i.score.toFixed(4)}` +
              `${i.uplift === null ? '' : `  uplift ${i.uplift >= 0 ? '+' : ''}${i.uplift.toFixed(4)}`}\n`,
          );
      }
    }
    return 0;
  },
};

/** The printed shape: users and items as the log's ids, each reason as English text beside its figures. */
export function guideOutput(g: Guidance, fitted: Fitted, title: (item: number) => string | null) {
  return {
    model: fitted.config.model,
    k: g.k,
    horizonEvents: g.predictor?.horizonEvents ?? null,
    predictor: g.predictor,
    probabilitySource: g.probabilitySource,
    uplift: g.uplift,
    notes: g.notes,
    users: g.rows.map((r) => ({
      user: fitted.users[r.user],
      buyProbability: r.buyProbability,
      items: r.items.map((i) => {
        const t = title(i.item);
        return { item: fitted.items[i.item], ...(t ? { title: t } : {}), score: i.score, uplift: i.uplift };
      }),
      reason: r.reason ? { text: reasonText(r.reason), ...r.reason } : null,
    })),
  };
}
