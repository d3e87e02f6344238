// The Model view's settings form, as data: one field per user-facing setting of the model's range table, read from
// and written to the same settings object the JSON text holds, and checked against its range before training.
import { inRange, intervalText, settingNames, type RangeTable } from '../../../lib/ranges';

export interface FormField {
  name: string;
  /** The value as the input shows it ('' = unset: the model's default applies). */
  text: string;
  /** Set and outside its range (or not a number). */
  invalid: boolean;
  integer: boolean;
  /** "[1, 4096]", "(0, 1]": the same in every language. */
  interval: string;
}

/** One field per user-facing setting (internal ones, restored from checkpoints, left out), in the table's order. */
export function formFields(params: RangeTable, settings: Record<string, unknown>): FormField[] {
  return settingNames(params).map((name) => {
    const r = params[name];
    const v = settings[name];
    return {
      name,
      text: v === undefined ? '' : String(v),
      invalid: v !== undefined && !inRange(v, r),
      integer: !!r.integer,
      interval: intervalText(r),
    };
  });
}

/** The settings with `name` set from an input's text: '' unsets it, a number is stored as one, anything else as typed. */
export function setField(settings: Record<string, unknown>, name: string, text: string): Record<string, unknown> {
  const { [name]: _, ...rest } = settings;
  const trimmed = text.trim();
  if (trimmed === '') return rest;
  const n = Number(trimmed);
  return { ...rest, [name]: Number.isFinite(n) ? n : trimmed };
}

/** The first refused field, or null when every set value lies in its range. */
export const firstInvalidField = (params: RangeTable, settings: Record<string, unknown>): FormField | null =>
  formFields(params, settings).find((f) => f.invalid) ?? null;

/** The settings object in the text, or null while the analyst's JSON does not parse. */
export function parseSettings(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
