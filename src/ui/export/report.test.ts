import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { buildReportHtml, escapeHtml, safeSvg, type ReportInput } from './report';
import type { ReportCausal } from './reportCausal';
import type { EffectResult } from '../../causal/pipelineTypes';
import { pairedMetricDifference } from '../../rec/predict/classificationMetrics';
import { scorePredictor, type PredictionReport } from '../../rec/predict/predictionReport';

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    title: 'Quarterly review',
    lang: 'en',
    t: (k, v) => translate('en', k, v),
    generatedAt: new Date('2026-11-22T23:00:00Z'),
    version: '0.1.0',
    settings: [{ label: 'Compute backend', value: 'wasm (25 GFLOP/s)' }],
    datasets: [SHOP],
    models: [
      {
        id: 'm1',
        datasetId: 'd1',
        name: 'itemknn',
        settings: { k: 50, shrink: 0 },
        seed: 42,
        backend: 'wasm',
        trainSeconds: 0.5,
        validation: { ndcg10: 0.12, hr10: 0.25 },
        notices: [],
      },
    ],
    evaluations: [
      {
        modelId: 'm1',
        modelName: 'itemknn',
        protocol: 'full',
        sampled: false,
        users: 30,
        metrics: { 'NDCG@10': 0.1, 'HR@10': 0.2 },
        ci95: { 'NDCG@10': [0.05, 0.15] },
      },
    ],
    classifiers: [],
    itemEmbeddings: {},
    textModels: [],
    explanation: {
      dataset: 'shop.csv',
      user: 'u1',
      model: 'itemknn',
      method: 'occlusion',
      rows: [{ itemId: 'i1', title: 'Blue mug', score: 0.9, reason: 'Recommended mainly because you viewed “Tea”.' }],
    },
    charts: [
      {
        title: 'Events per type',
        svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5" style="fill:rgb(0, 114, 178)"></rect><text>view &lt;b&gt;</text></svg>',
      },
    ],
    ...over,
  };
}

const SHOP: ReportInput['datasets'][number] = {
  id: 'd1',
  name: 'shop.csv',
  active: true,
  summary: {
    events: 1200,
    users: 30,
    items: 40,
    eventsByType: { view: 1000, purchase: 200 },
    timeRange: ['2024-01-01T00:00:00.000Z', '2024-01-31T00:00:00.000Z'],
    funnel: [
      { step: 'view', users: 30, reached: 30 },
      { step: 'purchase', users: 12, reached: 9 },
    ],
    activity: [],
    activityBucket: 'day',
  },
  fingerprint: { algorithm: 'SHA-256', hex: 'ab'.repeat(32) },
};

const iv = (ate: number): { ate: number; ci95: [number, number] } => ({ ate, ci95: [ate - 0.01, ate + 0.01] });

