// Plain-language reasons (English, Simplified Chinese) from per-event attributions, event types, ratings and titles.
// The wording follows the numbers: an event within noise is never named, "mainly" needs half of the total absolute
// attribution, events that pushed the item down are said to count against it, and a weak attribution says so.

import { normaliseEventType as canonicalEventType } from '../data/eventTypes';

export type Lang = 'en' | 'zh';

export interface ReasonContext {
  /** Display name of an item (a title, or a fallback such as its id). */
  title(item: number): string;
  category?(item: number): string | null;
  /** How items are called: English plural ("films") and Chinese measure word + noun ("部", "电影"). */
  noun?: { en: string; zhMeasure: string; zh: string };
}

/** What the log says about each history event (aligned with the history; null where unknown). */
export interface EventMeta {
  /** Event type name per event ("rating", "view", …). */
  types?: ArrayLike<string | null>;
  /** Rating or value per event, when the log has a rating/value column. */
  ratings?: ArrayLike<number | null>;
  /** Unix seconds per event. */
  times?: ArrayLike<number | null>;
}

/** How far the reason may be believed: see `reasonText`. */
export type ReasonStrength = 'mainly' | 'partly' | 'unreliable';

/** What the reason needs besides the values: the method's own noise and the attribution's faithfulness. */
export interface ReasonEvidence {
  /** The method's completeness gap in score units (Integrated Gradients); attributions below it are noise. */
  completenessGap?: number | null;
  /** An absolute floor, e.g. the scorer's float resolution at this score. */
  floor?: number;
  /** Deletion AUC of the attribution order and of random orders, for this item (lower is better). */
  faithfulness?: { deletionAUC: number; randomDeletionAUC: number; degenerate?: boolean } | null;
}

export interface Reason {
  text: string;
  /** Share of the total absolute attribution carried by the named events (up and down), 0..1. */
  share: number;
  /** Event positions the text names: those that pushed the item up, strongest first, then those against it. */
  events: number[];
  strength: ReasonStrength;
  /** The noise threshold used: no named event has |attribution| below it. */
  noise: number;
}

/**
 * An event is within noise when its |attribution| is under 5% of the largest |attribution| of the row: for ml-100k
 * histories of hundreds of events, occlusion and IG give most events values a hundred times below the top ones, and
 * ranking among those is ranking float error. IG's completeness gap (and a float floor) raise the threshold further.
 */
export const NOISE_FRACTION = 0.05;
/** "mainly" only when the events named as reasons carry at least this share of the total absolute attribution. */
export const MAINLY_SHARE = 0.5;
/** At most this many events are named for and against: a sentence, not a table (the chart lists the rest). */
export const MAX_FOR = 3;
export const MAX_AGAINST = 1;

/** Verb templates per normalised event type; `{x}` is the object phrase. */
const VERBS: Record<string, { en: string; zh: string }> = {
  view: { en: 'viewed {x}', zh: '浏览了{x}' },
  click: { en: 'clicked {x}', zh: '点击了{x}' },
  cart: { en: 'added {x} to your cart', zh: '把{x}加入了购物车' },
  purchase: { en: 'bought {x}', zh: '购买了{x}' },
  favourite: { en: 'saved {x}', zh: '收藏了{x}' },
  rating: { en: 'rated {x}', zh: '评价了{x}' },
  other: { en: 'interacted with {x}', zh: '关注过{x}' },
};

/** Noun phrases for an event that counted against the item ("your view of X counted against it"). */
const AGAINST: Record<string, { en: string; zh: string }> = {
  view: { en: 'your view of {x}', zh: '您浏览{x}' },
  click: { en: 'your click on {x}', zh: '您点击{x}' },
  cart: { en: 'adding {x} to your cart', zh: '您把{x}加入购物车' },
  purchase: { en: 'your purchase of {x}', zh: '您购买{x}' },
  favourite: { en: 'saving {x}', zh: '您收藏{x}' },
  rating: { en: 'your {r}rating of {x}', zh: '您对{x}的{r}评分' },
  other: { en: 'your interaction with {x}', zh: '您与{x}的互动' },
};

