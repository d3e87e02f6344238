// The ML worker's domain-adaptive pretraining: build the corpus from a dataset (catalog texts, behavior descriptions),
// continue masked-language-model pretraining of a loaded text model on it, and keep the adapted encoder as a new text
// model beside its base — embeddings and classifiers can then start from it.
import type { EventLog, ItemCatalog } from '../data/eventLog';
import { pretrainCorpus, type CorpusOptions } from '../data/pretrainCorpus';
import { progressTracker, type Progress } from '../lib/progress';
import type { TextModelInfo, TextModels } from '../ml/bert/textModels';
import { continuePretraining, MLM_DEFAULTS, type MlmOptions } from '../ml/bert/mlm';

export interface PretrainRequest {
  textModelId: string;
  datasetId: string;
  corpus: Omit<CorpusOptions, 'seed'>;
  mlm: Partial<Pick<MlmOptions, 'epochs' | 'batchSize' | 'learningRate' | 'maskProbability' | 'maxLength'>>;
  seed: number;
}

export interface PretrainOutcome {
  info: TextModelInfo;
  texts: number;
  fromCatalog: number;
  fromBehavior: number;
  capped: number;
  steps: number;
  stoppedBy: 'completed' | 'aborted';
  firstEpochLoss: number;
  lastEpochLoss: number;
  lastEpochAccuracy: number;
}

type Source = (datasetId: string) => { log: EventLog; catalog: ItemCatalog | null };

export async function pretrainTextModel(
  texts: TextModels,
  source: Source,
  req: PretrainRequest,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<PretrainOutcome> {
  const { log, catalog } = source(req.datasetId);
  const corpus = pretrainCorpus(log, catalog, { ...req.corpus, seed: req.seed });
  if (!corpus.ok) throw new Error(corpus.reason);
  const { model, tokenizer, info: baseInfo, files } = texts.get(req.textModelId);
  let track: ((done: number, detail?: Progress['detail']) => Progress) | null = null;
  const r = await continuePretraining(model, tokenizer, corpus.data.texts, {
    ...MLM_DEFAULTS,
    ...req.mlm,
    seed: req.seed,
    signal,
    onProgress: (p) => {
      track ??= progressTracker('Pretraining on the domain texts', 'steps', p.total);
      onProgress(track(p.step, { loss: p.loss.toFixed(3) }));
    },
  });
  if (!r.ok) throw new Error(r.reason);
  // A cancelled run still adapted the encoder for the steps it ran: kept, and its step count says how far it got.
  const info = texts.add(r.data.model, tokenizer, `${baseInfo.source} → adapted to ${corpus.data.texts.length} domain texts`, files);
  const { fromCatalog, fromBehavior, capped } = corpus.data;
  const { steps, stoppedBy, firstEpochLoss, lastEpochLoss, lastEpochAccuracy } = r.data;
  return {
    info,
    texts: r.data.texts,
    fromCatalog,
    fromBehavior,
    capped,
    steps,
    stoppedBy,
    firstEpochLoss,
    lastEpochLoss,
    lastEpochAccuracy,
  };
}
