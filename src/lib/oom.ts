// Batches that do not fit GPU memory: recognise an out-of-memory error from any TF.js backend, and run work with a
// batch size that halves on such an error (down to 1) instead of failing. Tests inject the error on any backend.

/** What WebGPU (GPUOutOfMemoryError, buffer limits), WebGL (OUT_OF_MEMORY, texture limits) and wasm report. */
const OOM = new RegExp(
  [
    'out[ _-]?of[ _-]?memory',
    'OutOfMemory',
    'failed to allocate',
    'allocation fail',
    'cannot allocate',
    'array buffer allocation',
    'exceeds the max(imum)? buffer size',
    'greater than (the )?(WebGL|WebGPU) maximum',
    'unable to create WebGL(Texture|Buffer)',
    'Array buffer allocation failed',
  ].join('|'),
  'i',
);

export function isOutOfMemory(e: unknown): boolean {
  if (e instanceof InjectedOutOfMemory) return true;
  if (e instanceof RangeError && /allocation|Invalid typed array length/i.test(e.message)) return true;
  const name = (e as { name?: unknown })?.name;
  if (name === 'GPUOutOfMemoryError') return true;
  const message = (e as { message?: unknown })?.message;
  return typeof message === 'string' && OOM.test(message);
}

/** The error the fault injection throws: the same shape as a backend's, so the same path handles it. */
export class InjectedOutOfMemory extends Error {
  constructor(rows: number, limit: number) {
    super(`Out of memory (injected): a batch of ${rows} rows is over the limit of ${limit}`);
    this.name = 'InjectedOutOfMemory';
  }
}

let injectedLimit: number | null = null;

/** Fault injection (tests, e2e): any batch of more than `rows` rows throws an out-of-memory error; null turns it off. */
export function injectOutOfMemory(rows: number | null): void {
  injectedLimit = rows;
}

/** Called where a batch is about to run on the backend. */
export function checkInjectedOutOfMemory(rows: number): void {
  if (injectedLimit !== null && rows > injectedLimit) throw new InjectedOutOfMemory(rows, injectedLimit);
}

export interface Shrink {
  from: number;
  to: number;
  reason: string;
}

/**
 * Runs `work(size)`; on an out-of-memory error halves the size and runs it again (the same work, e.g. the same
 * training step), down to 1, then rethrows. Returns the result and the size that worked, which callers keep for the
 * work that follows.
 */
export async function withShrinkingBatch<T>(
  size: number,
  work: (size: number) => Promise<T>,
  onShrink?: (s: Shrink) => void,
): Promise<{ value: T; size: number }> {
  let current = Math.max(1, Math.floor(size));
  for (;;) {
    try {
      return { value: await work(current), size: current };
    } catch (e) {
      if (current <= 1 || !isOutOfMemory(e)) throw e;
      const next = Math.max(1, current >> 1);
      onShrink?.({ from: current, to: next, reason: (e as Error).message });
      current = next;
    }
  }
}

/** The notice the analyst reads. */
export const shrinkNotice = (what: string, s: Shrink) =>
  `${what}: a batch of ${s.from} did not fit in memory (${clip(s.reason)}); continued with batches of ${s.to}`;

const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 120)}…` : s);

const listeners = new Set<(notice: string) => void>();

/** Shrinks outside training (attribution and scoring batches) are announced here; returns the unsubscribe. */
export function onBatchShrink(listener: (notice: string) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function reportShrink(notice: string): void {
  for (const l of listeners) l(notice);
}
