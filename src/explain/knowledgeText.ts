// A knowledge path in words (English, Simplified Chinese): the count, the attribute and the share are the path's own
// figures, so the sentence never claims more than the numbers beside it.
import type { Relation } from '../data/knowledgeGraph';
import type { KnowledgePath, PathCheck } from './knowledge';
import { normaliseEventType, type Lang } from './reasons';

export interface KnowledgeTextContext {
  title(item: number): string;
  /** Event type of history event k (null when unknown): "3 films you rated" needs every event on the path to share it. */
  eventType?(k: number): string | null;
  /** Rating or value of history event k (null when the log has none): "films you rated 4–5". */
  rating?(k: number): number | null;
  /** How items are called: "film"/"films" and the Chinese measure word + noun ("部", "电影"). */
  noun?: { en: string; enPlural: string; zhMeasure: string; zh: string };
}

const DEFAULT_NOUN = { en: 'item', enPlural: 'items', zhMeasure: '件', zh: '商品' };

/** Past-tense verbs for "items you {verb}", by normalised event type; 'other' has none (→ "in your history"). */
const VERBS: Record<string, { en: string; zh: string }> = {
  view: { en: 'viewed', zh: '浏览过' },
  click: { en: 'clicked', zh: '点击过' },
  cart: { en: 'added to your cart', zh: '加入购物车' },
  purchase: { en: 'bought', zh: '购买过' },
  favourite: { en: 'saved', zh: '收藏过' },
  rating: { en: 'rated', zh: '评价过' },
};

/** English predicate (plural, singular) and Chinese verb + object for each relation. */
function predicate(relation: Relation, v: string): { many: string; one: string; zhVerb: string; zhObject: string } {
  switch (relation) {
    case 'category':
      return { many: `are ${v}`, one: `is ${v}`, zhVerb: '属于', zhObject: `「${v}」` };
    case 'year':
      return { many: `are from ${v}`, one: `is from ${v}`, zhVerb: '出自', zhObject: `${v} 年` };
    case 'brand':
      return { many: `are by ${v}`, one: `is by ${v}`, zhVerb: '来自品牌', zhObject: `「${v}」` };
    case 'price':
      return { many: `are priced ${v}`, one: `is priced ${v}`, zhVerb: '属于价格区间', zhObject: `「${v}」` };
    case 'colour':
      return { many: `are ${v}`, one: `is ${v}`, zhVerb: '颜色为', zhObject: `「${v}」` };
    case 'gender':
      return { many: `are for ${v}`, one: `is for ${v}`, zhVerb: '面向', zhObject: `「${v}」` };
    case 'keyword':
      return { many: `mention “${v}”`, one: `mentions “${v}”`, zhVerb: '提到', zhObject: `「${v}」` };
  }
}

/** The verb every event on the path shares, or null when types are unknown or mixed. */
function sharedVerb(path: KnowledgePath, ctx: KnowledgeTextContext): { en: string; zh: string } | null {
  if (!ctx.eventType) return null;
  const verbs = new Set(path.historyEvents.map((k) => normaliseEventType(ctx.eventType!(k))));
  const [only] = verbs;
  return verbs.size === 1 && Object.hasOwn(VERBS, only) ? VERBS[only] : null;
}

/** "4–5" (or "5") over the path's events when every one has a rating, else null. */
function ratingSpan(path: KnowledgePath, ctx: KnowledgeTextContext): string | null {
  if (!ctx.rating) return null;
  const rs = path.historyEvents.map((k) => ctx.rating!(k));
  if (!rs.length || rs.some((r) => r === null || !Number.isFinite(r))) return null;
  const lo = Math.min(...(rs as number[]));
  const hi = Math.max(...(rs as number[]));
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toPrecision(3)}`;

/**
 * "3 films you rated are Film-Noir, and Fargo (1996) is Film-Noir too: together they carry 42% of the positive
 * attribution (+0.123); 1 more film that is Film-Noir counts against it (−0.0100)." The counts are the path's distinct
 * history items, supporting and opposing; the figures are the path's own.
 */
export function knowledgeSentence(path: KnowledgePath, item: number, ctx: KnowledgeTextContext, lang: Lang = 'en'): string {
  const noun = ctx.noun ?? DEFAULT_NOUN;
  const verb = sharedVerb(path, ctx);
  const rated = verb === VERBS.rating ? ratingSpan(path, ctx) : null;
  const p = predicate(path.relation, path.value);
  const n = path.items;
  const m = path.against.items;
  const title = ctx.title(item);
  const pct = Math.round(100 * path.share);
  const nouns = (k: number) => (k === 1 ? noun.en : noun.enPlural);
  if (lang === 'en') {
    const who = `${n} ${nouns(n)} ${verb ? `you ${verb.en}${rated ? ` ${rated}` : ''}` : 'in your history'}`;
    const tail = `${n === 1 ? 'it carries' : 'together they carry'} ${pct}% of the positive attribution (${signed(path.weight)})`;
    const against = m
      ? `; ${m} more ${nouns(m)} that ${m === 1 ? `${p.one} counts` : `${p.many} count`} against it (${signed(path.against.weight)})`
      : '';
    return `${who} ${n === 1 ? p.one : p.many}, and ${title} ${p.one} too: ${tail}${against}.`;
  }
  const who = `您${rated ? `评为 ${rated} 分` : verb ? verb.zh : '历史中'}的 ${n} ${noun.zhMeasure}${noun.zh}`;
  const tail = `它们合计占正向归因的 ${pct}%（${signed(path.weight)}）`;
  const against = m
    ? `；另有 ${m} ${noun.zhMeasure}${noun.zh}也${p.zhVerb}${p.zhObject}，但拉低了这条推荐（${signed(path.against.weight)}）`
    : '';
  return `${who}${p.zhVerb}${p.zhObject}，「${title}」也${p.zhVerb}${p.zhObject}：${tail}${against}。`;
}

/** The re-scoring check in words: what removing the path's events did, against random sets of the same size. */
export function pathCheckSentence(check: PathCheck, lang: Lang = 'en'): string {
  const d = check.pathDrop.toPrecision(3);
  const r = check.randomDrop.toPrecision(3);
  if (!check.comparable)
    return lang === 'en'
      ? 'The top path holds the whole history, so it cannot be compared with a random set of the same size.'
      : '首条路径包含了全部历史，无法与同样大小的随机集合比较。';
  if (!(check.pathDrop > 0))
    return lang === 'en'
      ? `Removing its ${check.removed} event(s) does not lower the score (change ${signed(-check.pathDrop)}): this path is not a reliable reason for this item.`
      : `去掉其中 ${check.removed} 条行为后分数没有下降（变化 ${signed(-check.pathDrop)}）：这条路径不能可靠地解释这条推荐。`;
  if (lang === 'en')
    return check.holds
      ? `Removing its ${check.removed} event(s) lowers the score by ${d}, more than ${check.randomSets} random sets of the same size do on average (${r}).`
      : `Removing its ${check.removed} event(s) lowers the score by ${d}, no more than ${check.randomSets} random sets of the same size do on average (${r}): this path is not a reliable reason for this item.`;
  return check.holds
    ? `去掉其中 ${check.removed} 条行为后分数下降 ${d}，高于 ${check.randomSets} 个同样大小的随机集合的平均降幅（${r}）。`
    : `去掉其中 ${check.removed} 条行为后分数下降 ${d}，不高于 ${check.randomSets} 个同样大小的随机集合的平均降幅（${r}）：这条路径不能可靠地解释这条推荐。`;
}
