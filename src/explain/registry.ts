// The attribution-method registry: name → {summary, requires, applies, run}, looked up by the CLI, UI and benches.
import { checkValue, type Range } from '../lib/ranges';
import { fail, ok, type Result } from '../lib/result';
import { gradientTimesInput, integratedGradients } from './gradients';
import { lime } from './lime';
import { occlusion } from './occlusion';
import { rollout } from './rollout';
import { shapley } from './shapley';
import type { Attribution, ExplainableModel, ExplainTarget, MethodOptions, Requirement } from './types';
import { onBatchShrink } from '../lib/oom';
import { modelCapabilities, modelsWith, type ModelCapabilities } from '../rec/registry';

export interface MethodEntry {
  summary: string;
  /** What the method needs from the model: 'scores' (any Recommender) or sequence-model internals. */
  requires: readonly Requirement[];
  /** Null when the method can explain this model, otherwise the reason it cannot. */
  applies(model: ExplainableModel): string | null;
  run(model: ExplainableModel, target: ExplainTarget, options: MethodOptions): Promise<Attribution>;
}

/** Null when the model offers every requirement; otherwise a sentence naming the first one it lacks. */
export function checkRequirements(requires: readonly Requirement[], model: ExplainableModel): string | null {
  for (const r of requires) {
    if (r === 'scores') continue;
    if (model.internals) continue;
    const needs = r === 'attentions' ? 'attention maps' : 'gradients of the score with respect to the input embeddings';
    const sequenceModels = modelsWith('sequence').join(', ');
    return `needs ${needs}, which only a sequence model (${sequenceModels}) has; "${model.recommender.name}" offers scores only — use ${scoreOnlyList()}`;
  }
  return null;
}

const entry = (summary: string, requires: Requirement[], run: MethodEntry['run']): MethodEntry => ({
  summary,
  requires,
  applies: (m) => checkRequirements(requires, m),
  run,
});

/**
 * The one table of explanation methods: the CLI, the views and the benches list methods from it, in this order, and
 * label them by key (`explain.method.<key>` in src/ui/i18n). Adding a method = its file, one line here, its strings.
 */
export const METHODS = {
  ig: entry(
    'Integrated Gradients over item embeddings ([MASK]/padding/zeros/mean baseline; completeness gap)',
    ['embeddingGradients'],
    integratedGradients,
  ),
  gradxinput: entry('gradient × input over item embeddings, summed per event', ['embeddingGradients'], (m, t) => gradientTimesInput(m, t)),
  occlusion: entry('leave-one-event-out: exact change in score and rank when each event is removed', ['scores'], occlusion),
  lime: entry('LIME: weighted ridge surrogate on seeded random event removals (R² reported)', ['scores'], lime),
  shapley: entry('Shapley value sampling over the newest events (seeded permutations; efficiency check)', ['scores'], shapley),
  rollout: entry('attention rollout (Abnar & Zuidema 2020) from the position the model reads its prediction at', ['attentions'], (m, t) =>
    rollout(m, t),
  ),
} satisfies Record<string, MethodEntry>;

export type MethodName = keyof typeof METHODS;

export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

/** What a kind of model offers the methods: a requirement other than scores needs the matching capability. */
export type MethodCapabilities = Pick<ModelCapabilities, 'gradients' | 'attention'>;

const CAPABILITY_OF: Record<Requirement, keyof MethodCapabilities | null> = {
  scores: null,
  embeddingGradients: 'gradients',
  attentions: 'attention',
};

/** A BERT sequence classifier seen by the explanation core (src/ml/explain/textClassifier): gradients and attention. */
export const TEXT_CLASSIFIER: MethodCapabilities = { gradients: true, attention: true };

/** The methods that apply to a kind of model, in registry order (a baseline recommender: the score-only ones). */
export function methodsFor(capabilities: MethodCapabilities): MethodName[] {
  return METHOD_NAMES.filter((m) => METHODS[m].requires.every((r) => CAPABILITY_OF[r] === null || capabilities[CAPABILITY_OF[r]]));
}

/** The methods that apply to a registered recommender, by its registry name (see rec/registry's capabilities). */
export const methodsForModel = (modelName: string): MethodName[] => methodsFor(modelCapabilities(modelName));

/** Null when a registered model (by name) can run the method; else why not. The CLI asks before fitting the model. */
export function refusalForModel(method: MethodName, modelName: string): string | null {
  if (methodsForModel(modelName).includes(method)) return null;
  return `${method} needs a sequence model (${modelsWith('sequence').join(', ')}); "${modelName}" offers scores only — use ${scoreOnlyList()}`;
}

/** "occlusion, lime or shapley": the methods any model can run, for refusals that suggest them. */
function scoreOnlyList(): string {
  const names = methodsFor({ gradients: false, attention: false });
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');
}

/**
 * Ranges of the numeric method options, checked before a method runs (IG holds steps + 1 rows of activations; LIME
 * scores `samples` perturbed histories; Shapley `samples` permutations × events). README and `reclens help` list them.
 */
export const METHOD_OPTION_RANGES = {
  steps: { min: 1, max: 4096, integer: true },
  samples: { min: 1, max: 10_000, integer: true },
  maxEvents: { min: 1, max: 512, integer: true },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
} as const satisfies Record<string, Range>;

/** Null when every numeric option given is in range, else the first violation naming the option and its range. */
export function checkMethodOptions(options: MethodOptions): string | null {
  for (const key of Object.keys(METHOD_OPTION_RANGES) as (keyof typeof METHOD_OPTION_RANGES)[]) {
    const v = options[key];
    if (v === undefined) continue;
    const why = checkValue(key, v, METHOD_OPTION_RANGES[key]);
    if (why) return why;
  }
  return null;
}

export const isMethodName = (name: string): name is MethodName => Object.prototype.hasOwnProperty.call(METHODS, name);

/** The methods that can explain this model, in registry order. */
export function applicableMethods(model: ExplainableModel): MethodName[] {
  return METHOD_NAMES.filter((k) => METHODS[k].applies(model) === null);
}

/**
 * Run a method by name. Unknown names and inapplicable models are reasons, not exceptions; errors inside a method
 * (a model failing to score) still throw, since they are bugs or resource failures, not user input.
 */
export async function explain(
  name: string,
  model: ExplainableModel,
  target: ExplainTarget,
  options: MethodOptions = {},
): Promise<Result<Attribution>> {
  if (!isMethodName(name)) return fail(`unknown method "${name}"; known: ${METHOD_NAMES.join(', ')}`);
  const invalid = checkMethodOptions(options);
  if (invalid) return fail(invalid);
  const entry: MethodEntry = METHODS[name];
  const reason = entry.applies(model);
  if (reason) return fail(`${name} ${reason}`);
  // A batch that ran out of memory was halved and the method went on: the reader sees that it happened.
  const shrinks: string[] = [];
  const off = onBatchShrink((n) => shrinks.push(n));
  try {
    const a = await entry.run(model, target, options);
    return ok(shrinks.length ? { ...a, notes: [...a.notes, ...shrinks] } : a);
  } finally {
    off();
  }
}
