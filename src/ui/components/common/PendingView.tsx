// Stands in for analysis steps that are not built yet, saying so plainly.
import { useI18n } from '../../i18n';
import type { View } from '../../../store/uiSlice';

export function PendingView({ view }: { view: View }) {
  const { t } = useI18n();
  return (
    <section className="panel pending" data-testid={`view-${view}`}>
      <h2>{t(`nav.${view}`)}</h2>
      <p><strong>{t('pending.title')}.</strong> {t('pending.body')}</p>
    </section>
  );
}
