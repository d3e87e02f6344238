import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../lib/progress';
import { taskFigures } from './taskFigures';

const num = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const progress = (over: Partial<Progress>): Progress => ({
  label: 'Training',
  done: 0,
  total: null,
  unit: 'steps',
  rate: 0,
  etaSeconds: null,
  ...over,
});

describe('taskFigures', () => {
  it('shows a slow rate with two significant digits and the ETA as m:ss', () => {
    // The line the issue saw as "0 steps/s · ETA 1,154.2 s".
    expect(taskFigures(progress({ done: 12, total: 832, rate: 0.7142, etaSeconds: 1154.2 }), num, 'ETA')).toBe(
      '12 steps / 832 steps · 0.71 steps/s · ETA 19:14',
    );
  });
  it('rounds a fast rate to whole units and writes hours as h:mm:ss', () => {
    expect(taskFigures(progress({ done: 1500, total: 200000, rate: 41.3, etaSeconds: 4806.3 }), num, 'ETA')).toBe(
      '1,500 steps / 200,000 steps · 41 steps/s · ETA 1:20:06',
    );
  });
  it('writes byte rates in MB/s with two significant digits and leaves out what is unknown', () => {
    expect(taskFigures(progress({ done: 3_500_000, total: null, unit: 'bytes', rate: 12_345_678 }), num, 'ETA')).toBe('3.5 MB · 12 MB/s');
    expect(taskFigures(progress({ done: 0, total: 10 }), num, 'ETA')).toBe('0 steps / 10 steps');
  });
  it('puts rows parsed after the rate', () => {
    expect(taskFigures(progress({ done: 800, unit: 'kB', rate: 2.345, detail: { rows: 12000 } }), num, '剩余')).toBe(
      '800 kB · 2.3 kB/s · 12,000 rows',
    );
  });
});
