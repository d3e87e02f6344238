// Writing CSV for analysts' spreadsheets: RFC 4180 quoting, CRLF rows, and text cells defused against formula injection.

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Spreadsheets run a text cell that starts with = + - @ (or a tab / carriage return, which some strip first) as a
 * formula, so such cells get a leading apostrophe (OWASP's advice). Numbers are written as numbers: a negative score
 * cannot carry a formula and must stay numeric.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
