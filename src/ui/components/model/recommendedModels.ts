// Small real BERT checkpoints on the Hugging Face Hub that load here (BERT architecture, model.safetensors), smallest
// first, offered as one-click downloads: the shipped tiny-bert has random weights, these have learned language.
export interface RecommendedModel {
  id: string;
  /** Layers × hidden size, and the download size in MB (float32 weights), for the analyst to choose by. */
  shape: string;
  megabytes: number;
}

export const RECOMMENDED_MODELS: readonly RecommendedModel[] = [
  { id: 'sentence-transformers/paraphrase-MiniLM-L3-v2', shape: '3 × 384', megabytes: 70 },
  { id: 'sentence-transformers/all-MiniLM-L6-v2', shape: '6 × 384', megabytes: 91 },
  { id: 'google-bert/bert-base-uncased', shape: '12 × 768', megabytes: 440 },
];
