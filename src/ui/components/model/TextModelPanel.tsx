// Text models (Hugging Face BERT folders): load one that ships with the app, a folder from disk, or — only when the
// analyst asks — one from the Hugging Face Hub; then embed the items' texts for content-aware recommendation.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../../store';
import { embedItems, loadTextModel } from '../../../store/textModelActions';
import { useI18n } from '../../i18n';
import { ExportTextModelButton } from './ExportTextModelButton';
import { ErrorNote } from '../common/ErrorNote';
import { PretrainPanel } from './PretrainPanel';
import { randomWeightSource, useHostedModels } from './hostedModels';
import { RandomWeightsNote } from './RandomWeightsNote';
import { RECOMMENDED_MODELS } from './recommendedModels';

export function TextModelPanel() {
  const { t, num } = useI18n();
  const models = useApp((s) => s.textModels);
  const error = useApp((s) => s.textModelError);
  const datasetId = useApp((s) => s.activeDatasetId);
  const embedded = useApp((s) => (s.activeDatasetId ? s.itemEmbeddings[s.activeDatasetId] : undefined));
  const hosted = useHostedModels();
  const [chosen, setHostedId] = useState('');
  const hostedId = chosen || hosted[0]?.id || '';
  const [hubId, setHubId] = useState('');
  const folder = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // webkitdirectory is not in React's typings; set it on the element so the picker selects a whole folder.
    folder.current?.setAttribute('webkitdirectory', '');
  }, []);

  return (
    <section className="panel" aria-labelledby="text-title" data-testid="text-models">
      <h2 id="text-title">{t('text.title')}</h2>
      <p className="muted">{t('text.hint')}</p>
      <div className="row wrap">
        <label>
          {t('text.hosted')}{' '}
          <select value={hostedId} onChange={(e) => setHostedId(e.target.value)} data-testid="hosted-select">
            {hosted.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
                {m.description ? ` — ${m.description}` : ''}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={!hostedId}
          onClick={() => void loadTextModel({ kind: 'hosted', id: hostedId, baseUrl: document.baseURI }, `Loading ${hostedId}`)}
          data-testid="load-hosted"
        >
          {t('text.load')}
        </button>
        <button type="button" onClick={() => folder.current?.click()}>
          {t('text.folder')}
        </button>
        <input
          ref={folder}
          type="file"
          multiple
          hidden
          data-testid="model-folder"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length) void loadTextModel({ kind: 'files', files }, t('text.folder'));
          }}
        />
      </div>
      <div className="row wrap">
        <label>
          {t('text.hub')}{' '}
          <input
            value={hubId}
            onChange={(e) => setHubId(e.target.value)}
            placeholder="sentence-transformers/all-MiniLM-L6-v2"
            style={{ width: '22em' }}
          />
        </label>
        <button
          type="button"
          disabled={!hubId.trim()}
          onClick={() => void loadTextModel({ kind: 'hub', id: hubId.trim() }, `Downloading ${hubId.trim()}`)}
        >
          {t('text.download')}
        </button>
        <span className="muted small">{t('text.hubNote')}</span>
      </div>
      <div className="row wrap small" data-testid="recommended-models">
        <span className="muted">{t('text.recommended')}</span>
        {RECOMMENDED_MODELS.map((m) => (
          <button
            key={m.id}
            type="button"
            title={t('text.recommendedNote', { size: `${m.megabytes} MB` })}
            onClick={() => void loadTextModel({ kind: 'hub', id: m.id }, `Downloading ${m.id}`)}
          >
            {m.id} ({m.shape}, {m.megabytes} MB)
          </button>
        ))}
      </div>
      <ErrorNote error={error} />
      {models.length > 0 && (
        <div className="table-scroll" role="region" aria-label={t('text.title')} tabIndex={0}>
          <table data-testid="text-model-list">
            <thead>
              <tr>
                <th scope="col">{t('text.source')}</th>
                <th scope="col">{t('text.shape')}</th>
                <th scope="col">{t('text.params')}</th>
                <th scope="col">{t('text.labels')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.source}
                    {randomWeightSource(m.source, hosted, document.baseURI) && (
                      <>
                        {' '}
                        <span className="warn small" data-testid="random-weights-badge">
                          {t('text.randomWeights')}
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    {m.layers} × {m.hidden} ({m.heads} heads), vocab {num(m.vocab)}
                  </td>
                  <td>{num(m.parameters)}</td>
                  <td>{m.labels?.join(', ') ?? '—'}</td>
                  {/* Two buttons: wider than the table's 260px cell cap, which would clip the second one. */}
                  <td style={{ maxWidth: 'none' }}>
                    <button type="button" disabled={!datasetId} onClick={() => void embedItems(m.id)} data-testid="embed-items">
                      {t('text.embedItems')}
                    </button>{' '}
                    <ExportTextModelButton modelId={m.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {embedded && <p data-testid="embedded">{t('text.embedded', { items: num(embedded.items), dim: embedded.dim })}</p>}
      {embedded && <RandomWeightsNote what="embeddings" />}
      <PretrainPanel />
    </section>
  );
}
