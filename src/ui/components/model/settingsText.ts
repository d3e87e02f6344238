// A model's settings as a compact "key: value" list instead of a JSON blob: a restored checkpoint carries every
// setting the registry rebuilds it from, and long arrays or texts would otherwise run to hundreds of characters.
const MAX_ITEMS = 3;
const MAX_CHARS = 40;

/** One value in a few characters: numbers and flags as they are, long arrays as their first items and count. */
export function settingValueText(value: unknown): string {
  if (Array.isArray(value)) {
    const head = value.slice(0, MAX_ITEMS).map(settingValueText).join(', ');
    return value.length > MAX_ITEMS ? `[${head}, …] (n=${value.length})` : `[${head}]`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = settingsEntries(value as Record<string, unknown>)
      .map((e) => `${e.key}: ${e.value}`)
      .join(', ');
    return `{${inner}}`;
  }
  const s = String(value);
  return s.length > MAX_CHARS ? `${s.slice(0, MAX_CHARS - 1)}… (${s.length} chars)` : s;
}

/** The settings as rows, in their stored order. */
export function settingsEntries(settings: Record<string, unknown>): { key: string; value: string }[] {
  return Object.entries(settings).map(([key, value]) => ({ key, value: settingValueText(value) }));
}

/** "k: 50 · shrink: 0" for a table cell. */
export function settingsLine(settings: Record<string, unknown>): string {
  return settingsEntries(settings)
    .map((e) => `${e.key}: ${e.value}`)
    .join(' · ');
}
