import { describe, expect, it } from 'vitest';
import type { CausalVariables } from '../../../causal/pipelineTypes';
import { translate } from '../../i18n';
import { constantVariables, effectChoices, thresholdProblem } from './effectChoices';
import { effectFindingSentences, refutationNote, treatmentLabel } from './effectFindingText';
import { refuteAll } from '../../../causal/refute';
import { pointEstimates } from '../../../causal/estimate';
import { createRng } from '../../../lib/rng';

// A rating log's per-user table as the worker summarises it: two constant 0/1 columns, one 0/1 and two continuous ones.
const vars: CausalVariables = {
  names: ['rating_mean', 'exposed', 'purchased', 'liked', 'spanDays'],
  kinds: ['continuous', 'binary', 'binary', 'binary', 'continuous'],
  rows: 943,
  defaults: ['rating_mean', 'spanDays'],
  constant: [],
  summaries: [
    { min: 1.49, max: 4.87, median: 3.62, threshold: 3.62 },
    { min: 0, max: 0, median: 0, threshold: null },
    { min: 0, max: 0, median: 0, threshold: null },
    { min: 0, max: 1, median: 1, threshold: 1 },
    { min: 0, max: 215, median: 12, threshold: 12 },
  ],
};

describe('what the Effect panel offers', () => {
  it('leaves constant variables out of treatments and outcomes and splits only the non-0/1 ones', () => {
    const c = effectChoices(['rating_mean', 'exposed', 'liked', 'spanDays'], vars);
    expect(c.treatments).toEqual(['rating_mean', 'liked', 'spanDays']);
    expect(c.outcomes).toEqual(['rating_mean', 'liked', 'spanDays']);
    // purchased is constant too but not in this graph: only the graph's own constants are listed.
    expect(c.constant).toEqual([{ name: 'exposed', value: 0 }]);
    expect(c.info('rating_mean')).toEqual(vars.summaries![0]);
    expect(c.info('liked')).toBeNull();
    expect(constantVariables(vars).map((x) => x.name)).toEqual(['exposed', 'purchased']);
  });

  it('range-checks the typed threshold against the variable', () => {
    const s = { min: 1.49, max: 4.87 };
    expect(thresholdProblem('3.6', s)).toBeNull();
    expect(thresholdProblem('4.87', s)).toBeNull();
    expect(thresholdProblem('1.49', s)).toBe('range');
    expect(thresholdProblem('5', s)).toBe('range');
    expect(thresholdProblem('', s)).toBe('range');
    expect(thresholdProblem('abc', s)).toBe('range');
  });

  it('names the split in the label and the findings, in English and Chinese', () => {
    const num = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d });
    const split = { threshold: 3.6, treated: 471, control: 472 };
    const en = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('en', k, v);
    expect(treatmentLabel('rating_mean', split, en, num)).toBe('rating_mean ≥ 3.6 vs below');
    expect(treatmentLabel('exposed', null, en, num)).toBe('exposed');
    const iv = { ate: 0.1, ci95: [0.05, 0.15] as [number, number] };
    const facts = {
      causalPathExists: true,
      estimates: { naive: iv, regression: iv, ipw: iv, aipw: iv },
      refutations: [{ passed: true }],
      sensitivity: { scale: 'standardisedDifference' as const, riskRatio: 1.2, riskRatioBound: 1.1, eValue: 1.5, eValueCi: 1.2 },
      split,
    };
    const said = effectFindingSentences(facts, 'rating_mean', 'spanDays', en, num);
    expect(said[0]).toEqual({
      kind: 'split',
      text:
        'The estimates compare the 471 rows with rating_mean ≥ 3.6 (treated) against the 472 below (control): the effect of ' +
        'being above the threshold, not of a unit change in rating_mean.',
    });
    expect(said.find((f) => f.kind === 'sensitivity')!.text).toContain('both rating_mean ≥ 3.6 and spanDays');
    const zh = effectFindingSentences(facts, 'rating_mean', 'spanDays', (k, v) => translate('zh', k, v), num);
    expect(zh[0].text).toContain('rating_mean ≥ 3.6 的 471 行（处理组）与低于阈值的 472 行');
    // Without a split the sentences are as before: no 'split' finding.
    expect(effectFindingSentences({ ...facts, split: null }, 'exposed', 'purchased', en, num)[0].kind).not.toBe('split');
  });
});

describe('refutation notes', () => {
  const num = (x: number, d = 3) => (Number.isInteger(x) && d === 0 ? String(x) : x.toFixed(d));
  const en = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('en', k, v);
  const zh = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('zh', k, v);

  /** n rows, a confounder z, the treatment more likely with z, and the outcome `effect` higher when treated. */
  function simulate(n: number, effect: number) {
    const rng = createRng(4);
    const z = Float64Array.from({ length: n }, () => rng.normal());
    const treatment = z.map((x) => (rng.next() < 1 / (1 + Math.exp(-x)) ? 1 : 0));
    const outcome = treatment.map((t, i) => effect * t + z[i] + rng.normal());
    return { treatment, outcome, covariates: [z] };
  }

  it('say in English what the core says, and in Chinese the same figures', () => {
    for (const effect of [1, 0]) {
      const data = simulate(1000, effect);
      const out = refuteAll(data, pointEstimates(data).aipw, { seed: 2, runs: 20, standardError: 0.08 });
      for (const r of out) expect(refutationNote(r, en, num)).toBe(r.note);
      const placebo = out[0];
      if (effect === 1) {
        expect(placebo.pValue).toBeCloseTo(1 / 21, 12);
        expect(refutationNote(placebo, zh, num)).toBe(
          '安慰剂效应的均值接近 0；20 次运行中没有一次达到真实估计（p ≤ 0.048，这是 20 次运行能给出的最小值）',
        );
      } else {
        // No effect: the real estimate sits among the placebos, and some of them reach it.
        expect(placebo.pValue).toBeGreaterThan(1 / 21);
        expect(refutationNote(placebo, en, num)).toMatch(/; \d+ of the 20 runs reached the real estimate \(p = 0\.\d{3}\)$/);
      }
    }
  });
});