/** The verb key of an event type: the data layer's canonical name (one alias table for the whole app), else 'other'. */
export const normaliseEventType = (t: string | null | undefined): string => {
  const canonical = canonicalEventType(t ?? '');
  if (canonical === 'fav') return 'favourite';
  // Own keys only: a logged type "constructor" or "toString" must not read Object.prototype as a verb template.
  return Object.hasOwn(VERBS, canonical) && canonical !== 'other' ? canonical : 'other';
};

const EN_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const ZH_NUMBERS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
const countWord = (n: number, lang: Lang) => (lang === 'en' ? EN_NUMBERS[n] : ZH_NUMBERS[n]) ?? String(n);

/** The noise threshold of a row: the largest of NOISE_FRACTION·max|a|, the completeness gap and the floor. */
export function noiseThreshold(values: ArrayLike<number>, evidence: ReasonEvidence = {}): number {
  let max = 0;
  for (let k = 0; k < values.length; k++) if (Number.isFinite(values[k])) max = Math.max(max, Math.abs(values[k]));
  const gap = evidence.completenessGap;
  return Math.max(NOISE_FRACTION * max, typeof gap === 'number' && Number.isFinite(gap) ? gap : 0, evidence.floor ?? 0);
}

export interface Drivers {
  /** Events that pushed the item up, strongest first (newer first on ties). */
  up: number[];
  /** Events that pushed it down, most negative first. */
  down: number[];
  /** Σ|a| over every event. */
  total: number;
  noise: number;
}

/**
 * The events a reason may name: positive ones at or above the noise threshold, strongest first, until they carry
 * MAINLY_SHARE of the total absolute attribution (at most MAX_FOR); and the strongest negative ones above noise.
 */
export function pickDrivers(values: ArrayLike<number>, evidence: ReasonEvidence = {}): Drivers {
  const noise = noiseThreshold(values, evidence);
  const idx = Array.from({ length: values.length }, (_, k) => k).filter((k) => Number.isFinite(values[k]));
  const total = idx.reduce((s, k) => s + Math.abs(values[k]), 0);
  // A value of exactly 0 is never a reason, even when the threshold is 0 (an all-zero row).
  const audible = (k: number) => Math.abs(values[k]) >= noise && values[k] !== 0;
  const pos = idx.filter((k) => values[k] > 0 && audible(k)).sort((a, b) => values[b] - values[a] || b - a);
  const up: number[] = [];
  let carried = 0;
  for (const k of pos) {
    if (up.length >= MAX_FOR || (up.length > 0 && carried >= MAINLY_SHARE * total)) break;
    up.push(k);
    carried += values[k];
  }
  const down = idx
    .filter((k) => values[k] < 0 && audible(k))
    .sort((a, b) => values[a] - values[b] || b - a)
    .slice(0, MAX_AGAINST);
  return { up, down, total, noise };
}

/** "4★" / "4 星" for a finite rating, else ''. */
function stars(rating: number | null | undefined, lang: Lang): string {
  if (typeof rating !== 'number' || !Number.isFinite(rating)) return '';
  const r = Number.isInteger(rating) ? String(rating) : rating.toFixed(1);
  return lang === 'en' ? `${r}★` : `${r} 星`;
}

interface Phrase {
  verb: string;
  object: string;
}

/** One event as verb + object; a rating event carries its rating ("rated Fargo 4★", "评价了「Fargo」（4 星）"). */
function phraseOf(k: number, history: ArrayLike<number>, meta: EventMeta, ctx: ReasonContext, lang: Lang): Phrase {
  const verb = normaliseEventType(meta.types?.[k]);
  const title = lang === 'en' ? ctx.title(history[k]) : `「${ctx.title(history[k])}」`;
  const r = verb === 'rating' ? stars(meta.ratings?.[k], lang) : '';
  return { verb, object: r ? (lang === 'en' ? `${title} ${r}` : `${title}（${r}）`) : title };
}

