// Whether a value read back from storage or a file is plain data: strings, numbers, booleans, null/undefined (IndexedDB
// keeps undefined fields), typed arrays (IndexedDB keeps them), and arrays and objects of those, nested at most
// `maxDepth` deep. No functions, no class instances: a hostile file stays data, and a deep one cannot exhaust the stack.
export function isPlainData(x: unknown, maxDepth = 12, depth = 0): boolean {
  if (depth >= maxDepth) return false;
  if (x === null || x === undefined || typeof x === 'string' || typeof x === 'boolean' || typeof x === 'number') return true;
  if (ArrayBuffer.isView(x)) return true;
  if (Array.isArray(x)) return x.every((v) => isPlainData(v, maxDepth, depth + 1));
  if (typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype)
    return Object.values(x).every((v) => isPlainData(v, maxDepth, depth + 1));
  return false;
}
