// Event-type normalisation: aliases map to canonical names; every other label is kept as text.
import { describe, expect, it } from 'vitest';
import { normaliseEventType } from './eventTypes';

describe('normaliseEventType', () => {
  it('maps aliases and keeps unknown labels lower-cased', () => {
    expect(normaliseEventType(' PV ')).toBe('view');
    expect(normaliseEventType('Add To Cart')).toBe('cart');
    expect(normaliseEventType('Refund')).toBe('refund');
  });

  it('keeps labels that name Object.prototype members as text (found by the ingestion fuzzer)', () => {
    for (const label of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(normaliseEventType(label)).toBe(label.toLowerCase());
    }
  });
});
