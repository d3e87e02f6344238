// Reading cells in place (as ranges of a chunk's text) without cutting them out as strings first.

/** Whether a UTF-16 code unit is one that String.prototype.trim removes (WhiteSpace and LineTerminator). */
export function isTrimmable(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * text[from, to) read as a plain decimal (`-?digits[.digits]`, at most 15 digits), or NaN for anything else — the
 * caller then falls back to Number(). Within 15 digits both the digits and the power of ten are exact doubles, so the
 * one division rounds correctly and the result equals Number() of the same text.
 */
export function simpleDecimal(text: string, from: number, to: number): number {
  let i = from, negative = false;
  if (i < to && text.charCodeAt(i) === 45) {
    negative = true;
    i++;
  }
  let mantissa = 0, digits = 0, scale = -1;
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