/** "your 2★ rating of X" / "您对「X」的 2 星评分". */
function againstPhrase(k: number, history: ArrayLike<number>, meta: EventMeta, ctx: ReasonContext, lang: Lang): string {
  const verb = normaliseEventType(meta.types?.[k]);
  const title = lang === 'en' ? ctx.title(history[k]) : `「${ctx.title(history[k])}」`;
  const r = verb === 'rating' ? stars(meta.ratings?.[k], lang) : '';
  return AGAINST[verb][lang].replace('{x}', title).replace('{r}', r ? (lang === 'en' ? `${r} ` : ` ${r}`) : '');
}

/** "a, b and c"; Chinese joins clauses with 并 and objects with 和. */
function join(parts: string[], lang: Lang, objects = false): string {
  if (parts.length <= 1) return parts[0] ?? '';
  const last = parts[parts.length - 1];
  const head = parts.slice(0, -1);
  return lang === 'en' ? `${head.join(', ')} and ${last}` : `${head.join('、')}${objects ? '和' : '并'}${last}`;
}

/**
 * One clause per verb, in order of first appearance: "rated Heat 5★ and Fargo 4★", not "rated … and rated …". An item
 * named by several of the events (one product viewed three times) is named once with its count, "viewed A (twice) and
 * B", not "viewed A, B and A"; the share sentence still counts events.
 */
function clauses(list: Phrase[], lang: Lang): string[] {
  const byVerb = new Map<string, Map<string, number>>();
  for (const p of list) {
    const objects = byVerb.get(p.verb) ?? new Map<string, number>();
    objects.set(p.object, (objects.get(p.object) ?? 0) + 1);
    byVerb.set(p.verb, objects);
  }
  return [...byVerb].map(([verb, objects]) =>
    VERBS[verb][lang].replace(
      '{x}',
      join(
        [...objects].map(([object, n]) => object + timesSuffix(n, lang)),
        lang,
        true,
      ),
    ),
  );
}

