// Export a (fine-tuned) BERT back to an HF folder's files: config.json text and F32 model.safetensors, LoRA merged,
// Houlsby adapters kept beside the weights they follow (config.json "reclens_adapter").
import * as tf from '@tensorflow/tfjs';
import { writeSafetensors, type F32TensorIn } from '../../lib/safetensors';
import { bertConfigToJson } from './config';
import { mergeLora } from './lora';
import { adapterSize } from './adapter';
import type { BertModel } from './model';
import { swapAxes } from '../transformer/weightLayout';
import { namedBertTensors } from './weights';

export interface ExportedBert {
  config: string;
  safetensors: ArrayBuffer;
}

/** Async: the weights are read back from the backend, and a synchronous read on WebGPU can return zeros. */
export async function exportBert(model: BertModel): Promise<ExportedBert> {
  const { weights, created } = mergeLora(model.weights);
  try {
    // BertForSequenceClassification keeps the encoder under `bert.`; a bare BertModel uses plain names.
    const prefix = weights.classifier ? 'bert.' : '';
    const named = namedBertTensors(weights, prefix);
    const data = await Promise.all(named.map(([, t]) => t.data<'float32'>()));
    const tensors: Record<string, F32TensorIn> = {};
    // Linear weights go back to HF's [out, in] (weightLayout.ts).
    named.forEach(
      ([name, t, linear], i) => (tensors[name] = linear ? swapAxes({ shape: t.shape, data: data[i] }) : { shape: t.shape, data: data[i] }),
    );
    const size = adapterSize(weights);
    const config = {
      ...model.config,
      architecture: weights.classifier ? 'BertForSequenceClassification' : 'BertModel',
      adapter: size ? { size } : undefined,
    };
    return { config: JSON.stringify(bertConfigToJson(config), null, 2), safetensors: writeSafetensors(tensors, { format: 'pt' }) };
  } finally {
    tf.dispose(created);
  }
}
