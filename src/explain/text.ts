// Token (word) attributions of a text classifier, per class, with the faithfulness of the predicted class's
// explanation: the same registry and curves as for recommendations, over words instead of history events.
import { asItemIdx, UNKNOWN_USER } from '../lib/ids';
import { throwIfAborted } from '../lib/progress';
import { faithfulness, type Faithfulness } from './faithfulness';
import { explain, type MethodName } from './registry';
import type { ExplainableModel, ExplainTarget, IgBaseline } from './types';

export interface TextClassAttribution {
  label: string;
  logit: number;
  /** Per method, one value per word. */
  values: Record<string, number[]>;
  diagnostics: Record<string, Record<string, unknown>>;
}

export interface TextExplanation {
  words: string[];
  probabilities: number[];
  predicted: number;
  classes: TextClassAttribution[];
  methods: MethodName[];
  /** Faithfulness of the first method's attribution for the predicted class (deleting / inserting words). */
  faithfulness: Omit<Faithfulness, 'deletion' | 'insertion'> & { deletion: number[]; insertion: number[]; x: number[] };
  notes: string[];
}

export interface ExplainTextOptions {
  methods: MethodName[];
  steps?: number;
  baseline?: IgBaseline;
  seed?: number;
  signal?: AbortSignal;
}

/** Class probabilities from logits (shifted by the largest, so large logits stay finite). */
export const softmax = (xs: ArrayLike<number>): number[] => {
  const m = Math.max(...Array.from(xs));
  const e = Array.from(xs, (x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

/** `model` is a text classifier seen as an ExplainableModel (words = events, classes = items). */
export async function explainText(
  model: ExplainableModel,
  words: string[],
  labels: string[],
  options: ExplainTextOptions,
): Promise<TextExplanation> {
  const history = Int32Array.from(words, (_, k) => k);
  const target = (item: number): ExplainTarget => ({ user: UNKNOWN_USER, history, item: asItemIdx(item), exclude: [] });
  const logits = await model.recommender.scoreUsers({ users: Int32Array.of(-1), histories: [history] });
  const probabilities = softmax(logits);
  const predicted = probabilities.indexOf(Math.max(...probabilities));
  const notes = new Set<string>();
  const classes: TextClassAttribution[] = [];
  for (let c = 0; c < labels.length; c++) {
    const values: Record<string, number[]> = {};
    const diagnostics: Record<string, Record<string, unknown>> = {};
    for (const m of options.methods) {
      throwIfAborted(options.signal);
      const a = await explain(m, model, target(c), {
        seed: options.seed,
        steps: options.steps,
        baseline: options.baseline,
        signal: options.signal,
      });
      if (!a.ok) throw new Error(a.reason);
      values[m] = Array.from(a.data.values);
      diagnostics[m] = a.data.diagnostics;
      a.data.notes.forEach((n) => notes.add(n));
    }
    classes.push({ label: labels[c], logit: logits[c], values, diagnostics });
  }
  const f = await faithfulness(model, target(predicted), classes[predicted].values[options.methods[0]], {
    seed: options.seed,
    signal: options.signal,
  });
  const { deletion, insertion, ...figures } = f;
  return {
    words,
    probabilities,
    predicted,
    classes,
    methods: options.methods,
    faithfulness: { ...figures, deletion: deletion.y, insertion: insertion.y, x: deletion.x },
    notes: [...notes],
  };
}
