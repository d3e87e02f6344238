// bench:peft — parameter-efficient fine-tuning against full fine-tuning (issue #21): trainable parameters, training
// memory (weights + AdamW state), time per step, and held-out accuracy / ROC-AUC with bootstrap CIs and a paired
// ROC-AUC difference against full fine-tuning.
//
// The task is planted: does a text hold a purchase word? The shipped tiny-bert has random weights, so it is first
// fully fine-tuned on a related 4-way task (purchase word and/or cart word) as a stand-in for pretraining; full
// fine-tuning, LoRA and the Houlsby adapter then learn the binary task on top of it. A pipeline and efficiency
// check, not a claim about language: the figures say how much each method trains and what it reaches here.
// Run: npm run bench:peft
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/ml/backend';
import { finetune, type FinetuneOptions } from '../src/ml/bert/finetune';
import { bertForward, bertInputs, type BertModel } from '../src/ml/bert/model';
import type { TextTokenizer } from '../src/ml/bert/tokenizer';
import { loadTinyBert, plantedWords } from '../src/testSupport/tinyBert';
import { loadDemo } from '../src/data/demo';
import { predictionTask, splitExamples } from '../src/data/predictionTask';
import { disposeModel } from '../src/ml/bert/forwardArrays';
import { fitTextPredictor } from '../src/ml/predict/textPredictor';
import { disposeTree } from '../src/ml/tensors';
import { classificationMetrics, metricIntervals, pairedMetricDifference } from '../src/rec/predict/classificationMetrics';
import { fmt, machine, today, writeJson, writeSection } from './lib/report';

async function probabilities(model: BertModel, tok: TextTokenizer, texts: string[]): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += 64) {
    const enc = tok.encode(texts.slice(i, i + 64), { maxLength: 32 });
    const inputs = bertInputs(enc.inputIds, enc.attentionMask);
    const p = tf.tidy(() => tf.softmax(bertForward(model, inputs).logits!));
    const data = (await p.data()) as Float32Array;
    disposeTree([inputs, p]);
    for (let r = 0; r < data.length / 2; r++) out.push(data.slice(2 * r, 2 * r + 2));
  }
  return out;
}

await initBackend('wasm');
const { model: tinyBert, tokenizer: tok } = await loadTinyBert();
const pre = plantedWords(400, 1);
const preFit = await finetune(tinyBert, tok, pre.texts, pre.both, {
  labels: ['none', 'cart', 'buy', 'both'],
  epochs: 10,
  learningRate: 1e-2,
  validationSplit: 0.2,
  patience: 3,
  seed: 3,
});
const base: BertModel = {
  config: { ...preFit.model.config, labels: undefined, architecture: 'BertModel' },
  weights: { ...preFit.model.weights, classifier: undefined },
};
const train = plantedWords(300, 2);
const test = plantedWords(600, 7);

const METHODS: { name: string; opts: Partial<FinetuneOptions> }[] = [
  { name: 'full fine-tuning', opts: {} },
  { name: 'LoRA (rank 4, query/value)', opts: { lora: { rank: 4 } } },
  { name: 'Houlsby adapter (size 4)', opts: { adapter: { size: 4 } } },
];

const rows: Record<string, unknown>[] = [];
let fullProbs: Float32Array[] | null = null;
const table = [
  '| method | trainable params | share | training memory | ms / step | accuracy [95% CI] | ROC-AUC [95% CI] | ROC-AUC − full [95% CI] |',
  '|---|---:|---:|---:|---:|---|---|---|',
];
for (const m of METHODS) {
  const rates: number[] = [];
  const fit = await finetune(base, tok, train.texts, train.purchase, {
    labels: ['other', 'purchase'],
    epochs: 6,
    learningRate: 1e-2,
    validationSplit: 0.2,
    patience: 3,
    seed: 4,
    ...m.opts,
    onProgress: (p) => rates.push(p.stepsPerSec),
  });
  const probs = await probabilities(fit.model, tok, test.texts);
  const scored = { probabilities: probs, labels: test.purchase, classes: 2 };
  const metrics = classificationMetrics(scored);
  const ci = metricIntervals(scored, 11);
  fullProbs ??= probs;
  const paired = pairedMetricDifference(probs, fullProbs, test.purchase, 2, 'rocAuc', 13);
  // Float32 weights; AdamW keeps two moments per trainable parameter; frozen weights are held once.
  const memory = 4 * (fit.totalParams + 2 * fit.trainableParams);
  const msPerStep = 1000 / rates.at(-1)!;
  const r = (x: number) => fmt(x, 3);
  table.push(
    `| ${m.name} | ${fmt(fit.trainableParams)} | ${fmt((100 * fit.trainableParams) / fit.totalParams, 1)}% | ${fmt(memory / 1024, 0)} KiB | ${fmt(msPerStep, 1)} | ` +
      `${r(metrics.accuracy)} [${r(ci.accuracy[0])}, ${r(ci.accuracy[1])}] | ${r(metrics.rocAuc)} [${r(ci.rocAuc[0])}, ${r(ci.rocAuc[1])}] | ` +
      (m.opts.lora || m.opts.adapter ? `${r(paired.difference)} [${r(paired.ci95[0])}, ${r(paired.ci95[1])}] |` : '— |'),
  );
  rows.push({
    method: m.name,
    trainableParams: fit.trainableParams,
    totalParams: fit.totalParams,
    memory,
    msPerStep,
    metrics,
    ci,
    paired,
    steps: fit.steps,
  });
  disposeTree(fit.model.weights);
}

