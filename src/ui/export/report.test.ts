import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { buildReportHtml, escapeHtml, safeSvg, type ReportInput } from './report';

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    title: 'Quarterly review',
    lang: 'en',
    t: (k, v) => translate('en', k, v),
    generatedAt: new Date('2026-11-22T23:00:00Z'),
    version: '0.1.0',
    settings: [{ label: 'Compute backend', value: 'wasm (25 GFLOP/s)' }],
    dataset: {
      name: 'shop.csv',
      summary: { events: 1200, users: 30, items: 40, eventsByType: { view: 1000, purchase: 200 }, timeRange: ['2024-01-01T00:00:00.000Z', '2024-01-31T00:00:00.000Z'], funnel: [{ step: 'view', users: 30 }, { step: 'purchase', users: 12 }], activity: [], activityBucket: 'day' },
      fingerprint: { algorithm: 'SHA-256', hex: 'ab'.repeat(32) },
    },
    models: [{ id: 'm1', name: 'itemknn', settings: { k: 50, shrink: 0 }, seed: 42, backend: 'wasm', trainSeconds: 0.5, validation: { ndcg10: 0.12, hr10: 0.25 }, notices: [] }],
    evaluations: [{ modelId: 'm1', modelName: 'itemknn', protocol: 'full', sampled: false, users: 30, metrics: { 'NDCG@10': 0.1, 'HR@10': 0.2 }, ci95: { 'NDCG@10': [0.05, 0.15] } }],
    explanation: { user: 'u1', model: 'itemknn', method: 'occlusion', rows: [{ itemId: 'i1', title: 'Blue mug', score: 0.9, reason: 'Recommended mainly because you viewed “Tea”.' }] },
    charts: [{ title: 'Events per type', svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5" style="fill:rgb(0, 114, 178)"></rect><text>view &lt;b&gt;</text></svg>' }],
    ...over,
  };
}

/** Every tag name in the document, to prove no hostile text became markup. */
const tags = (html: string) => new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1].toLowerCase()));

describe('buildReportHtml', () => {
  it('is one self-contained HTML document with a CSP that forbids scripts and outside requests', () => {
    const html = buildReportHtml(input());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
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
    expect(html).toContain('NDCG@10 0.12 · HR@10 0.25');
    expect(html).toContain('0.05 – 0.15');
    expect(html).toContain('1,200');
    expect(html).toContain('Recommended mainly because you viewed “Tea”.');
    expect(html).toContain('<figcaption>Events per type</figcaption><svg xmlns=');
    expect(html).toContain('view &lt;b&gt;');
  });

  it('escapes hostile text everywhere it can appear', () => {
    const hostile = input({
      title: HOSTILE,
      settings: [{ label: HOSTILE, value: HOSTILE }],
      dataset: { ...input().dataset!, name: HOSTILE, summary: { ...input().dataset!.summary, eventsByType: { [HOSTILE]: 3 }, funnel: [{ step: HOSTILE, users: 1 }, { step: 'b', users: 1 }] } },
      models: [{ ...input().models[0], id: `"><script>x</script>`, name: HOSTILE, settings: { [HOSTILE]: HOSTILE }, notices: [HOSTILE] }],
      explanation: { user: HOSTILE, model: HOSTILE, method: HOSTILE, rows: [{ itemId: HOSTILE, title: HOSTILE, score: 1, reason: HOSTILE }] },
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
    ]) expect(safeSvg(bad), bad).toBeNull();
  });
});
