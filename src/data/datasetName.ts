// A dataset's name: the analyst's own, else a suggestion. A file name such as "u.data" or "events.csv" says nothing
// about the data, so the suggestion comes from the folder it was picked in when the browser tells (a folder pick or
// drop), else from the few public datasets whose file names are their own (MovieLens 100K's u.data).

/** Longest name kept: a name is a label in lists and headings, not a place for text. */
export const MAX_DATASET_NAME = 80;

/** The analyst's name, trimmed and cut to MAX_DATASET_NAME; the file's name when it is blank. */
export function datasetName(given: string | undefined, file: string): string {
  const name = (given ?? '').trim().slice(0, MAX_DATASET_NAME);
  return name || file;
}

/** File names that name a kind of content, not a dataset (compared without extension, lower case). */
const GENERIC = new Set([
  'u',
  'data',
  'events',
  'event',
  'ratings',
  'rating',
  'interactions',
  'interaction',
  'log',
  'logs',
  'train',
  'test',
  'clicks',
  'behavior',
  'behaviour',
  'user_behavior',
  'transactions',
  'purchases',
  'views',
  'items',
  'export',
]);

/** Files that only one well-known public dataset ships under that name, and the name it goes by. */
const KNOWN_FILES: Record<string, string> = { 'u.data': 'ml-100k' };

export type NameSuggestion =
  { name: string; from: 'folder'; folder: string } | { name: string; from: 'layout'; file: string } | { name: string; from: 'file' };

const stem = (file: string) => file.replace(/\.[^.]*$/, '') || file;

/**
 * The name to propose for a dataset loaded from `file`. `relativePath` is the browser's path of the file inside a
 * picked or dropped folder ("ml-100k/u.data"); empty for a plain file pick, which never reveals the folder.
 */
export function suggestDatasetName(file: string, relativePath = ''): NameSuggestion {
  // A compressed file is named as its content would be: u.data.gz is still MovieLens's u.data, events.csv.gz generic.
  const content = file.replace(/\.gz$/i, '');
  const generic = GENERIC.has(stem(content).toLowerCase());
  const folders = relativePath.split('/').slice(0, -1).filter(Boolean);
  const folder = folders.at(-1);
  if (generic && folder) return { name: folder.slice(0, MAX_DATASET_NAME), from: 'folder', folder };
  const known = Object.hasOwn(KNOWN_FILES, content) ? KNOWN_FILES[content] : undefined;
  if (known) return { name: known, from: 'layout', file };
  // A telling file name stays the name, whole, as it always was (lists, reports and saved models show it).
  return { name: file.slice(0, MAX_DATASET_NAME), from: 'file' };
}