// The demo shop's "will buy within the next 10 events" (src/data/predictionTask), the text predictor fine-tuned from
// the same tiny-bert three ways: a real behavior task, on a model that knew nothing before.
const demo = loadDemo({ users: 2000 });
const buyTask = predictionTask(demo.log, demo.catalog, { target: 'buy', horizon: { events: 10 }, seed: 42 });
if (!buyTask.ok) throw new Error(buyTask.reason);
const buy = buyTask.data;
const buySplit = splitExamples(buy.examples.length, 42);
const buyLabels = buySplit.test.map((i) => buy.examples[i].label);
const demoTable = [
  '| method | trainable params | share | ms / step | ROC-AUC [95% CI] | ROC-AUC − full [95% CI] |',
  '|---|---:|---:|---:|---|---|',
];
const demoRows: Record<string, unknown>[] = [];
let demoFull: Float32Array[] | null = null;
for (const peft of ['none', 'lora', 'adapter'] as const) {
  const rates: number[] = [];
  const fit = await fitTextPredictor({ model: tinyBert, tokenizer: tok, source: 'tiny-bert' }, demo, buy, buySplit, {
    naming: 'category',
    maxEvents: 8,
    epochs: 3,
    learningRate: peft === 'none' ? 5e-3 : 1e-2,
    peft,
    seed: 42,
    onProgress: (p) => rates.push(p.rate),
  });
  if (!fit.ok) throw new Error(fit.reason);
  const scored = { probabilities: fit.data.probabilities, labels: buyLabels, classes: 2 };
  const auc = classificationMetrics(scored).rocAuc;
  const ci = metricIntervals(scored, 11).rocAuc;
  demoFull ??= fit.data.probabilities;
  const paired = pairedMetricDifference(fit.data.probabilities, demoFull, buyLabels, 2, 'rocAuc', 13);
  const r = (x: number) => fmt(x, 3);
  const name = METHODS[['none', 'lora', 'adapter'].indexOf(peft)].name.replace(
    /\(size 4\)|\(rank 4, query\/value\)/,
    peft === 'lora' ? '(rank 8, query/value)' : peft === 'adapter' ? '(size 16)' : '',
  );
  demoTable.push(
    `| ${name.trim()} | ${fmt(fit.data.trainableParams)} | ${fmt((100 * fit.data.trainableParams) / fit.data.totalParams, 1)}% | ${fmt(1000 / rates.at(-1)!, 1)} | ` +
      `${r(auc)} [${r(ci[0])}, ${r(ci[1])}] | ${peft === 'none' ? '—' : `${r(paired.difference)} [${r(paired.ci95[0])}, ${r(paired.ci95[1])}]`} |`,
  );
  demoRows.push({ peft, trainableParams: fit.data.trainableParams, totalParams: fit.data.totalParams, auc, ci, paired });
  disposeModel(fit.data.model);
}

const md = [
  '',
  `Planted task: does a text hold a purchase word. tiny-bert (random weights, ${fmt(rows[0].totalParams as number)} parameters) is first fully`,
  'fine-tuned on a 4-way purchase/cart-word task as a stand-in for pretraining; each method then learns the binary task from 240',
  'training texts (60 validate early stopping), tested on 600 held-out texts. Training memory counts float32 weights plus AdamW’s two',
  'moments per trainable parameter. Time per step on the wasm backend, batch 16. CIs: 1,000 bootstrap resamples of the test texts.',
  '',
  ...table,
  '',
  `The demo shop's buy task (${fmt(buySplit.train.length)} training and ${fmt(buyLabels.length)} test users, will buy within the next 10 events after a`,
  'seeded cut), the text predictor fine-tuned 3 epochs from the random-weight tiny-bert itself (no pretraining): a behavior task where',
  'the base knows nothing, so the methods that freeze it have little to build on.',
  '',
  ...demoTable,
  '',
].join('\n');
writeSection('peft', `## Parameter-efficient fine-tuning (\`npm run bench:peft\`)\n\n${today()} · ${machine()}\n${md}`);
console.log(md);
console.log(`wrote ${writeJson('peft', { date: today(), machine: machine(), rows, demoRows })} and its BENCHMARKS.md section`);
