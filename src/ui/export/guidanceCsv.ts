// The guidance table as CSV: one row per user and recommended item (a user without items keeps one row), with the buy
// probability, score, uplift and the reason in both languages beside its figures. Cells go through lib/csvWrite like
// the recommendations export, so a user or title starting with = + - @ cannot run as a formula.
import { toCsv, type CsvValue } from '../../lib/csvWrite';
import type { GuidanceRow } from '../../rec/guidance/guidance';
import { reasonSentence } from '../components/guidance/guidanceText';

export const GUIDANCE_CSV_HEADER = [
  'user',
  'model',
  'buy_probability',
  'rank',
  'item_id',
  'title',
  'score',
  'uplift',
  'reason_en',
  'reason_zh',
  'reason_feature',
  'reason_value',
  'reason_contribution',
] as const;

export interface GuidanceCsvInput {
  model: string;
  rows: readonly GuidanceRow[];
  userId: (u: number) => string;
  itemId: (i: number) => string;
  title: (i: number) => string;
}

export function guidanceCsv(input: GuidanceCsvInput): string {
  const lines: CsvValue[][] = [];
  for (const r of input.rows) {
    const reason = r.reason
      ? [reasonSentence(r.reason, 'en'), reasonSentence(r.reason, 'zh'), r.reason.feature, r.reason.value, r.reason.contribution]
      : [null, null, null, null, null];
    const head = [input.userId(r.user), input.model, r.buyProbability];
    if (!r.items.length) lines.push([...head, null, null, null, null, null, ...reason]);
    r.items.forEach((i, k) => lines.push([...head, k + 1, input.itemId(i.item), input.title(i.item), i.score, i.uplift, ...reason]));
  }
  return toCsv(GUIDANCE_CSV_HEADER, lines);
}
