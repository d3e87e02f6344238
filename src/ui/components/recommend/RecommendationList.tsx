// The top-K list with scores; after a what-if edit, each item is marked new / moved up / moved down, and drops listed.
import { useI18n } from '../../i18n';
import type { RecommendResult } from '../../../rec/recommend';
import { allTied } from '../../../rec/rank';
import type { compareLists } from './history';
import { upliftSentence, type ItemUplift } from '../causalReason/causalReasonText';

export function RecommendationList({
  result,
  title,
  comparison,
  uplift,
}: {
  result: RecommendResult | null;
  title: (i: number) => string;
  comparison: ReturnType<typeof compareLists> | null;
  /** Estimated uplift of recommending each item (by index), shown with its CI beside the score when given. */
  uplift?: ReadonlyMap<number, ItemUplift> | null;
}) {
  const { t, num } = useI18n();
  return (
    <section className="panel" aria-labelledby="recs-title">
      <h2 id="recs-title">{t('recommend.top')}</h2>
      {!result ? (
        <p className="muted">…</p>
      ) : (
        <ol className="recs" data-testid="recommendations">
          {result.items.map((item, i) => {
            const m = comparison?.moves[i];
            const mark = !m
              ? ''
              : m.kind === 'new'
                ? t('recommend.new')
                : m.kind === 'up'
                  ? `▲${m.by}`
                  : m.kind === 'down'
                    ? `▼${m.by}`
                    : '';
            return (
              <li key={item}>
                <span className="title">{title(item)}</span>
                <span className="score">{num(result.scores[i], 3)}</span>
                {uplift?.has(item) && <ItemUpliftBadge u={uplift.get(item)!} />}
                {mark && (
                  <span className={`move ${m?.kind}`} data-testid="move">
                    {mark}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {result && allTied(result.scores) && (
        <p className="muted small" data-testid="recs-tied">
          {t('recommend.allTied', { k: num(result.scores.length), score: num(result.scores[0], 3) })}
        </p>
      )}
      {comparison && comparison.dropped.length > 0 && (
        <p className="muted small" data-testid="dropped">
          {t('recommend.dropped')}: {comparison.dropped.map(title).join(', ')}
        </p>
      )}
    </section>
  );
}

/** τ [lo, hi] beside the score; the sentence (an effect only when the CI excludes 0) is its tooltip. */
function ItemUpliftBadge({ u }: { u: ItemUplift }) {
  const { t, fixed } = useI18n();
  return (
    <span className="muted small" data-testid="item-uplift" title={upliftSentence(u, t, fixed)}>
      {t('reason.upliftShort')} {fixed(u.tau, 3)} [{fixed(u.lo, 3)}, {fixed(u.hi, 3)}]
    </span>
  );
}
