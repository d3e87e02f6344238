// Shows which TF.js backend computes (and on which GPU adapter), and lets the analyst override the automatic choice.
import { useApp } from '../../../store';
import { chooseBackend } from '../../../store/mlActions';
import { useI18n } from '../../i18n';
import type { BackendPreference } from '../../../ml/backend';

const CHOICES: BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export function BackendBadge() {
  const { t, num } = useI18n();
  const backend = useApp((s) => s.backend);
  const preference = useApp((s) => s.backendPreference);
  const pending = useApp((s) => s.backendPending);
  const error = useApp((s) => s.backendError);
  const adapter = backend?.adapter;
  const summary = backend
    ? `${backend.backend}${adapter ? ` · ${adapter.vendor || '?'} ${adapter.architecture}${adapter.isFallback ? ` (${t('backend.software')})` : ''}` : ''} · ${num(backend.gflops, 1)} GFLOP/s`
    : pending
      ? t('backend.measuring')
      : t('backend.idle');
  return (
    <div className="backend" data-testid="backend-badge">
      <label>
        {t('backend.label')}{' '}
        <select
          value={preference}
          onChange={(e) => void chooseBackend(e.target.value as BackendPreference)}
          disabled={pending}
          data-testid="backend-select"
        >
          {CHOICES.map((c) => (
            <option key={c} value={c}>
              {c === 'auto' ? t('backend.auto') : c}
            </option>
          ))}
        </select>
      </label>
      <span className="backend-summary" title={error ?? undefined} data-testid="backend-summary">
        {summary}
      </span>
      {error && (
        <span className="warn small" role="status">
          {t('backend.fellBack')}: {error}
        </span>
      )}
    </div>
  );
}
