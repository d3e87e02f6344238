// Background knowledge for discovery: tiers (temporal order), required and forbidden directed edges, by name.
import { fail, ok, type Result } from '../lib/result';

export interface BackgroundKnowledge {
  /** Variables in earlier tiers cannot be caused by later ones, e.g. [['sessions'], ['exposed'], ['views', …]]. */
  tiers?: readonly (readonly string[])[];
  required?: readonly (readonly [string, string])[];
  forbidden?: readonly (readonly [string, string])[];
}

/** Knowledge resolved to indices: allowed[i][j] false means i→j may not appear; required[i][j] means it must. */
export interface Knowledge {
  allowed: boolean[][];
  required: boolean[][];
}

export function resolveKnowledge(names: readonly string[], bk: BackgroundKnowledge = {}): Result<Knowledge> {
  const d = names.length;
  const allowed = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => i !== j));
  const required = Array.from({ length: d }, () => new Array<boolean>(d).fill(false));
  const index = (name: string): number => names.indexOf(name);
  const unknown = new Set<string>();
  const tierOf = new Map<number, number>();
  bk.tiers?.forEach((tier, t) => tier.forEach((name) => (index(name) < 0 ? unknown.add(name) : tierOf.set(index(name), t))));
  for (const [i, ti] of tierOf) for (const [j, tj] of tierOf) if (ti > tj) allowed[i][j] = false;
  for (const [a, b] of bk.forbidden ?? []) {
    if (index(a) < 0 || index(b) < 0) [a, b].filter((x) => index(x) < 0).forEach((x) => unknown.add(x));
    else allowed[index(a)][index(b)] = false;
  }
  for (const [a, b] of bk.required ?? []) {
    if (index(a) < 0 || index(b) < 0) {
      [a, b].filter((x) => index(x) < 0).forEach((x) => unknown.add(x));
      continue;
    }
    if (!allowed[index(a)][index(b)]) return fail(`required edge ${a}→${b} contradicts the tiers or forbidden edges`);
    required[index(a)][index(b)] = true;
    allowed[index(b)][index(a)] = false;
  }
  if (unknown.size) return fail(`background knowledge names unknown variable(s): ${[...unknown].join(', ')}`);
  return ok({ allowed, required });
}
