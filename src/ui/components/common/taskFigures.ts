// The figures line of a running task: "1,200 / 4,800 steps · 0.71 steps/s · ETA 4:05". Pure, so it is tested as text.
import type { Progress } from '../../../lib/progress';
import { clockText, rateText, type NumFormat } from '../../../lib/progressText';

function amountText(x: number, unit: string, num: NumFormat, rate = false): string {
  if (unit === 'bytes') {
    const [value, suffix] = x >= 1e6 ? [x / 1e6, 'MB'] : [x / 1e3, 'kB'];
    return `${rate ? rateText(value, num) : num(value, x >= 1e6 ? 1 : 0)} ${suffix}`;
  }
  return `${rate ? rateText(x, num) : num(x)} ${unit}`;
}

/** The words taskFigures needs in the interface's language. */
export interface TaskWords {
  eta: string;
  /** Before a total or ETA that is a floor (Progress.totalIsFloor). */
  atLeast: string;
}

export function taskFigures(p: Progress, num: NumFormat, words: TaskWords): string {
  const done = amountText(p.done, p.unit, num);
  const floor = p.totalIsFloor ? `${words.atLeast} ` : '';
  const parts = [p.total !== null ? `${done} / ${floor}${amountText(p.total, p.unit, num)}` : done];
  if (p.rate > 0) parts.push(`${amountText(p.rate, p.unit, num, true)}/s`);
  if (p.detail?.rows !== undefined) parts.push(`${num(Number(p.detail.rows))} rows`);
  if (p.etaSeconds !== null) parts.push(`${words.eta} ${floor}${clockText(p.etaSeconds)}`);
  return parts.join(' · ');
}
