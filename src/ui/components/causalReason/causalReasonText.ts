// The causal reason (causal/causalReason.ts) in the UI language: one sentence per group of behaviors, each naming the
// graph and the outcome and carrying the figures it rests on. Nothing off a directed path to the outcome is called a
// cause; an undirected edge only ever makes a possible cause.
import type { BehaviorFigure, CausalReason } from '../../../causal/causalReason';
import type { UpliftEstimate } from '../../../rec/uplift/tLearner';
import type { MessageKey } from '../../i18n/en';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
type Num = (x: number, digits?: number) => string;

/** Which graph the reason is read from, as the Causal view holds it. */
export interface GraphFacts {
  /** The discovery algorithm's short name (PC, NOTEARS). */
  algo: string;
  unit: 'user' | 'session';
  nodes: number;
  edges: number;
  undirected: number;
  /** The analyst added, removed or reversed an edge since discovery. */
  edited: boolean;
}

export type ReasonSentenceKind = 'graph' | 'causes' | 'userSide' | 'possible' | 'correlates' | 'unrelated';

/** Per-user estimated effect of recommending an item: the uplift model's τ with its 95% bootstrap interval. */
export type ItemUplift = UpliftEstimate;

export function causalReasonSentences(
  reason: CausalReason,
  graph: GraphFacts,
  t: T,
  num: Num,
  /** For r and its CI: the fixed decimals of the table beside the sentences (0.20, never -0); `num` where not given. */
  fixed: Num = num,
): { kind: ReasonSentenceKind; text: string }[] {
  const outcome = reason.outcome;
  const value = (x: number | null) => (x === null ? '—' : num(x, 2));
  const withValue = (f: BehaviorFigure) =>
    f.value === null ? f.name : t('reason.itemValue', { name: f.name, value: value(f.value), median: value(f.median) });
  const withR = (f: BehaviorFigure) =>
    f.r === null || !f.ci95
      ? f.name
      : t('reason.itemR', { name: f.name, r: fixed(f.r, 2), lo: fixed(f.ci95[0], 2), hi: fixed(f.ci95[1], 2) });
  const list = (fs: BehaviorFigure[], item: (f: BehaviorFigure) => string) => fs.map(item).join(t('reason.sep'));
  const out: { kind: ReasonSentenceKind; text: string }[] = [
    {
      kind: 'graph',
      text: t(graph.edited ? 'reason.graphEdited' : 'reason.graph', {
        algo: graph.algo,
        unit: t(graph.unit === 'user' ? 'causal.unit.user' : 'causal.unit.session'),
        nodes: graph.nodes,
        edges: graph.edges,
        undirected: graph.undirected,
        outcome,
      }),
    },
  ];
  out.push({
    kind: 'causes',
    text: reason.causes.length ? t('reason.causes', { outcome, list: list(reason.causes, withValue) }) : t('reason.noCauses', { outcome }),
  });
  // Where this user stands on the causes, from the value and the median printed beside them.
  const above = reason.causes.filter((f) => f.value !== null && f.median !== null && f.value > f.median).map((f) => f.name);
  const below = reason.causes.filter((f) => f.value !== null && f.median !== null && f.value < f.median).map((f) => f.name);
  if (above.length || below.length) {
    const parts = [
      above.length ? t('reason.above', { list: above.join(t('reason.sep')) }) : '',
      below.length ? t('reason.below', { list: below.join(t('reason.sep')) }) : '',
    ].filter(Boolean);
    out.push({ kind: 'userSide', text: t('reason.userSide', { parts: parts.join(t('reason.partSep')) }) });
  }
  if (reason.possibleCauses.length)
    out.push({ kind: 'possible', text: t('reason.possible', { outcome, list: list(reason.possibleCauses, withValue) }) });
  if (reason.correlates.length)
    out.push({ kind: 'correlates', text: t('reason.correlates', { outcome, list: list(reason.correlates, withR) }) });
  if (reason.unrelated.length)
    out.push({ kind: 'unrelated', text: t('reason.unrelated', { outcome, list: list(reason.unrelated, (f) => f.name) }) });
  return out;
}

/**
 * "Recommending it adds τ [lo, hi]" only when the CI excludes 0; otherwise the same figures as no evidence of an effect.
 * A fit without bootstrap draws gives lo = hi = τ: that is no interval, so it is said to be no evidence either.
 */
export function upliftSentence(u: ItemUplift, t: T, num: Num): string {
  const vars = { tau: num(u.tau, 3), lo: num(u.lo, 3), hi: num(u.hi, 3) };
  if (u.lo === u.hi) return t('reason.upliftNoCi', vars);
  return t(u.lo > 0 || u.hi < 0 ? 'reason.uplift' : 'reason.upliftNone', vars);
}
