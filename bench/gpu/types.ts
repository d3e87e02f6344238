// What one bench:gpu run records (bench/out/gpu/gpu-*.json), shared by the measurement and its report.
import type { AdapterSummary } from '../../src/ml/backend';

export interface MatmulRate {
  n: number;
  gflops: number;
}

export interface TrainRate {
  batchSize: number;
  maxLen: number;
  stepsPerSec: number[];
  /** GFLOP/s of the step (matmul FLOPs counted from the shapes, at the median steps/s). */
  gflops: number;
  /** Losses of the first repetition, step by step (the same seeded batches and weights on every side). */
  losses: number[];
}

export interface EmbedRate {
  batch: number;
  tokensPerSec: number[];
}

/** One TF.js backend's figures. */
export interface SideRates {
  matmul: MatmulRate[];
  train: TrainRate[];
  embed: (EmbedRate & { rows: number[] })[];
  /** Tokens/s of the app's embed() (tokenize, batches of 32, read back). */
  embedApp: number | undefined;
}

export type TorchResult = Record<string, unknown> | { error: string };

export interface GpuRun {
  date: string;
  quick: boolean;
  machine: string;
  /** nvidia-smi's name, driver and memory; null where there is none. */
  gpu: string | null;
  adapter: (AdapterSummary & { description: string }) | null;
  backends: Partial<Record<'webgpu' | 'wasm', { gflops: number }>>;
  sides: Partial<Record<'webgpu' | 'wasm', Omit<SideRates, 'embed'> & { embed: (EmbedRate & { rowsChecked: number })[] }>>;
  /** Largest |difference| of each side's pooled BERT-mini rows from wasm's, keyed "<side> <batch>" (webgpu, torch-cuda, torch-cpu). */
  parity: { embedMaxAbsDiff: Record<string, number> };
  torch: {
    train: { batchSize: number; maxLen: number; device: string; result: TorchResult }[];
    embed: { batch: number; device: string; result: TorchResult }[];
  };
  /** What failed or was skipped, in words (a backend that did not start, a software adapter at full size). */
  errors: string[];
  seconds: number;
}
