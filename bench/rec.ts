// Benchmark: SASRec / BERT4Rec (TF.js, Node wasm) against every registered baseline, leave-one-out, bootstrap CIs.
// ml-100k: all ratings as interactions, full ranking. Beauty (BERT4Rec's file): the paper's pop100 protocol, and full
// ranking of the same trained models. A run of some data sets keeps the others' figures from the newest result file.
// Usage: npx tsx bench/rec.ts [--budget SEC] [--beauty-budget SEC] [--datasets ml-100k,beauty] [--models sasrec,ease,…]
//        [--settings '{"learningRate":0.002}'] [--final-epochs sasrec=14] [--seed N] [--no-write]
// --settings: JSON overrides for the sequence models, on top of each data set's settings below (for tuning runs).
// --final-epochs sasrec=14,bert4rec=10: skip the named models' tuning fits (see runOne's final fit).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EventLog } from '../src/data/eventLog';
import type { Progress } from '../src/lib/progress';
import { initBackend } from '../src/ml/backend';
import { SeqRecommender, type SeqRecMode, type SeqRecSettings, type ValidationSet } from '../src/ml/seqrec';
import { evaluate, type EvaluationResult, type Protocol } from '../src/rec/evaluate';
import { bootstrapCi, ndcg } from '../src/rec/metrics';
import type { TrainData } from '../src/rec/recommender';
import { createModel, MODELS } from '../src/rec/registry';
import {
  evaluatedUsers,
  excludedItems,
  heldOutItem,
  historyOf,
  leaveOneOutSplit,
  trainData,
  type LeaveOneOutSplit,
} from '../src/rec/split';
import { fmt, machine, median, readNewestJson, ROOT, today, writeJson, writeSection } from './lib/report';
import { buildLog } from './lib/logs';

const { values: args } = parseArgs({
  options: {
    budget: { type: 'string', default: '480' },
    'beauty-budget': { type: 'string', default: '600' },
    datasets: { type: 'string', default: 'ml-100k,beauty' },
    models: { type: 'string' },
    settings: { type: 'string', default: '{}' },
    'final-epochs': { type: 'string', default: '' },
    seed: { type: 'string', default: '1' },
    'no-write': { type: 'boolean', default: false },
  },
});
const DATA = resolve(ROOT, '../shared/data');
const SEQ: SeqRecMode[] = ['sasrec', 'bert4rec'];
const seed = Number(args.seed);
const extraSettings = JSON.parse(args.settings) as SeqRecSettings;
/**
 * --final-epochs sasrec=14,bert4rec=10: skip the tuning fit of the named models and train the final one for that many
 * epochs (the best epochs of an earlier tuning run, which the command then names).
 */
const finalEpochs = new Map(
  args['final-epochs']
    .split(',')
    .filter(Boolean)
    .map((kv) => {
      const [mode, n] = kv.split('=');
      if (!SEQ.includes(mode as SeqRecMode) || !(Number(n) >= 1))
        throw new Error(`--final-epochs: expected mode=epochs (sasrec or bert4rec), got "${kv}"`);
      return [mode as SeqRecMode, Number(n)];
    }),
);
/** The command as run, so a tuning run's figures name their settings. */
const COMMAND = ['npx tsx bench/rec.ts', ...process.argv.slice(2).map((a) => (/^[\w.,=-]+$/.test(a) ? a : `'${a}'`))].join(' ');

interface Dataset {
  name: string;
  file: string;
  protocol: Protocol;
  /**
   * Sequence models also evaluated under full ranking (same trained models) when the main protocol is a sampled one.
   * Only they: they score the 54k-item catalog in batched TF.js products, while item-kNN's full ranking in JS took over
   * ten minutes on Beauty's 40k users.
   */
  alsoFull?: boolean;
  budgetSec: number;
  /** Per-mode settings on top of the data-derived defaults. */
  settings: Record<SeqRecMode, SeqRecSettings>;
  load(text: string): EventLog;
}

