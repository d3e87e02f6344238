// The shareable report: one self-contained HTML file (inline CSS and SVG, no script, a CSP that forbids any) with the
// settings, a fingerprint of the data, model cards, evaluations, explained recommendations and the charts. Every piece
// of text — titles, file names, item titles, reasons — is escaped: the report shows data, it never runs it.
import type { LogSummary } from '../../data/summary';
import type { Fingerprint } from '../../data/fingerprint';
import type { MessageKey } from '../i18n/en';
import { causalSection, type ReportCausal } from './reportCausal';
import { CJK_FAMILY, cjkFontFaceCss, hasCjk } from '../cjkFont';
import { eventLabel } from '../i18n/eventLabels';
import { modelsSection, type ReportClassifier, type ReportEvaluation, type ReportModel, type ReportTextModel } from './reportModels';

export type { ReportClassifier, ReportEvaluation, ReportModel, ReportTextModel };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface ReportExplanation {
  dataset: string;
  user: string;
  model: string;
  method: string;
  rows: { itemId: string; title: string; score: number; reason: string }[];
}

export interface ReportDataset {
  id: string;
  name: string;
  active: boolean;
  summary: LogSummary;
  fingerprint: Fingerprint;
}

export interface ReportInput {
  title: string;
  lang: 'en' | 'zh';
  t: Translate;
  generatedAt: Date;
  version: string;
  settings: { label: string; value: string }[];
  /** Every dataset open in the session, the active one first. */
  datasets: ReportDataset[];
  models: ReportModel[];
  evaluations: ReportEvaluation[];
  classifiers: ReportClassifier[];
  /** datasetId → the text model that embedded its items. */
  itemEmbeddings: Record<string, { textModelId: string; items: number; dim: number }>;
  textModels: ReportTextModel[];
  explanation: ReportExplanation | null;
  /** SVG markup serialised from the app's own charts (checked again here: anything scriptable is refused). */
  charts: { title: string; svg: string; datasetId?: string }[];
  /** The last causal graph and effect estimate (the section says how to get one when absent). */
  causal?: ReportCausal | null;
  /**
   * The bundled CJK face (WOFF2 as base64), embedded only when the report has CJK text: a Chinese report then reads on a
   * machine without CJK fonts, offline, while an English one stays small. Absent or null: system fonts only.
   */
  cjkFont?: string | null;
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
body { font-family: system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', '${CJK_FAMILY}', sans-serif; color: #1b1f24; background: #fff; max-width: 1100px; margin: 0 auto; padding: 24px; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 4px; } h2 { font-size: 1.25rem; border-bottom: 1px solid #d8dde3; padding-bottom: 4px; margin-top: 32px; } h3 { font-size: 1.05rem; margin: 20px 0 6px; }
.muted { color: #5b6470; } code { font-family: ui-monospace, monospace, '${CJK_FAMILY}'; font-size: 0.85rem; overflow-wrap: anywhere; }
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

  const dataParts: string[] = [];
  for (const d of input.datasets) {
    const s = d.summary;
    dataParts.push(`<article class="dataset" data-dataset="${e(d.id)}"><h3>${e(d.name)}${d.active ? ` <span class="muted">(${e(t('report.activeDataset'))})</span>` : ''}</h3>
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
<h4>${e(t('data.chart.byType'))}</h4>${table(
      [t('report.eventType'), t('data.overview.events')],
      Object.entries(s.eventsByType).map(([k, v]) => [e(eventLabel(k, input.lang)), e(num(v))]),
      [false, true],
    )}
${
  s.funnel.length > 1
    ? `<h4>${e(t('data.chart.funnel'))}</h4>${table(
        [t('report.step'), t('report.funnelReached'), t('report.funnelRate'), t('report.funnelAtAll')],
        s.funnel.map((f, i) => [
          e(eventLabel(f.step, input.lang)),
          e(num(f.reached)),
          i > 0 && s.funnel[i - 1].reached > 0 ? e(`${num((100 * f.reached) / s.funnel[i - 1].reached, 1)}%`) : '',
          e(num(f.users)),
        ]),
        [false, true, true, true],
      )}`
    : ''
}
</article>`);
  }
  parts.push(
    `<section id="data"><h2>${e(t('report.data'))}</h2>${dataParts.length ? dataParts.join('\n') : `<p class="muted">${e(t('report.noData'))}</p>`}</section>`,
  );

  const helpers = { t, num, table, e, safeSvg };
  parts.push(modelsSection(input, helpers));

  const ex = input.explanation;
  parts.push(
    `<section id="recommendations"><h2>${e(t('report.recommendations'))}</h2>${
      ex
        ? `<p>${e(t('report.recommendationsFor', { dataset: ex.dataset, user: ex.user, model: ex.model, method: ex.method }))}</p>${table(
            [t('report.rank'), t('report.item'), t('report.itemTitle'), t('report.score'), t('report.reason')],
            ex.rows.map((r, i) => [e(i + 1), `<code>${e(r.itemId)}</code>`, e(r.title), e(num(r.score)), e(r.reason)]),
            [true, false, false, true, false],
          )}`
        : `<p class="muted">${e(t('report.noExplanation'))}</p>`
    }</section>`,
  );

  parts.push(causalSection(input.causal, helpers));

  const figure = (c: ReportInput['charts'][number]) => {
    const svg = safeSvg(c.svg);
    return `<figure><figcaption>${e(c.title)}</figcaption>${svg ?? `<p class="muted">${e(t('report.chartRefused'))}</p>`}</figure>`;
  };
  // Grouped under their dataset's name (charts of no dataset first), so two datasets' charts are never confused.
  const groups = [
    input.charts.filter((c) => !c.datasetId).map(figure),
    ...input.datasets.map((d) => {
      const mine = input.charts.filter((c) => c.datasetId === d.id);
      return mine.length ? [`<h3>${e(d.name)}</h3>`, ...mine.map(figure)] : [];
    }),
  ].flat();
  if (groups.length) parts.push(`<section id="charts"><h2>${e(t('report.charts'))}</h2>${groups.join('\n')}</section>`);
  const body = parts.join('\n');
  // After the system CJK fonts in the stack, for the characters they lack; the charts' inline SVG uses it too.
  const fontFace = input.cjkFont && hasCjk(input.title + body) ? cjkFontFaceCss(input.cjkFont) : '';

  return `<!doctype html>
<html lang="${input.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="RecLens ${e(input.version)}">
<title>${e(input.title)}</title>
<style>${fontFace}${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
