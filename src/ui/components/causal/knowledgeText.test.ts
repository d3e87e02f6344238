import { describe, expect, it } from 'vitest';
import { parseEdgesText, parseTiersText } from './knowledgeText';

describe('background-knowledge text', () => {
  it('reads tiers, one per line', () => {
    expect(parseTiersText('sessions\n exposed \nviews, clicks,carts\n\npurchased')).toEqual([
      ['sessions'],
      ['exposed'],
      ['views', 'clicks', 'carts'],
      ['purchased'],
    ]);
  });

  it('reads edges written with >, -> or →, by line or comma', () => {
    expect(parseEdgesText('exposed > purchased\nviews->carts, clicks → carts')).toEqual({
      ok: true,
      data: [
        ['exposed', 'purchased'],
        ['views', 'carts'],
        ['clicks', 'carts'],
      ],
    });
    expect(parseEdgesText('  ')).toEqual({ ok: true, data: [] });
  });

  it('refuses a line that is not one edge', () => {
    const r = parseEdgesText('exposed purchased');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('from > to');
    expect(parseEdgesText('a > b > c').ok).toBe(false);
  });
});
