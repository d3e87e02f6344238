// Progress of every running task: done/total, rate and ETA, with Cancel.
import { useApp } from '../../../store';
import { useI18n } from '../../i18n';
import { taskFigures } from './taskFigures';

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
            <span className="task-figures">{p ? taskFigures(p, num, { eta: t('task.eta'), atLeast: t('task.atLeast') }) : '…'}</span>
            <button type="button" onClick={task.cancel}>
              {t('task.cancel')}
            </button>
          </div>
        );
      })}
    </section>
  );
}
