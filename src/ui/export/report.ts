// The shareable report: one self-contained HTML file (inline CSS and SVG, no script, a CSP that forbids any) with the
// settings, a fingerprint of the data, model cards, evaluations, explained recommendations and the charts. Every piece
// of text — titles, file names, item titles, reasons — is escaped: the report shows data, it never runs it.
import type { LogSummary } from '../../data/summary';
import type { Fingerprint } from '../../data/fingerprint';
import type { MessageKey } from '../i18n/en';
import { causalSection, type ReportCausal } from './reportCausal';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface ReportModel {
  id: string;
  name: string;
  settings: Record<string, unknown>;
  seed: number;
  backend: string;
  trainSeconds: number;
  validation: { ndcg10: number; hr10: number };
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

export interface ReportExplanation {
  user: string;
  model: string;
  method: string;
  rows: { itemId: string; title: string; score: number; reason: string }[];
}

export interface ReportInput {
  title: string;
  lang: 'en' | 'zh';
  t: Translate;
  generatedAt: Date;
  version: string;
  settings: { label: string; value: string }[];
  dataset: { name: string; summary: LogSummary; fingerprint: Fingerprint } | null;
  models: ReportModel[];
  evaluations: ReportEvaluation[];
  explanation: ReportExplanation | null;
  /** SVG markup serialised from the app's own charts (checked again here: anything scriptable is refused). */
  charts: { title: string; svg: string }[];
  /** The last causal graph and effect estimate (the section says how to get one when absent). */
  causal?: ReportCausal | null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * SVG markup is embedded as markup, so it is only accepted when it is a lone <svg> element with nothing that can run:
 * no script or foreignObject elements, no on* handlers, no javascript: or external references.
 */
export function safeSvg(svg: string): string | null {
  const s = svg.trim();
  if (!/^<svg[\s>]/i.test(s) || !/<\/svg>$/i.test(s)) return null;
  if (/<\s*(script|foreignObject|iframe|object|embed|use|image|a)\b/i.test(s)) return null;
  // Inside tags only (text nodes arrive escaped, so a raw '<' always opens a tag).
  if (/<[^>]*\son[a-z]+\s*=/i.test(s) || /javascript:/i.test(s) || /<[^>]*\s(?:xlink:)?(?:href|src)\s*=\s*["']?(?!#)/i.test(s)) return null;
  return s;
}

const STYLE = `
body { font-family: system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif; color: #1b1f24; background: #fff; max-width: 1100px; margin: 0 auto; padding: 24px; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 4px; } h2 { font-size: 1.25rem; border-bottom: 1px solid #d8dde3; padding-bottom: 4px; margin-top: 32px; } h3 { font-size: 1.05rem; margin: 20px 0 6px; }
.muted { color: #5b6470; } code { font-family: ui-monospace, monospace; font-size: 0.85rem; overflow-wrap: anywhere; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 6px 0 12px; } th, td { border-bottom: 1px solid #d8dde3; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f2f4f7; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.card { border: 1px solid #d8dde3; border-radius: 8px; padding: 8px 16px; margin: 12px 0; }
figure { margin: 12px 0 20px; } figcaption { font-weight: 600; margin-bottom: 4px; } svg { max-width: 100%; height: auto; }
pre { background: #f2f4f7; padding: 8px; border-radius: 6px; overflow-x: auto; font-size: 0.8rem; }
`;

export function buildReportHtml(input: ReportInput): string {
  const { t } = input;
  const locale = input.lang === 'zh' ? 'zh-CN' : 'en-US';
  const num = (x: number, digits = 4) => (Number.isFinite(x) ? x.toLocaleString(locale, { maximumFractionDigits: digits }) : '—');
  const table = (head: string[], rows: string[][], numeric: boolean[] = []) =>
    `<table><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const e = escapeHtml;

  const parts: string[] = [];
  parts.push(
    `<header><h1>${e(input.title)}</h1><p class="muted">${e(t('report.generated', { date: input.generatedAt.toISOString().replace('T', ' ').slice(0, 19) + ' UTC', version: input.version }))}</p></header>`,
  );

  parts.push(
    `<section id="settings"><h2>${e(t('report.settings'))}</h2>${table(
      [t('report.setting'), t('report.value')],
      input.settings.map((s) => [e(s.label), e(s.value)]),
    )}</section>`,
  );

  const d = input.dataset;
  if (d) {
    const s = d.summary;
    parts.push(`<section id="data"><h2>${e(t('report.data'))}: ${e(d.name)}</h2>
<p>${e(t('report.fingerprint', { algorithm: d.fingerprint.algorithm }))} <code data-fingerprint>${e(d.fingerprint.hex)}</code></p>
<p class="muted">${e(t('report.fingerprintCovers'))}</p>
${table(
  [t('report.measure'), t('report.value')],
  [
    [e(t('data.overview.events')), e(num(s.events))],
    [e(t('data.overview.users')), e(num(s.users))],
    [e(t('data.overview.items')), e(num(s.items))],
    [e(t('data.overview.timeRange')), e(s.timeRange ? `${s.timeRange[0]} – ${s.timeRange[1]}` : t('data.overview.noTime'))],
  ],
  [false, true],
)}
<h3>${e(t('data.chart.byType'))}</h3>${table(
      [t('report.eventType'), t('data.overview.events')],
      Object.entries(s.eventsByType).map(([k, v]) => [e(k), e(num(v))]),
      [false, true],
    )}
${
  s.funnel.length > 1
    ? `<h3>${e(t('data.chart.funnel'))}</h3>${table(
        [t('report.step'), t('report.funnelReached'), t('report.funnelRate'), t('report.funnelAtAll')],
        s.funnel.map((f, i) => [
          e(f.step),
          e(num(f.reached)),
          i > 0 && s.funnel[i - 1].reached > 0 ? e(`${num((100 * f.reached) / s.funnel[i - 1].reached, 1)}%`) : '',
          e(num(f.users)),
        ]),
        [false, true, true, true],
      )}`
    : ''
}
</section>`);
  }

  const models = input.models.map((m) => {
    const evals = input.evaluations.filter((x) => x.modelId === m.id);
    const settings = Object.entries(m.settings);
    return `<article class="card" data-model="${e(m.id)}"><h3>${e(t('report.modelCard', { name: m.name, id: m.id }))}</h3>
${table(
  [t('report.setting'), t('report.value')],
  [
    [e(t('model.seed')), e(m.seed)],
    [e(t('model.backend')), e(m.backend)],
    [e(t('report.trainSeconds')), e(num(m.trainSeconds, 2))],
    [e(t('report.validation')), e(`NDCG@10 ${num(m.validation.ndcg10)} · HR@10 ${num(m.validation.hr10)}`)],
    ...settings.map(([k, v]) => [`<code>${e(k)}</code>`, `<code>${e(JSON.stringify(v))}</code>`]),
  ],
)}
${m.notices.length ? `<p>${e(t('report.notices'))}</p><ul>${m.notices.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : ''}
${evals.map((x) => `<p>${e(t('report.evaluatedOn', { protocol: x.protocol, users: num(x.users) }))}${x.sampled ? ` ${e(t('report.sampled'))}` : ''}</p>${metricsTable(x)}`).join('')}
</article>`;
  });
  parts.push(
    `<section id="models"><h2>${e(t('report.models'))}</h2>${models.length ? models.join('\n') : `<p class="muted">${e(t('report.noModels'))}</p>`}</section>`,
  );

  function metricsTable(x: ReportEvaluation): string {
    return table(
      [t('report.metric'), t('report.value'), t('report.ci')],
      Object.entries(x.metrics).map(([k, v]) => {
        const ci = x.ci95[k];
        return [e(k), e(num(v)), e(ci ? `${num(ci[0])} – ${num(ci[1])}` : '—')];
      }),
      [false, true, true],
    );
  }

  const ex = input.explanation;
  parts.push(
    `<section id="recommendations"><h2>${e(t('report.recommendations'))}</h2>${
      ex
        ? `<p>${e(t('report.recommendationsFor', { user: ex.user, model: ex.model, method: ex.method }))}</p>${table(
            [t('report.rank'), t('report.item'), t('report.itemTitle'), t('report.score'), t('report.reason')],
            ex.rows.map((r, i) => [e(i + 1), `<code>${e(r.itemId)}</code>`, e(r.title), e(num(r.score)), e(r.reason)]),
            [true, false, false, true, false],
          )}`
        : `<p class="muted">${e(t('report.noExplanation'))}</p>`
    }</section>`,
  );

  parts.push(causalSection(input.causal, { t, num, table, e, safeSvg }));

  const charts = input.charts.map((c) => {
    const svg = safeSvg(c.svg);
    return `<figure><figcaption>${e(c.title)}</figcaption>${svg ?? `<p class="muted">${e(t('report.chartRefused'))}</p>`}</figure>`;
  });
  if (charts.length) parts.push(`<section id="charts"><h2>${e(t('report.charts'))}</h2>${charts.join('\n')}</section>`);

  return `<!doctype html>
<html lang="${input.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="RecLens ${e(input.version)}">
<title>${e(input.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