const DATASETS: Dataset[] = [
  {
    name: 'ml-100k',
    file: 'ml-100k/u.data',
    protocol: 'full',
    budgetSec: Number(args.budget),
    // SASRec's ML-1M settings (dropout 0.2); batch 32, not 128: 943 users give 8 updates per epoch at 128, too few
    // for a CPU time budget (a step's cost scales with the batch on wasm, so smaller batches cost nothing extra).
    // SASRec: ML-1M's maxLen 200 with random windows (half the batches train on a random 200-event window of a long
    // history); steps cost ~3× more than at maxLen 50, so it gets a longer budget (840 s) and patience 6 — at maxLen 50
    // it stopped at NDCG@10 0.0897, whose CI overlapped EASE's. BERT4Rec keeps maxLen 50 and the default budget.
    settings: {
      sasrec: { dropout: 0.2, batchSize: 32, maxLen: 200, randomWindows: 0.5, timeBudgetSec: 840, patience: 6 },
      bert4rec: { dropout: 0.1, batchSize: 32, maxLen: 50, randomWindows: 0.5 },
    },
    load: (text) => buildLog(text, /\t/, (f) => ({ user: f[0], item: f[1], time: Number(f[3]), value: Number(f[2]) })),
  },
  {
    name: 'beauty',
    file: 'bert4rec-amazon-beauty/beauty.txt',
    protocol: 'pop100',
    alsoFull: true,
    budgetSec: Number(args['beauty-budget']),
    // 54k items: a full softmax per position is too slow on a CPU, so sample 1024 shared negatives per batch, half
    // by popularity with the logQ correction (the defaults above 10k items; at equal time it beat uniform negatives);
    // short sparse sequences (BERT4Rec used maxLen 50, dropout 0.5 on Amazon logs). SASRec gets 2400 s (at 600 s
    // it was still far from converged); BERT4Rec the default budget.
    settings: {
      sasrec: { maxLen: 50, dropout: 0.5, negatives: 1024, popularNegatives: 0.5, batchSize: 256, timeBudgetSec: 2400 },
      bert4rec: { maxLen: 50, dropout: 0.5, negatives: 1024, popularNegatives: 0.5, batchSize: 256 },
    },
    load: (text) => buildLog(text, / /, (f) => ({ user: f[0], item: f[1], time: NaN, value: NaN })),
  },
];

/** The split's validation stage, in the shape the sequence trainer early-stops on. */
function validationOf(split: LeaveOneOutSplit): ValidationSet {
  const users = Array.from(evaluatedUsers(split));
  return {
    inputs: users.map((u) => ({ items: historyOf(split, u, 'validation') })),
    targets: Int32Array.from(users, (u) => heldOutItem(split, u, 'validation')),
    exclude: users.map((u) => excludedItems(split, u, 'validation')),
  };
}

interface Row {
  model: string;
  fitSeconds: number;
  evalSeconds: number;
  ndcg10: number;
  ndcgCi: [number, number];
  hr10: number;
  hrCi: [number, number];
  /** Full-ranking figures of the same trained model, for data sets evaluated with a sampled protocol. */
  full?: { ndcg10: number; ndcgCi: [number, number]; hr10: number; hrCi: [number, number]; evalSeconds: number };
  /** Per evaluated user (split order), for the paired comparison. */
  perUserNdcg?: Float64Array;
  training?: {
    epochs: number;
    steps: number;
    stepsPerSec: number;
    stoppedBy: string;
    bestEpoch?: number;
    bestValNdcg10?: number;
    config: Record<string, unknown>;
    /** The final fit on train + validation. */
    refit?: { epochs: number; steps: number; seconds: number };
    /** The final fit's epoch count came from --final-epochs; no tuning fit ran. */
    epochsGiven?: boolean;
  };
  skipped?: string;
}

const log = (msg: string) => process.stderr.write(`[bench:rec] ${msg}\n`);

/** The split's two training sets: `tuning` (validation held out, for early stopping) and `train` (the final fit's). */
interface SplitData {
  split: LeaveOneOutSplit;
  tuning: TrainData;
  validation: ValidationSet;
  train: TrainData;
}

/**
 * The papers' protocol (BERT4Rec's code puts the validation item into training): every model is evaluated after
 * training on everything but the test item. Sequence models first early-stop on validation, then a fresh model (same
 * seed) trains on train + validation for the best epoch count found; baselines, which tune nothing here, fit
 * train + validation directly.
 */
