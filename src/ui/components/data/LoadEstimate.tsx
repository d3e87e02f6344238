// Before loading an events file: its estimated rows and memory against the budget, and sampling by users.
import { estimateLoad, memoryBudget } from '../../../data/csv/memoryEstimate';
import type { UserSample } from '../../../data/csv/sampleUsers';
import { useI18n } from '../../i18n';

/** The budget here: `reclens.memoryBudgetMB` in localStorage wins over navigator.deviceMemory (Chromium only). */
export function browserBudget(): number {
  const override = Number(globalThis.localStorage?.getItem('reclens.memoryBudgetMB'));
  const device = (globalThis.navigator as (Navigator & { deviceMemory?: number }) | undefined)?.deviceMemory;
  return memoryBudget(device, override > 0 ? override * 2 ** 20 : undefined);
}

export function estimateFor(bytes: number, rows: number | undefined) {
  return estimateLoad(rows ?? 0, bytes, browserBudget());
}

const MB = 2 ** 20;

export function LoadEstimate({
  bytes,
  rows,
  sample,
  onSample,
}: {
  bytes: number;
  rows: number | undefined;
  sample: UserSample | undefined;
  onSample: (s: UserSample | undefined) => void;
}) {
  const { t, num } = useI18n();
  const e = estimateFor(bytes, rows);
  const percent = sample ? +(sample.fraction * 100).toFixed(2) : +(e.suggestedFraction * 100).toFixed(2);
  return (
    <div className="load-estimate" data-testid="load-estimate">
      <p className={e.fits ? 'muted' : 'warn'}>
        {t('data.import.estimate', { rows: num(e.rows), mb: num(e.peakBytes / MB), budget: num(e.budgetBytes / MB) })}
        {!e.fits && <> {t('data.import.tooBig', { percent: num(e.suggestedFraction * 100, 2) })}</>}
      </p>
      <div className="row wrap">
        <label>
          <input
            type="checkbox"
            checked={sample !== undefined}
            data-testid="sample-users"
            onChange={(ev) => onSample(ev.target.checked ? { fraction: e.suggestedFraction < 1 ? e.suggestedFraction : 0.1 } : undefined)}
          />{' '}
          {t('data.import.sampleUsers')}
        </label>
        {sample && (
          <label>
            {t('data.import.sharePercent')}{' '}
            <input
              type="number"
              min={0.1}
              max={100}
              step="any"
              value={percent}
              data-testid="sample-percent"
              style={{ width: '6em' }}
              onChange={(ev) => {
                const p = Number(ev.target.value);
                if (p > 0 && p <= 100) onSample({ ...sample, fraction: p / 100 });
              }}
            />
          </label>
        )}
        {sample && (
          <span className="muted">
            {t('data.import.sampleHint', { rows: num(e.rows * sample.fraction), mb: num((e.peakBytes * sample.fraction) / MB) })}
          </span>
        )}
      </div>
    </div>
  );
}
