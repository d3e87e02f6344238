// The texts domain-adaptive pretraining reads: the catalog's item texts (title, category, description) and one
// behavior description per user, deduplicated and, past the cap, a seeded sample — so a large log costs bounded time.
import { createRng } from '../lib/rng';
import { checkValue } from '../lib/ranges';
import { fail, ok, type Result } from '../lib/result';
import { describedRows, describeNewest } from './behaviorText';
import { userRows } from './predictionTask';
import { catalogRows, itemLabels, type EventLog, type ItemCatalog } from './eventLog';

export interface CorpusOptions {
  catalog: boolean;
  behavior: boolean;
  /** At most this many texts (a seeded sample beyond it). */
  maxTexts: number;
  seed: number;
}

export const CORPUS_RANGES = { maxTexts: { min: 1, max: 200_000, integer: true } } as const;

export interface PretrainCorpus {
  texts: string[];
  /** Distinct texts found of each kind, before the cap. */
  fromCatalog: number;
  fromBehavior: number;
  /** Texts left out by the cap. */
  capped: number;
}

export function pretrainCorpus(log: EventLog, catalog: ItemCatalog | null, o: CorpusOptions): Result<PretrainCorpus> {
  const why = checkValue('maxTexts', o.maxTexts, CORPUS_RANGES.maxTexts);
  if (why) return fail(why);
  if (!o.catalog && !o.behavior) return fail('choose catalog texts, behavior descriptions or both');
  const seen = new Set<string>();
  const labels = itemLabels(log, catalog);
  let fromCatalog = 0;
  if (o.catalog && catalog) {
    // Only items the catalog describes: a bare id teaches the model nothing about the domain.
    const rows = catalogRows(log, catalog);
    for (let i = 0; i < rows.length; i++) {
      const text = labels.texts[i].trim();
      if (rows[i] >= 0 && text && !seen.has(text)) {
        seen.add(text);
        fromCatalog++;
      }
    }
  }
  let fromBehavior = 0;
  if (o.behavior) {
    const ignore = new Set(['exposure']);
    for (let u = 0; u < log.users.length; u++) {
      const { text } = describeNewest(describedRows(log, labels, userRows(log, u, ignore)), { naming: 'both' });
      if (text && !seen.has(text)) {
        seen.add(text);
        fromBehavior++;
      }
    }
  }
  if (seen.size === 0)
    return fail(o.catalog && !catalog ? 'the dataset has no item catalog, so there are no catalog texts' : 'no texts to pretrain on');
  const all = [...seen];
  const texts = all.length > o.maxTexts ? createRng(o.seed).shuffle(all).slice(0, o.maxTexts) : all;
  return ok({ texts, fromCatalog, fromBehavior, capped: all.length - texts.length });
}
