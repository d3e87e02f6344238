// The RecLens variants the embedding before/after compares (shared by its page and its Node driver).
import type { FusedKernels } from '../../src/ml/transformer/fusedOps';

// Inference only: the training kernels do not run here and stay as they are.
type EmbedKernels = Pick<FusedKernels, 'layerNorm' | 'gelu' | 'productBias' | 'attention' | 'gemm' | 'fusedMultiplyAdd'>;
const NONE: EmbedKernels = { layerNorm: false, gelu: false, productBias: false, attention: false, gemm: false, fusedMultiplyAdd: false };

export const EMBED_VARIANTS: { name: string; kernels: EmbedKernels }[] = [
  { name: 'unfused', kernels: NONE },
  { name: 'fused GELU + add & LayerNorm', kernels: { ...NONE, layerNorm: true, gelu: true } },
  { name: '+ bias in product, fused attention', kernels: { ...NONE, layerNorm: true, gelu: true, productBias: true, attention: true } },
  { name: '+ gemm.wat', kernels: { layerNorm: true, gelu: true, productBias: true, attention: true, gemm: true, fusedMultiplyAdd: false } },
  {
    name: '+ fused multiply-add (default)',
    kernels: { layerNorm: true, gelu: true, productBias: true, attention: true, gemm: true, fusedMultiplyAdd: true },
  },
];

export interface EmbedABResult {
  /** Per variant (and 'transformers.js'), one rate per repetition. */
  tokensPerSecond: Record<string, number[]>;
  /** Largest |difference| from transformers.js's embeddings of the same texts. */
  maxAbsDiff: Record<string, number>;
  tokensPerRep: number;
  backend: string;
}
