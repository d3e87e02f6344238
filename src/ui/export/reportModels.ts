// The report's "Models" section, dataset by dataset: every recommender's card (settings, validation, its evaluations),
// every fine-tuned behavior classifier, which text model embedded the items, and the text models loaded. A dataset
// with nothing trained on it says so by name, so "no model" is never said of the whole session for one dataset.
import { decimalsFor } from '../i18n/digits';
import type { BehaviorOutcome } from '../../data/behaviorText';
import type { PredictionReport } from '../../rec/predict/predictionReport';
import { predictionRows, predictionSentences } from '../components/predict/predictionReportText';
import { settingsEntries } from '../components/model/settingsText';
import { fitStopSentence } from '../components/model/fitStopText';
import type { FitStop } from '../../rec/fitStop';
import type { SectionHelpers } from './reportCausal';

export interface ReportModel {
  id: string;
  datasetId: string;
  name: string;
  settings: Record<string, unknown>;
  seed: number;
  backend: string;
  trainSeconds: number;
  /**
   * The one stored validation figure: the card and the training-curve chart (reportCurve) both read it. Null for a
   * model trained for quality, whose final fit trained on the validation items: the card says so instead.
   */
  validation: { ndcg10: number; hr10: number } | null;
  /** Why its last fit ended where it did (sequence models trained in this session). */
  stop?: FitStop;
  notices: string[];
}

export interface ReportEvaluation {
  modelId: string;
  modelName: string;
  protocol: string;
  sampled: boolean;
  users: number;
  metrics: Record<string, number>;
  ci95: Record<string, [number, number]>;
}

export interface ReportClassifier {
  id: string;
  datasetId: string;
  baseModelId: string;
  outcome: BehaviorOutcome;
  labels: string[];
  examples: number;
  /** Share of examples in each class (a constant guess of the largest one scores its share). */
  classShares: number[];
  valAccuracy: number | null;
  steps: number;
  seconds: number;
  /** Held-out metrics with CIs beside both baselines (classifiers trained before #21 have none). */
  report?: PredictionReport;
}

export interface ReportTextModel {
  id: string;
  source: string;
  layers: number;
  hidden: number;
  heads: number;
  parameters: number;
}

export interface ReportModelsInput {
  datasets: { id: string; name: string }[];
  models: ReportModel[];
  evaluations: ReportEvaluation[];
  classifiers: ReportClassifier[];
  /** datasetId → the text model that embedded its items. */
  itemEmbeddings: Record<string, { textModelId: string; items: number; dim: number }>;
  textModels: ReportTextModel[];
}

/** Digits of the validation figures, in the card and on the curve chart alike. */
export const VALIDATION_DIGITS = 4;

