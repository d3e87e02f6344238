// Models trained in this workspace: settings, where they ran, how long, and validation quality.
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../../store';
import { useI18n } from '../../i18n';
import { settingsLine } from './settingsText';

export function TrainedModels({ onRemove }: { onRemove: (id: string) => void }) {
  const { t, num, fixed } = useI18n();
  const models = useApp(useShallow((s) => s.trainedModels.filter((m) => m.datasetId === s.activeDatasetId)));
  if (models.length === 0) return <p className="muted">{t('model.none')}</p>;
  return (
    <section className="panel" aria-labelledby="trained-title">
      <h2 id="trained-title">{t('model.trained')}</h2>
      <div className="table-scroll" role="region" aria-label={t('model.trained')} tabIndex={0}>
        <table data-testid="trained-models">
          <thead>
            <tr>
              <th scope="col">{t('model.name')}</th>
              <th scope="col">{t('model.settingsColumn')}</th>
              <th scope="col">{t('model.backend')}</th>
              <th scope="col">{t('model.seconds')}</th>
              <th scope="col">NDCG@10 (val)</th>
              <th scope="col">HR@10 (val)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td className="mono" title={JSON.stringify(m.settings)}>
                  {settingsLine(m.settings)} · seed {m.seed}
                  {m.overlap && (
                    <div className="muted small" data-testid="debias-overlap">
                      {t('model.debias.overlap', {
                        debias: m.overlap.debias,
                        source: m.overlap.source,
                        clipped: fixed(100 * m.overlap.clippedShare, 1),
                        pairs: num(m.overlap.pairs),
                        clip: m.overlap.clip,
                        ess: num(100 * m.overlap.essShare, 0),
                      })}
                    </div>
                  )}
                </td>
                <td className="wrap-cell">
                  {m.backend}
                  {m.importedFrom && (
                    <div className="muted small" data-testid="imported-from">
                      {t('model.imported', {
                        framework: m.importedFrom.framework,
                        model: m.importedFrom.model,
                        items: num(m.importedFrom.modelItems),
                        name: m.name,
                      })}
                      {m.importedFrom.unknownItems > 0 &&
                        ' ' +
                          t('model.imported.unknown', {
                            n: num(m.importedFrom.unknownItems),
                            framework: m.importedFrom.framework,
                            score: num(m.importedFrom.unknownScore),
                          })}
                    </div>
                  )}
                  {m.notices.map((n) => (
                    <div key={n} className="warn small" role="status">
                      {n}
                    </div>
                  ))}
                </td>
                {/* A model trained elsewhere brings no training time of its own (RecBole's .pth does not record it). */}
                <td>{m.importedFrom ? '–' : num(m.trainSeconds, 2)}</td>
                <td
                  title={
                    m.curve.length
                      ? m.curve
                          .map(
                            (c) =>
                              `epoch ${c.epoch}: loss ${num(c.loss, 3)}${c.valNdcg10 !== undefined ? `, ${t('report.curve.earlyStopping')} ${num(c.valNdcg10, 4)}` : ''}`,
                          )
                          .join('\n')
                      : undefined
                  }
                >
                  {/* A model trained for quality trained on the validation items: its validation figures would flatter it. */}
                  {m.recipe ? <span title={t('model.recipe.noVal')}>–</span> : num(m.validation.ndcg10, 4)}
                  {m.curve.length > 0 && (
                    <span className="muted small">
                      {' '}
                      · {m.curve.length} {t('model.epochs')}
                    </span>
                  )}
                </td>
                <td>{m.recipe ? <span title={t('model.recipe.noVal')}>–</span> : num(m.validation.hr10, 4)}</td>
                <td>
                  <button type="button" className="link" onClick={() => onRemove(m.id)}>
                    {t('data.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
