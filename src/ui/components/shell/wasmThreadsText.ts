// The wasm thread decision in words: a short label for the header, and a sentence that quotes the figures it rests on
// (the machine's cores, or the start-up check's steps/s) and says no more than they do.
import type { MessageKey } from '../../i18n/en';
import type { WasmThreadsDecision } from '../../../ml/wasmThreads';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
/** Exactly `digits` decimals (useI18n's `fixed`), so 5 steps/s reads 5.0 beside 5.1. */
type Fixed = (x: number, digits: number) => string;

const SENTENCE: Record<WasmThreadsDecision['reason'], MessageKey> = {
  'few-cores': 'backend.threads.fewCores',
  'not-isolated': 'backend.threads.notIsolated',
  faster: 'backend.threads.faster',
  'not-faster': 'backend.threads.notFaster',
  'check-failed': 'backend.threads.failed',
};

export function wasmThreadsText(d: WasmThreadsDecision, t: T, fixed: Fixed): { label: string; sentence: string } {
  const label = t(d.threads === 2 ? 'backend.threads.two' : 'backend.threads.one');
  const rates = d.rates;
  const sentence = t(SENTENCE[d.reason], {
    threads: label,
    cores: d.cores,
    min: d.reason === 'few-cores' ? d.rule.minCores : fixed(d.rule.minSpeedup, 2),
    one: rates ? fixed(rates.one, 1) : '',
    two: rates ? fixed(rates.two, 1) : '',
    ratio: rates ? fixed(rates.two / rates.one, 2) : '',
    error: d.error ?? '',
  });
  return { label, sentence };
}
