// `reclens predict`: will a user buy / what they do next / what interests them, learned from the events before a
// seeded cut in each user's history (src/data/predictionTask) by the text encoder (BERT over behavior descriptions) or
// the sequence encoder (a trained SASRec/BERT4Rec checkpoint), scored on held-out users with the seven metrics, their
// bootstrap CIs and both baselines (src/rec/predict/predictionReport).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Naming } from '../../data/behaviorText';
import { PREDICTION_RANGES, PREDICTION_TARGETS, predictionTask, splitExamples, type PredictionTarget } from '../../data/predictionTask';
import { toCsv } from '../../lib/csvWrite';
import { createRng } from '../../lib/rng';
import { initBackend, type BackendPreference } from '../../ml/backend';
import { openBertDir } from '../../ml/bert/loadDir';
import { disposeModel } from '../../ml/bert/forwardArrays';
import { PEFT_METHODS, fitSequenceClassifier, type PeftMethod } from '../../ml/predict/sequenceClassifier';
import { fitTextPredictor } from '../../ml/predict/textPredictor';
import { predictionReport, type PredictionReport, type PredictorScores } from '../../rec/predict/predictionReport';
import { CliError, FLAG_RANGES, memoryBudgetFlag, parse, printJson, rangeFlag, type Command } from '../command';
import { loadCatalog, loadLog } from '../preamble';
import { PREDICT_RANGES } from '../predictRanges';
import { BACKENDS } from './embed';

const ENCODERS = ['text', 'sequence'] as const;
type Encoder = (typeof ENCODERS)[number];
const NAMINGS: Naming[] = ['title', 'category', 'both'];

const usage =
  `reclens predict --data <events> [--items <file>] [--map spec] --target ${PREDICTION_TARGETS.join('|')} --encoder text|sequence ` +
  `[--text-model <bert-dir>] [--checkpoint <dir>] [--peft ${PEFT_METHODS.join('|')}] [--horizon-events N|--horizon-days D] ` +
  '[--epochs N] [--learning-rate LR] [--max-users N] [--naming title|category|both] [--max-events N] [--bootstrap N] ' +
  '[--backend auto|wasm|cpu|webgpu] [--seed S] [--out <dir>] [--json]';

