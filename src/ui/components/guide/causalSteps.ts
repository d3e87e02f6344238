// What the guide's Causal step says once the analyst's own data is open: the kind of log (causal/defaultVariables)
// decides which per-user variables the view builds, and a log without exposures or purchases is told so plainly
// instead of being promised the simulated shop's exposure → purchase effect.
import type { LogKind } from '../../../causal/defaultVariables';
import type { GuideLine } from './dataSteps';

export interface CausalFacts {
  kind: LogKind;
  users: number;
  exposures: number;
  purchases: number;
}

export function causalSteps(f: CausalFacts, num: (x: number) => string): GuideLine[] {
  const users = num(f.users);
  const lines: GuideLine[] = [{ key: `guide.causal.mine.${f.kind}`, vars: { users } }];
  if (f.exposures === 0 && f.purchases === 0) lines.push({ key: 'guide.causal.mine.noShop', vars: {} });
  else if (f.exposures === 0) lines.push({ key: 'guide.causal.mine.noExposures', vars: { purchases: num(f.purchases) } });
  else if (f.purchases === 0) lines.push({ key: 'guide.causal.mine.noPurchases', vars: { exposures: num(f.exposures) } });
  lines.push({ key: 'guide.causal.mine.noTruth', vars: {} });
  return lines;
}
