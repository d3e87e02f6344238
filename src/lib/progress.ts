// Progress of a long task: done/total with rate and ETA, computed the same way for every task in RecLens.
export interface Progress {
  /** What is being done, e.g. "Parsing events.csv". */
  label: string;
  done: number;
  /** Null when the total is unknown. */
  total: number | null;
  /** Unit of done/total, e.g. "bytes", "rows", "steps". */
  unit: string;
  /** Units per second since the task started. */
  rate: number;
  /** Seconds left at the current rate, null when unknown. */
  etaSeconds: number | null;
  /**
   * The total is the least the task can take, not a forecast: a fit that stops early only once validation stops
   * improving can run longer. Total and ETA are then shown as "at least".
   */
  totalIsFloor?: boolean;
  /** Free-form extra figures (rows parsed, current loss …). */
  detail?: Record<string, number | string>;
}

/** Builds Progress values from elapsed time; `now` is injectable so tests need no clock. */
export function progressTracker(label: string, unit: string, total: number | null, now: () => number = () => performance.now()) {
  const start = now();
  return (done: number, detail?: Progress['detail']): Progress => {
    const seconds = Math.max((now() - start) / 1000, 1e-6);
    const rate = done / seconds;
    const etaSeconds = total !== null && rate > 0 ? Math.max(0, (total - done) / rate) : null;
    return { label, done, total, unit, rate, etaSeconds, ...(detail ? { detail } : {}) };
  };
}

/** The error thrown when a task is cancelled through its AbortSignal. */
export function abortError(): Error {
  const e = new Error('Cancelled');
  e.name = 'AbortError';
  return e;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

export const isAbortError = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';

let lastYield = 0;

/**
 * Gives queued messages a turn — above all a Cancel sent from the UI. A worker busy in a loop whose awaits resolve as
 * microtasks (TF.js `data()` on wasm, synchronous scoring) never reaches its message queue otherwise, so a
 * cooperative cancel would wait for the whole task. Costs one macrotask at most every `everyMs` milliseconds.
 */
export async function yieldToEvents(everyMs = 50): Promise<void> {
  const now = performance.now();
  if (now - lastYield < everyMs) return;
  lastYield = now;
  // A MessageChannel round trip is a macrotask without setTimeout's 4 ms clamp.
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
