// `reclens classify`: label texts with a local BERT sequence-classification model, optionally with word attributions.
import type { BackendPreference } from '../../ml/backend';
import { classify } from '../../ml/bert/inference';
import { openBertDir } from '../../ml/bert/loadDir';
import { CliError, FLAG_RANGES, memoryBudgetFlag, parse, printJson, rangeFlag, type Command } from '../command';
import { isMethodName, METHOD_OPTION_RANGES, methodsFor, TEXT_CLASSIFIER } from '../../explain/registry';
import { IG_BASELINES, type IgBaseline } from '../../explain/types';
import { explainTextPrediction } from '../../ml/explain/textClassifier';
import { BACKENDS } from './embed';

const TEXT_METHODS = methodsFor(TEXT_CLASSIFIER);
const usage =
  `reclens classify --model <dir> [--batch-size N] [--backend auto|wasm|cpu|webgpu] [--explain ${TEXT_METHODS.join('|')}] [--steps N]` +
  ` [--baseline ${IG_BASELINES.join('|')}] [--seed S] [--memory-budget MiB] [--json] <text>...`;

export const classifyCommand: Command = {
  name: 'classify',
  summary:
    'Classify texts with a local BertForSequenceClassification model; prints {labels, logits}' +
    ' (with --explain, word attributions per class and their faithfulness).',
  usage,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        model: { type: 'string' },
        'batch-size': { type: 'string' },
        backend: { type: 'string', default: 'auto' },
        explain: { type: 'string' },
        steps: { type: 'string' },
        baseline: { type: 'string', default: 'mask' },
        seed: { type: 'string' },
        'memory-budget': { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (!values.model) throw new CliError(`--model is required\nusage: ${usage}`);
    if (positionals.length === 0) throw new CliError(`give at least one text\nusage: ${usage}`);
    if (!BACKENDS.includes(values.backend)) throw new CliError(`--backend must be one of ${BACKENDS.join(', ')}`);
    const batchSize = rangeFlag(values['batch-size'], 'batch-size', FLAG_RANGES['batch-size']);
    const method = values.explain;
    if (method !== undefined && !(isMethodName(method) && TEXT_METHODS.includes(method)))
      throw new CliError(`--explain must be one of ${TEXT_METHODS.join(', ')}`);
    if (!IG_BASELINES.includes(values.baseline as IgBaseline)) throw new CliError(`--baseline must be one of ${IG_BASELINES.join(', ')}`);
    const steps = rangeFlag(values.steps, 'steps', METHOD_OPTION_RANGES.steps);
    const seed = rangeFlag(values.seed, 'seed', METHOD_OPTION_RANGES.seed) ?? 0;

    const memoryBudgetBytes = memoryBudgetFlag(values['memory-budget']);
    const opened = await openBertDir(values.model, values.backend as BackendPreference, { memoryBudgetBytes });
    if (!opened.ok) throw new CliError(opened.reason);
    const { model, tokenizer } = opened.data;
    try {
      if (!model.weights.classifier)
        throw new CliError(`${values.model} has no classification head (classifier.* weights); use "reclens embed"`);
      const { labels, logits } = await classify(model, tokenizer, positionals, { batchSize });
      if (method) {
        const names = model.config.labels ?? logits[0].map((_, i) => `LABEL_${i}`);
        const explanations = [];
        for (const text of positionals) {
          const r = await explainTextPrediction(model, tokenizer, text, names, {
            methods: [method],
            steps,
            baseline: values.baseline as IgBaseline,
            seed,
          });
          const c = r.classes[r.predicted];
          explanations.push({
            words: r.words,
            truncated: r.truncated,
            probabilities: r.probabilities,
            predicted: c.label,
            classes: r.classes.map((k) => ({ label: k.label, logit: k.logit, values: k.values[method] })),
            ...(method === 'ig' ? { completenessGap: c.diagnostics.ig.completenessGap, relativeGap: c.diagnostics.ig.relativeGap } : {}),
            faithfulness: {
              deletionAUC: r.faithfulness.deletionAUC,
              insertionAUC: r.faithfulness.insertionAUC,
              randomDeletionAUC: r.faithfulness.randomDeletionAUC,
              randomInsertionAUC: r.faithfulness.randomInsertionAUC,
              comprehensiveness: r.faithfulness.comprehensiveness,
              sufficiency: r.faithfulness.sufficiency,
            },
          });
        }
        if (values.json) printJson({ labels, logits, method, explanations });
        else
          explanations.forEach((e) => {
            const v = e.classes.find((k) => k.label === e.predicted)!.values;
            process.stdout.write(`${e.predicted}\t${e.words.map((w, i) => `${w}(${v[i].toFixed(3)})`).join(' ')}\n`);
          });
      } else if (values.json) printJson({ labels, logits });
      else positionals.forEach((t, i) => process.stdout.write(`${labels[i]}\t${JSON.stringify(t)}\n`));
      return 0;
    } finally {
      opened.data.dispose();
    }
  },
};
