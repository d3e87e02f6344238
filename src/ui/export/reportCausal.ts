// The report's "Causal analysis" section: the graph as the analyst left it (drawn SVG and a table of edges with their
// evidence), the settings discovery ran with, the demo's SHD when known, and the last effect estimate with its CIs
// and refutations. Variable names come from the data: every one is escaped like the rest of the report.
import type { DiscoverRequest, DiscoverResult, EffectRequest, EffectResult } from '../../causal/pipelineTypes';
import { DISCOVERY_ALGORITHMS, type DiscoverySetting } from '../../causal/discovery';
import { ESTIMATOR_KEYS, ESTIMATORS } from '../../causal/estimators';
import type { Dag } from '../../causal/graph';
import type { MessageKey } from '../i18n/en';
import { effectFindingSentences, refutationNote, treatmentLabel } from '../components/causal/effectFindingText';
import { formatP } from '../i18n/pValue';

export interface ReportCausal {
  /** The dataset the analysis ran on (the session may hold several). */
  dataset?: string;
  graph: { request: DiscoverRequest; result: DiscoverResult; dag: Dag; svg: string | null } | null;
  /** `truthAte`: the planted effect of treatment on outcome where the data has one (the demo), else null. */
  effect: { request: EffectRequest; result: EffectResult; truthAte?: number | null } | null;
}

/** The report's own helpers, passed in (report.ts imports this file). */
export interface SectionHelpers {
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  num: (x: number, digits?: number) => string;
  table: (head: string[], rows: string[][], numeric?: boolean[]) => string;
  e: (value: unknown) => string;
  safeSvg: (svg: string) => string | null;
}

/** One setting of the discovery request as a report row; where the backend evaluated NOTEARS is not reported. */
function settingRow(k: DiscoverySetting, r: DiscoverRequest, t: SectionHelpers['t'], num: SectionHelpers['num']): [string, string] | null {
  switch (k) {
    case 'alpha':
      return ['α', num(r.alpha)];
    case 'lambda':
      return [t('causal.lambda'), num(r.lambda ?? NaN)];
    case 'threshold':
      return [t('causal.threshold'), num(r.threshold ?? NaN)];
    case 'standardize':
      return [t('causal.standardize'), String(!!r.standardize)];
    case 'inner':
      return null;
  }
}

