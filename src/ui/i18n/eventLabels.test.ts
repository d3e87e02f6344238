import { expect, it } from 'vitest';
import { eventLabel } from './eventLabels';

it('names canonical event types in Chinese and leaves the log’s own words alone', () => {
  expect(eventLabel('purchase', 'zh')).toBe('购买');
  expect(eventLabel('rating', 'zh')).toBe('评分');
  expect(eventLabel('purchase', 'en')).toBe('purchase');
  expect(eventLabel('remove_from_cart', 'zh')).toBe('remove_from_cart');
  expect(eventLabel('constructor', 'zh')).toBe('constructor');
});
