// bench:dapt — does domain-adaptive pretraining help the buy classifier? (issue #21). The demo shop's "will buy within
// the next 10 events" task is fine-tuned twice from the same text model with the same seed: once from the model as
// loaded, once after continued masked-language-model pretraining on the demo's own texts (catalog item texts and one
// behavior description per user). Both are scored on the same held-out users; the paired bootstrap says whether the
// difference is more than resampling noise. The logistic baseline is shown beside.
// Run: npm run bench:dapt [-- --users N --mlm-epochs N]   Env: BENCH_TEXT_MODEL=<HF folder> (default: tiny-bert).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDemo } from '../src/data/demo';
import { predictionTask, splitExamples } from '../src/data/predictionTask';
import { pretrainCorpus } from '../src/data/pretrainCorpus';
import { initBackend } from '../src/ml/backend';
import { disposeModel } from '../src/ml/bert/forwardArrays';
import { loadBertFromDir } from '../src/ml/bert/loadDir';
import { continuePretraining, MLM_DEFAULTS } from '../src/ml/bert/mlm';
import type { BertModel } from '../src/ml/bert/model';
import { loadTokenizer } from '../src/ml/bert/tokenizer';
import { fitTextPredictor } from '../src/ml/predict/textPredictor';
import { logisticPredictions } from '../src/rec/predict/baselines';
import { classificationMetrics, metricIntervals, pairedMetricDifference } from '../src/rec/predict/classificationMetrics';
import { fmt, machine, ROOT, today, writeJson, writeSection } from './lib/report';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '2000' },
    epochs: { type: 'string', default: '3' },
    'mlm-epochs': { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
  },
});
const seed = Number(args.seed);
const MODEL_DIR = process.env.BENCH_TEXT_MODEL ?? resolve(ROOT, 'tests/fixtures/tiny-bert');
const RANDOM = MODEL_DIR.endsWith('tiny-bert');

await initBackend('wasm');
const { log, catalog } = loadDemo({ users: Number(args.users) });
const task = predictionTask(log, catalog, { target: 'buy', horizon: { events: 10 }, seed });
if (!task.ok) throw new Error(task.reason);
const prediction = task.data;
const split = splitExamples(prediction.examples.length, seed);
const labels = split.test.map((i) => prediction.examples[i].label);
const loaded = await loadBertFromDir(MODEL_DIR);
if (!loaded.ok) throw new Error(loaded.reason);
const tokenizer = await loadTokenizer(MODEL_DIR);
const lr = loaded.data.config.hiddenSize < 64 ? 5e-3 : 5e-5;

// Catalog texts only: behavior descriptions cover whole histories, so they would show the model the test users' events
// after their cuts — the very events the classifier is scored on.
const corpus = pretrainCorpus(log, catalog, { catalog: true, behavior: false, maxTexts: 20_000, seed });
if (!corpus.ok) throw new Error(corpus.reason);

async function classify(model: BertModel) {
  const fit = await fitTextPredictor({ model, tokenizer, source: MODEL_DIR }, { log, catalog }, prediction, split, {
    naming: 'category',
    maxEvents: 8,
    epochs: Number(args.epochs),
    learningRate: lr,
    seed,
  });
  if (!fit.ok) throw new Error(fit.reason);
  disposeModel(fit.data.model);
  return fit.data.probabilities;
}

const t0 = performance.now();
const before = await classify(loaded.data);
const t1 = performance.now();
const adapted = await continuePretraining(loaded.data, tokenizer, corpus.data.texts, {
  ...MLM_DEFAULTS,
  epochs: Number(args['mlm-epochs']),
  learningRate: lr,
  seed,
});
if (!adapted.ok) throw new Error(adapted.reason);
const t2 = performance.now();
const after = await classify(adapted.data.model);
const logisticFit = logisticPredictions(log, prediction, split);
if (!logisticFit.ok) throw new Error(logisticFit.reason);
const logistic = logisticFit.data;

const score = (p: Float32Array[]) => {
  const s = { probabilities: p, labels, classes: 2 };
  return { metrics: classificationMetrics(s), ci: metricIntervals(s, seed) };
};
const rows = [
  ['logistic baseline (counts, recency)', score(logistic)],
  [`text, as loaded`, score(before)],
  [`text, after pretraining`, score(after)],
] as const;
const paired = pairedMetricDifference(after, before, labels, 2, 'rocAuc', seed);
const r = (x: number) => fmt(x, 3);
const md = [
  '',
  `Demo shop, ${fmt(log.users.length)} users, "will buy within the next 10 events" from a seeded cut; ${fmt(split.train.length)} training and ${fmt(labels.length)} test users.`,
  `Text model \`${MODEL_DIR.replace(ROOT + '/', '')}\`${RANDOM ? ' (random weights: this measures what pretraining does to a model that knew nothing, not to a real BERT)' : ''}; both fine-tuned ${args.epochs} epochs with the same seed.`,
  `Pretraining: ${args['mlm-epochs']} epochs of masked-LM on the ${fmt(corpus.data.texts.length)} catalog item texts (behavior descriptions left out: they describe test users' futures), ${fmt(adapted.data.steps)} steps,`,
  `masked-token loss ${r(adapted.data.firstEpochLoss)} → ${r(adapted.data.lastEpochLoss)}, ${fmt((t2 - t1) / 1000, 0)} s; each fine-tune ≈ ${fmt((t1 - t0) / 1000, 0)} s.`,
  '',
  '| predictor | ROC-AUC [95% CI] | PR-AUC [95% CI] | accuracy | Brier |',
  '|---|---|---|---:|---:|',
  ...rows.map(
    ([name, s]) =>
      `| ${name} | ${r(s.metrics.rocAuc)} [${r(s.ci.rocAuc[0])}, ${r(s.ci.rocAuc[1])}] | ${r(s.metrics.prAuc)} [${r(s.ci.prAuc[0])}, ${r(s.ci.prAuc[1])}] | ${r(s.metrics.accuracy)} | ${r(s.metrics.brier)} |`,
  ),
  '',
  `ROC-AUC after − before pretraining: ${r(paired.difference)} [${r(paired.ci95[0])}, ${r(paired.ci95[1])}] (paired bootstrap over test users): ` +
    (paired.verdict === 'none'
      ? 'the interval covers 0, so this run shows no effect either way.'
      : paired.verdict === 'higher'
        ? 'pretraining helped.'
        : 'pretraining hurt.'),
  '',
].join('\n');
writeSection('dapt', `## Domain-adaptive pretraining (\`npm run bench:dapt\`)\n\n${today()} · ${machine()}\n${md}`);
console.log(md);
console.log(
  `wrote ${writeJson('dapt', { date: today(), machine: machine(), rows, paired, steps: adapted.data.steps })} and its BENCHMARKS.md section`,
);
disposeModel(loaded.data);
disposeModel(adapted.data.model);
