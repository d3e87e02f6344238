// A user's explained top-K recommendations as CSV: one row per recommendation with its score and plain-language reason.
import { toCsv } from '../../lib/csvWrite';

export interface ExplainedRecommendation {
  item: number;
  score: number;
  reason: { en: string; zh: string; share: number };
}

export interface RecommendationsCsvInput {
  user: string;
  model: string;
  /** The attribution method the reasons come from (the first one asked for). */
  method: string;
  rows: readonly ExplainedRecommendation[];
  itemId: (item: number) => string;
  title: (item: number) => string;
  category: (item: number) => string | null;
}

export const RECOMMENDATIONS_CSV_HEADER = [
  'user',
  'model',
  'rank',
  'item_id',
  'title',
  'category',
  'score',
  'method',
  'reason_en',
  'reason_zh',
  'reason_share',
] as const;

export function recommendationsCsv(input: RecommendationsCsvInput): string {
  return toCsv(
    RECOMMENDATIONS_CSV_HEADER,
    input.rows.map((r, i) => [
      input.user,
      input.model,
      i + 1,
      input.itemId(r.item),
      input.title(r.item),
      input.category(r.item),
      r.score,
      input.method,
      r.reason.en,
      r.reason.zh,
      r.reason.share,
    ]),
  );
}
