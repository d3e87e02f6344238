// `reclens recommend`: a user's history and top-K items with scores (and titles when a catalog is given).
import { asUserIdx } from '../../lib/ids';
import { recommendFor } from '../../rec/recommend';
import { allTied } from '../../rec/rank';
import { excludedItems, historyOf } from '../../rec/split';
import { CliError, FLAG_RANGES, parse, printJson, rangeFlag, type Command } from '../command';
import { fittedModel, loadCatalog, MODEL_FLAGS } from '../preamble';
import { catalogRowsOf } from '../../data/eventLog';

const usage =
  'reclens recommend (--checkpoint <dir> | --data <events-file> --model <name> [--params k=v,…]) --user <id> [--k 10] [--items <file>] [--json]';

/** Said with a list whose scores are all one (rank.ts allTied). */
const TIED_NOTE =
  'every listed item has the same score: the model has nothing in this history to rank them by, so they are in the order the items first appear in the log, not by preference';

export const recommendCommand: Command = {
  name: 'recommend',
  summary: "Top-K recommendations for one user from the user's whole history (seen items excluded).",
  usage,
  async run(argv) {
    const { values } = parse(argv, { ...MODEL_FLAGS, user: { type: 'string' }, k: { type: 'string' } }, usage);
    if (values.user === undefined) throw new CliError(`--user <id> is required\nusage: ${usage}`);
    const k = rangeFlag(values.k, 'k', FLAG_RANGES.k) ?? 10;
    const fitted = await fittedModel(values, usage);
    const u = asUserIdx(fitted.users.indexOf(values.user));
    if (u < 0) throw new CliError(`unknown user "${values.user}" (${fitted.users.length} users in the data)`);
    const catalog = await loadCatalog(values.items);
    const rows = catalogRowsOf(fitted.items, catalog);
    const describe = (i: number) => ({ item: fitted.items[i], ...(catalog && rows[i] >= 0 ? { title: catalog.title[rows[i]] } : {}) });
    // Recommending is for the future: the whole retained sequence is the history, not the training part only.
    const history = historyOf(fitted.split, u, 'all');
    const top = await recommendFor(fitted.model, { user: u, history, k }, excludedItems(fitted.split, u, 'all'));
    const out = {
      user: values.user,
      model: fitted.config.model,
      backend: fitted.model.backend,
      history: Array.from(history, describe),
      recommendations: top.items.map((i, r) => ({ rank: r + 1, ...describe(i), score: top.scores[r] })),
      ...(allTied(top.scores) ? { note: TIED_NOTE } : {}),
    };
    if (values.json) printJson(out);
    else {
      process.stdout.write(`${out.user}: ${out.history.length} interactions; top ${k} by ${out.model}\n`);
      for (const r of out.recommendations)
        process.stdout.write(`  ${String(r.rank).padStart(3)}. ${r.item}${'title' in r ? `  ${r.title}` : ''}  (${r.score.toFixed(4)})\n`);
      if (out.note) process.stdout.write(`  note: ${out.note}\n`);
    }
    return 0;
  },
};
