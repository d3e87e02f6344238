import { expect, it } from 'vitest';
import { utcTickFormat } from './timeTicks';

it('labels a day on the time axis in the UI language, and hours on a short span', () => {
  const d = new Date(Date.UTC(2019, 9, 1, 14, 5));
  expect(utcTickFormat('en', 30 * 86_400)(d)).toBe('Oct 01');
  expect(utcTickFormat('zh', 30 * 86_400)(d)).toBe('10月1日');
  expect(utcTickFormat('en', 3600)(d)).toBe('14:05');
  expect(utcTickFormat('zh', 3600)(d)).toBe('14:05');
});
