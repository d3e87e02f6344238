// A dataset's name as the UI shows it: the analyst's own name as given, the built-in demo's in the UI's language
// (the demo cannot be renamed and is rebuilt on every reload, so its stored name is only ever the default).
type T = (key: 'data.demoName') => string;

export function datasetDisplayName(d: { name: string; truth: unknown }, t: T): string {
  return d.truth !== null && d.truth !== undefined ? t('data.demoName') : d.name;
}
