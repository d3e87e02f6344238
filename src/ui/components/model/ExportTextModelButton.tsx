// "Export (Hugging Face folder)" for one text model: the ML worker writes the folder's files as a .zip, the page downloads it.
import { useState } from 'react';
import { exportTextModel } from '../../../store/textModelActions';
import { download } from '../../charts/exportChart';
import { useI18n } from '../../i18n';

export function ExportTextModelButton({ modelId }: { modelId: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const out = await exportTextModel(modelId);
      if (out) download(`${out.name}.zip`, new Blob([out.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      disabled={busy}
      title={t('text.exportHint')}
      onClick={() => void run()}
      data-testid={`export-text-model-${modelId}`}
    >
      {t('text.export')}
    </button>
  );
}
