import { describe, expect, it } from 'vitest';
import { causalReason, type ReasonGraph } from '../../../causal/causalReason';
import { makeTable } from '../../../causal/table';
import { translate } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { causalReasonSentences, upliftSentence, type GraphFacts } from './causalReasonText';

// The core test's graph: a → b → y, b — c undirected, y → k ← w; user row 3 (a = 4 against a median of 3.5).
const graph: ReasonGraph = {
  nodes: ['a', 'b', 'c', 'w', 'k', 'y'],
  edges: [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'y' },
    { from: 'b', to: 'c', undirected: true },
    { from: 'y', to: 'k' },
    { from: 'w', to: 'k' },
  ],
};
const col = (...v: number[]) => Float64Array.from(v);
const table = makeTable(
  ['y', 'a', 'b', 'c', 'w', 'k'],
  [
    col(0, 0, 0, 1, 1, 1),
    col(1, 2, 3, 4, 5, 6),
    col(0, 1, 0, 0, 1, 1),
    col(3, 1, 4, 1, 5, 9),
    col(1, 0, 0, 1, 1, 0),
    col(1, 2, 3, 4, 5, 6),
  ],
);
const facts: GraphFacts = { algo: 'PC', unit: 'user', nodes: 6, edges: 5, undirected: 1, edited: false };
const num = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d });
const words = (lang: 'en' | 'zh', edited = false) => {
  const r = causalReason(graph, table, 3, 'y');
  if (!r.ok) throw new Error(r.reason);
  const t = (k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v);
  return Object.fromEntries(causalReasonSentences(r.data, { ...facts, edited }, t, num).map((s) => [s.kind, s.text]));
};

describe('causalReasonSentences', () => {
  it('names the graph and the outcome, and lists only ancestors as causes, with the figures', () => {
    const en = words('en');
    expect(en.graph).toBe(
      "On the Causal view's graph (PC, one row per user, 6 variables, 5 edges, 1 of them undirected), the outcome is “y”.",
    );
    expect(en.causes).toBe(
      'Causes of “y” on this graph (a directed path leads from each to it): a (this user 4, median 3.5), b (this user 0, median 0.5).',
    );
    expect(en.userSide).toBe('This user is above the median on a; below the median on b.');
    expect(en.possible).toMatch(/^Possible causes, direction not settled: c \(this user 1, median 3\.5\) reach “y”/);
    // k: r = 4.5 / √26.25 = 0.878, Fisher-z CI [0.23, 0.99] with 6 rows.
    expect(en.correlates).toMatch(/^Only correlates: k \(r = 0\.88 \[0\.23, 0\.99\]\) are associated with “y”/);
    expect(en.unrelated).toMatch(/: w\.$/);
    expect(words('en', true).graph).toMatch(/as you edited it/);
  });

  it('says the same in Chinese', () => {
    const zh = words('zh');
    expect(zh.graph).toBe('依据因果视图中的图（PC，每行对应一个用户，6 个变量，5 条边，其中 1 条无向），结果变量为“y”。');
    expect(zh.causes).toBe('在此图上是“y”的原因（各自有一条有向路径通向它）：a（该用户 4，中位数 3.5）、b（该用户 0，中位数 0.5）。');
    expect(zh.correlates).toMatch(/^仅为相关因素：k（r = 0\.88 \[0\.23, 0\.99\]）/);
    expect(zh.possible).toMatch(/^可能的原因，方向未定：c/);
  });

  it('says the graph names no cause when no directed path reaches the outcome', () => {
    const r = causalReason({ nodes: ['a', 'y'], edges: [{ from: 'y', to: 'a' }] }, table, 0, 'y');
    if (!r.ok) throw new Error(r.reason);
    const s = causalReasonSentences(r.data, facts, (k, v) => translate('en', k, v), num);
    expect(s.find((x) => x.kind === 'causes')!.text).toBe(
      'No behavior leads to “y” along directed edges of this graph, so the graph names no cause of it.',
    );
    expect(s.map((x) => x.kind)).toEqual(['graph', 'causes', 'correlates']);
  });

  it('writes r and its CI with the fixed formatter the table beside it uses, and the values with num', () => {
    const r = causalReason(graph, table, 3, 'y');
    if (!r.ok) throw new Error(r.reason);
    // A marked formatter shows which figures go through it (ml-100k showed "[-0.2, -0.07]" and "-0" beside "-0.20").
    const fixed = (x: number, d = 0) => `${x.toFixed(d)}f`;
    const s = causalReasonSentences(r.data, facts, (k, v) => translate('en', k, v), num, fixed);
    expect(s.find((x) => x.kind === 'correlates')!.text).toMatch(/^Only correlates: k \(r = 0\.88f \[0\.23f, 0\.99f\]\)/);
    expect(s.find((x) => x.kind === 'causes')!.text).toContain('a (this user 4, median 3.5)');
  });
});

describe('upliftSentence', () => {
  const t = (lang: 'en' | 'zh') => (k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v);
  it('claims an effect only when the CI excludes 0', () => {
    expect(upliftSentence({ tau: 0.042, lo: 0.011, hi: 0.07 }, t('en'), num)).toBe(
      'Recommending it to this user is estimated to add 0.042 expected purchases [0.011, 0.07].',
    );
    expect(upliftSentence({ tau: 0.02, lo: -0.01, hi: 0.05 }, t('en'), num)).toBe(
      'No evidence of an effect of recommending it to this user: 0.02 expected purchases [-0.01, 0.05], a 95% CI that covers 0.',
    );
    expect(upliftSentence({ tau: 0.03, lo: 0.03, hi: 0.03 }, t('en'), num)).toMatch(/no CI was computed, so this is no evidence/);
    expect(upliftSentence({ tau: 0.02, lo: -0.01, hi: 0.05 }, t('zh'), num)).toBe(
      '没有证据表明向该用户推荐它有效果：期望购买 0.02 次 [-0.01, 0.05]，95% 置信区间包含 0。',
    );
  });
});
