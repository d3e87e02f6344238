// Benchmark: will a demo-shop user buy within the next N events, from the events before a seeded cut in their history
// (src/data/predictionTask) — each encoder in ENCODERS against the logistic baseline and the constant guess on the
// same held-out users: the seven metrics with bootstrap CIs and the paired ROC-AUC difference against the logistic.
// Usage: npx tsx bench/predict.ts [--users N] [--epochs N] [--horizon N] [--bootstrap N] [--seed N] [--no-write]
// Env: BENCH_TEXT_MODEL=<HF folder> fine-tunes that model instead of tests/fixtures/tiny-bert (random weights).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDemo } from '../src/data/demo';
import type { EventLog, ItemCatalog } from '../src/data/eventLog';
import { predictionTask, splitExamples, type PredictionTask } from '../src/data/predictionTask';
import { createRng } from '../src/lib/rng';
import { initBackend } from '../src/ml/backend';
import { disposeModel } from '../src/ml/bert/forwardArrays';
import { loadBertFromDir } from '../src/ml/bert/loadDir';
import { loadTokenizer } from '../src/ml/bert/tokenizer';
import { fitTextPredictor } from '../src/ml/predict/textPredictor';
import type { ClassificationMetric } from '../src/rec/predict/classificationMetrics';
import { predictionReport, type PredictionReport, type PredictorScores } from '../src/rec/predict/predictionReport';
import { fmt, machine, ROOT, today, writeJson, writeSection } from './lib/report';
import { sequenceEncoders } from './predictSequence';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '3000' },
    epochs: { type: 'string', default: '3' },
    horizon: { type: 'string', default: '10' },
    bootstrap: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    'no-write': { type: 'boolean', default: false },
  },
});
const seed = Number(args.seed);
const MODEL_DIR = process.env.BENCH_TEXT_MODEL ?? resolve(ROOT, 'tests/fixtures/tiny-bert');
const RANDOM_WEIGHTS = MODEL_DIR.endsWith('tiny-bert');

type Data = { log: EventLog; catalog: ItemCatalog | null };
type Split = { train: number[]; test: number[] };

/**
 * An encoder this bench runs: it fits on split.train and returns probabilities for split.test (in that order). The
 * sequence classifier's rows come from bench/predictSequence.ts.
 */
export interface BenchEncoder {
  name: string;
  /** What the row is, in a few words (model, settings). */
  describe: string;
  fit(
    data: Data,
    task: PredictionTask,
    split: Split,
  ): Promise<{ probabilities: Float32Array[]; trainableParams: number; totalParams: number }>;
}

const textEncoder: BenchEncoder = {
  name: 'text (BERT on behavior descriptions)',
  describe: `\`${MODEL_DIR.replace(ROOT + '/', '')}\`${RANDOM_WEIGHTS ? ' (random weights: a pipeline check, not a quality claim)' : ''}, items named by category, newest 8 events, ${args.epochs} epochs`,
  async fit(data, task, split) {
    const loaded = await loadBertFromDir(MODEL_DIR);
    if (!loaded.ok) throw new Error(loaded.reason);
    const tokenizer = await loadTokenizer(MODEL_DIR);
    try {
      const fit = await fitTextPredictor({ model: loaded.data, tokenizer, source: MODEL_DIR }, data, task, split, {
        naming: 'category',
        maxEvents: 8,
        epochs: Number(args.epochs),
        learningRate: loaded.data.config.hiddenSize < 64 ? 5e-3 : 5e-5,
        seed,
      });
      if (!fit.ok) throw new Error(fit.reason);
      disposeModel(fit.data.model);
      return fit.data;
    } finally {
      disposeModel(loaded.data);
    }
  },
};

export const ENCODERS: BenchEncoder[] = [textEncoder, ...sequenceEncoders(seed)];

await initBackend('wasm');
const demo = loadDemo();
const data: Data = { log: demo.log, catalog: demo.catalog };
const made = predictionTask(demo.log, demo.catalog, { target: 'buy', horizon: { events: Number(args.horizon) }, seed });
if (!made.ok) throw new Error(made.reason);
const task = made.data;
const sample = createRng(seed)
  .shuffle(Array.from({ length: task.examples.length }, (_, i) => i))
  .slice(0, Number(args.users))
  .sort((a, b) => a - b);
const within = splitExamples(sample.length, seed, 0.2);
const split: Split = { train: within.train.map((i) => sample[i]), test: within.test.map((i) => sample[i]) };

