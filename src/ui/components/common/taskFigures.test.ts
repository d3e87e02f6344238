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

const EN = { eta: 'ETA', atLeast: 'at least' };
const ZH = { eta: '剩余', atLeast: '至少' };

describe('taskFigures', () => {
  it('shows a slow rate with two significant digits and the ETA as m:ss', () => {
    // The line the issue saw as "0 steps/s · ETA 1,154.2 s".
    expect(taskFigures(progress({ done: 12, total: 832, rate: 0.7142, etaSeconds: 1154.2 }), num, EN)).toBe(
      '12 steps / 832 steps · 0.71 steps/s · ETA 19:14',
    );
  });
  it('rounds a fast rate to whole units and writes hours as h:mm:ss', () => {
    expect(taskFigures(progress({ done: 1500, total: 200000, rate: 41.3, etaSeconds: 4806.3 }), num, EN)).toBe(
      '1,500 steps / 200,000 steps · 41 steps/s · ETA 1:20:06',
    );
  });
  it('writes byte rates in MB/s with two significant digits and leaves out what is unknown', () => {
    expect(taskFigures(progress({ done: 3_500_000, total: null, unit: 'bytes', rate: 12_345_678 }), num, EN)).toBe('3.5 MB · 12 MB/s');
    expect(taskFigures(progress({ done: 0, total: 10 }), num, EN)).toBe('0 steps / 10 steps');
  });
  it('says "at least" before a total and an ETA that are floors, not forecasts', () => {
    // A quality fit's tuning: 23 epochs done, 120 the earliest end, 0.51 epochs/s.
    const tuning = progress({ done: 23, total: 120, unit: 'epochs', rate: 0.51, etaSeconds: 190.2, totalIsFloor: true });
    expect(taskFigures(tuning, num, EN)).toBe('23 epochs / at least 120 epochs · 0.51 epochs/s · ETA at least 3:10');
    expect(taskFigures(tuning, num, ZH)).toBe('23 epochs / 至少 120 epochs · 0.51 epochs/s · 剩余 至少 3:10');
    expect(taskFigures({ ...tuning, totalIsFloor: false }, num, EN)).toBe('23 epochs / 120 epochs · 0.51 epochs/s · ETA 3:10');
  });
  it('puts rows parsed after the rate', () => {
    expect(taskFigures(progress({ done: 800, unit: 'kB', rate: 2.345, detail: { rows: 12000 } }), num, ZH)).toBe(
      '800 kB · 2.3 kB/s · 12,000 rows',
    );
  });
});
