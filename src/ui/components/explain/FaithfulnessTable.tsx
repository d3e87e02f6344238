// How far to trust each explanation: deletion/insertion AUC against a random order, AOPC, ERASER scores, method checks.
import { useI18n } from '../../i18n';
import type { ExplainResult } from '../../../explain/explainTopK';

export function FaithfulnessTable({ result, title }: { result: ExplainResult; title: (i: number) => string }) {
  const { t, num } = useI18n();
  const m = result.methods[0];
  const better = result.rows.filter((r) => r.faithfulness.deletionAUC < r.faithfulness.randomDeletionAUC).length;
  return (
    <section className="panel" aria-labelledby="faith-title" data-testid="faithfulness">
      <h2 id="faith-title">{t('explain.faithfulness', { method: m })}</h2>
      <p data-testid="faith-summary">{t('explain.faithSummary', { better, total: result.rows.length })}</p>
      <div className="table-scroll" role="region" aria-label={t('explain.faithfulness', { method: m })} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('explain.recommendation')}</th>
              <th scope="col" title={t('explain.deletionHint')}>
                {t('explain.deletion')}
              </th>
              <th scope="col">{t('explain.randomDeletion')}</th>
              <th scope="col" title={t('explain.insertionHint')}>
                {t('explain.insertion')}
              </th>
              <th scope="col">AOPC</th>
              <th scope="col">{t('explain.comprehensiveness')}</th>
              <th scope="col">{t('explain.sufficiency')}</th>
              <th scope="col">{t('explain.checks')}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r) => {
              const f = r.faithfulness;
              const d = r.diagnostics[m] ?? {};
              const checks = Object.entries(d)
                .filter(([, v]) => typeof v === 'number')
                .slice(0, 3)
                .map(([k, v]) => `${k} ${num(v as number, 4)}`)
                .join(' · ');
              return (
                <tr key={r.item}>
                  <td>{title(r.item)}</td>
                  <td className={f.deletionAUC < f.randomDeletionAUC ? 'good' : 'bad'}>{num(f.deletionAUC, 3)}</td>
                  <td>{num(f.randomDeletionAUC, 3)}</td>
                  <td>{num(f.insertionAUC, 3)}</td>
                  <td>{num(f.aopc, 3)}</td>
                  <td>{num(f.comprehensiveness, 3)}</td>
                  <td>{num(f.sufficiency, 3)}</td>
                  <td className="small">
                    {checks}
                    {f.degenerate ? ` · ${t('explain.degenerate')}` : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
