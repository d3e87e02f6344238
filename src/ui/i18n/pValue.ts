// One way to print a p-value: three decimals, and "< 0.001" below that, so a tiny p never reads as "0" (a p-value is
// never zero; rounding it to 0 claims more than the test shows).
const FLOOR = 0.001;

/** `num` is the locale's number formatter (useI18n's or the report's): p = 0.0456 → "0.046", p = 1e-9 → "< 0.001". */
export function formatP(p: number, num: (x: number, digits?: number) => string): string {
  if (!Number.isFinite(p)) return '—';
  return p < FLOOR ? `< ${num(FLOOR, 3)}` : num(p, 3);
}

/** "p = 0.046" or "p < 0.001". */
export function pEquals(p: number, num: (x: number, digits?: number) => string): string {
  const s = formatP(p, num);
  return s.startsWith('<') ? `p ${s}` : `p = ${s}`;
}
