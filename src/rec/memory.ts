// The memory budget a model must fit before it is built, and the refusal that names its estimate.
import { fail, ok, type Result } from '../lib/result';

/** Environment override (MiB), read in Node: `RECLENS_MEMORY_BUDGET_MB=8192 reclens train …`. */
export const MEMORY_BUDGET_ENV = 'RECLENS_MEMORY_BUDGET_MB';
/**
 * A model's tensors live in one tab's heap (TF.js's wasm backend: a wasm32 heap of at most 4 GiB) or on the GPU, and
 * training is the one thing the tab is doing, so a model may use half the device's memory up to that 4 GiB —
 * more than the 25% a log may take while it loads. Node has no navigator.deviceMemory and gets the 4 GiB cap.
 * Browsers that do not say (Firefox, Safari) are taken as 8 GiB machines, Chromium's own ceiling for the figure:
 * a quarter of an assumed 4 GiB refused ml-100k's default SASRec (about 1 GiB by the estimate).
 */
export const MODEL_HEAP_CAP = 4 * 2 ** 30;
export const MODEL_BUDGET_SHARE = 0.5;
export const UNKNOWN_DEVICE_GIB = 8;

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

/** Parse a budget in MiB ("4096"); undefined when absent, null when present but not a positive finite number. */
export function parseBudgetMiB(text: string | undefined): number | null | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const mib = Number(text);
  return Number.isFinite(mib) && mib > 0 ? mib * 2 ** 20 : null;
}

/**
 * Bytes a model may need: an explicit budget wins, then RECLENS_MEMORY_BUDGET_MB (Node), else half of
 * navigator.deviceMemory up to MODEL_HEAP_CAP.
 */
export function modelMemoryBudget(overrideBytes?: number): number {
  if (overrideBytes !== undefined && overrideBytes > 0) return overrideBytes;
  const env = isNode ? parseBudgetMiB(process.env[MEMORY_BUDGET_ENV]) : undefined;
  if (env) return env;
  const device = (globalThis as { navigator?: { deviceMemory?: number } }).navigator?.deviceMemory;
  if (isNode) return MODEL_HEAP_CAP;
  const gib = device && device > 0 ? device : UNKNOWN_DEVICE_GIB;
  return Math.min(MODEL_HEAP_CAP, gib * 2 ** 30 * MODEL_BUDGET_SHARE);
}

/** "12.3 GiB", "512 MiB", "2.9 TiB", "4 KiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} bytes`;
  const units = ['GiB', 'TiB', 'PiB', 'EiB'];
  let v = bytes / 2 ** 30;
  if (bytes < 2 ** 20) return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
  if (v < 1) return `${Math.round(bytes / 2 ** 20)} MiB`;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 1024 ? v.toExponential(1) : Number(v.toFixed(1))} ${units[u]}`;
}

export interface MemoryEstimate {
  bytes: number;
  /** What to lower when it does not fit ("hidden/maxLen/batchSize"). */
  lower: string;
}

/** Refuse an estimate over the budget: "sasrec needs about 12.3 GiB, over the 4 GiB budget; lower hidden/maxLen/batchSize …". */
export function checkMemory(what: string, estimate: MemoryEstimate, budgetBytes = modelMemoryBudget()): Result<number> {
  if (estimate.bytes <= budgetBytes) return ok(estimate.bytes);
  return fail(
    `${what} needs about ${formatBytes(estimate.bytes)}, over the ${formatBytes(budgetBytes)} budget; lower ${estimate.lower}` +
      // The app has no flags to point at; the CLI does.
      (isNode ? `, or raise the budget (--memory-budget <MiB> in the CLI, ${MEMORY_BUDGET_ENV} in Node)` : ''),
  );
}

/** checkMemory for code that throws (a model's fit). */
export function assertMemory(what: string, estimate: MemoryEstimate, budgetBytes?: number): void {
  const r = checkMemory(what, estimate, modelMemoryBudget(budgetBytes));
  if (!r.ok) throw new Error(r.reason);
}
