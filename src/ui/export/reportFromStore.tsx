// Assembles the shareable report from the store: every open dataset (with its fingerprint), the recommenders,
// classifiers and evaluations of each, the text models loaded, the explanation last shown and the causal analysis, and
// the app's own charts drawn off-screen in the light theme as inline SVG.
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { ReactElement } from 'react';
import { useApp } from '../../store';
import { activeDataset } from '../../store/dataSlice';
import { itemLabels } from '../../data/eventLog';
import { logFingerprint } from '../../data/fingerprint';
import { translate, type Lang } from '../i18n';
import { BarChart } from '../charts/BarChart';
import { ActivityChart } from '../charts/ActivityChart';
import { CiBarChart } from '../charts/CiBarChart';
import { LineChart } from '../charts/LineChart';
import { DagChart } from '../charts/DagChart';
import { eventColour } from '../charts/palette';
import { svgMarkup } from '../charts/exportChart';
import { buildReportHtml, type ReportInput } from './report';
import { curveSeries } from './reportCurve';
import { VALIDATION_DIGITS } from './reportModels';
import type { ReportCausal } from './reportCausal';
import { version } from '../../../package.json';
import { eventLabel } from '../i18n/eventLabels';
import { datasetDisplayName } from '../i18n/datasetName';
import { cjkFontBase64 } from '../cjkFont';
import { wasmThreadsText } from '../components/shell/wasmThreadsText';

/** Draws chart components into a hidden light-theme box, waits for D3 to draw, and returns their SVG markup. */
async function renderCharts(charts: ReactElement[]): Promise<{ title: string; svg: string }[]> {
  if (charts.length === 0) return [];
  const box = document.createElement('div');
  box.className = 'theme-light report-render';
  box.setAttribute('aria-hidden', 'true');
  Object.assign(box.style, { position: 'absolute', left: '-10000px', top: '0', width: '1000px' });
  document.body.appendChild(box);
  const root = createRoot(box);
  try {
    flushSync(() => root.render(<>{charts}</>));
    // D3 draws in effects; let them run.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return Array.from(box.querySelectorAll<SVGSVGElement>('svg.chart'), (svg) => ({
      title: svg.getAttribute('aria-label') ?? '',
      svg: svgMarkup(svg, { background: null }),
    }));
  } finally {
    root.unmount();
    box.remove();
  }
}