/** A PC graph on the demo's variables (one edge reversed and one added by the analyst) and an effect estimate on it. */
function causal(names: { t: string; y: string; z: string } = { t: 'exposed', y: 'purchased', z: 'views' }): ReportCausal {
  const { t, y, z } = names;
  return {
    graph: {
      request: {
        datasetId: 'd1',
        unit: 'user',
        variables: [t, z, y],
        algo: 'pc',
        alpha: 0.01,
        bootstrap: 20,
        seed: 42,
        tiers: [[t], [z, y]],
        required: [[t, z]],
        forbidden: [[y, t]],
      },
      result: {
        variables: [t, z, y],
        algo: 'pc',
        tests: 12,
        seconds: 0.2,
        edges: [
          { from: t, to: z, directed: true, pValue: 0.0001, partialCorrelation: 0.41, weakestGiven: [], stability: 0.95 },
          { from: z, to: y, directed: false, pValue: 0.002, partialCorrelation: -0.23, weakestGiven: [t], stability: 0.6 },
        ],
        truth: {
          skeletonShd: 1,
          shd: 2,
          truePositives: 2,
          correctlyDirected: 1,
          missing: [],
          extra: [],
          reversed: [],
          undirected: [],
          trueEdges: 3,
        },
      },
      // z → y reversed by the analyst, t → y added.
      dag: {
        nodes: [t, z, y],
        edges: [
          { from: t, to: z, weight: 0.41 },
          { from: y, to: z, weight: -0.23 },
          { from: t, to: y },
        ],
      },
      svg: `<svg xmlns="http://www.w3.org/2000/svg" class="chart dag"><text>${escapeHtml(t)}</text></svg>`,
    },
    effect: {
      request: { datasetId: 'd1', unit: 'user', nodes: [t, z, y], edges: [], treatment: t, outcome: y, bootstrap: 200, seed: 42 },
      result: {
        ok: true,
        adjustmentSet: [z],
        causalPathExists: true,
        estimates: {
          naive: iv(0.25),
          regression: iv(0.123),
          ipw: iv(0.118),
          aipw: iv(0.121),
          whatIf: { control: iv(0.1), treated: iv(0.221) },
          bootstrap: 200,
          overlap: { treated: { min: 0.1, max: 0.9, n: 10 }, control: { min: 0.1, max: 0.9, n: 10 }, trimmedShare: 0, trim: [0.01, 0.99] },
        },
        refutations: [
          {
            name: 'placebo',
            originalEffect: 0.121,
            newEffect: 0.002,
            sd: 0.01,
            runs: 20,
            passed: true,
            pValue: 3 / 21,
            note: 'placebo near zero',
          },
          { name: 'dataSubset', originalEffect: 0.121, newEffect: 0.3, sd: 0.02, runs: 20, passed: false, note: 'unstable' },
        ],
      },
    },
  };
}

/** Every tag name in the document, to prove no hostile text became markup. */
const tags = (html: string) => new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1].toLowerCase()));

