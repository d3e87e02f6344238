// Reading cells in place (as ranges of a chunk's text) without cutting them out as strings first.

/** Whether a UTF-16 code unit is one that String.prototype.trim removes (WhiteSpace and LineTerminator). */
export function isTrimmable(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c > 127 &&
      (c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff))
  );
}

/** Trimmed from ids: whitespace as String.prototype.trim has it, but not U+FEFF, so that a stray BOM is seen and rejected. */
export const isIdTrimmable = (c: number): boolean => c !== 0xfeff && isTrimmable(c);

/** An id cell trimmed as ingestion trims ids in place (a stray BOM stays, to be rejected). */
export function trimId(s: string): string {
  let a = 0,
    b = s.length;
  while (a < b && isIdTrimmable(s.charCodeAt(a))) a++;
  while (b > a && isIdTrimmable(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/**
 * Whether a UTF-16 code unit may not stand in an id or event type: C0 and C1 controls other than tab, LF and CR (line
 * breaks are legal inside quoted fields, and a CSV that RecLens writes must read back), DEL, and U+FEFF (a byte-order
 * mark in mid-file, usually where two files were joined).
 */
export const isForbidden = (c: number): boolean => (c < 32 ? c !== 9 && c !== 10 && c !== 13 : c >= 0x7f && (c <= 0x9f || c === 0xfeff));

/** Index of the first forbidden code unit in text[from, to), or −1. */
export function forbiddenAt(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (isForbidden(text.charCodeAt(i))) return i;
  return -1;
}

const CONTROL_NAMES: Record<number, string> = { 0: 'NUL', 0x7f: 'DEL', 0xfeff: 'byte-order mark' };

/** `U+0000 (NUL)`: a code unit named for a message. */
export const describeCodeUnit = (c: number): string =>
  `U+${c.toString(16).toUpperCase().padStart(4, '0')}${CONTROL_NAMES[c] ? ` (${CONTROL_NAMES[c]})` : ''}`;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * text[from, to) read as a plain decimal (`-?digits[.digits]`, at most 15 digits), or NaN for anything else — the
 * caller then falls back to Number(). Within 15 digits both the digits and the power of ten are exact doubles, so the
 * one division rounds correctly and the result equals Number() of the same text.
 */
export function simpleDecimal(text: string, from: number, to: number): number {
  let i = from,
    negative = false;
  if (i < to && text.charCodeAt(i) === 45) {
    negative = true;
    i++;
  }
  let mantissa = 0,
    digits = 0,
    scale = -1;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    } else if (c === 46 && scale < 0) scale = digits;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const value = scale < 0 ? mantissa : mantissa / POW10[digits - scale];
  return negative ? -value : value;
}
