// Token heatmap: a text's words as coloured chips, one line per class; hover (or focus) a word for its exact value.
import { tokenHeatmapLayout, type TokenHeatmapInput } from './tokenLayout';

export function TokenHeatmap({ input, title, format }: { input: TokenHeatmapInput; title: string; format: (v: number) => string }) {
  const l = tokenHeatmapLayout(input);
  return (
    <div className="token-heatmap" role="group" aria-label={title}>
      {l.rows.map((row) => (
        <p key={row.label} className="token-row" data-testid="token-row">
          <span className="token-class">{row.label}</span>
          {row.cells.map((c, k) => (
            <span
              key={k}
              className="token"
              data-testid="token"
              tabIndex={0}
              style={{ background: c.fill, color: c.ink }}
              title={`${row.label} ← “${c.word}”: ${format(c.value)}`}
              aria-label={`${row.label} ← ${c.word}: ${format(c.value)}`}
            >
              {c.word}
            </span>
          ))}
        </p>
      ))}
    </div>
  );
}