export function causalSection(c: ReportCausal | null | undefined, { t, num, table, e, safeSvg }: SectionHelpers): string {
  const parts: string[] = [`<h2>${e(t('report.causal'))}</h2>`];
  const g = c?.graph;
  if (!g && !c?.effect) return `<section id="causal">${parts[0]}<p class="muted">${e(t('report.noCausal'))}</p></section>`;
  if (c?.dataset) parts.push(`<p>${e(t('report.causalOn', { dataset: c.dataset }))}</p>`);
  if (g) {
    const r = g.request;
    const algo = g.result.algo;
    const settings: [string, string][] = [
      [t('causal.algo'), t(DISCOVERY_ALGORITHMS[algo].labelKey)],
      [t('causal.unit'), t(r.unit === 'session' ? 'causal.unit.session' : 'causal.unit.user')],
      [t('causal.pick'), g.result.variables.join(', ')],
      ...DISCOVERY_ALGORITHMS[algo].settings.flatMap((k): [string, string][] => {
        const row = settingRow(k, r, t, num);
        return row ? [row] : [];
      }),
      [t('causal.bootstrap'), num(r.bootstrap)],
      ['seed', String(r.seed)],
    ];
    if (r.tiers?.length) settings.push([t('report.tiers'), r.tiers.map((tier) => tier.join(', ')).join(' ≺ ')]);
    if (r.required?.length) settings.push([t('report.requiredEdges'), r.required.map(([a, b]) => `${a} → ${b}`).join('; ')]);
    if (r.forbidden?.length) settings.push([t('report.forbiddenEdges'), r.forbidden.map(([a, b]) => `${a} → ${b}`).join('; ')]);
    parts.push(
      `<h3>${e(t('causal.graph'))}</h3>${table(
        [t('report.setting'), t('report.value')],
        settings.map(([k, v]) => [e(k), e(v)]),
      )}`,
    );
    const truth = g.result.truth;
    if (truth)
      parts.push(
        `<p data-shd="${e(truth.shd)}">${e(t('causal.truth', { shd: truth.shd, found: truth.truePositives, total: truth.trueEdges }))}</p>`,
      );
    const svg = g.svg === null ? null : safeSvg(g.svg);
    if (svg) parts.push(`<figure>${svg}</figure>`);
    const evidence = (from: string, to: string) =>
      g.result.edges.find((x) => (x.from === from && x.to === to) || (x.from === to && x.to === from));
    parts.push(
      table(
        [t('report.edge'), t('report.edgeWeight'), t('report.edgeStability'), 'p', t('report.edgeNote')],
        g.dag.edges.map((edge) => {
          const ev = evidence(edge.from, edge.to);
          const note = !ev ? t('causal.analystEdge') : !ev.directed ? t('causal.undirected') : '';
          return [
            `<code>${e(edge.from)}</code> → <code>${e(edge.to)}</code>`,
            e(ev ? num(ev.weight ?? ev.partialCorrelation, 3) : '—'),
            e(ev?.stability !== undefined ? `${num(100 * ev.stability, 0)}%` : '—'),
            e(ev ? formatP(ev.pValue, num) : '—'),
            e(note),
          ];
        }),
        [false, true, true, true, false],
      ),
    );
  }
  const eff = c?.effect;
  if (eff) {
    const { request: q, result: res } = eff;
    // A split treatment is named with its threshold ("rating_mean ≥ 3.6 vs below"), as in the Effect panel.
    const split = res.ok ? (res.split ?? null) : null;
    const label = treatmentLabel(q.treatment, split, t, num);
    parts.push(`<h3>${e(t('causal.effect'))}: <code>${e(label)}</code> → <code>${e(q.outcome)}</code></h3>`);
    if (!res.ok) parts.push(`<p>${e(t('report.effectFailed', { reason: res.reason }))}</p>`);
    else {
      if (split) {
        const counts = { label, treated: num(split.treated), control: num(split.control), threshold: num(split.threshold, 6) };
        parts.push(`<p data-split>${e(t('causal.splitCounts', counts))}</p>`);
      }
      const ci = (x: { ate: number; ci95: [number, number] }) => `${num(x.ate, 3)} [${num(x.ci95[0], 3)}, ${num(x.ci95[1], 3)}]`;
      const set = res.adjustmentSet.length ? res.adjustmentSet.map((v) => `<code>${e(v)}</code>`).join(', ') : '∅';
      parts.push(`<p>${e(t('causal.adjustment'))}: ${set}${res.causalPathExists ? '' : ` · ${e(t('causal.noPath'))}`}</p>`);
      // Where the effect is known (the demo's planted one), whether each CI covers it, as in the Effect panel.
      const truth = eff.truthAte ?? null;
      const covers = (x: { ci95: [number, number] }) => (truth !== null && x.ci95[0] <= truth && truth <= x.ci95[1] ? '✓' : '✗');
      parts.push(
        table(
          [t('causal.estimator'), 'ATE [95% CI]', ...(truth !== null ? [t('causal.coversTruth', { ate: num(truth, 3) })] : [])],
          ESTIMATOR_KEYS.map((k) => [
            e(t(ESTIMATORS[k].labelKey)),
            e(ci(res.estimates[k])),
            ...(truth !== null ? [covers(res.estimates[k])] : []),
          ]),
          [false, true, false],
        ),
      );
      parts.push(
        `<p>${e(t('causal.whatIf', { control: ci(res.estimates.whatIf.control), treated: ci(res.estimates.whatIf.treated) }))}</p>`,
      );
      parts.push(
        `<h3>${e(t('causal.refutations'))}${split ? ` · ${e(label)}` : ''}</h3>${table(
          [t('causal.refutations'), t('report.refOriginal'), t('report.refNew'), t('report.refPassed'), t('report.edgeNote')],
          res.refutations.map((x) => [
            e(t(`causal.ref.${x.name}`)),
            e(num(x.originalEffect, 3)),
            e(`${num(x.newEffect, 3)} (${num(x.sd, 3)})`),
            x.passed ? '✓' : '✗',
            e(refutationNote(x, t, num)),
          ]),
          [false, true, true, false, false],
        )}`,
      );
      // The same sentences as the Effect panel: what these figures support, the E-value and what the checks cannot show.
      const said = effectFindingSentences(res, q.treatment, q.outcome, t, num);
      parts.push(`<ul>${said.map((f) => `<li>${e(f.text)}</li>`).join('')}</ul>`);
    }
  }
  return `<section id="causal">${parts.join('\n')}</section>`;
}