export const predictCommand: Command = {
  name: 'predict',
  summary:
    'Predict will-buy / next event / interest from the events before a seeded cut in each history, with the text or the sequence ' +
    'encoder; prints {metrics, ci95, baselines: {constant, logistic}, trainableParams, totalParams, seconds}.',
  usage,
  async run(argv) {
    const { values } = parse(
      argv,
      {
        data: { type: 'string' },
        items: { type: 'string' },
        map: { type: 'string' },
        target: { type: 'string' },
        encoder: { type: 'string' },
        'text-model': { type: 'string' },
        checkpoint: { type: 'string' },
        peft: { type: 'string', default: 'none' },
        'horizon-events': { type: 'string' },
        'horizon-days': { type: 'string' },
        epochs: { type: 'string' },
        'learning-rate': { type: 'string' },
        'max-users': { type: 'string' },
        naming: { type: 'string' },
        'max-events': { type: 'string', default: '8' },
        bootstrap: { type: 'string', default: '1000' },
        backend: { type: 'string', default: 'auto' },
        seed: { type: 'string' },
        'memory-budget': { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    // Every flag is checked before a file is read.
    if (!values.data) throw new CliError(`--data <events> is required\nusage: ${usage}`);
    const target = values.target as PredictionTarget;
    if (!PREDICTION_TARGETS.includes(target))
      throw new CliError(`--target must be one of ${PREDICTION_TARGETS.join(', ')}\nusage: ${usage}`);
    const encoder = values.encoder as Encoder;
    if (!ENCODERS.includes(encoder)) throw new CliError(`--encoder must be one of ${ENCODERS.join(', ')}\nusage: ${usage}`);
    const peft = values.peft as PeftMethod;
    if (!PEFT_METHODS.includes(peft)) throw new CliError(`--peft must be one of ${PEFT_METHODS.join(', ')}`);
    if (encoder === 'text' && !values['text-model'])
      throw new CliError('--encoder text needs --text-model <dir> (a Hugging Face BERT folder, e.g. tests/fixtures/tiny-bert)');
    if (encoder === 'sequence' && !values.checkpoint)
      throw new CliError('--encoder sequence needs --checkpoint <dir> (a SASRec or BERT4Rec folder from "reclens train --out")');
    if (values['horizon-events'] !== undefined && values['horizon-days'] !== undefined)
      throw new CliError('give --horizon-events or --horizon-days, not both');
    if (!BACKENDS.includes(values.backend)) throw new CliError(`--backend must be one of ${BACKENDS.join(', ')}`);
    const naming = (values.naming ?? 'category') as Naming;
    if (!NAMINGS.includes(naming)) throw new CliError(`--naming must be one of ${NAMINGS.join(', ')}`);
    const horizonEvents = rangeFlag(values['horizon-events'], 'horizon-events', PREDICTION_RANGES.horizonEvents);
    const horizonDays = rangeFlag(values['horizon-days'], 'horizon-days', PREDICTION_RANGES.horizonDays);
    const seed = rangeFlag(values.seed, 'seed', FLAG_RANGES.seed) ?? 42;
    const epochs = rangeFlag(values.epochs, 'epochs', PREDICT_RANGES.epochs) ?? 3;
    const learningRate = rangeFlag(values['learning-rate'], 'learning-rate', PREDICT_RANGES['learning-rate']);
    const maxUsers = rangeFlag(values['max-users'], 'max-users', PREDICT_RANGES['max-users']);
    const maxEvents = rangeFlag(values['max-events'], 'max-events', PREDICT_RANGES['max-events'])!;
    const samples = rangeFlag(values.bootstrap, 'bootstrap', PREDICT_RANGES.bootstrap)!;
    const memoryBudgetBytes = memoryBudgetFlag(values['memory-budget']);

    const started = performance.now();
    const log = await loadLog(values.data, values.map);
    const catalog = await loadCatalog(values.items);
    const horizon = horizonDays !== undefined ? { days: horizonDays } : { events: horizonEvents ?? 10 };
    const made = predictionTask(log, catalog, { target, horizon, seed });
    if (!made.ok) throw new CliError(made.reason);
    const task = made.data;
    // A seeded sample of the examples (all by default), a fifth of it held out for scoring.
    const all = Array.from({ length: task.examples.length }, (_, i) => i);
    const sample =
      maxUsers && maxUsers < all.length
        ? createRng(seed)
            .shuffle(all)
            .slice(0, maxUsers)
            .sort((a, b) => a - b)
        : all;
    if (sample.length < 5) throw new CliError(`only ${sample.length} users have a history to cut; predict needs at least 5`);
    const within = splitExamples(sample.length, seed, 0.2);
    const split = { train: within.train.map((i) => sample[i]), test: within.test.map((i) => sample[i]) };
    const data = { log, catalog };

    let fitted: { probabilities: Float32Array[]; trainableParams: number; totalParams: number; notes?: string[] };
    if (encoder === 'text') {
      const opened = await openBertDir(values['text-model']!, values.backend as BackendPreference, { memoryBudgetBytes });
      if (!opened.ok) throw new CliError(opened.reason);
      try {
        const { model, tokenizer } = opened.data;
        // Random-weight test models need a large step to learn at all; pretrained checkpoints the usual BERT rate.
        const lr = learningRate ?? (model.config.hiddenSize < 64 ? 5e-3 : 5e-5);
        const fit = await fitTextPredictor({ model, tokenizer, source: values['text-model']! }, data, task, split, {
          naming,
          maxEvents,
          epochs,
          learningRate: lr,
          peft,
          seed,
        });
        if (!fit.ok) throw new CliError(fit.reason);
        disposeModel(fit.data.model);
        fitted = fit.data;
      } finally {
        opened.data.dispose();
      }
    } else {
      await initBackend(values.backend as BackendPreference);
      const fit = await fitSequenceClassifier(data, task, split, {
        encoder: values.checkpoint!,
        epochs,
        batchSize: 64,
        learningRate: learningRate ?? 1e-3,
        peft,
        seed,
      });
      if (!fit.ok) throw new CliError(fit.reason);
      fitted = fit.data;
    }

    const report = predictionReport(log, task, split, fitted.probabilities, { seed, samples });
    if (!report.ok) throw new CliError(report.reason);
    const out = predictOutput(report.data, {
      encoder,
      peft,
      trainableParams: fitted.trainableParams,
      totalParams: fitted.totalParams,
      seconds: (performance.now() - started) / 1000,
      skipped: task.skipped,
      notes: fitted.notes ?? [],
    });
    if (values.out) {
      mkdirSync(values.out, { recursive: true });
      writeFileSync(join(values.out, 'report.json'), JSON.stringify({ ...out, reliability: report.data.reliability }, null, 2));
      const header = ['user', 'label', ...task.labelNames.map((n) => `p(${n})`)];
      const rows = split.test.map((i, t) => [
        log.users[task.examples[i].user],
        task.labelNames[task.examples[i].label],
        ...fitted.probabilities[t],
      ]);
      writeFileSync(join(values.out, 'predictions.csv'), toCsv(header, rows));
    }
    if (values.json) printJson(out);
    else process.stdout.write(predictText(out));
    return 0;
  },
};

const scores = (s: PredictorScores) => ({ metrics: s.metrics, ci95: s.ci95, ece: s.ece, predictedCounts: s.predictedCounts });

/** The JSON the command prints: the encoder's scores, the baselines' alike, paired differences, sizes and time. */
export function predictOutput(
  r: PredictionReport,
  extra: {
    encoder: Encoder;
    peft: PeftMethod;
    trainableParams: number;
    totalParams: number;
    seconds: number;
    skipped: Record<string, number>;
    notes: string[];
  },
) {
  return {
    target: r.target,
    encoder: extra.encoder,
    peft: extra.peft,
    labels: r.labelNames,
    examples: { train: r.trainExamples, test: r.testExamples, testClassCounts: r.testClassCounts, skippedUsers: extra.skipped },
    ...scores(r),
    baselines: { constant: scores(r.baselines.constant), logistic: scores(r.baselines.logistic) },
    versus: r.versus,
    trainableParams: extra.trainableParams,
    totalParams: extra.totalParams,
    seconds: extra.seconds,
    notes: extra.notes,
  };
}

function predictText(o: ReturnType<typeof predictOutput>): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');
  const cell = (s: { metrics: Record<string, number>; ci95: Record<string, [number, number]> }, m: string) =>
    `${f(s.metrics[m])} [${f(s.ci95[m][0])}, ${f(s.ci95[m][1])}]`;
  const lines = [
    `${o.target} by the ${o.encoder} encoder: ${o.examples.test} held-out users (${o.examples.train} trained on)`,
    `metric\t${o.encoder}\tlogistic\tconstant`,
    ...Object.keys(o.metrics).map((m) => `${m}\t${cell(o, m)}\t${cell(o.baselines.logistic, m)}\t${cell(o.baselines.constant, m)}`),
  ];
  const d = o.versus.logistic.rocAuc;
  if (d) {
    const verdict =
      d.verdict === 'higher'
        ? 'beats the logistic baseline'
        : d.verdict === 'lower'
          ? 'trails the logistic baseline'
          : 'no difference shown';
    lines.push(`ROC-AUC − logistic: ${f(d.difference)} [${f(d.ci95[0])}, ${f(d.ci95[1])}]: ${verdict}`);
  }
  if (o.labels.length === 2 && o.predictedCounts[1] === 0)
    lines.push(
      `no held-out user is predicted "${o.labels[1]}" at the 0.5 threshold (logistic: ${o.baselines.logistic.predictedCounts[1]}), so precision, recall and F1 are 0 by convention; ROC-AUC and PR-AUC judge the ranking`,
    );
  lines.push(`trainable ${o.trainableParams} of ${o.totalParams} parameters; ${o.seconds.toFixed(1)} s`);
  return lines.join('\n') + '\n';
}
