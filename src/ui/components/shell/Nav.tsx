// Navigation between the steps of an analysis; every step is reachable directly.
import { useApp } from '../../../store';
import { VIEWS } from '../../../store/uiSlice';
import { useI18n } from '../../i18n';

export function Nav() {
  const { t } = useI18n();
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  return (
    <nav className="nav" aria-label="Steps">
      {VIEWS.map((v, i) => (
        <button
          key={v}
          type="button"
          className={v === view ? 'active' : ''}
          aria-current={v === view ? 'page' : undefined}
          onClick={() => setView(v)}
        >
          <span className="step">{i + 1}</span> {t(`nav.${v}`)}
        </button>
      ))}
    </nav>
  );
}
