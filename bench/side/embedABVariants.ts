// The RecLens variants the embedding before/after compares (shared by its page and its Node driver).
import type { FusedKernels } from '../../src/ml/transformer/fusedOps';

// Inference only: the training kernels do not run here and stay as they are.
export const EMBED_VARIANTS: { name: string; kernels: Pick<FusedKernels, 'layerNorm' | 'gelu' | 'productBias' | 'attention'> }[] = [
  { name: 'unfused', kernels: { layerNorm: false, gelu: false, productBias: false, attention: false } },
  { name: 'fused GELU + add & LayerNorm', kernels: { layerNorm: true, gelu: true, productBias: false, attention: false } },
  { name: '+ bias in the product', kernels: { layerNorm: true, gelu: true, productBias: true, attention: false } },
  { name: '+ fused attention (default)', kernels: { layerNorm: true, gelu: true, productBias: true, attention: true } },
];

export interface EmbedABResult {
  /** Per variant (and 'transformers.js'), one rate per repetition. */
  tokensPerSecond: Record<string, number[]>;
  /** Largest |difference| from transformers.js's embeddings of the same texts. */
  maxAbsDiff: Record<string, number>;
  tokensPerRep: number;
  backend: string;
}