/** '' once; " (twice)", " (3 times)" / "（2 次）". */
function timesSuffix(n: number, lang: Lang): string {
  if (n === 1) return '';
  return lang === 'en' ? ` (${n === 2 ? 'twice' : `${n} times`})` : `（${n} 次）`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const fixed = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');

/**
 * "That event carries 30% …" / "Those three events carry 45% …" (of the total absolute attribution); when events
 * against the item are named too, their part is given apart, so a large event against never lends its share to the
 * events named for the item.
 */
function shareSentence(up: number, upPct: number, down: number, downPct: number, lang: Lang): string {
  const n = up || down;
  const pct = up ? upPct : downPct;
  const head =
    lang === 'zh'
      ? `${n === 1 ? '这条行为' : `这${countWord(n, lang)}条行为`}占总绝对归因的 ${pct}%`
      : `${n === 1 ? 'That event carries' : `Those ${countWord(n, lang)} events carry`} ${pct}% of the total absolute attribution`;
  if (!(up && down)) return `${head}${lang === 'zh' ? '。' : '.'}`;
  if (lang === 'zh') return `${head}；拉低它的${down === 1 ? '那条' : `那${countWord(down, lang)}条`}占 ${downPct}%。`;
  return `${head}; the ${down === 1 ? 'one' : countWord(down, lang)} against it, ${downPct}%.`;
}

/**
 * One sentence (or two) whose every word follows the figures:
 * - events within noise (`noiseThreshold`) are never named;
 * - strength 'mainly' only when the events named as reasons carry ≥ 50% of the total absolute attribution, else
 *   'partly' ("partly because …, among others");
 * - the strongest event that pushed the item down above noise is named as counting against it;
 * - 'unreliable' when the attribution's deletion AUC is no better (not lower) than the random orders' for this item,
 *   or when the curves are degenerate (the empty history scores the item as the full one does): the sentence says so
 *   first, and then only lists what the attribution ranks highest;
 * - shares are of the total absolute attribution; the one returned is that of all named events, up and down, and the
 *   sentence gives the events for the item and those against it apart.
 */
export function reasonText(
  values: ArrayLike<number>,
  history: ArrayLike<number>,
  meta: EventMeta,
  ctx: ReasonContext,
  lang: Lang = 'en',
  evidence: ReasonEvidence = {},
): Reason {
  const { up, down, total, noise } = pickDrivers(values, evidence);
  const events = [...up, ...down];
  const abs = (ks: number[]) => ks.reduce((s, k) => s + Math.abs(values[k]), 0);
  const share = total > 0 ? abs(events) / total : 0;
  const upShare = total > 0 ? abs(up) / total : 0;
  const f = evidence.faithfulness;
  // Degenerate: the empty history scores the item as the full one does, so removing events cannot be said to move it.
  const flat = !!f?.degenerate;
  const weak =
    flat || (!!f && Number.isFinite(f.deletionAUC) && Number.isFinite(f.randomDeletionAUC) && f.deletionAUC >= f.randomDeletionAUC);
  const strength: ReasonStrength = weak ? 'unreliable' : upShare >= MAINLY_SHARE ? 'mainly' : 'partly';
  const said = join(
    clauses(
      up.map((k) => phraseOf(k, history, meta, ctx, lang)),
      lang,
    ),
    lang,
  );
  const against = down.map((k) => againstPhrase(k, history, meta, ctx, lang));
  const parts: string[] = [];
  if (flat)
    parts.push(
      lang === 'en'
        ? 'This explanation is unreliable for this item: the item scores the same with no history as with the whole history, so removing events does not measurably move it.'
        : '这条解释对该推荐不可靠：没有任何历史时该推荐的分数与完整历史时相同，删除行为不会明显改变它。',
    );
  else if (weak)
    parts.push(
      lang === 'en'
        ? `This explanation is unreliable for this item: removing the events it ranks highest lowers the score no faster than removing events at random (deletion AUC ${fixed(f.deletionAUC)}, random ${fixed(f.randomDeletionAUC)}).`
        : `这条解释对该推荐不可靠：先删除它排在最前的行为，分数下降并不比随机删除更快（删除 AUC ${fixed(f.deletionAUC)}，随机 ${fixed(f.randomDeletionAUC)}）。`,
    );
  if (up.length === 0) {
    parts.push(
      lang === 'en'
        ? 'No past event clearly pushes this recommendation up (none stands out from the noise); it rests on many small influences, overall popularity or the model’s own bias.'
        : '没有哪条历史行为明显推高了这条推荐（都在噪声范围内）；它来自许多微小的影响、整体热度或模型自身的偏好。',
    );
  } else if (weak) {
    parts.push(lang === 'en' ? `Its largest attributions: you ${said}.` : `归因最大的是：您${said}。`);
  } else if (strength === 'mainly') {
    parts.push(lang === 'en' ? `Recommended mainly because you ${said}.` : `推荐的主要原因是您${said}。`);
  } else {
    parts.push(lang === 'en' ? `Recommended partly because you ${said}, among others.` : `推荐的部分原因是您${said}，此外还有其他因素。`);
  }
  if (against.length)
    parts.push(lang === 'en' ? `${capitalise(join(against, lang, true))} counted against it.` : `${join(against, lang, true)}则拉低了它。`);
  if (events.length)
    parts.push(shareSentence(up.length, Math.round(100 * upShare), down.length, Math.round(100 * (share - upShare)), lang));
  return { text: parts.join(lang === 'en' ? ' ' : ''), share, events, strength, noise };
}
