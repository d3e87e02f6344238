// Shows which TF.js backend computes (and on which GPU adapter), and lets the analyst override the automatic choice.
import { useApp } from '../../../store';
import { chooseBackend } from '../../../store/mlActions';
import { useI18n } from '../../i18n';
import type { BackendPreference } from '../../../ml/backend';
import { wasmThreadsText } from './wasmThreadsText';

const CHOICES: BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export function BackendBadge() {
  const { t, num, fixed } = useI18n();
  const backend = useApp((s) => s.backend);
  const preference = useApp((s) => s.backendPreference);
  const pending = useApp((s) => s.backendPending);
  const error = useApp((s) => s.backendError);
  const adapter = backend?.adapter;
  const threads = backend?.backend === 'wasm' && backend.wasmThreads ? wasmThreadsText(backend.wasmThreads, t, fixed) : null;
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
      {threads && (
        <details className="backend-threads" data-testid="wasm-threads">
          <summary>{threads.label}</summary>
          <p>{threads.sentence}</p>
        </details>
      )}
      {error && (
        <span className="warn small" role="status">
          {t('backend.fellBack')}: {error}
        </span>
      )}
    </div>
  );
}
