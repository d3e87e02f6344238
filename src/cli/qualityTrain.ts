// `reclens train --quality`: the "train for quality" recipe (rec/qualityFit.ts) from the command line. It replaces the
// epoch budget and --epochs, so it refuses them, and applies to the sequence models only.
import type { Progress } from '../lib/progress';
import { clockText } from '../lib/progressText';
import { isQualityMode, qualityFit } from '../rec/qualityFit';
import { recipeSetKeysIn, type QualityRecord } from '../rec/qualityRecipe';
import { checkModelSettings } from '../rec/registry';
import { leaveOneOutSplit } from '../rec/split';
import { CliError, FLAG_RANGES, memoryBudgetFlag, parseParams, rangeFlag } from './command';
import { fittedOf, loadLog, type Fitted } from './preamble';

type Values = Partial<Record<string, string | boolean>>;

/**
 * Every flag checked before the log is read. Settings the recipe chooses itself (qualityRecipe's RECIPE_SET_KEYS) are
 * refused rather than silently overridden.
 */
function checkFlags(v: Values): { model: 'sasrec' | 'bert4rec'; settings: Record<string, unknown> } {
  if (v.epochs !== undefined)
    throw new CliError(
      '--quality and --epochs exclude each other: --quality chooses the epochs itself (tuning on validation, then the final fit)',
    );
  const model = String(v.model);
  if (!isQualityMode(model)) throw new CliError(`--quality applies to models trained in epochs (sasrec, bert4rec), not ${model}`);
  const settings = parseParams(typeof v.params === 'string' ? v.params : undefined);
  const fixed = recipeSetKeysIn(settings);
  if (fixed.length)
    throw new CliError(`--quality sets ${fixed.join(', ')} itself; leave ${fixed.length > 1 ? 'them' : 'it'} out of --params`);
  const invalid = checkModelSettings(model, settings);
  if (invalid) throw new CliError(invalid);
  return { model, settings };
}

/** Tune, then fit on train + validation; progress on stderr (phase, epochs, rate, ETA) at most every 10 s and per phase. */
export async function fitForQuality(v: Values): Promise<Fitted & { recipe: QualityRecord }> {
  if (typeof v.data !== 'string') throw new CliError('--data <events-file> is required');
  const { model: name, settings } = checkFlags(v);
  const seed = rangeFlag(typeof v.seed === 'string' ? v.seed : undefined, 'seed', FLAG_RANGES.seed) ?? 42;
  const memoryBudgetBytes = memoryBudgetFlag(typeof v['memory-budget'] === 'string' ? v['memory-budget'] : undefined);
  const log = await loadLog(v.data, typeof v.map === 'string' ? v.map : undefined);
  const targetEvents = typeof v.targets === 'string' ? v.targets.split(',').map((t) => t.trim()) : undefined;
  const split = leaveOneOutSplit(log, { targetEvents });
  let shown = { at: 0, phase: '' };
  let fitted;
  try {
    fitted = await qualityFit(
      split,
      { model: name, settings, seed },
      {
        ...(memoryBudgetBytes !== undefined ? { memoryBudgetBytes } : {}),
        onProgress: (p) => {
          const phase = String(p.detail?.phase);
          // A validation pass is always shown: over an hours-long fit it is what tells the analyst how it goes.
          const validated = p.detail?.valNdcg10 !== undefined;
          if (!validated && phase === shown.phase && performance.now() - shown.at < 10_000) return;
          shown = { at: performance.now(), phase };
          process.stderr.write(qualityProgressLine(p));
        },
      },
    );
  } catch (e) {
    throw new CliError((e as Error).message, { cause: e });
  }
  const base = fittedOf(fitted, name, seed, v.data, log, split);
  return { ...base, config: { ...base.config, recipe: fitted.recipe }, recipe: fitted.recipe };
}

/** One line of a quality fit's progress; a validation pass adds its figure and the best so far. */
export function qualityProgressLine(p: Progress): string {
  const d = p.detail ?? {};
  // While tuning the total is the earliest end (Progress.totalIsFloor): a better validation moves it later.
  const about = p.totalIsFloor ? 'at least' : 'about';
  const eta = p.etaSeconds === null ? '' : `, ${about} ${clockText(p.etaSeconds)} left`;
  const validation =
    d.valNdcg10 === undefined
      ? ''
      : `; validation NDCG@10 ${Number(d.valNdcg10).toFixed(4)}, best ${Number(d.bestValNdcg10).toFixed(4)} at epoch ${d.bestEpoch}`;
  return `${p.label}: epoch ${d.epoch} (${p.done.toFixed(1)} of ${about} ${p.total?.toFixed(0)} epochs in all${eta})${validation}\n`;
}

/** Two lines for the terminal: what the tuning fit found, and what the kept model was trained on. */
export function qualityLines(r: QualityRecord): string[] {
  const t = r.tuning;
  const stop =
    t.stoppedBy === 'cap'
      ? `the cap of ${r.plan.maxEpochs}`
      : `patience (best ${t.bestEpoch}, ${t.epochs - t.bestEpoch} epochs without gain)`;
  return [
    `tuning: ${t.epochs} epochs (stopped by ${stop}), best validation NDCG@10 ${t.bestValNdcg10.toFixed(4)} at epoch ${t.bestEpoch}, ${t.seconds.toFixed(0)} s; ` +
      `cap ${r.plan.maxEpochs} from ${r.plan.eventsPerItem.toFixed(1)} training events per item, validation every ${r.plan.evalEvery}`,
    `final fit: a fresh model, same seed, on train + validation for ${r.finalFit.epochs} epochs, ${r.finalFit.seconds.toFixed(0)} s (the checkpoint holds this one)`,
  ];
}
