// Attention of the sequence model for the user's top recommendation: every layer × head, row = query, column = key.
import { useI18n } from '../../i18n';
import { AttentionMap } from '../../charts/AttentionGrid';
import type { ExplainResult } from '../../../explain/explainTopK';

export function AttentionPanel({ attention }: { attention: NonNullable<ExplainResult['attention']> }) {
  const { t } = useI18n();
  const { layers, heads, len } = attention;
  return (
    <section className="panel" aria-labelledby="att-title" data-testid="attention">
      <h2 id="att-title">{t('explain.attention')}</h2>
      <p className="muted small">{t('explain.attentionHint')}</p>
      <div className="attention-grid" style={{ gridTemplateColumns: `repeat(${heads}, auto)` }}>
        {layers.map((layer, l) =>
          Array.from({ length: heads }, (_, h) => (
            <figure key={`${l}-${h}`}>
              <AttentionMap data={layer.subarray(h * len * len, (h + 1) * len * len)} len={len} label={`layer ${l + 1} head ${h + 1}`} />
              <figcaption className="small">
                L{l + 1} H{h + 1}
              </figcaption>
            </figure>
          )),
        )}
      </div>
    </section>
  );
}