describe('buildReportHtml', () => {
  it('is one self-contained HTML document with a CSP that forbids scripts and outside requests', () => {
    const html = buildReportHtml(input());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"`);
    expect(tags(html).has('script')).toBe(false);
    // The SVG namespace is a name, not a request; no other address appears.
    expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
  });

  it('carries settings, the data fingerprint, the model card, metrics with CIs, reasons and charts', () => {
    const html = buildReportHtml(input());
    expect(html).toContain('<title>Quarterly review</title>');
    expect(html).toContain('wasm (25 GFLOP/s)');
    expect(html).toContain(`<code data-fingerprint>${'ab'.repeat(32)}</code>`);
    expect(html).toContain('Model card: itemknn (m1)');
    expect(html).toContain('<code>shrink</code>');
    expect(html).toContain('<span data-validation-ndcg>NDCG@10 0.12 · HR@10 0.25</span>');
    expect(html).toContain('0.05 – 0.15');
    // A model trained for quality (no validation figure: it trained on those items) says so on its card.
    const quality = buildReportHtml({ ...input(), models: [{ ...input().models[0], validation: null }] });
    expect(quality).not.toContain('data-validation-ndcg');
    expect(quality).toContain('<span data-validation-none>Trained on the validation items (train for quality)');
    // Why a fit ended short of its plan, from its record; nothing for a fit that ran its planned epochs.
    expect(html).not.toContain('data-fit-stop');
    const stopped = { by: 'early-stopping' as const, epochs: 42, bestEpoch: 32, bestValNdcg10: 0.046, checksAfterBest: 5 };
    const early = buildReportHtml({ ...input(), models: [{ ...input().models[0], stop: stopped }] });
    expect(early).toContain(
      '<span data-fit-stop>Early stopping ended it after epoch 42: every validation check since epoch 32 (5 in all) was below its best.</span>',
    );
    const ran = buildReportHtml({ ...input(), models: [{ ...input().models[0], stop: { ...stopped, by: 'completed' as const } }] });
    expect(ran).not.toContain('data-fit-stop');
    expect(html).toContain('1,200');
    expect(html).toContain('Recommended mainly because you viewed “Tea”.');
    expect(html).toContain('<figcaption>Events per type</figcaption><svg xmlns=');
    expect(html).toContain('view &lt;b&gt;');
    // The funnel row: 9 of the 30 viewers bought after viewing (30%); 12 bought in all.
    expect(html).toMatch(/purchase<\/td><td[^>]*>9<\/td><td[^>]*>30%<\/td><td[^>]*>12<\/td>/);
  });

  it('escapes hostile text everywhere it can appear', () => {
    const hostile = input({
      title: HOSTILE,
      settings: [{ label: HOSTILE, value: HOSTILE }],
      datasets: [
        {
          ...SHOP,
          name: HOSTILE,
          summary: {
            ...SHOP.summary,
            eventsByType: { [HOSTILE]: 3 },
            funnel: [
              { step: HOSTILE, users: 1, reached: 1 },
              { step: 'b', users: 1, reached: 1 },
            ],
          },
        },
      ],
      models: [{ ...input().models[0], id: `"><script>x</script>`, name: HOSTILE, settings: { [HOSTILE]: HOSTILE }, notices: [HOSTILE] }],
      explanation: {
        dataset: HOSTILE,
        user: HOSTILE,
        model: HOSTILE,
        method: HOSTILE,
        rows: [{ itemId: HOSTILE, title: HOSTILE, score: 1, reason: HOSTILE }],
      },
      charts: [{ title: HOSTILE, svg: '<svg><text>ok</text></svg>' }],
    });
    const html = buildReportHtml(hostile);
    expect(tags(html).has('script')).toBe(false);
    expect(tags(html).has('img')).toBe(false);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</title>');
    expect(html).toContain('data-model="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });

  it('leaves out a chart whose markup could run anything', () => {
    const html = buildReportHtml(input({ charts: [{ title: 'bad', svg: '<svg onload="alert(1)"><rect/></svg>' }] }));
    expect(html).not.toContain('onload');
    expect(html).toContain('This chart was left out');
  });

  it('writes Chinese labels and numbers for a Chinese report', () => {
    const html = buildReportHtml(input({ lang: 'zh', t: (k, v) => translate('zh', k, v) }));
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('模型卡片：itemknn（m1）');
  });
});

describe('a session with two datasets', () => {
  const demo: ReportInput['datasets'][number] = {
    ...SHOP,
    id: 'd2',
    name: 'Demo shop (simulated)',
    active: false,
    fingerprint: { algorithm: 'SHA-256', hex: 'cd'.repeat(32) },
  };
  const ml: ReportInput['datasets'][number] = { ...SHOP, id: 'd3', name: 'ml-100k', active: false };
  const session = () =>
    input({
      datasets: [SHOP, demo, ml],
      models: [
        input().models[0],
        {
          ...input().models[0],
          id: 'm2',
          datasetId: 'd2',
          name: 'ease',
          settings: { lambda: 250, weights: Array.from({ length: 120 }, () => 0.5) },
          validation: { ndcg10: 0.0244, hr10: 0.05 },
        },
      ],
      classifiers: [
        {
          id: 'text-2',
          datasetId: 'd2',
          baseModelId: 'text-1',
          outcome: 'purchase',
          labels: ['no', 'yes'],
          examples: 400,
          classShares: [0.75, 0.25],
          valAccuracy: 0.8,
          steps: 50,
          seconds: 12.5,
          report: predictionFixture(),
        },
      ],
      itemEmbeddings: { d2: { textModelId: 'text-1', items: 40, dim: 128 } },
      textModels: [
        { id: 'text-1', source: 'bert-tiny', layers: 2, hidden: 128, heads: 2, parameters: 4_400_000 },
        { id: 'text-2', source: 'bert-tiny (fine-tuned)', layers: 2, hidden: 128, heads: 2, parameters: 4_400_000 },
      ],
      charts: [
        { title: 'Events per type', svg: '<svg><text>a</text></svg>', datasetId: 'd1' },
        { title: 'Events per type', svg: '<svg><text>b</text></svg>', datasetId: 'd2' },
      ],
    });
  const block = (html: string, id: string) => {
    const start = html.indexOf(`<div class="dataset-models" data-dataset="${id}">`);
    return html.slice(start, html.indexOf('</div>', start));
  };

  it('describes every dataset, the active one marked, each with its own fingerprint', () => {
    const html = buildReportHtml(session());
    expect(html.match(/<article class="dataset"/g)).toHaveLength(3);
    expect(html).toContain('<h3>shop.csv <span class="muted">(active)</span></h3>');
    expect(html).toContain('<h3>Demo shop (simulated)</h3>');
    expect(html).toContain(`<code data-fingerprint>${'cd'.repeat(32)}</code>`);
  });

  it("lists each dataset's recommenders, classifiers and item embeddings under its name, and says when it has none", () => {
    const html = buildReportHtml(session());
    expect(block(html, 'd1')).toContain('Model card: itemknn (m1)');
    expect(block(html, 'd1')).not.toContain('ease');
    const d2 = block(html, 'd2');
    expect(d2).toContain('Model card: ease (m2)');
    expect(d2).toContain('<span data-validation-ndcg>NDCG@10 0.0244 · HR@10 0.05</span>');
    // Settings as a compact list, not a 600-character JSON blob.
    expect(d2).toContain('<code>weights</code></td><td><code>[0.5, 0.5, 0.5, …] (n=120)</code>');
    expect(d2).toContain('Behavior classifier: text-2 (fine-tuned from text-1)');
    expect(d2).toContain('<td>will buy (within the horizon after the described events)</td>');
    // Held-out metrics beside both baselines, and the verdict the paired ROC-AUC interval supports.
    expect(d2).toContain(
      '<td>ROC-AUC</td><td class="num">1 [1 – 1]</td><td class="num">0.5 [0.5 – 0.5]</td><td class="num">0.5 [0.5 – 0.5]</td>',
    );
    expect(d2).toContain('On 40 held-out users (no: 20, yes: 20)');
    expect(d2).toMatch(
      /ROC-AUC minus the logistic baseline: 0\.5 \[0\.5 – 0\.5\]; the interval is above 0, so it beats the logistic baseline\./,
    );
    expect(d2).toContain('<td>0.8 (always guessing the largest class: 0.75)</td>');
    expect(d2).toContain('Item embeddings: 40 items × 128 dimensions from text model text-1.');
    expect(block(html, 'd3')).toContain('No model trained on ml-100k yet.');
    expect(html).not.toContain('No model trained yet.');
    // The fine-tuned classifier is described under its dataset; the text models table lists only the loaded one.
    const texts = html.slice(html.indexOf('Text models loaded'));
    expect(texts).toContain('<code>text-1</code>');
    expect(texts).not.toContain('<code>text-2</code>');
  });

  it("groups the charts under their dataset's name", () => {
    const charts = buildReportHtml(session()).split('<section id="charts">')[1];
    expect(charts.indexOf('<h3>shop.csv</h3>')).toBeLessThan(charts.indexOf('<text>a</text>'));
    expect(charts.indexOf('<h3>Demo shop (simulated)</h3>')).toBeLessThan(charts.indexOf('<text>b</text>'));
    expect(charts.indexOf('<text>a</text>')).toBeLessThan(charts.indexOf('<h3>Demo shop (simulated)</h3>'));
  });
});

describe('the Causal analysis section', () => {
  const section = (html: string) =>
    html.slice(html.indexOf('<section id="causal">'), html.indexOf('</section>', html.indexOf('<section id="causal">')));

  it('says how to get one when nothing was discovered', () => {
    expect(section(buildReportHtml(input()))).toContain('Discover a causal graph in the Causal view to include it here.');
  });

  it('carries the graph as drawn, its edges with evidence, the settings, the demo SHD, the effect with CIs and refutations', () => {
    const s = section(buildReportHtml(input({ causal: causal() })));
    expect(s).toContain('<h2>Causal analysis</h2>');
    expect(s).toContain('PC (conditional-independence tests)');
    expect(s).toMatch(/<td>α<\/td><td>0\.01<\/td>/);
    expect(s).toContain('<td>Bootstrap resamples</td><td>20</td>');
    expect(s).toContain('exposed ≺ views, purchased');
    expect(s).toContain('structural Hamming distance 2; 2 of 3 planted edges found');
    expect(s).toContain('<figure><svg xmlns="http://www.w3.org/2000/svg" class="chart dag">');
    // One row per edge of the edited graph: discovered (weight, stability, p), reversed (same evidence), added.
    expect(s).toContain(
      '<td><code>exposed</code> → <code>views</code></td><td class="num">0.41</td><td class="num">95%</td><td class="num">&lt; 0.001</td><td></td>',
    );
    expect(s).toContain(
      '<td><code>purchased</code> → <code>views</code></td><td class="num">-0.23</td><td class="num">60%</td><td class="num">0.002</td><td>direction not identified by the data</td>',
    );
    expect(s).toContain(
      '<td><code>exposed</code> → <code>purchased</code></td><td class="num">—</td><td class="num">—</td><td class="num">—</td><td>added by the analyst</td>',
    );
    expect(s).toContain('Back-door adjustment set: <code>views</code>');
    expect(s).toContain('<td>Doubly robust (AIPW)</td><td class="num">0.121 [0.111, 0.131]</td>');
    expect(s).toContain('<td>Naive difference</td><td class="num">0.25 [0.24, 0.26]</td></tr>');
    // No truth known: no "covers" column.
    expect(s).not.toContain('CI covers the planted');
    expect(s).toContain(
      // The note is the report's language's, from the figures: p = (reached + 1) / (runs + 1).
      '<td>Placebo treatment</td><td class="num">0.121</td><td class="num">0.002 (0.01)</td><td>✓</td><td>placebo effects centre on 0; 2 of the 20 runs reached the real estimate (p = 0.143)</td>',
    );
    expect(s).toContain('<td>Data subsets</td><td class="num">0.121</td><td class="num">0.3 (0.02)</td><td>✗</td>');
  });

  it('says which dataset it ran on and, where the true effect is known, whether each CI covers it', () => {
    const c = causal();
    c.dataset = 'Demo shop';
    c.effect!.truthAte = 0.12;
    const s = section(buildReportHtml(input({ causal: c })));
    expect(s).toContain('<p>On dataset Demo shop.</p>');
    expect(s).toContain('<th scope="col">CI covers the planted 0.12</th>');
    // AIPW [0.111, 0.131] covers 0.12; naive [0.24, 0.26] does not; regression [0.113, 0.133] does; IPW [0.108, 0.128] does.
    expect(s).toContain('<td>Doubly robust (AIPW)</td><td class="num">0.121 [0.111, 0.131]</td><td>✓</td>');
    expect(s).toContain('<td>Naive difference</td><td class="num">0.25 [0.24, 0.26]</td><td>✗</td>');
  });

  it('shows a failed estimate by its reason, and an effect without a graph', () => {
    const c = causal();
    const s = section(
      buildReportHtml(
        input({ causal: { graph: null, effect: { request: c.effect!.request, result: { ok: false, reason: 'exposed is never 0' } } } }),
      ),
    );
    expect(s).toContain('No estimate: exposed is never 0');
    expect(s).not.toContain('<figure>');
  });

  it('escapes hostile variable names, treatment, outcome and notes, and refuses a scriptable graph drawing', () => {
    const c = causal({ t: HOSTILE, y: `"><script>y</script>`, z: "<img src=x onerror=alert('z')>" });
    c.graph!.svg = '<svg onload="alert(1)"><text>x</text></svg>';
    c.effect!.result = {
      ...(c.effect!.result as Extract<EffectResult, { ok: true }>),
      refutations: [{ name: 'placebo', originalEffect: 1, newEffect: 0, sd: 0, runs: 1, passed: true, note: HOSTILE }],
    };
    const html = buildReportHtml(input({ causal: c }));
    const s = section(html);
    expect(tags(html).has('script')).toBe(false);
    expect(tags(html).has('img')).toBe(false);
    expect(html).not.toContain('onload');
    expect(html).not.toMatch(/onerror=alert\('z'\)>/);
    expect(s).toContain(
      '<code>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</code> → <code>&lt;img src=x onerror=alert(&#39;z&#39;)&gt;</code>',
    );
    expect(s).toContain('Back-door adjustment set: <code>&lt;img src=x onerror=alert(&#39;z&#39;)&gt;</code>');
    expect(s).toContain('<code>&quot;&gt;&lt;script&gt;y&lt;/script&gt;</code>');
  });

  it('is written in Chinese for a Chinese report', () => {
    const s = section(buildReportHtml(input({ lang: 'zh', t: (k, v) => translate('zh', k, v), causal: causal() })));
    expect(s).toContain('<h2>因果分析</h2>');
    expect(s).toContain('自助法稳定性');
  });
});

describe('the bundled CJK font in the report', () => {
  const FONT = 'd09GMgABAAA='; // stands in for the WOFF2's base64
  const fontFaces = (html: string) => html.match(/@font-face/g)?.length ?? 0;

  it('is embedded once, as a data: URL, when the report has Chinese text', () => {
    const zh = buildReportHtml(input({ lang: 'zh', t: (k, v) => translate('zh', k, v), cjkFont: FONT }));
    expect(fontFaces(zh)).toBe(1);
    expect(zh).toContain(`src: url(data:font/woff2;base64,${FONT}) format('woff2')`);
    // System CJK fonts come first; the bundled face only fills in.
    expect(zh).toMatch(/body \{ font-family: system-ui,[^;]*'PingFang SC'[^;]*'Noto Sans CJK SC'[^;]*'RecLens CJK', sans-serif;/);
    expect(zh.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
    // Event types in the report's language, as the app's own charts name them.
    expect(zh).toContain('<td>浏览</td><td class="num">1,000</td>');
    expect(buildReportHtml(input())).toContain('<td>view</td><td class="num">1,000</td>');
  });

  it('is embedded for Chinese data (an item title) in an English report too', () => {
    const explanation = { ...input().explanation!, rows: [{ itemId: 'i1', title: '蓝色马克杯', score: 0.9, reason: 'because' }] };
    expect(fontFaces(buildReportHtml(input({ cjkFont: FONT, explanation })))).toBe(1);
  });

  it('is left out of a report without CJK text, and when the font could not be had', () => {
    const en = buildReportHtml(input({ cjkFont: FONT }));
    expect(fontFaces(en)).toBe(0);
    expect(en).not.toContain(FONT);
    expect(fontFaces(buildReportHtml(input({ lang: 'zh', t: (k, v) => translate('zh', k, v), cjkFont: null })))).toBe(0);
  });
});

describe('escapeHtml and safeSvg', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
  });
  it('accepts plain SVG and refuses anything scriptable or external', () => {
    expect(safeSvg('<svg width="1"><rect fill="#000"/><text>one = 1</text></svg>')).not.toBeNull();
    for (const bad of [
      '<svg><script>alert(1)</script></svg>',
      '<svg><rect onclick="x()"/></svg>',
      '<svg><foreignObject><div/></foreignObject></svg>',
      '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
      '<svg><image href="http://evil/x.png"/></svg>',
      '<svg><use xlink:href="http://evil/x.svg#a"/></svg>',
      '<div><svg></svg></div>',
      '<svg></svg><script>alert(1)</script>',
    ])
      expect(safeSvg(bad), bad).toBeNull();
  });
});

/** A held-out report of 40 users: a classifier that ranks them all right, both baselines flat at ½. */
function predictionFixture(): PredictionReport {
  const labels = Array.from({ length: 40 }, (_, i) => i % 2);
  const model = labels.map((y) => Float32Array.of(y ? 0.2 : 0.9, y ? 0.8 : 0.1));
  const flat = labels.map(() => Float32Array.of(0.5, 0.5));
  const versus = (m: Float32Array[]) => ({ rocAuc: pairedMetricDifference(m, flat, labels, 2, 'rocAuc', 1, 200) });
  return {
    target: 'buy',
    labelNames: ['no', 'yes'],
    trainExamples: 160,
    testExamples: 40,
    testClassCounts: [20, 20],
    ...scorePredictor(model, labels, 2, 1, 200),
    baselines: { constant: scorePredictor(flat, labels, 2, 1, 200), logistic: scorePredictor(flat, labels, 2, 1, 200) },
    versus: { constant: versus(model), logistic: versus(model) },
  };
}