async function runOne(ds: Dataset, { split, tuning, validation, train }: SplitData, name: string): Promise<Row> {
  const t0 = performance.now();
  let training: Row['training'];
  let model;
  try {
    if (SEQ.includes(name as SeqRecMode)) {
      const mode = name as SeqRecMode;
      const settings: SeqRecSettings = { timeBudgetSec: ds.budgetSec, ...ds.settings[mode], ...extraSettings };
      let lastLog = 0;
      const onProgress = (p: Progress) => {
        if (p.detail?.valNdcg10 === undefined && performance.now() - lastLog < 30_000) return;
        lastLog = performance.now();
        log(`${ds.name} ${mode} ${JSON.stringify({ ...p.detail, rate: fmt(p.rate, 2) })}`);
      };
      let epochs = finalEpochs.get(mode);
      if (!epochs) {
        const tuned = new SeqRecommender(mode, settings);
        await tuned.fit(tuning, { seed, validation, onProgress });
        const r = tuned.lastFit!;
        training = {
          epochs: r.epochs,
          steps: r.steps,
          stepsPerSec: r.steps / r.seconds,
          stoppedBy: r.stoppedBy,
          bestEpoch: r.bestEpoch,
          bestValNdcg10: r.bestValNdcg10,
          config: { ...tuned.config },
        };
        epochs = r.bestEpoch ?? r.epochs;
        tuned.dispose();
      }
      log(`${ds.name} ${mode}: final fit on train + validation for ${epochs} epochs`);
      const seq = new SeqRecommender(mode, { ...settings, maxEpochs: epochs, timeBudgetSec: 0 });
      await seq.fit(train, { seed, validation: 'none', onProgress });
      const f = seq.lastFit!;
      const refit = { epochs: f.epochs, steps: f.steps, seconds: f.seconds };
      training = training
        ? { ...training, refit }
        : {
            epochs: f.epochs,
            steps: f.steps,
            stepsPerSec: f.steps / f.seconds,
            stoppedBy: f.stoppedBy,
            config: { ...seq.config },
            refit,
            epochsGiven: true,
          };
      model = seq;
    } else {
      const reason = MODELS[name].applies?.({});
      if (reason) return skipped(name, reason);
      model = await createModel(name, {});
      await model.fit(train, { seed });
    }
  } catch (e) {
    return skipped(name, (e as Error).message);
  }
  const fitSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const res: EvaluationResult = await evaluate(model, split, { protocol: ds.protocol, k: [10], seed, train, perUser: true });
  let full: Row['full'];
  if (ds.alsoFull && SEQ.includes(name as SeqRecMode)) {
    const t2 = performance.now();
    const f = await evaluate(model, split, { protocol: 'full', k: [10], seed, train });
    full = {
      ndcg10: f.metrics['NDCG@10'],
      ndcgCi: f.ci95['NDCG@10'],
      hr10: f.metrics['HR@10'],
      hrCi: f.ci95['HR@10'],
      evalSeconds: (performance.now() - t2) / 1000,
    };
  }
  model.dispose?.();
  const row: Row = {
    model: name,
    fitSeconds,
    evalSeconds: (performance.now() - t1) / 1000,
    ndcg10: res.metrics['NDCG@10'],
    ndcgCi: res.ci95['NDCG@10'],
    hr10: res.metrics['HR@10'],
    hrCi: res.ci95['HR@10'],
    perUserNdcg: Float64Array.from(res.perUser!.ranks, (r) => ndcg(r, 10)),
    training,
    full,
  };
  log(
    `${ds.name} ${name}: NDCG@10 ${row.ndcg10.toFixed(4)} [${row.ndcgCi.map((x) => x.toFixed(4)).join(', ')}], fit ${fitSeconds.toFixed(1)} s`,
  );
  return row;
}

const skipped = (model: string, reason: string): Row => ({
  model,
  fitSeconds: 0,
  evalSeconds: 0,
  ndcg10: NaN,
  ndcgCi: [NaN, NaN],
  hr10: NaN,
  hrCi: [NaN, NaN],
  skipped: reason,
});