const rows: { encoder: BenchEncoder; report: PredictionReport; trainableParams: number; totalParams: number; seconds: number }[] = [];
for (const encoder of ENCODERS) {
  const t0 = performance.now();
  const fit = await encoder.fit(data, task, split);
  const seconds = (performance.now() - t0) / 1000;
  const report = predictionReport(demo.log, task, split, fit.probabilities, { seed, samples: Number(args.bootstrap) });
  if (!report.ok) throw new Error(report.reason);
  rows.push({ encoder, report: report.data, trainableParams: fit.trainableParams, totalParams: fit.totalParams, seconds });
  console.log(
    JSON.stringify({ encoder: encoder.name, metrics: report.data.metrics, versusLogistic: report.data.versus.logistic.rocAuc, seconds }),
  );
}

const result = {
  date: new Date().toISOString(),
  machine: machine(),
  target: 'buy',
  horizonEvents: Number(args.horizon),
  users: sample.length,
  train: split.train.length,
  test: split.test.length,
  seed,
  bootstrap: Number(args.bootstrap),
  encoders: rows.map((r) => ({
    name: r.encoder.name,
    describe: r.encoder.describe,
    trainableParams: r.trainableParams,
    totalParams: r.totalParams,
    seconds: r.seconds,
    metrics: r.report.metrics,
    ci95: r.report.ci95,
    versus: r.report.versus,
  })),
  baselines: rows[0] && { constant: rows[0].report.baselines.constant, logistic: rows[0].report.baselines.logistic },
};

if (!args['no-write'] && rows.length) {
  const ci = (s: PredictorScores, m: ClassificationMetric) =>
    Number.isFinite(s.metrics[m]) ? `${fmt(s.metrics[m], 3)} [${fmt(s.ci95[m][0], 3)}, ${fmt(s.ci95[m][1], 3)}]` : '—';
  const line = (name: string, s: PredictorScores, versus: string, params: string, seconds: string) =>
    `| ${name} | ${ci(s, 'rocAuc')} | ${versus} | ${ci(s, 'prAuc')} | ${ci(s, 'accuracy')} | ${ci(s, 'f1')} | ${ci(s, 'brier')} | ${params} | ${seconds} |`;
  const verdict = (r: PredictionReport) => {
    const d = r.versus.logistic.rocAuc!;
    const words = d.verdict === 'higher' ? 'above the logistic' : d.verdict === 'lower' ? 'below the logistic' : 'no difference shown';
    return `${fmt(d.difference, 3)} [${fmt(d.ci95[0], 3)}, ${fmt(d.ci95[1], 3)}] (${words})`;
  };
  const base = rows[0].report;
  const counts = base.labelNames.map((n, c) => `${n}: ${fmt(base.testClassCounts[c])}`).join(', ');
  const md = `## Behavior prediction: will buy, per encoder against the baselines (\`npm run bench:predict\`)

${today()} · ${machine()} · backend wasm · demo shop (${fmt(demo.log.users.length)} users), target **buy within the next ${args.horizon} events**
after a seeded cut in each history; ${fmt(sample.length)} users sampled (seed ${seed}), ${fmt(split.train.length)} trained on,
${fmt(split.test.length)} held out (${counts}). 95% intervals: ${args.bootstrap} bootstrap resamples of the held-out users;
"ROC-AUC − logistic" is the paired bootstrap difference on the same users.

| predictor | ROC-AUC | ROC-AUC − logistic | PR-AUC | accuracy | F1 (will buy) | Brier ↓ | trainable / total params | seconds |
|---|---|---|---|---|---|---|---|---|
${rows.map((r) => line(r.encoder.name, r.report, verdict(r.report), `${fmt(r.trainableParams)} / ${fmt(r.totalParams)}`, fmt(r.seconds, 1))).join('\n')}
${line('logistic baseline (counts, recency, last type, gaps)', base.baselines.logistic, '—', '—', '—')}
${line('constant guess (training shares)', base.baselines.constant, '—', '—', '—')}

${rows.map((r) => `- ${r.encoder.name}: ${r.encoder.describe}.`).join('\n')}
- The constant guess gives every user the training share of buyers: ROC-AUC 0.5 by construction, and its accuracy is
  the share of the commonest class — the floor every encoder's accuracy is read against.`;
  writeSection('predict', md);
  console.log(`wrote ${writeJson('predict', result)} and the predict section of BENCHMARKS.md`);
}
