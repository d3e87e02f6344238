// The causal-vs-traditional sentence says only what the uplift row's figures show, in en and zh.
import { describe, expect, it } from 'vitest';
import type { ComparisonRow } from '../../../rec/causalComparison';
import { translate, type Lang } from '../../i18n';
import { comparisonSentence, pairedText } from './causalComparisonText';

const num = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const tr = (lang: Lang) => (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(lang, key, vars);

const base: ComparisonRow = {
  key: 'm-1',
  modelId: 'm-1',
  name: 'itemknn',
  variant: 'naive',
  figures: { 'trueUplift@10': { value: 0.339, ci95: [0.319, 0.357] }, 'NDCG@10': { value: 0.05, ci95: [0.04, 0.06] } },
  against: null,
  paired: {},
};

function uplift(diffCi: [number, number], ndcgCi: [number, number]): ComparisonRow {
  return {
    key: 'm-1+uplift',
    modelId: 'm-1',
    name: 'itemknn',
    variant: 'uplift',
    figures: { 'trueUplift@10': { value: 0.528, ci95: [0.495, 0.554] }, 'NDCG@10': { value: 0.031, ci95: [0.025, 0.037] } },
    against: 'm-1',
    paired: {
      'trueUplift@10': { difference: 0.189, ci95: diffCi, ratio: 1.56, ratioCi95: [1.53, 1.59] },
      'NDCG@10': { difference: -0.019, ci95: ndcgCi },
    },
  };
}

describe('comparisonSentence', () => {
  it('states the ratio with its CI and the accuracy cost when both CIs exclude 0', () => {
    const s = comparisonSentence(uplift([0.17, 0.21], [-0.025, -0.013]), base, 10, true, tr('en'), num);
    expect(s).toBe(
      'On this demo, by the simulator’s potential outcomes, ranking itemknn’s candidates by uplift gives 1.56× [1.53, 1.59] the ' +
        'incremental purchases@10 per user of ranking them by score (0.528 vs 0.339). Its NDCG@10 is 0.031, a difference of -0.019 [-0.025, -0.013] ' +
        'from ranking by score.',
    );
  });

  it('says no difference is shown when the CI covers 0, and marks estimates as estimates', () => {
    const s = comparisonSentence(uplift([-0.01, 0.4], [-0.03, 0.01]), base, 10, true, tr('en'), num);
    expect(s).toContain('no difference in incremental purchases@10 is shown');
    expect(s).toContain('no difference from ranking by score is shown');
    expect(s).not.toContain('1.56×');
    const est = { ...uplift([0.1, 0.2], [-0.03, -0.01]) };
    est.figures = { 'estimatedUplift@10': est.figures['trueUplift@10'], 'NDCG@10': est.figures['NDCG@10'] };
    est.paired = { 'estimatedUplift@10': est.paired['trueUplift@10'], 'NDCG@10': est.paired['NDCG@10'] };
    const b = { ...base, figures: { 'estimatedUplift@10': base.figures['trueUplift@10'] } };
    expect(comparisonSentence(est, b, 10, false, tr('en'), num)).toMatch(/^By the uplift model’s own estimates \(not measured outcomes\)/);
    expect(comparisonSentence(est, b, 10, true, tr('en'), num)).toBe('');
  });

  it('words the same figures in Chinese', () => {
    const s = comparisonSentence(uplift([0.17, 0.21], [-0.025, -0.013]), base, 10, true, tr('zh'), num);
    expect(s).toContain('1.56 倍 [1.53, 1.59]');
    expect(s).toContain('0.528 对 0.339');
  });

  it('shows the ratio beside the difference in the paired cell', () => {
    expect(pairedText('trueUplift@10', uplift([0.17, 0.21], [0, 0]).paired['trueUplift@10'], num)).toBe(
      'Δ trueUplift@10 0.189 [0.17, 0.21] · ×1.56 [1.53, 1.59]',
    );
  });
});
