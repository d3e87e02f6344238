// Implements MlApi on the core (ml, rec); runs inside the ML worker (and directly in tests).
import { backendSwitch, initBackend, simulateDeviceLoss } from '../ml/backend';
import { ModelWorkspace, modelCatalog } from '../rec/modelWorkspace';
import { TextModels } from '../ml/bert/textModels';
import { CausalService } from './causalService';
import { BehaviorService } from './behaviorService';
import { ExplainService } from './explainService';
import { guidanceIn } from './guidanceService';
import { UpliftService } from './upliftService';
import { fitSequenceClassifierIn } from './sequenceClassifierService';
import { pretrainTextModel } from './pretrainService';
import { embeddingMap } from '../explain/embeddingMap';
import { SavedModels } from '../rec/savedModels';
import { HandedDatasets } from './handoff';
import { recboleFolder } from './recboleFolder';
import { isAbortError, progressTracker } from '../lib/progress';
import type { MlApi } from './mlProtocol';
import type { DatasetPayload } from '../data/dataset';
import * as Comlink from 'comlink';

export function createMlHandler(): MlApi {
  const running = new Map<string, AbortController>();
  const models = new ModelWorkspace(backendSwitch());
  const texts = new TextModels();
  const causal = new CausalService((id) => models.source(id));
  const behavior = new BehaviorService(texts, (id) => models.source(id));
  const explainer = new ExplainService(models);
  const saved = new SavedModels(models);
  const uplift = new UpliftService(models);
  const handed = new HandedDatasets(models);
  // One heavy task at a time: overlapping setBackend or training calls would fight over TF.js's global state.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const task = <T>(taskId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    running.set(taskId, controller);
    return serial(() => work(controller.signal))
      .catch((e: unknown) => {
        // The UI reads an AbortError as "the analyst cancelled". Anything else that calls itself that (a lost
        // WebGPU device rejects with one) is a failure and must be reported as such.
        if (isAbortError(e) && !controller.signal.aborted) throw new Error(`the compute backend failed: ${(e as Error).message}`);
        throw e;
      })
      .finally(() => running.delete(taskId));
  };
  return {
    initBackend: (preference, wasmBase) => {
      models.backends = backendSwitch(wasmBase);
      return serial(() => initBackend(preference, { wasmBase }));
    },
    // Not serialised: it must be able to hit a training run in flight.
    simulateDeviceLoss: async () => simulateDeviceLoss(),
    models: async () => modelCatalog(),
    addDataset: async (id, log, extras) => models.addDataset(id, log, extras),
    removeDataset: async (id) => handed.remove(id),
    acceptCorePort: async (port) => Comlink.expose({ deliver: (id: string, payload: DatasetPayload) => handed.deliver(id, payload) }, port),
    claimDataset: (id, waitMs) => handed.claim(id, waitMs),
    saveDataset: (id, storedId) => handed.save(id, storedId),
    train: (request, taskId, onProgress) => task(taskId, (signal) => saved.train(request, onProgress, signal)),
    savedModels: (datasetId) => serial(() => saved.list(datasetId)),
    openSavedModel: (datasetId, id, taskId) => task(taskId, () => saved.open(datasetId, id)),
    openCheckpointFiles: (datasetId, files, taskId) =>
      task(taskId, async () => {
        // A RecBole export is converted against the loaded log first (recboleFolder.ts).
        const recbole = await recboleFolder(files, models.datasetOf(datasetId));
        return saved.openFiles(datasetId, recbole ?? files);
      }),
    resumeTraining: (datasetId, id, taskId, onProgress, longer) =>
      task(taskId, (signal) => saved.resume(datasetId, id, onProgress, signal, longer)),
    deleteSavedModel: (id) => serial(() => saved.delete(id)),
    clearSavedModels: () => serial(() => saved.clear()),
    evaluate: (request, taskId, onProgress) => task(taskId, (signal) => models.evaluate(request, onProgress, signal)),
    scoreTestFile: (modelId, name, bytes, seed, taskId) =>
      task(taskId, (signal) => models.scoreTestFile(modelId, name, bytes, seed, signal)),
    recommend: (request) => serial(() => models.recommend(request)),
    explain: (request, taskId, onProgress) => task(taskId, (signal) => explainer.explain(request, onProgress, signal)),
    counterfactual: (request, taskId, onProgress) => task(taskId, (signal) => explainer.counterfactual(request, onProgress, signal)),
    knowledge: (request, taskId, onProgress) => task(taskId, (signal) => explainer.knowledge(request, onProgress, signal)),
    population: (request, taskId, onProgress) => task(taskId, (signal) => explainer.population(request, onProgress, signal)),
    embeddingMap: (request, taskId, onProgress) =>
      task(taskId, (signal) => {
        const { model, info } = models.modelOf(request.modelId);
        const from = { model, split: models.datasetOf(info.datasetId).split, textVectors: models.itemEmbeddingsOf(info.datasetId) };
        return embeddingMap(from, request, { onProgress, signal });
      }),
    faithfulnessSummary: (request, taskId, onProgress) =>
      task(taskId, (signal) => explainer.faithfulnessSummary(request, onProgress, signal)),
    removeModel: async (id) => models.removeModel(id),
    loadTextModel: (source, taskId, onProgress) => task(taskId, (signal) => texts.load(source, onProgress, signal)),
    embedTexts: (modelId, list, options, taskId, onProgress) =>
      task(taskId, () => {
        const track = progressTracker('Embedding texts', 'texts', list.length);
        return texts.embed(modelId, list, options, (done) => onProgress(track(done)));
      }),
    textForward: (modelId, list, options) => serial(() => texts.forward(modelId, list, options)),
    unloadTextModel: async (modelId) => texts.unload(modelId),
    // Serialised: reading the weights back must not interleave with a fine-tune writing them.
    exportTextModel: (modelId) =>
      serial(async () => {
        const r = await texts.exportZip(modelId);
        return r.ok ? Comlink.transfer(r, [r.data.zip.buffer]) : r;
      }),
    // Serialised like the export: the weights are read back.
    keepTextModel: (modelId, keptId) => serial(() => texts.keep(modelId, keptId)),
    forgetKeptTextModels: (keep) => serial(() => texts.forgetKept(keep)),
    keptTextModelFolder: (keptId) => serial(() => texts.keptFolder(keptId)),
    keepTextModelFolder: (keptId, bundle) => serial(() => texts.keepFolder(keptId, bundle)),
    adoptBehaviorClassifier: async (id, task, labels, datasetId) => behavior.adopt(id, task, labels, datasetId),
    trainBehaviorClassifier: (request, taskId, onProgress) => task(taskId, (signal) => behavior.train(request, onProgress, signal)),
    explainBehavior: (request, taskId, onProgress) => task(taskId, (signal) => behavior.explain(request, onProgress, signal)),
    embedItems: (textModelId, datasetId, list, taskId, onProgress) =>
      task(taskId, async () => {
        const track = progressTracker('Embedding item texts', 'items', list.length);
        const vectors = await texts.embed(textModelId, list, { pooling: 'mean', normalize: true }, (done) => onProgress(track(done)));
        return models.setItemEmbeddings(datasetId, vectors);
      }),
    causalVariables: async (datasetId, unit) => causal.variables(datasetId, unit),
    discover: (request, taskId, onProgress) => task(taskId, (signal) => causal.discover(request, onProgress, signal)),
    effect: (request, taskId) => task(taskId, async () => causal.effect(request)),
    causalReason: async (request) => causal.reason(request),
    guidance: (request, taskId, onProgress) => task(taskId, (signal) => guidanceIn(models, request, onProgress, signal)),
    fitUplift: (modelId, settings, seed, taskId, onProgress) =>
      task(taskId, (signal) => uplift.fit(modelId, settings, seed, onProgress, signal)),
    upliftOf: (modelId, user, items) => serial(() => uplift.upliftOf(modelId, user, items)),
    comparePolicies: (modelId, options, taskId, onProgress) =>
      task(taskId, (signal) => uplift.compare(modelId, options, onProgress, signal)),
    fitSequenceClassifier: (request, taskId, onProgress) =>
      task(taskId, (signal) => fitSequenceClassifierIn(models, request, onProgress, signal)),
    pretrainTextModel: (request, taskId, onProgress) =>
      task(taskId, (signal) => pretrainTextModel(texts, (id) => models.source(id), request, onProgress, signal)),
    cancel(taskId) {
      running.get(taskId)?.abort();
    },
  };
}
