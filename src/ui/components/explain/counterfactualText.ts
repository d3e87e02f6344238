// The counterfactual result in words (en, zh): each sentence is chosen by the result's status and filled with its own
// re-scored ranks and counts, so it never claims more than the search measured. Pure: no React.
import type { CounterfactualResult } from '../../../explain/counterfactualExplain';
import { translate, type Lang } from '../../i18n';

type Num = (x: number) => string;

/** "Without these 3 events, X falls from rank 2 to rank 14 (verified by re-scoring). …" or why there is no such set. */
export function removalSentence(r: CounterfactualResult, title: (i: number) => string, lang: Lang, num: Num): string {
  const { removal: m } = r;
  const item = title(r.item);
  const k = num(m.k);
  if (m.status === 'not-in-top-k') return translate(lang, 'explain.cf.notInTop', { item, rank: num(m.rank), k });
  if (m.status === 'not-found' || !m.removed || !m.verified)
    return translate(lang, 'explain.cf.notFound', { item, pool: num(m.pool), rank: num(m.newRank), k });
  const n = m.removed.length;
  const vars = { n: num(n), item, from: num(m.rank), to: num(m.newRank) };
  const main = translate(lang, n === 1 ? 'explain.cf.removedOne' : 'explain.cf.removed', vars);
  // A single event is trivially the smallest set (the full history keeps the item in), so nothing more is said.
  if (n === 1) return main;
  const more = m.smallest
    ? translate(lang, 'explain.cf.smallest', { pool: num(m.pool) })
    : m.needed
      ? translate(lang, 'explain.cf.needed', { k })
      : translate(lang, 'explain.cf.maybeSmaller');
  // Chinese sentences follow each other without a space.
  return lang === 'zh' ? `${main}${more}` : `${main} ${more}`;
}

/** "Adding Y as the newest event moves Z from rank 11 to rank 8, into the top 10 (…)" or the best that was found. */
export function additionSentence(r: CounterfactualResult, title: (i: number) => string, lang: Lang, num: Num): string {
  const a = r.addition;
  if (!a || r.addItem === null) return '';
  const item = title(r.addItem);
  const k = num(a.k);
  if (a.status === 'already-in-top-k') return translate(lang, 'explain.cf.addAlready', { item, rank: num(a.rank), k });
  if (a.added === null) return translate(lang, 'explain.cf.addNone', { item });
  const vars = { item, k, added: title(a.added), from: num(a.rank), to: num(a.newRank), tried: num(a.tried), reaching: num(a.reaching) };
  if (a.verified) return translate(lang, 'explain.cf.addFound', vars);
  // The best of the tried items may lift the item, leave it where it was, or (when every one lowers it) lower it least.
  return translate(
    lang,
    a.newRank < a.rank ? 'explain.cf.addBest' : a.newRank === a.rank ? 'explain.cf.addNoLift' : 'explain.cf.addAllLower',
    vars,
  );
}
