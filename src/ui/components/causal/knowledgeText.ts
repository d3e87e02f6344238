// The Causal view's background-knowledge text boxes: tiers (one per line, comma-separated) and edges (`a > b`).
import { fail, ok, type Result } from '../../../lib/result';

export function parseTiersText(text: string): string[][] {
  return text
    .split('\n')
    .map((l) =>
      l
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .filter((l) => l.length);
}

/** One edge per line (or comma-separated) as `from > to` (→ and -> work too); names are checked by the worker. */
export function parseEdgesText(text: string): Result<[string, string][]> {
  const out: [string, string][] = [];
  for (const item of text
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const parts = item.split(/\s*(?:->|→|>)\s*/);
    if (parts.length !== 2 || !parts[0] || !parts[1]) return fail(`"${item}" is not an edge: write it as from > to`);
    out.push([parts[0], parts[1]]);
  }
  return ok(out);
}