async function runDataset(ds: Dataset) {
  const path = resolve(DATA, ds.file);
  if (!existsSync(path)) {
    log(`${ds.name}: ${path} not found, skipped`);
    return null;
  }
  const eventLog = ds.load(readFileSync(path, 'utf8'));
  const split = leaveOneOutSplit(eventLog);
  const lengths = Array.from({ length: split.numUsers }, (_, u) => split.sequences.offsets[u + 1] - split.sequences.offsets[u]);
  const info = {
    users: split.numUsers,
    items: split.numItems,
    interactions: eventLog.length,
    evaluatedUsers: evaluatedUsers(split).length,
    medianLength: median(lengths),
  };
  log(`${ds.name}: ${JSON.stringify(info)}`);
  const data: SplitData = {
    split,
    tuning: trainData(split),
    validation: validationOf(split),
    train: trainData(split, { withValidation: true }),
  };
  const rows: Row[] = [];
  const wanted = args.models ? new Set(args.models.split(',')) : undefined;
  for (const name of [...Object.keys(MODELS).filter((n) => !SEQ.includes(n as SeqRecMode)), ...SEQ])
    if (!wanted || wanted.has(name)) rows.push(await runOne(ds, data, name));
  const scored = rows.filter((r) => !r.skipped);
  const baselines = scored.filter((r) => !SEQ.includes(r.model as SeqRecMode));
  const bestBaseline = baselines.reduce<Row | undefined>((b, r) => (!b || r.ndcg10 > b.ndcg10 ? r : b), undefined);
  // Non-overlapping marginal CIs is a stricter test than needed; the paired bootstrap of the per-user difference
  // (same users, same resamples) is the direct one. Both are reported.
  const verdicts = scored
    .filter((r) => SEQ.includes(r.model as SeqRecMode))
    .map((r) => {
      const diff = bestBaseline ? r.perUserNdcg!.map((x, i) => x - bestBaseline.perUserNdcg![i]) : new Float64Array(0);
      const ci = bootstrapCi(diff, seed + 99, 1000);
      return {
        model: r.model,
        beatsBestBaseline: !!bestBaseline && r.ndcg10 > bestBaseline.ndcg10,
        nonOverlappingCi: !!bestBaseline && r.ndcgCi[0] > bestBaseline.ndcgCi[1],
        pairedDiff: diff.length ? diff.reduce((a, b) => a + b, 0) / diff.length : NaN,
        pairedDiffCi: [ci.lo, ci.hi] as [number, number],
      };
    });
  for (const r of rows) delete r.perUserNdcg;
  return {
    dataset: ds.name,
    command: COMMAND,
    refit: true,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    protocol: ds.protocol,
    budgetSecPerSeqModel: ds.budgetSec,
    ...info,
    bestBaseline: bestBaseline?.model,
    verdicts,
    rows,
  };
}

/** The training column of the markdown table: the tuning fit (or the epoch count given instead), then the final fit. */
function trainingColumn(t: NonNullable<Row['training']>): string {
  const c = t.config;
  const negatives = c.negatives
    ? `, ${c.negatives} sampled negatives${c.popularNegatives ? ` (${Number(c.popularNegatives) * 100}% by popularity, logQ-corrected)` : ''}`
    : ', full softmax';
  if (t.epochsGiven)
    return `no tuning fit: ${t.epochs} epochs given by --final-epochs (an earlier run's best epoch), ${t.steps} steps, ${t.stepsPerSec.toFixed(2)} steps/s, maxLen ${c.maxLen}${negatives}`;
  const tuned = `${t.epochs} epochs, ${t.steps} steps, ${t.stepsPerSec.toFixed(2)} steps/s, stop: ${t.stoppedBy}, best epoch ${t.bestEpoch ?? '–'} (val ${t.bestValNdcg10?.toFixed(4) ?? '–'}), maxLen ${c.maxLen}, budget ${c.timeBudgetSec} s${negatives}`;
  return `${tuned}${t.refit ? `; final fit on train + validation: ${t.refit.epochs} epochs, ${t.refit.seconds.toFixed(0)} s` : ''}`;
}

