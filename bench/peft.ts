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

const md = [
  '',
  `Planted task: does a text hold a purchase word. tiny-bert (random weights, ${fmt(rows[0].totalParams as number)} parameters) is first fully`,
  'fine-tuned on a 4-way purchase/cart-word task as a stand-in for pretraining; each method then learns the binary task from 240',
  'training texts (60 validate early stopping), tested on 600 held-out texts. Training memory counts float32 weights plus AdamW’s two',
  'moments per trainable parameter. Time per step on the wasm backend, batch 16. CIs: 1,000 bootstrap resamples of the test texts.',
  '',
  ...table,
  '',
].join('\n');
writeSection('peft', `## Parameter-efficient fine-tuning (\`npm run bench:peft\`)\n\n${today()} · ${machine()}\n${md}`);
console.log(md);
console.log(`wrote ${writeJson('peft', { date: today(), machine: machine(), rows })} and its BENCHMARKS.md section`);
