// Plain-language reasons (English, Simplified Chinese) from per-event attributions, event types, titles, categories.

import { normaliseEventType as canonicalEventType } from '../data/eventTypes';

export type Lang = 'en' | 'zh';

export interface ReasonContext {
  /** Display name of an item (a title, or a fallback such as its id). */
  title(item: number): string;
  category?(item: number): string | null;
  /** How items are called: English plural ("films") and Chinese measure word + noun ("部", "电影"). */
  noun?: { en: string; zhMeasure: string; zh: string };
}

export interface Reason {
  text: string;
  /** Share of the positive attribution carried by the named events, 0..1. */
  share: number;
  /** Event positions the text names, strongest first. */
  drivers: number[];
}

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

/** Leading positive events until they carry `coverage` of the positive mass (at most `maxEvents`). */
export function pickDrivers(
  values: ArrayLike<number>,
  coverage = 0.6,
  maxEvents = 4,
): { drivers: number[]; share: number; positive: number } {
  const pos = Array.from({ length: values.length }, (_, k) => k).filter((k) => values[k] > 0);
  pos.sort((a, b) => values[b] - values[a] || b - a);
  const positive = pos.reduce((s, k) => s + values[k], 0);
  const drivers: number[] = [];
  let covered = 0;
  for (const k of pos) {
    if (drivers.length >= maxEvents || (drivers.length > 0 && covered >= coverage * positive)) break;
    drivers.push(k);
    covered += values[k];
  }
  return { drivers, share: positive > 0 ? covered / positive : 0, positive };
}

interface Phrase {
  verb: string;
  object: string;
}

/** The strongest event by name; the rest grouped by (event type, category) when two or more share both. */
function phrases(
  drivers: number[],
  history: ArrayLike<number>,
  types: ArrayLike<string | null> | undefined,
  ctx: ReasonContext,
  lang: Lang,
): Phrase[] {
  const noun = ctx.noun ?? { en: 'items', zhMeasure: '件', zh: '商品' };
  const named = (k: number): Phrase => ({
    verb: normaliseEventType(types?.[k]),
    object: lang === 'en' ? ctx.title(history[k]) : `「${ctx.title(history[k])}」`,
  });
  const out: Phrase[] = drivers.length ? [named(drivers[0])] : [];
  const groups = new Map<string, number[]>();
  for (const k of drivers.slice(1)) {
    const cat = ctx.category?.(history[k]) ?? null;
    const key = cat ? `${normaliseEventType(types?.[k])}\u0000${cat}` : `#${k}`;
    groups.set(key, [...(groups.get(key) ?? []), k]);
  }
  for (const [key, ks] of groups) {
    if (ks.length < 2 || key.startsWith('#')) {
      out.push(...ks.map(named));
      continue;
    }
    const cat = ctx.category!(history[ks[0]])!;
    const object =
      lang === 'en'
        ? `${countWord(ks.length, lang)} ${cat.toLowerCase()} ${noun.en}`
        : `${countWord(ks.length, lang)}${noun.zhMeasure}${cat}${noun.zh}`;
    out.push({ verb: normaliseEventType(types?.[ks[0]]), object });
  }
  return out;
}

/** "a, b and c"; Chinese joins clauses with 并 and objects with 和. */
function join(parts: string[], lang: Lang, objects = false): string {
  if (parts.length <= 1) return parts[0] ?? '';
  const last = parts[parts.length - 1];
  const head = parts.slice(0, -1);
  return lang === 'en' ? `${head.join(', ')} and ${last}` : `${head.join('、')}${objects ? '和' : '并'}${last}`;
}

/** One clause per verb, in order of first appearance: "viewed Heat and two crime films", not "viewed … and viewed …". */
function clauses(list: Phrase[], lang: Lang): string[] {
  const byVerb = new Map<string, string[]>();
  for (const p of list) byVerb.set(p.verb, [...(byVerb.get(p.verb) ?? []), p.object]);
  return [...byVerb].map(([verb, objects]) => VERBS[verb][lang].replace('{x}', join(objects, lang, true)));
}

/**
 * One sentence naming the events that carry most of the positive attribution, with their share computed from the
 * values (e.g. "Recommended mainly because you bought Fargo and viewed two crime films: 68% of the positive
 * attribution."). `types[k]` is the event type name of history event k (null when unknown).
 */
export function reasonText(
  values: ArrayLike<number>,
  history: ArrayLike<number>,
  types: ArrayLike<string | null> | undefined,
  ctx: ReasonContext,
  lang: Lang = 'en',
): Reason {
  const { drivers, share, positive } = pickDrivers(values);
  if (!(positive > 0)) {
    const text =
      lang === 'en'
        ? 'No past event pushes this recommendation up; it rests on overall popularity or the model’s own bias.'
        : '没有哪条历史行为推高了这条推荐；它主要来自整体热度或模型自身的偏好。';
    return { text, share: 0, drivers: [] };
  }
  const pct = Math.round(100 * share);
  const said = clauses(phrases(drivers, history, types, ctx, lang), lang);
  const text =
    lang === 'en'
      ? `Recommended mainly because you ${join(said, lang)}: ${pct}% of the positive attribution.`
      : `推荐的主要原因是您${join(said, lang)}：占正向归因的 ${pct}%。`;
  return { text, share, drivers };
}
