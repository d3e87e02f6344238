// `reclens classify`: label texts with a local BERT sequence-classification model.
import type { BackendPreference } from '../../ml/backend';
import { classify } from '../../ml/bert/inference';
import { openBertDir } from '../../ml/bert/loadDir';
import { CliError, intFlag, parse, printJson, type Command } from '../command';
import { BACKENDS } from './embed';

const usage = 'reclens classify --model <dir> [--batch-size N] [--backend auto|wasm|cpu|webgpu] [--json] <text>...';

export const classifyCommand: Command = {
  name: 'classify',
  summary: 'Classify texts with a local BertForSequenceClassification model; prints {labels, logits}.',
  usage,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      { model: { type: 'string' }, 'batch-size': { type: 'string' }, backend: { type: 'string', default: 'auto' }, json: { type: 'boolean' } },
      usage,
    );
    if (!values.model) throw new CliError(`--model is required\nusage: ${usage}`);
    if (positionals.length === 0) throw new CliError(`give at least one text\nusage: ${usage}`);
    if (!BACKENDS.includes(values.backend)) throw new CliError(`--backend must be one of ${BACKENDS.join(', ')}`);
    const batchSize = intFlag(values['batch-size'], 'batch-size');
    if (batchSize !== undefined && batchSize < 1) throw new CliError('--batch-size must be at least 1');

    const opened = await openBertDir(values.model, values.backend as BackendPreference);
    if (!opened.ok) throw new CliError(opened.reason);
    const { model, tokenizer } = opened.data;
    try {
      if (!model.weights.classifier) throw new CliError(`${values.model} has no classification head (classifier.* weights); use "reclens embed"`);
      const { labels, logits } = await classify(model, tokenizer, positionals, { batchSize });
      if (values.json) printJson({ labels, logits });
      else positionals.forEach((t, i) => process.stdout.write(`${labels[i]}\t${JSON.stringify(t)}\n`));
      return 0;
    } finally {
      opened.data.dispose();
    }
  },
};
