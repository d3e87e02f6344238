// The cold-item sentence follows the interval it quotes: above 0 helps, covering 0 no evidence, below 0 does not help.
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { coldItemSentence, readsItemText } from './coldStartText';

const en = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('en', k, v);
const zh = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('zh', k, v);
const num = (x: number, digits = 3) => x.toFixed(digits);
const diff = (difference: number, ci95: [number, number], verdict: 'higher' | 'lower' | 'none') => ({
  difference,
  ci95,
  users: 42,
  verdict,
});

describe('coldItemSentence', () => {
  it('says item text helps only when the whole interval is above 0', () => {
    expect(coldItemSentence('content', 'pop', 'NDCG@10', diff(0.031, [0.012, 0.05], 'higher'), en, num)).toBe(
      'On the 42 cold-item test cases, content − pop on NDCG@10 is 0.031 [0.012, 0.050], an interval above 0: item text helps cold items here.',
    );
    expect(coldItemSentence('content', 'pop', 'NDCG@10', diff(0.004, [-0.01, 0.02], 'none'), en, num)).toMatch(
      /is 0\.004 \[-0\.010, 0\.020\], an interval that covers 0: no evidence that item text helps cold items here\.$/,
    );
    expect(coldItemSentence('sasrec', 'pop', 'HR@10', diff(-0.2, [-0.3, -0.1], 'lower'), en, num)).toMatch(
      /sasrec − pop on HR@10 is -0\.200 \[-0\.300, -0\.100\], an interval below 0: item text does not help cold items here/,
    );
    // Both 0 on every case (the interval is [0, 0]): said as no hits, not as "no evidence" from a spread.
    expect(coldItemSentence('content', 'pop', 'NDCG@10', diff(0, [0, 0], 'none'), en, num, true)).toBe(
      'On the 42 cold-item test cases, content and pop both score 0 on NDCG@10 in every case (neither ranks a cold item high enough to count): nothing here shows that item text helps cold items.',
    );
    expect(coldItemSentence('content', 'pop', 'NDCG@10', null, en, num)).toBe(
      'No cold-item test case ranked by both content and pop: nothing to say about item text on cold items.',
    );
  });

  it('says the same in Chinese, with the same figures', () => {
    expect(coldItemSentence('content', 'pop', 'NDCG@10', diff(0.031, [0.012, 0.05], 'higher'), zh, num)).toBe(
      '在 42 个冷物品测试样例上，content − pop 的 NDCG@10 为 0.031 [0.012, 0.050]，区间在 0 以上：物品文本在这里有助于冷物品。',
    );
    expect(coldItemSentence('content', 'pop', 'NDCG@10', diff(0.004, [-0.01, 0.02], 'none'), zh, num)).toContain('区间包含 0：没有证据');
  });
});

describe('readsItemText', () => {
  it('is the content model and sequence models trained with itemText on', () => {
    expect(readsItemText({ name: 'content', settings: {} })).toBe(true);
    expect(readsItemText({ name: 'sasrec', settings: { itemText: 'augment' } })).toBe(true);
    expect(readsItemText({ name: 'sasrec', settings: { itemText: 'off' } })).toBe(false);
    expect(readsItemText({ name: 'pop', settings: {} })).toBe(false);
  });
});
