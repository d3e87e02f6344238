// Item titles and categories for reasons, from a log and its catalog: derived once per log (every explanation of a
// dataset names items the same way, and a 10,000-item catalog is not re-read at each call).
import { itemLabels, type EventLog, type ItemCatalog } from '../data/eventLog';
import type { ReasonContext } from './reasons';

const cache = new WeakMap<EventLog, { catalog: ItemCatalog | null; labels: ReasonContext }>();

/** Name (title, else the item id; see itemNames) and category (null when the catalog has none) of each log item. */
export function reasonLabelsOf(log: EventLog, catalog: ItemCatalog | null): ReasonContext {
  const hit = cache.get(log);
  if (hit && hit.catalog === catalog) return hit.labels;
  const { names, categories } = itemLabels(log, catalog);
  const labels: ReasonContext = { title: (i) => names[i] ?? String(i), category: (i) => categories[i] ?? null };
  cache.set(log, { catalog, labels });
  return labels;
}
