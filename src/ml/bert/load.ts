// Builds a BertModel from the bytes of an HF folder (config.json + model.safetensors); works in browser and Node.
import { fail, ok, type Result } from '../../lib/result';
import { readSafetensors } from '../safetensors';
import { parseBertConfig } from './config';
import type { BertModel } from './model';
import { mapHfWeights } from './weights';

export interface BertFiles {
  /** Text of config.json. */
  config: string;
  /** Bytes of model.safetensors. */
  safetensors: ArrayBuffer;
}

export interface LoadedBert extends BertModel {
  /** Weight names present in the file but intentionally unused (buffers, pre-training heads). */
  ignored: string[];
}

export function loadBertFromFiles(files: BertFiles): Result<LoadedBert> {
  const config = parseBertConfig(files.config);
  if (!config.ok) return config;
  const st = readSafetensors(files.safetensors);
  if (!st.ok) return fail(`model.safetensors: ${st.reason}`);
  const mapped = mapHfWeights(st.data.tensors, config.data);
  if (!mapped.ok) return mapped;
  return ok({ config: config.data, weights: mapped.data.weights, ignored: mapped.data.ignored });
}
