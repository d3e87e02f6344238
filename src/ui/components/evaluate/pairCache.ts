// Evaluation results are the store's objects, replaced when re-evaluated: a figure computed from two of them (a paired
// bootstrap) is kept per pair and key, so it is computed once rather than on every render.
const cache = new WeakMap<object, WeakMap<object, Map<string, unknown>>>();

/** `compute()` for (a, b, key) the first time, the kept value after; `key` should name what is computed. */
export function cachedForPair<T>(a: object, b: object, key: string, compute: () => T): T {
  const byB = cache.get(a) ?? new WeakMap<object, Map<string, unknown>>();
  cache.set(a, byB);
  const byKey = byB.get(b) ?? new Map<string, unknown>();
  byB.set(b, byKey);
  if (!byKey.has(key)) byKey.set(key, compute());
  return byKey.get(key) as T;
}
