// "Download report": a modal dialog asking for the report's title, then one self-contained HTML file from the store.
import { useRef, useState } from 'react';
import { useApp } from '../../store';
import { activeDataset } from '../../store/dataSlice';
import { download } from '../charts/exportChart';
import { useI18n } from '../i18n';
import { reportFromStore } from './reportFromStore';
import { ErrorNote } from '../components/common/ErrorNote';
import { datasetDisplayName } from '../i18n/datasetName';

export function ReportButton() {
  const { t, lang } = useI18n();
  // The demo's name in the report's language (演示商店（模拟）), an analyst's own as given.
  const active = useApp(activeDataset);
  const datasetName = active ? datasetDisplayName(active, t) : '';
  const dialog = useRef<HTMLDialogElement>(null);
  const [title, setTitle] = useState<string | null>(null);
  const [building, setBuilding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shownTitle = title ?? t('report.defaultTitle', { dataset: datasetName });
  const build = async () => {
    setBuilding(true);
    setError(null);
    try {
      const html = await reportFromStore(shownTitle, lang);
      const stamp = new Date().toISOString().slice(0, 10);
      download(`reclens-report-${stamp}.html`, new Blob([html], { type: 'text/html;charset=utf-8' }));
      dialog.current?.close();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBuilding(false);
    }
  };
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => dialog.current?.showModal()} data-testid="report-open">
        {t('report.download')}
      </button>
      <dialog ref={dialog} className="report-dialog panel" aria-labelledby="report-dialog-title">
        <h2 id="report-dialog-title">{t('report.download')}</h2>
        <form
          method="dialog"
          className="report-form"
          onSubmit={(e) => {
            e.preventDefault();
            void build();
          }}
        >
          <label>
            {t('report.titleLabel')}{' '}
            <input
              value={shownTitle}
              onChange={(e) => setTitle(e.target.value)}
              data-testid="report-title"
              style={{ width: '28em', maxWidth: '100%' }}
            />
          </label>
          <p className="row">
            <button type="submit" className="primary" disabled={building} data-testid="report-download">
              {building ? t('report.building') : t('report.download')}
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              {t('report.cancel')}
            </button>
          </p>
          <ErrorNote error={error} />
        </form>
      </dialog>
    </>
  );
}
