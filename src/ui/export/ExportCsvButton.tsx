// Download the explained top-K of a user as CSV (with a BOM so spreadsheets read the Chinese reasons as UTF-8).
import { itemLabels } from '../../data/eventLog';
import type { Dataset } from '../../store/dataSlice';
import type { ExplainResult } from '../../explain/explainTopK';
import { download } from '../charts/exportChart';
import { useI18n } from '../i18n';
import { recommendationsCsv } from './recommendationsCsv';

export function ExportCsvButton({
  dataset,
  user,
  model,
  result,
}: {
  dataset: Dataset;
  user: number;
  model: string;
  result: ExplainResult;
}) {
  const { t } = useI18n();
  const save = () => {
    const { titles, categories } = itemLabels(dataset.log, dataset.catalog);
    const userId = dataset.log.users[user] ?? String(user);
    const csv = recommendationsCsv({
      user: userId,
      model,
      method: result.methods[0] ?? '',
      rows: result.rows,
      itemId: (i) => dataset.log.items[i],
      title: (i) => titles[i],
      category: (i) => categories[i],
    });
    download(
      `recommendations-${userId.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 40)}-${model}.csv`,
      new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }),
    );
  };
  return (
    <button type="button" onClick={save} data-testid="export-csv">
      {t('export.csv')}
    </button>
  );
}
