// The caveat beside the attention views: attention weights are not explanations (Jain & Wallace 2019), followed by the
// rollout order's deletion/insertion AUCs against random orders and against the newest-first order for this item, and
// verdicts that say no more than those figures do (attentionVerdict, recencyVerdict).
import { useI18n } from '../../i18n';
import { attentionVerdict, recencyVerdict, type AttentionFaithfulness } from '../../../explain/attentionFaithfulness';

type Figures = Pick<AttentionFaithfulness, 'deletionAUC' | 'insertionAUC' | 'randomDeletionAUC' | 'randomInsertionAUC' | 'degenerate'> &
  Partial<Pick<AttentionFaithfulness, 'recencyDeletionAUC' | 'recencyInsertionAUC'>>;

export function AttentionNote({ faithfulness, item }: { faithfulness: Figures | null; item: string }) {
  const { t, num } = useI18n();
  const verdict = faithfulness ? attentionVerdict(faithfulness) : null;
  const { recencyDeletionAUC: rd = NaN, recencyInsertionAUC: ri = NaN } = faithfulness ?? {};
  // Recency is judged only where the random comparison measured something (same figures, same margin).
  const recency =
    faithfulness && verdict !== 'unmeasured' && Number.isFinite(rd) && Number.isFinite(ri)
      ? recencyVerdict({ ...faithfulness, recencyDeletionAUC: rd, recencyInsertionAUC: ri })
      : null;
  const weak = verdict !== 'better' || recency === 'noBetter';
  const f = (v: number) => (Number.isFinite(v) ? num(v, 2) : '—');
  return (
    <div className={`attention-note ${weak ? 'weak' : ''}`} data-testid="attention-note" data-verdict={verdict ?? 'none'}>
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
          {recency && recency !== 'unmeasured' && (
            <>
              {' '}
              <span data-testid="attention-recency" data-verdict={recency}>
                {t(`explain.att.recency.${recency}`, { del: f(rd), ins: f(ri) })}
              </span>
            </>
          )}
        </p>
      ) : (
        <p className="small">{t('explain.att.verdict.none')}</p>
      )}
    </div>
  );
}
