// Before parsing: how many rows a file holds and how much memory its columnar log will need, against a budget.
/** Bytes per event in the EventLog: user, item (u32), event (u8), time (f64), value (f32), session (i32), seqOrder (u32). */
export const LOG_BYTES_PER_EVENT = 4 + 4 + 1 + 8 + 4 + 4 + 4;
/**
 * Peak over the finished log while loading: the builder's columns grow by doubling (up to 2×) and the log is built
 * from them (1×). Ids, interned strings and the text in flight come on top and are small beside it for logs of
 * millions of rows; measured on 5M rows (RELIABILITY.md, Scale) the worker peak stayed within this.
 */
export const PEAK_FACTOR = 3;
/** Without navigator.deviceMemory, assume a 4 GiB machine. */
export const DEFAULT_DEVICE_GIB = 4;
/** The share of the device's memory one tab may use for a log. */
export const BUDGET_SHARE = 0.25;

export interface LoadEstimate {
  bytes: number;
  rows: number;
  /** The finished log's columns. */
  logBytes: number;
  /** Peak while loading. */
  peakBytes: number;
  budgetBytes: number;
  fits: boolean;
  /** The largest share of users to keep so the peak fits (1 when it fits already), rounded down to a tidy value. */
  suggestedFraction: number;
}

/** Budget in bytes: an explicit one wins; else a share of navigator.deviceMemory (GiB; Chromium caps it at 8). */
export function memoryBudget(deviceMemoryGiB?: number, overrideBytes?: number): number {
  if (overrideBytes !== undefined && overrideBytes > 0) return overrideBytes;
  const gib = deviceMemoryGiB && deviceMemoryGiB > 0 ? deviceMemoryGiB : DEFAULT_DEVICE_GIB;
  return gib * 2 ** 30 * BUDGET_SHARE;
}

/** Rows from the file's size over the sample's mean bytes per line (header excluded). */
export function estimateRows(bytes: number, sampleBytes: number, sampleLines: number, hasHeader: boolean): number {
  if (!sampleLines || !sampleBytes) return 0;
  return Math.max(0, Math.round((bytes * sampleLines) / sampleBytes) - (hasHeader ? 1 : 0));
}

/**
 * Rows to allocate columns for up front, for `bytes` of file: the estimate, but never more than one row per 8 bytes
 * (≈ 3 bytes of columns per byte of file), so an estimate misled by unusually short first lines cannot reserve far
 * beyond what the file can hold; past it the columns grow as usual.
 */
export const reservableRows = (estimate: number | undefined, bytes: number): number => Math.min(estimate ?? 0, Math.floor(bytes / 8));

const TIDY = [0.5, 0.25, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001];

export function estimateLoad(rows: number, bytes: number, budgetBytes: number): LoadEstimate {
  const logBytes = rows * LOG_BYTES_PER_EVENT;
  const peakBytes = logBytes * PEAK_FACTOR;
  const fits = peakBytes <= budgetBytes;
  const need = budgetBytes / Math.max(1, peakBytes);
  const suggestedFraction = fits ? 1 : (TIDY.find((f) => f <= need) ?? TIDY.at(-1)!);
  return { bytes, rows, logBytes, peakBytes, budgetBytes, fits, suggestedFraction };
}
