// `reclens train`: fit a registered model on a leave-one-out split and write a checkpoint folder (src/rec/checkpoint.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeCheckpoint } from '../../rec/checkpoint';
import { epochBudgetOf, type EpochBudget } from '../../rec/epochBudget';
import { fitStopLine, fitStopOf } from '../../rec/fitStop';
import { clockText, rateText } from '../../lib/progressText';
import { MODELS } from '../../rec/registry';
import { CliError, parse, printJson, type Command } from '../command';
import { DATA_FLAGS, fitFromData, loadCatalog } from '../preamble';
import { fitRatingModel, RATING_FLAGS, RATING_USAGE, wantsRatingFit } from '../ratingFit';
import { fitSeqDebiased, wantsSeqDebias } from '../seqDebias';
import { fitForQuality, qualityLines } from '../qualityTrain';

const usage =
  'reclens train --data <events-file> [--items <file>] [--text-model <bert-dir>] --model <name> [--params k=v,…] [--epochs N | --quality] ' +
  '[--targets type,…] [--seed S] [--memory-budget MiB] ' +
  RATING_USAGE +
  ' --out <dir> [--json]';

export const trainCommand: Command = {
  name: 'train',
  summary: `Fit a recommender (${Object.keys(MODELS).join(', ')}) on a leave-one-out split; write a checkpoint folder.`,
  usage,
  async run(argv) {
    const { values } = parse(argv, { ...DATA_FLAGS, ...RATING_FLAGS, out: { type: 'string' }, quality: { type: 'boolean' } }, usage);
    if (!values.out) throw new CliError(`--out <dir> is required\nusage: ${usage}`);
    // The catalog goes into the checkpoint (catalog.json) so that explanations reading item attributes need no --items
    // later; read before training, so a bad file is refused before minutes of fitting.
    const catalog = await loadCatalog(values.items);
    // Rating models (mf-explicit) and --debias fit on the log's ratings with a propensity model (ratingFit.ts).
    // sasrec/bert4rec take --debias none|ips|snips as example weights of their loss (seqDebias.ts).
    // --quality: tune on validation, then a final fit on train + validation (rec/qualityFit.ts), instead of the epoch budget.
    if (values.quality && (wantsSeqDebias(values) || wantsRatingFit(values)))
      throw new CliError('--quality trains sasrec/bert4rec without --debias or rating flags');
    const quality = values.quality ? await fitForQuality(values) : null;
    const rated = quality
      ? null
      : wantsSeqDebias(values)
        ? await fitSeqDebiased(values)
        : wantsRatingFit(values)
          ? await fitRatingModel(values)
          : null;
    const fitted = quality ?? rated ?? (await fitFromData(values));
    const state = await fitted.model.exportState();
    const files = await encodeCheckpoint({
      config: fitted.config,
      users: fitted.users,
      items: fitted.items,
      split: fitted.split,
      state,
      catalog,
    });
    mkdirSync(values.out, { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(join(values.out, name), content);
    const out = {
      out: values.out,
      model: fitted.config.model,
      users: fitted.users.length,
      items: fitted.items.length,
      seed: fitted.seed,
      trainSeconds: fitted.trainSeconds,
      files: Object.keys(files).map((f) => join(values.out!, f)),
      ...budgetOut(fitted.model),
      ...stopOut(fitted.model),
      ...(rated ? { debias: rated.debias, ratings: rated.ratings, propensity: rated.propensity } : {}),
      ...(quality ? { recipe: quality.recipe } : {}),
    };
    if (values.json) printJson(out);
    else {
      process.stdout.write(`trained ${out.model} in ${out.trainSeconds.toFixed(2)} s → ${values.out}\n`);
      if (out.epochBudget) process.stdout.write(`  ${epochBudgetLine(out.epochBudget)}\n`);
      const stopped = out.stop && fitStopLine(out.stop);
      if (stopped) process.stdout.write(`  ${stopped}\n`);
      for (const line of quality ? qualityLines(quality.recipe) : []) process.stdout.write(`  ${line}\n`);
      const p = rated?.propensity;
      if (p)
        process.stdout.write(
          `  ${rated.debias} with ${p.source} propensities: ${(100 * p.diagnostic.clippedShare).toFixed(1)}% of ${p.diagnostic.pairs} observed pairs ` +
            `clipped at ${p.diagnostic.clip}, effective sample size ${Math.round(p.diagnostic.ess)} (${(100 * p.diagnostic.essShare).toFixed(0)}%)\n`,
        );
      for (const n of p?.notes ?? []) process.stdout.write(`  note: ${n}\n`);
    }
    return 0;
  },
};

const budgetOut = (model: object) => {
  const epochBudget = epochBudgetOf(model);
  return epochBudget ? { epochBudget } : {};
};

const stopOut = (model: object) => {
  const stop = fitStopOf(model);
  return stop ? { stop } : {};
};

/** "epoch budget 2:00 at 41 steps/s → epochs planned: 12 (--epochs N sets the count; early stopping may end sooner)". */
function epochBudgetLine(b: EpochBudget): string {
  const cap = b.capped ? ', the maxEpochs cap: more would fit' : '';
  return `epoch budget ${clockText(b.budgetSec)} at ${rateText(b.stepsPerSec)} steps/s → epochs planned: ${b.epochs}${cap} (--epochs N sets the count; early stopping may end sooner)`;
}
