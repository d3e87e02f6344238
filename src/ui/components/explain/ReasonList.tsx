// The reasons in plain words, one per recommendation, each with the figures it rests on as data-* attributes (the share
// of the total absolute attribution the named events carry, the wording's strength, the noise threshold and each named
// event's attribution), so a check can hold every sentence to its numbers.
import type { ExplainResult, ExplainedRow } from '../../../explain/explainTopK';
import { useI18n, type Lang } from '../../i18n';
import { attributionText } from './eventLabel';

/** The figures behind a reason, where the explanation service provides them (older results carry only the share). */
interface ReasonFigures {
  share: number;
  events?: number[];
  strength?: string;
  noise?: number;
}

export function ReasonList({
  result,
  title,
  lang,
  describe,
}: {
  result: ExplainResult;
  title: (i: number) => string;
  lang: Lang;
  /** Label of history event k (title · type and rating · date). */
  describe: (k: number) => string;
}) {
  const { t, num } = useI18n();
  const values = (r: ExplainedRow) => r.values[result.methods[0]] ?? [];
  return (
    <ol className="reasons-list" data-testid="reasons">
      {result.rows.map((r) => {
        const f = r.reason as ExplainedRow['reason'] & ReasonFigures;
        const named = (f.events ?? []).filter((k) => Number.isInteger(k) && k >= 0 && k < values(r).length);
        const namedValues = named.map((k) => values(r)[k]);
        return (
          <li
            key={r.item}
            data-testid="reason"
            data-share={f.share}
            data-strength={f.strength ?? ''}
            data-noise={f.noise ?? ''}
            data-events={JSON.stringify(named)}
            data-event-values={JSON.stringify(namedValues)}
          >
            <strong>{title(r.item)}</strong>{' '}
            <span className="muted small">
              ({t('explain.score')} {num(r.score, 3)})
            </span>{' '}
            — <span data-testid="reason-text">{r.reason[lang]}</span>
            {named.length > 0 && (
              // Not a nested list: one line of the named events with their attributions, under the sentence.
              <div className="muted small" data-testid="reason-events">
                {named.map((k, j) => `${describe(k)}: ${attributionText(num)(namedValues[j])}`).join('; ')}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
