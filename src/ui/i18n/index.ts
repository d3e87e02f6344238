// UI language: English or Simplified Chinese, remembered across visits; numbers and dates in the same locale.
import { useSyncExternalStore } from 'react';
import { en, type MessageKey } from './en';
import { zh } from './zh';

export type Lang = 'en' | 'zh';
const DICTS: Record<Lang, Record<MessageKey, string>> = { en, zh };
const listeners = new Set<() => void>();
let lang: Lang = globalThis.localStorage?.getItem('reclens.lang') === 'zh' ? 'zh' : 'en';
const htmlLang = (l: Lang) => (l === 'zh' ? 'zh-CN' : 'en');
// A remembered language is the page's language from the start (screen readers pick their voice from it).
if (typeof document !== 'undefined') document.documentElement.lang = htmlLang(lang);

export function setLang(next: Lang): void {
  lang = next;
  globalThis.localStorage?.setItem('reclens.lang', next);
  document.documentElement.lang = htmlLang(next);
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function translate(l: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return DICTS[l][key].replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? `{${k}}`));
}

// One Intl formatter per locale and option set, reused: toLocaleString with options builds a new one per call, and a
// view of charts calls num() hundreds of times per render (a measurable share of the render that shows a loaded log).
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: string, min: number | undefined, max: number): Intl.NumberFormat {
  const key = `${locale} ${min} ${max}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max })));
  return f;
}

/** x.toLocaleString(locale, { maximumFractionDigits: digits }), with a reused formatter. */
export const formatNumber = (locale: string, x: number, digits = 0): string => numberFormat(locale, undefined, digits).format(x);

/** Exactly `digits` decimals (figures beside their CIs line up: 0.100, not 0.1), and never "-0". */
export function formatFixed(locale: string, x: number, digits = 0): string {
  const s = numberFormat(locale, digits, digits).format(x);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** A date and time in UTC, said so. */
export function formatDate(locale: string, iso: string | number): string {
  const d = new Date(iso);
  const key = `date ${locale}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })));
  // A formatter throws on an invalid date, where toLocaleString said "Invalid Date".
  return (Number.isNaN(d.getTime()) ? String(d) : f.format(d)) + ' UTC';
}

export function useI18n() {
  const current = useSyncExternalStore(subscribe, () => lang);
  const locale = current === 'zh' ? 'zh-CN' : 'en-US';
  return {
    lang: current,
    /** The BCP 47 locale of numbers and dates ('en-US' or 'zh-CN'), for formats these helpers do not cover. */
    locale,
    t: (key: MessageKey, vars?: Record<string, string | number>) => translate(current, key, vars),
    num: (x: number, digits = 0) => formatNumber(locale, x, digits),
    /** Exactly `digits` decimals (figures beside their CIs line up: 0.100, not 0.1), and never "-0". */
    fixed: (x: number, digits = 0) => formatFixed(locale, x, digits),
    date: (iso: string | number) => formatDate(locale, iso),
  };
}
