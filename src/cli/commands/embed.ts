// `reclens embed`: sentence vectors from a local HF BERT folder.
import type { BackendPreference } from '../../ml/backend';
import { embed } from '../../ml/bert/inference';
import { openBertDir } from '../../ml/bert/loadDir';
import { CliError, FLAG_RANGES, memoryBudgetFlag, parse, printJson, rangeFlag, type Command } from '../command';

const usage =
  'reclens embed --model <dir> [--pooling mean|cls] [--normalize] [--batch-size N] [--backend auto|wasm|cpu|webgpu] [--memory-budget MiB] [--json] <text>...';
export const BACKENDS = ['auto', 'wasm', 'cpu', 'webgl', 'webgpu'];

export const embedCommand: Command = {
  name: 'embed',
  summary: 'Embed texts with a local BERT model (mean or [CLS] pooling); prints {backend, dims, vectors}.',
  usage,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        model: { type: 'string' },
        pooling: { type: 'string', default: 'mean' },
        normalize: { type: 'boolean' },
        'batch-size': { type: 'string' },
        backend: { type: 'string', default: 'auto' },
        'memory-budget': { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (!values.model) throw new CliError(`--model is required\nusage: ${usage}`);
    if (positionals.length === 0) throw new CliError(`give at least one text\nusage: ${usage}`);
    if (values.pooling !== 'mean' && values.pooling !== 'cls') throw new CliError(`--pooling must be mean or cls, got "${values.pooling}"`);
    if (!BACKENDS.includes(values.backend)) throw new CliError(`--backend must be one of ${BACKENDS.join(', ')}`);
    const batchSize = rangeFlag(values['batch-size'], 'batch-size', FLAG_RANGES['batch-size']);

    const memoryBudgetBytes = memoryBudgetFlag(values['memory-budget']);
    const opened = await openBertDir(values.model, values.backend as BackendPreference, { memoryBudgetBytes });
    if (!opened.ok) throw new CliError(opened.reason);
    const { model, tokenizer, backend } = opened.data;
    try {
      const vectors = await embed(model, tokenizer, positionals, { pooling: values.pooling, normalize: values.normalize, batchSize });
      const dims = model.config.hiddenSize;
      if (values.json) printJson({ backend: backend.backend, dims, vectors });
      else {
        process.stdout.write(`${vectors.length} vector(s) of ${dims} dims on ${backend.backend}\n`);
        vectors.forEach((v, i) =>
          process.stdout.write(
            `  ${JSON.stringify(positionals[i])}: [${v
              .slice(0, 4)
              .map((x) => x.toFixed(4))
              .join(', ')}, …]\n`,
          ),
        );
      }
      return 0;
    } finally {
      opened.data.dispose();
    }
  },
};