export async function reportFromStore(title: string, lang: Lang): Promise<string> {
  const s = useApp.getState();
  const t: ReportInput['t'] = (k, v) => translate(lang, k, v);
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  const num = (x: number, digits = 0) => x.toLocaleString(locale, { maximumFractionDigits: digits });
  const active = activeDataset(s);
  // Every dataset of the session, the active one first: models, classifiers and evaluations of each are reported.
  const datasets = [...(active ? [active] : []), ...s.datasets.filter((d) => d.id !== active?.id)];
  const open = new Set(datasets.map((d) => d.id));
  const models = s.trainedModels.filter((m) => open.has(m.datasetId));
  const evaluations = s.evaluations
    .map((e) => ({ e, model: models.find((m) => m.id === e.modelId) }))
    .filter((x) => x.model)
    .map(({ e, model }) => ({
      modelId: e.modelId,
      modelName: model!.name,
      protocol: e.protocol,
      sampled: e.result.sampled,
      users: e.result.users,
      metrics: e.result.metrics,
      ci95: e.result.ci95,
    }));

  const shown = s.lastExplanation;
  const explainedModel = shown && models.find((m) => m.id === shown.modelId);
  const explainedOn = explainedModel && datasets.find((d) => d.id === explainedModel.datasetId);
  let explanation: ReportInput['explanation'] = null;
  if (explainedOn && shown && explainedModel) {
    const { titles } = itemLabels(explainedOn.log, explainedOn.catalog);
    explanation = {
      dataset: explainedOn.name,
      user: explainedOn.log.users[shown.user] ?? String(shown.user),
      model: `${explainedModel.name} (${explainedModel.id})`,
      method: shown.result.methods[0] ?? '',
      rows: shown.result.rows.map((r) => ({
        itemId: explainedOn.log.items[r.item],
        title: titles[r.item],
        score: r.score,
        reason: r.reason[lang],
      })),
    };
  }

  const charts: ReportInput['charts'] = [];
  for (const dataset of datasets) {
    const sum = dataset.summary;
    const drawn: ReactElement[] = [
      <BarChart
        key="type"
        title={t('data.chart.byType')}
        format={(v) => num(v)}
        data={Object.entries(sum.eventsByType).map(([type, value], i) => ({
          label: eventLabel(type, lang),
          value,
          colour: eventColour(type, i),
        }))}
      />,
    ];
    if (sum.funnel.length > 1)
      drawn.push(
        <BarChart
          key="funnel"
          title={t('data.chart.funnel')}
          format={(v) => num(v)}
          data={sum.funnel.map((f, i) => ({ label: eventLabel(f.step, lang), value: f.users, colour: eventColour(f.step, i) }))}
        />,
      );
    drawn.push(
      <ActivityChart
        key="activity"
        title={t('data.chart.activity')}
        format={(v) => num(v)}
        buckets={sum.activity}
        isTime={sum.activityBucket !== 'position'}
        width={960}
        lang={lang}
      />,
    );
    const names = {
      loss: t('report.curve.loss'),
      earlyStopping: t('report.curve.earlyStopping'),
      validation: t('report.curve.validation'),
    };
    for (const m of models.filter((x) => x.datasetId === dataset.id && x.curve.length > 1)) {
      drawn.push(
        <LineChart
          key={`curve-${m.id}`}
          title={`${t('model.curve')}: ${m.name} (${m.id})`}
          xLabel="epoch"
          format={(v) => num(v, VALIDATION_DIGITS)}
          series={curveSeries(m, names)}
        />,
      );
    }
    const mine = evaluations.filter((e) => models.some((m) => m.id === e.modelId && m.datasetId === dataset.id));
    for (const protocol of [...new Set(mine.map((e) => e.protocol))]) {
      const rows = mine.filter((e) => e.protocol === protocol);
      const key = Object.keys(rows[0].metrics).find((k) => k.startsWith('NDCG@'));
      if (!key) continue;
      drawn.push(
        <CiBarChart
          key={`ndcg-${protocol}`}
          title={`${key} ± 95% CI · ${t(`evaluate.protocol.${protocol}` as 'evaluate.protocol.full')}`}
          format={num}
          data={rows.map((r) => ({
            label: r.modelName,
            value: r.metrics[key] ?? 0,
            lo: r.ci95[key]?.[0] ?? NaN,
            hi: r.ci95[key]?.[1] ?? NaN,
          }))}
        />,
      );
    }
    for (const c of await renderCharts(drawn)) charts.push({ ...c, datasetId: dataset.id });
  }

  // The last causal graph (as edited) and effect estimate, on whichever open dataset they were made; the graph drawn as in the view.
  const graph = s.causalGraph && open.has(s.causalGraph.datasetId) ? s.causalGraph : null;
  const effect = s.causalEffect && open.has(s.causalEffect.datasetId) ? s.causalEffect : null;
  let causal: ReportCausal | null = null;
  if (graph || effect) {
    const on = datasets.find((d) => d.id === (graph ?? effect)!.datasetId);
    let svg: string | null = null;
    if (graph) {
      const evidence = (from: string, to: string) =>
        graph.result.edges.find((x) => (x.from === from && x.to === to) || (x.from === to && x.to === from));
      const drawn = await renderCharts([
        <DagChart
          key="dag"
          title={t('causal.graph')}
          nodes={[...graph.dag.nodes]}
          edges={graph.dag.edges.map((x) => {
            const ev = evidence(x.from, x.to);
            return { from: x.from, to: x.to, weight: x.weight, stability: ev?.stability, undirected: ev ? !ev.directed : false };
          })}
        />,
      ]);
      svg = drawn[0]?.svg ?? null;
    }
    const truthOf = (q: { treatment: string; outcome: string }) =>
      datasets.find((d) => d.id === effect?.datasetId)?.truth?.effects[`${q.treatment}->${q.outcome}`]?.ate ?? null;
    causal = {
      ...(on ? { dataset: on.name } : {}),
      graph: graph && { request: graph.request, result: graph.result, dag: graph.dag, svg },
      effect: effect && { request: effect.request, result: effect.result, truthAte: truthOf(effect.request) },
    };
  }

  const backend = s.backend;
  const settings: ReportInput['settings'] = [
    { label: t('report.language'), value: lang === 'zh' ? '简体中文' : 'English' },
    {
      label: t('report.backendUsed'),
      value: backend
        ? `${backend.backend} (${num(backend.gflops, 1)} GFLOP/s${backend.adapter ? `, ${[backend.adapter.vendor, backend.adapter.architecture].filter(Boolean).join(' ')}` : ''})`
        : '—',
    },
    { label: 'crossOriginIsolated', value: String(globalThis.crossOriginIsolated ?? false) },
  ];
  // The wasm thread count and the reason for it, as the header's Compute badge says it.
  if (backend?.backend === 'wasm' && backend.wasmThreads) {
    const fixed = (x: number, digits: number) => x.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    settings.push({ label: t('report.wasmThreads'), value: wasmThreadsText(backend.wasmThreads, t, fixed).sentence });
  }
  if (active) settings.push({ label: t('report.data'), value: datasetDisplayName(active, t) });

  return buildReportHtml({
    title,
    lang,
    t,
    generatedAt: new Date(),
    version,
    settings,
    datasets: await Promise.all(
      datasets.map(async (d) => ({
        id: d.id,
        name: datasetDisplayName(d, t),
        active: d.id === active?.id,
        summary: d.summary,
        fingerprint: await logFingerprint(d.log),
      })),
    ),
    models: models.map((m) => ({
      id: m.id,
      datasetId: m.datasetId,
      name: m.name,
      settings: m.settings,
      seed: m.seed,
      backend: m.backend,
      trainSeconds: m.trainSeconds,
      validation: m.recipe ? null : m.validation,
      ...(m.stop ? { stop: m.stop } : {}),
      notices: m.notices,
    })),
    evaluations,
    classifiers: s.behaviorClassifiers
      .filter((c) => open.has(c.datasetId))
      .map((c) => ({
        id: c.id,
        datasetId: c.datasetId,
        baseModelId: c.baseModelId,
        outcome: c.outcome,
        labels: c.labels,
        examples: c.examples,
        classShares: c.classShares,
        valAccuracy: c.valAccuracy,
        steps: c.steps,
        seconds: c.seconds,
        report: c.report,
      })),
    itemEmbeddings: Object.fromEntries(Object.entries(s.itemEmbeddings).filter(([id]) => open.has(id))),
    textModels: s.textModels.map((m) => ({
      id: m.id,
      source: m.source,
      layers: m.layers,
      hidden: m.hidden,
      heads: m.heads,
      parameters: m.parameters,
    })),
    explanation,
    charts,
    causal,
    // Handed over always; buildReportHtml embeds it only when the report has CJK text.
    cjkFont: await cjkFontBase64(),
  });
}
