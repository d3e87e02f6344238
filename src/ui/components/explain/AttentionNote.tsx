// The caveat beside the attention views: attention weights are not explanations (Jain & Wallace 2019), followed by the
// rollout order's deletion/insertion AUCs against random orders for this item, and a verdict that says no more than
// those four figures do (attentionVerdict).
import { useI18n } from '../../i18n';
import { attentionVerdict, type AttentionFaithfulness } from '../../../explain/attentionFaithfulness';

type Figures = Pick<AttentionFaithfulness, 'deletionAUC' | 'insertionAUC' | 'randomDeletionAUC' | 'randomInsertionAUC' | 'degenerate'>;

export function AttentionNote({ faithfulness, item }: { faithfulness: Figures | null; item: string }) {
  const { t, num } = useI18n();
  const verdict = faithfulness ? attentionVerdict(faithfulness) : null;
  const f = (v: number) => (Number.isFinite(v) ? num(v, 2) : '—');
  return (
    <div className={`attention-note ${verdict === 'better' ? '' : 'weak'}`} data-testid="attention-note" data-verdict={verdict ?? 'none'}>
      <p className="small">{t('explain.att.note', { item })}</p>
      {faithfulness ? (
        <p className="small">
          <span data-testid="attention-figures">
            {t('explain.att.figures', {
              del: f(faithfulness.deletionAUC),
              rdel: f(faithfulness.randomDeletionAUC),
              ins: f(faithfulness.insertionAUC),
              rins: f(faithfulness.randomInsertionAUC),
            })}
          </span>{' '}
          <strong>{t(`explain.att.verdict.${verdict!}`)}</strong>
        </p>
      ) : (
        <p className="small">{t('explain.att.verdict.none')}</p>
      )}
    </div>
  );
}
