// How progress figures read: rates to two significant digits ("0.71", "41", "1,200") and time left as a clock
// ("4:05", "1:02:03"), so a slow task never shows "0 steps/s" and a long one never "1,154.2 s".

/** `x` rounded to two significant digits (0 stays 0; integers above 99 keep no decimals). */
export function twoSignificant(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  const step = 10 ** (magnitude - 1);
  // Dividing by a power of ten below 1 would give 0.71000000001; multiplying by its inverse does not.
  return step < 1 ? Math.round(x * (1 / step)) / (1 / step) : Math.round(x / step) * step;
}

/** Decimals needed to print `twoSignificant(x)` in full: 0.71 → 2, 41 → 0, 0.0052 → 4. */
export function significantDecimals(x: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  return Math.max(0, 1 - Math.floor(Math.log10(Math.abs(twoSignificant(x)))));
}

/** Locale number formatting with at most `digits` decimals (the app's useI18n `num`; English for the CLI). */
export type NumFormat = (x: number, digits?: number) => string;
const english: NumFormat = (x, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits });

/** A rate to two significant digits: 0.7142 → "0.71", 41.3 → "41", 1234 → "1,200". */
export const rateText = (x: number, num: NumFormat = english): string => num(twoSignificant(x), significantDecimals(x));

/** Whole seconds as m:ss below an hour, h:mm:ss above: 65 → "1:05", 3723 → "1:02:03". Negative and NaN read as 0. */
export function clockText(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
