// What the Effect panel offers on a graph: constant variables (ml-100k's exposed and purchased, 0 for every user) are
// neither treatment nor outcome; a treatment that is not 0/1 is offered split at a threshold, starting from its median.
import type { CausalVariables } from '../../../causal/pipelineTypes';
import type { VariableSummary } from '../../../causal/treatmentSplit';

export interface EffectChoices {
  treatments: string[];
  outcomes: string[];
  /** Graph variables left out because every row has the same value. */
  constant: { name: string; value: number }[];
  /** The summary a split starts from when `name` must be split (not 0/1), else null. */
  info: (name: string) => VariableSummary | null;
}

/** The variables every row has the same value of (from the worker's summaries; the log's constant defaults before those). */
export function constantVariables(vars: CausalVariables | null): { name: string; value: number }[] {
  if (!vars) return [];
  if (!vars.summaries) return vars.constant;
  return vars.names.flatMap((name, j) => {
    const s = vars.summaries![j];
    return s && !(s.max > s.min) ? [{ name, value: s.min }] : [];
  });
}

export function effectChoices(nodes: readonly string[], vars: CausalVariables | null): EffectChoices {
  const summary = (n: string) => {
    const j = vars ? vars.names.indexOf(n) : -1;
    return j >= 0 ? { kind: vars!.kinds[j], s: vars!.summaries?.[j] ?? null } : null;
  };
  const constant = constantVariables(vars).filter((c) => nodes.includes(c.name));
  const varying = nodes.filter((n) => !constant.some((c) => c.name === n));
  return {
    treatments: varying,
    outcomes: varying,
    constant,
    info: (n) => {
      const v = summary(n);
      return v && v.kind !== 'binary' && v.s ? v.s : null;
    },
  };
}

/** Null when the typed threshold is a number above the variable's minimum and at most its maximum (so both arms have rows), else 'range'. */
export function thresholdProblem(text: string, s: Pick<VariableSummary, 'min' | 'max'>): 'range' | null {
  const v = text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(v) && v > s.min && v <= s.max ? null : 'range';
}
