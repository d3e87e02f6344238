// Item text embeddings for the CLI: a local BERT folder (--text-model) over the items' texts (title, category,
// description from --items), in the log's item order — what the app's "Embed item texts" gives the models.
import type { BackendPreference } from '../ml/backend';
import { embed } from '../ml/bert/inference';
import { openBertDir } from '../ml/bert/loadDir';
import { itemLabels, type EventLog, type ItemCatalog } from '../data/eventLog';
import type { ModelContext } from '../rec/registry';
import { CliError } from './command';

export async function cliItemEmbeddings(
  log: EventLog,
  catalog: ItemCatalog | null,
  dir: string,
  backend: BackendPreference = 'auto',
): Promise<NonNullable<ModelContext['embeddings']>> {
  const opened = await openBertDir(dir, backend);
  if (!opened.ok) throw new CliError(`--text-model: ${opened.reason}`);
  try {
    const texts = itemLabels(log, catalog).texts;
    const vectors = await embed(opened.data.model, opened.data.tokenizer, texts, { pooling: 'mean' });
    const dim = opened.data.model.config.hiddenSize;
    const data = new Float32Array(texts.length * dim);
    vectors.forEach((v, i) => data.set(v, i * dim));
    return { data, dim };
  } finally {
    opened.data.dispose();
  }
}
