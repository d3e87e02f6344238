// Progress of every running task: done/total, rate and ETA, with Cancel.
import { useApp } from '../../../store';
import { useI18n } from '../../i18n';
import type { Progress } from '../../../lib/progress';

function formatAmount(x: number, unit: string, num: (x: number, d?: number) => string): string {
  if (unit === 'bytes') return x >= 1e6 ? `${num(x / 1e6, 1)} MB` : `${num(x / 1e3, 0)} kB`;
  return `${num(x)} ${unit}`;
}

function describe(p: Progress, num: (x: number, d?: number) => string, etaLabel: string): string {
  const parts = [
    p.total !== null ? `${formatAmount(p.done, p.unit, num)} / ${formatAmount(p.total, p.unit, num)}` : formatAmount(p.done, p.unit, num),
  ];
  if (p.rate > 0) parts.push(`${formatAmount(p.rate, p.unit, num)}/s`);
  if (p.detail?.rows !== undefined) parts.push(`${num(Number(p.detail.rows))} rows`);
  if (p.etaSeconds !== null) parts.push(`${etaLabel} ${num(p.etaSeconds, 1)} s`);
  return parts.join(' · ');
}

export function TaskBar() {
  const tasks = useApp((s) => s.tasks);
  const { t, num } = useI18n();
  const list = Object.values(tasks);
  if (list.length === 0) return null;
  return (
    <section className="taskbar" aria-live="polite" aria-label="Running tasks">
      {list.map((task) => {
        const p = task.progress;
        const fraction = p && p.total ? Math.min(1, p.done / p.total) : null;
        return (
          <div className="task" key={task.id} data-testid="task">
            <span className="task-label">{task.label}</span>
            <progress max={1} value={fraction ?? undefined} aria-label={task.label} />
            <span className="task-figures">{p ? describe(p, num, t('task.eta')) : '…'}</span>
            <button type="button" onClick={task.cancel}>
              {t('task.cancel')}
            </button>
          </div>
        );
      })}
    </section>
  );
}