function markdown(results: DatasetResult[]): string {
  const ci = (c: [number, number]) => `[${c[0].toFixed(4)}, ${c[1].toFixed(4)}]`;
  const out = [
    '## Recommenders: sequence models vs baselines',
    '',
    `Command: \`npx tsx bench/rec.ts\` (each data set names the run it comes from) · machine: ${machine()} · TF.js wasm backend (Node) · ${today()} · seed ${seed}`,
    '',
    'Leave-one-out by time (last interaction = test, the one before = validation), history excluded from ranking; 95% percentile bootstrap CIs over users (1000 resamples). Sequence models early-stop on validation NDCG@10 (full ranking) within a wall-clock budget; baselines use their registry defaults (no tuning).',
  ];
  for (const r of results) {
    out.push(
      '',
      `### ${r.dataset} — ${r.protocol === 'full' ? 'full ranking' : `${r.protocol} (positive + 100 popularity-sampled negatives)`}`,
      '',
    );
    out.push(
      `${r.date ? `Run ${r.date}${r.command ? ` by \`${r.command}\`` : ''}. ` : ''}${r.users} users, ${r.items} items, ${r.interactions} interactions, ${r.evaluatedUsers} evaluated users; default budget ${r.budgetSecPerSeqModel} s per sequence model (the training column gives each model's own).${r.refit ? ' As in the paper, the evaluated models are trained on everything but the test item: sequence models early-stop on validation, then a fresh model with the same seed trains on train + validation for the best epoch count; baselines fit train + validation directly.' : ''}`,
      '',
    );
    out.push('| model | NDCG@10 | 95% CI | HR@10 | 95% CI | fit s | training |', '|---|---|---|---|---|---|---|');
    for (const row of r.rows) {
      if (row.skipped) {
        out.push(`| ${row.model} | – | – | – | – | – | skipped: ${row.skipped} |`);
        continue;
      }
      const t = row.training;
      const tr = t ? trainingColumn(t) : '';
      out.push(
        `| ${row.model} | ${row.ndcg10.toFixed(4)} | ${ci(row.ndcgCi)} | ${row.hr10.toFixed(4)} | ${ci(row.hrCi)} | ${row.fitSeconds.toFixed(1)} | ${tr} |`,
      );
    }
    for (const v of r.verdicts) {
      const d = `paired difference ${v.pairedDiff.toFixed(4)} [${v.pairedDiffCi.map((x) => x.toFixed(4)).join(', ')}]`;
      out.push(
        '',
        `${v.model} vs best baseline (${r.bestBaseline}): ${v.beatsBestBaseline ? 'higher' : 'not higher'} NDCG@10; CI ${v.nonOverlappingCi ? 'entirely above' : 'not entirely above'} the baseline's; ${d}.`,
      );
    }
    const full = r.rows.filter((row) => row.full);
    if (full.length) {
      out.push(
        '',
        `Full ranking of the same trained models (all ${r.items} items, history excluded):`,
        '',
        '| model | NDCG@10 | 95% CI | HR@10 | 95% CI | eval s |',
        '|---|---|---|---|---|---|',
      );
      for (const row of full)
        out.push(
          `| ${row.model} | ${row.full!.ndcg10.toFixed(4)} | ${ci(row.full!.ndcgCi)} | ${row.full!.hr10.toFixed(4)} | ${ci(row.full!.hrCi)} | ${row.full!.evalSeconds.toFixed(1)} |`,
        );
    }
  }
  return out.join('\n');
}

type DatasetResult = NonNullable<Awaited<ReturnType<typeof runDataset>>>;

/** The newest bench:rec result file's data sets, so that a run of one data set keeps the other's figures. */
function previousResults(): DatasetResult[] {
  return readNewestJson<{ results: DatasetResult[] }>('rec')?.data.results ?? [];
}

async function main() {
  const backend = await initBackend('wasm');
  log(`backend ${backend.backend}, ${backend.gflops.toFixed(1)} GFLOP/s`);
  const wanted = new Set(args.datasets.split(','));
  const kept = previousResults().filter((r) => !wanted.has(r.dataset));
  const results: DatasetResult[] = [];
  let summary: { command: string; machine: string; date: string; backend: string; seed: number; results: DatasetResult[] } | null = null;
  for (const ds of DATASETS.filter((d) => wanted.has(d.name))) {
    const r = await runDataset(ds);
    if (!r) continue;
    results.push(r);
    // Written after every data set, so a long second data set cannot lose the first one's figures.
    const all = DATASETS.map((d) => results.find((x) => x.dataset === d.name) ?? kept.find((x) => x.dataset === d.name)).filter(
      (x): x is DatasetResult => !!x,
    );
    summary = { command: COMMAND, machine: machine(), date: today(), backend: backend.backend, seed, results: all };
    if (!args['no-write']) writeSection('rec', markdown(all));
  }
  if (!summary) {
    log('no data set found under ../shared/data; nothing to do');
    return;
  }
  console.log(JSON.stringify(summary, null, 2));
  console.log(markdown(summary.results));
  if (!args['no-write']) log(`wrote ${writeJson('rec', summary)} and the rec section of BENCHMARKS.md`);
}

await main();
