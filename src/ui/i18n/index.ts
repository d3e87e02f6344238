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

export function useI18n() {
  const current = useSyncExternalStore(subscribe, () => lang);
  const locale = current === 'zh' ? 'zh-CN' : 'en-US';
  return {
    lang: current,
    /** The BCP 47 locale of numbers and dates ('en-US' or 'zh-CN'), for formats these helpers do not cover. */
    locale,
    t: (key: MessageKey, vars?: Record<string, string | number>) => translate(current, key, vars),
    num: (x: number, digits = 0) => x.toLocaleString(locale, { maximumFractionDigits: digits }),
    /** Exactly `digits` decimals (figures beside their CIs line up: 0.100, not 0.1), and never "-0". */
    fixed: (x: number, digits = 0) => {
      const s = x.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
    },
    date: (iso: string | number) =>
      new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC',
  };
}
