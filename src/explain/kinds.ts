// Explanation kinds beside the per-event attribution methods of the registry: each has its own result shape and its
// own CLI body, and `reclens explain --method` accepts them next to METHOD_NAMES. Adding a kind = one name here and
// one entry in src/cli/commands/explainKinds.ts.
export const EXPLANATION_KINDS = ['counterfactual', 'knowledge'] as const;

export type ExplanationKind = (typeof EXPLANATION_KINDS)[number];

export const isExplanationKind = (name: string): name is ExplanationKind => (EXPLANATION_KINDS as readonly string[]).includes(name);
