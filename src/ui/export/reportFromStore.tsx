// Assembles the shareable report from the store: the active dataset (with its fingerprint), its trained models and
// evaluations, the explanation last shown, and the app's own charts drawn off-screen in the light theme as inline SVG.
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
import type { ReportCausal } from './reportCausal';
import { version } from '../../../package.json';

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
  const dataset = activeDataset(s);
  const models = s.trainedModels.filter((m) => m.datasetId === dataset?.id);
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
  let explanation: ReportInput['explanation'] = null;
  if (dataset && shown && explainedModel) {
    const { titles } = itemLabels(dataset.log, dataset.catalog);
    explanation = {
      user: dataset.log.users[shown.user] ?? String(shown.user),
      model: `${explainedModel.name} (${explainedModel.id})`,
      method: shown.result.methods[0] ?? '',
      rows: shown.result.rows.map((r) => ({
        itemId: dataset.log.items[r.item],
        title: titles[r.item],
        score: r.score,
        reason: r.reason[lang],
      })),
    };
  }

  const charts: ReactElement[] = [];
  if (dataset) {
    const sum = dataset.summary;
    charts.push(
      <BarChart
        key="type"
        title={t('data.chart.byType')}
        format={(v) => num(v)}
        data={Object.entries(sum.eventsByType).map(([label, value], i) => ({ label, value, colour: eventColour(label, i) }))}
      />,
    );
    if (sum.funnel.length > 1)
      charts.push(
        <BarChart
          key="funnel"
          title={t('data.chart.funnel')}
          format={(v) => num(v)}
          data={sum.funnel.map((f, i) => ({ label: f.step, value: f.users, colour: eventColour(f.step, i) }))}
        />,
      );
    charts.push(
      <ActivityChart
        key="activity"
        title={t('data.chart.activity')}
        format={(v) => num(v)}
        buckets={sum.activity}
        isTime={sum.activityBucket !== 'position'}
        width={960}
      />,
    );
  }
  for (const m of models.filter((x) => x.curve.length > 1)) {
    charts.push(
      <LineChart
        key={`curve-${m.id}`}
        title={`${t('model.curve')}: ${m.name} (${m.id})`}
        xLabel="epoch"
        format={(v) => num(v, 3)}
        series={[
          { name: 'loss', colour: '#0072B2', points: m.curve.map((c) => ({ x: c.epoch, y: c.loss })) },
          {
            name: 'val NDCG@10',
            colour: '#D55E00',
            points: m.curve.filter((c) => typeof c.valNdcg10 === 'number').map((c) => ({ x: c.epoch, y: c.valNdcg10! })),
          },
        ]}
      />,
    );
  }
  for (const protocol of [...new Set(evaluations.map((e) => e.protocol))]) {
    const rows = evaluations.filter((e) => e.protocol === protocol);
    const key = Object.keys(rows[0].metrics).find((k) => k.startsWith('NDCG@'));
    if (!key) continue;
    charts.push(
      <CiBarChart
        key={`ndcg-${protocol}`}
        title={`${key} ± 95% CI · ${t(`evaluate.protocol.${protocol}` as 'evaluate.protocol.full')}`}
        format={(v) => num(v, 3)}
        data={rows.map((r) => ({
          label: r.modelName,
          value: r.metrics[key] ?? 0,
          lo: r.ci95[key]?.[0] ?? NaN,
          hi: r.ci95[key]?.[1] ?? NaN,
        }))}
      />,
    );
  }

  // The last causal graph (as edited) and effect estimate, when they belong to this dataset; the graph drawn as in the view.
  const graph = dataset && s.causalGraph?.datasetId === dataset.id ? s.causalGraph : null;
  const effect = dataset && s.causalEffect?.datasetId === dataset.id ? s.causalEffect : null;
  let causal: ReportCausal | null = null;
  if (graph || effect) {
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
    causal = {
      graph: graph && { request: graph.request, result: graph.result, dag: graph.dag, svg },
      effect: effect && { request: effect.request, result: effect.result },
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
  if (dataset) settings.push({ label: t('report.data'), value: dataset.name });

  return buildReportHtml({
    title,
    lang,
    t,
    generatedAt: new Date(),
    version,
    settings,
    dataset: dataset ? { name: dataset.name, summary: dataset.summary, fingerprint: await logFingerprint(dataset.log) } : null,
    models: models.map((m) => ({
      id: m.id,
      name: m.name,
      settings: m.settings,
      seed: m.seed,
      backend: m.backend,
      trainSeconds: m.trainSeconds,
      validation: m.validation,
      notices: m.notices,
    })),
    evaluations,
    explanation,
    charts: await renderCharts(charts),
    causal,
  });
}
