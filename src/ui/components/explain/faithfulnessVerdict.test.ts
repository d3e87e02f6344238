// Faithfulness verdicts follow each figure's direction; unjudgeable figures are never called better.
import { describe, expect, it } from 'vitest';
import { moreSteps, verdict } from './faithfulnessVerdict';

const plain = { degenerate: false, inverted: false };

describe('faithfulness verdicts', () => {
  it('deletion AUC: lower than random is better; insertion AUC: higher is better', () => {
    expect(verdict(0.2, 0.5, true, plain)).toBe('better');
    expect(verdict(0.7, 0.5, true, plain)).toBe('worse');
    expect(verdict(0.7, 0.5, false, plain)).toBe('better');
    expect(verdict(0.2, 0.5, false, plain)).toBe('worse');
    expect(verdict(0.5004, 0.5, true, plain)).toBe('even');
  });

  it('a negative AUC of a degenerate or inverted curve is unjudged, not better', () => {
    expect(verdict(-0.4, 0.5, true, { degenerate: true, inverted: false })).toBe('unjudged');
    expect(verdict(-0.4, 0.5, true, { degenerate: false, inverted: true })).toBe('unjudged');
    expect(verdict(Number.NaN, 0.5, true, plain)).toBe('unjudged');
  });

  it('more steps doubles while in range, then offers none', () => {
    expect(moreSteps(32)).toBe(64);
    expect(moreSteps(256)).toBe(512);
    expect(moreSteps(512)).toBeNull();
  });
});
