// Faithfulness verdicts follow each figure's direction; unjudgeable figures are never called better.
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { moreSteps, summaryLine, verdict } from './faithfulnessVerdict';

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

  it('the summary line counts only the recommendations it could judge, and says how many it could not', () => {
    const t = (key: keyof typeof en, vars: Record<string, string | number> = {}) =>
      en[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k]));
    expect(summaryLine('Occlusion', ['better', 'worse', 'better'], t)).toBe(
      'Occlusion: removing events in its order lowers the score faster than a random order for 2 of 3 recommendations.',
    );
    expect(summaryLine('Occlusion', ['better', 'unjudged', 'even'], t)).toBe(
      'Occlusion: removing events in its order lowers the score faster than a random order for 1 of the 2 recommendations it ' +
        'could be judged on; 1 could not be judged (their score barely moves with the history, or is higher without it).',
    );
    // The REES46 case: itemknn scores every item 0 for a user whose one item has no neighbours.
    expect(summaryLine('Occlusion', Array(5).fill('unjudged'), t)).toBe(
      'Occlusion: none of the 5 recommendations could be judged: their score barely moves with the history, or is higher without it.',
    );
    expect(summaryLine('Occlusion', [], t)).toBe('');
  });
});
