// The thread sentence quotes the decision's own figures: cores when the check was not run, steps/s when it was.
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { wasmThreadsText } from './wasmThreadsText';

const en = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('en', k, v);
const zh = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('zh', k, v);
const num = (x: number, digits: number) => x.toFixed(digits);
const rule = { minCores: 4, minSpeedup: 1.1 };

describe('wasmThreadsText', () => {
  it('on 2 cores says the check did not run and why', () => {
    expect(wasmThreadsText({ threads: 1, reason: 'few-cores', cores: 2, rule }, en, num)).toEqual({
      label: '1 wasm thread',
      sentence:
        '1 wasm thread: this machine reports 2 logical cores. TF.js wasm uses at most half of them, and the 1-vs-2-thread start-up check runs only with at least 4, so it was not run.',
    });
    expect(wasmThreadsText({ threads: 1, reason: 'few-cores', cores: 2, rule }, zh, num).sentence).toMatch(
      /^1 个 wasm 线程：本机报告 2 个逻辑处理器/,
    );
  });

  it('quotes the measured rates and their ratio, 2 threads first', () => {
    const faster = wasmThreadsText({ threads: 2, reason: 'faster', cores: 8, rule, rates: { one: 40, two: 70 } }, en, num);
    expect(faster.label).toBe('2 wasm threads');
    expect(faster.sentence).toBe(
      '2 wasm threads: the start-up check measured 70.0 steps/s with 2 threads vs 40.0 with 1 on a small SASRec training step (1.75×, at least 1.10× keeps 2).',
    );
    const not = wasmThreadsText({ threads: 1, reason: 'not-faster', cores: 4, rule, rates: { one: 50, two: 52 } }, en, num);
    expect(not.sentence).toBe(
      '1 wasm thread: the start-up check measured 52.0 steps/s with 2 threads vs 50.0 with 1 on a small SASRec training step (1.04×, under the 1.10× that keeps 2).',
    );
    expect(wasmThreadsText({ threads: 1, reason: 'not-faster', cores: 4, rule, rates: { one: 50, two: 52 } }, zh, num).sentence).toContain(
      '2 线程每秒 52.0 步，1 线程每秒 50.0 步（1.04×',
    );
  });

  it('names the failure and the missing isolation', () => {
    expect(wasmThreadsText({ threads: 1, reason: 'check-failed', cores: 8, rule, error: 'timed out' }, en, num).sentence).toBe(
      '1 wasm thread: the 1-vs-2-thread start-up check did not finish (timed out).',
    );
    expect(wasmThreadsText({ threads: 1, reason: 'not-isolated', cores: 8, rule }, en, num).sentence).toContain(
      'not cross-origin isolated',
    );
  });
});
