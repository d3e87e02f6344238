// The memory budget a model must fit before it is built, and the refusal that names its estimate.
import { memoryBudget } from '../data/csv/memoryEstimate';
import { fail, ok, type Result } from '../lib/result';

/** Environment override (MiB), read in Node: `RECLENS_MEMORY_BUDGET_MB=8192 reclens train …`. */
export const MEMORY_BUDGET_ENV = 'RECLENS_MEMORY_BUDGET_MB';
/**
 * Node has no navigator.deviceMemory: budget as for a 16 GiB device, i.e. 4 GiB at the log budget's 25% share,
 * which is also the most a wasm32 heap (TF.js's wasm backend) can hold.
 */
export const NODE_DEVICE_GIB = 16;

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

/** Parse a budget in MiB ("4096"); undefined when absent, null when present but not a positive finite number. */
export function parseBudgetMiB(text: string | undefined): number | null | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const mib = Number(text);
  return Number.isFinite(mib) && mib > 0 ? mib * 2 ** 20 : null;
}

/**
 * Bytes a model may need: an explicit budget wins, then RECLENS_MEMORY_BUDGET_MB (Node), else the same budget
 * function the log loader uses (a share of navigator.deviceMemory in the browser; NODE_DEVICE_GIB in Node).
 */
export function modelMemoryBudget(overrideBytes?: number): number {
  if (overrideBytes !== undefined && overrideBytes > 0) return overrideBytes;
  const env = isNode ? parseBudgetMiB(process.env[MEMORY_BUDGET_ENV]) : undefined;
  if (env) return env;
  const device = (globalThis as { navigator?: { deviceMemory?: number } }).navigator?.deviceMemory;
  return memoryBudget(device ?? (isNode ? NODE_DEVICE_GIB : undefined));
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
    `${what} needs about ${formatBytes(estimate.bytes)}, over the ${formatBytes(budgetBytes)} budget; lower ${estimate.lower},` +
      ` or raise the budget (--memory-budget <MiB> in the CLI, ${MEMORY_BUDGET_ENV} in Node)`,
  );
}

/** checkMemory for code that throws (a model's fit). */
export function assertMemory(what: string, estimate: MemoryEstimate, budgetBytes?: number): void {
  const r = checkMemory(what, estimate, modelMemoryBudget(budgetBytes));
  if (!r.ok) throw new Error(r.reason);
}