export function modelsSection(input: ReportModelsInput, { t, num, table, e }: SectionHelpers): string {
  const metricsTable = (x: ReportEvaluation) =>
    table(
      [t('report.metric'), t('report.value'), t('report.ci')],
      Object.entries(x.metrics).map(([k, v]) => {
        const ci = x.ci95[k];
        const d = decimalsFor(v, 4);
        return [e(k), e(num(v, d)), e(ci ? `${num(ci[0], d)} – ${num(ci[1], d)}` : '—')];
      }),
      [false, true, true],
    );

  const modelCard = (m: ReportModel) => {
    const evals = input.evaluations.filter((x) => x.modelId === m.id);
    const v = m.validation;
    const stopped = fitStopSentence(m.stop, { t, num });
    return `<article class="card" data-model="${e(m.id)}"><h4>${e(t('report.modelCard', { name: m.name, id: m.id }))}</h4>
${table(
  [t('report.setting'), t('report.value')],
  [
    [e(t('model.seed')), e(m.seed)],
    [e(t('model.backend')), e(m.backend)],
    [e(t('report.trainSeconds')), e(num(m.trainSeconds, 2))],
    [
      e(t('report.validation')),
      v
        ? `<span data-validation-ndcg>${e(`NDCG@10 ${num(v.ndcg10, VALIDATION_DIGITS)} · HR@10 ${num(v.hr10, VALIDATION_DIGITS)}`)}</span>`
        : `<span data-validation-none>${e(t('model.recipe.noVal'))}</span>`,
    ],
    ...(stopped ? [[e(t('report.stopped')), `<span data-fit-stop>${e(stopped)}</span>`]] : []),
    ...settingsEntries(m.settings).map((s) => [`<code>${e(s.key)}</code>`, `<code>${e(s.value)}</code>`]),
  ],
)}
${m.notices.length ? `<p>${e(t('report.notices'))}</p><ul>${m.notices.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : ''}
${evals.map((x) => `<p>${e(t('report.evaluatedOn', { protocol: x.protocol, users: num(x.users) }))}${x.sampled ? ` ${e(t('report.sampled'))}` : ''}</p>${metricsTable(x)}`).join('')}
</article>`;
  };

  const classifierCard = (c: ReportClassifier) => {
    const majority = c.classShares.length ? Math.max(...c.classShares) : NaN;
    return `<article class="card" data-classifier="${e(c.id)}"><h4>${e(t('report.classifierCard', { id: c.id, base: c.baseModelId }))}</h4>
${table(
  [t('report.setting'), t('report.value')],
  [
    [e(t('behavior.outcome')), e(t(`behavior.outcome.${c.outcome}`))],
    [e(t('report.classifierLabels')), e(c.labels.join(', '))],
    [e(t('report.classifierExamples')), e(num(c.examples, 0))],
    [
      e(t('report.classifierAccuracy')),
      e(
        c.valAccuracy === null ? '—' : t('report.classifierAccuracyValue', { accuracy: num(c.valAccuracy, 3), majority: num(majority, 3) }),
      ),
    ],
    [e(t('report.trainSeconds')), e(num(c.seconds, 2))],
  ],
)}
${c.report ? predictionPart(c.report) : ''}
</article>`;
  };

  const predictionPart = (r: PredictionReport) => {
    const { head, rows } = predictionRows(r, { t, num });
    // No wrapping <div>: the dataset block is a <div> the report's readers cut at its first </div>.
    const sentences = predictionSentences(r, { t, num }).map((x) => `<p data-prediction-sentence>${e(x)}</p>`);
    return `${table(
      head,
      rows.map((row) => row.map(e)),
      [false, true, true, true],
    )}${sentences.join('')}`;
  };

  const perDataset = input.datasets.map((d) => {
    const models = input.models.filter((m) => m.datasetId === d.id);
    const classifiers = input.classifiers.filter((c) => c.datasetId === d.id);
    const embedded = input.itemEmbeddings[d.id];
    const body = [
      ...models.map(modelCard),
      ...classifiers.map(classifierCard),
      embedded
        ? `<p data-item-embeddings>${e(t('report.itemEmbeddings', { items: num(embedded.items, 0), dim: embedded.dim, model: embedded.textModelId }))}</p>`
        : '',
    ].filter(Boolean);
    return `<div class="dataset-models" data-dataset="${e(d.id)}"><h3>${e(d.name)}</h3>${
      body.length ? body.join('\n') : `<p class="muted">${e(t('report.noModelsOn', { dataset: d.name }))}</p>`
    }</div>`;
  });

  const texts = input.textModels.filter((m) => !input.classifiers.some((c) => c.id === m.id));
  const textPart = texts.length
    ? `<h3>${e(t('report.textModels'))}</h3>${table(
        [t('report.textModel'), t('report.textModelSource'), t('report.textModelShape'), t('report.textModelParameters')],
        texts.map((m) => [`<code>${e(m.id)}</code>`, e(m.source), e(`${m.layers} × ${m.hidden} (${m.heads})`), e(num(m.parameters, 0))]),
        [false, false, false, true],
      )}`
    : '';

  return `<section id="models"><h2>${e(t('report.models'))}</h2>${
    perDataset.length ? perDataset.join('\n') : `<p class="muted">${e(t('report.noModels'))}</p>`
  }${textPart}</section>`;
}
