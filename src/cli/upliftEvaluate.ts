// `reclens evaluate … --policy score|uplift [--truth truth.json]`: fit the uplift model on top of the fitted recommender,
// score both policies' top-K lists (true incremental purchases from a simulator's potential outcomes when given,
// estimated uplift always) and evaluate the chosen policy's list leave-one-out like any model.
import { readFile } from 'node:fs/promises';
import { parseUpliftTruth, upliftOracle } from '../data/demo/upliftTruth';
import type { Recommender } from '../rec/recommender';
import { comparePolicies, POLICIES, type Policy, type PolicyComparison } from '../rec/uplift/policies';
import { checkUpliftSettings, type UpliftSettings } from '../rec/uplift/tLearner';
import { fitUpliftModel } from '../rec/uplift/upliftModel';
import { upliftRanked } from '../rec/uplift/upliftRanked';
import { CliError, parseParams } from './command';
import type { Fitted } from './preamble';

export const POLICY_FLAGS = {
  policy: { type: 'string' },
  truth: { type: 'string' },
  'uplift-params': { type: 'string' },
} as const;

export const POLICY_USAGE = '[--policy score|uplift] [--truth <truth.json>] [--uplift-params candidates=50,bootstrap=30,maxUsers=20000]';

type PolicyValues = { policy?: string; truth?: string; 'uplift-params'?: string };

export interface PolicyPlan {
  policy: Policy;
  settings: UpliftSettings;
  truth: ReturnType<typeof upliftOracle> | null;
}

/** Flags and the truth file checked before any model is fitted; null when no policy flag was given. */
export async function policyPlan(values: PolicyValues): Promise<PolicyPlan | null> {
  if (values.policy === undefined && values.truth === undefined && values['uplift-params'] === undefined) return null;
  const policy = (values.policy ?? 'score') as Policy;
  if (!POLICIES.includes(policy)) throw new CliError(`--policy must be one of ${POLICIES.join(', ')}`);
  const settings = checkUpliftSettings(parseParams(values['uplift-params']));
  if (!settings.ok) throw new CliError(`--uplift-params: ${settings.reason}`);
  if (!values.truth) return { policy, settings: settings.data, truth: null };
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(values.truth, 'utf8'));
  } catch (e) {
    throw new CliError(`--truth ${values.truth}: ${(e as Error).message}`);
  }
  const truth = parseUpliftTruth(raw);
  if (!truth.ok) throw new CliError(`--truth ${values.truth}: ${truth.reason}`);
  return { policy, settings: settings.data, truth: upliftOracle(truth.data) };
}

export interface PolicyRun {
  /** The recommender whose list the chosen policy shows (the base model, or it re-ranked by uplift). */
  recommender: Recommender;
  comparison: PolicyComparison;
  treatedPairs: number;
  controlPairs: number;
}

export async function runPolicies(plan: PolicyPlan, fitted: Fitted, ks: readonly number[], seed: number): Promise<PolicyRun> {
  if (!fitted.log) throw new CliError('--policy needs the event log: give --data with --model (a checkpoint stores no exposures)');
  const uplift = await fitUpliftModel(fitted.log, fitted.split, fitted.model, plan.settings, { seed });
  if (!uplift.ok) throw new CliError(uplift.reason);
  const comparison = await comparePolicies(uplift.data, fitted.model, fitted.split, fitted.log, {
    k: ks,
    truth: plan.truth?.incremental ?? null,
    seed,
  });
  const recommender = plan.policy === 'uplift' ? upliftRanked(fitted.model, uplift.data) : fitted.model;
  const { treatedPairs, controlPairs } = uplift.data.fit.counts;
  return { recommender, comparison, treatedPairs, controlPairs };
}

/** The leave-one-out result with the chosen policy's uplift figures added to metrics/ci95, and both policies beside. */
export function policyMetrics<R extends { metrics: Record<string, number>; ci95: Record<string, [number, number]> }>(
  result: R,
  policy: Policy,
  run: PolicyRun,
): R & { policy: Policy; policies: PolicyComparison; upliftPairs: { treated: number; control: number } } {
  const own = run.comparison.policies[policy];
  return {
    ...result,
    metrics: { ...result.metrics, ...own.metrics },
    ci95: { ...result.ci95, ...own.ci95 },
    policy,
    policies: run.comparison,
    upliftPairs: { treated: run.treatedPairs, control: run.controlPairs },
  };
}

/** Text-mode lines for the paired comparison: uplift policy vs score policy per metric. */
export function policyLines(out: object): string[] {
  const policies = (out as { policies?: PolicyComparison }).policies;
  if (!policies) return [];
  const f = (x: number) => x.toFixed(4);
  return Object.entries(policies.paired).map(
    ([m, p]) =>
      `  uplift vs score ${m}: ${p.difference >= 0 ? '+' : ''}${f(p.difference)} [${f(p.ci95[0])}, ${f(p.ci95[1])}], ` +
      `ratio ${p.ratio.toFixed(2)} [${p.ratioCi95[0].toFixed(2)}, ${p.ratioCi95[1].toFixed(2)}] over ${policies.users} users\n`,
  );
}
