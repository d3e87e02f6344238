// Export a (fine-tuned) BERT back to an HF folder's files: config.json text and F32 model.safetensors, LoRA merged.
import * as tf from '@tensorflow/tfjs';
import { writeSafetensors, type F32TensorIn } from '../safetensors';
import { bertConfigToJson } from './config';
import { mergeLora } from './lora';
import type { BertModel } from './model';
import { namedBertTensors } from './weights';

export interface ExportedBert {
  config: string;
  safetensors: ArrayBuffer;
}

export function exportBert(model: BertModel): ExportedBert {
  const { weights, created } = mergeLora(model.weights);
  try {
    // BertForSequenceClassification keeps the encoder under `bert.`; a bare BertModel uses plain names.
    const prefix = weights.classifier ? 'bert.' : '';
    const tensors: Record<string, F32TensorIn> = {};
    for (const [name, t] of namedBertTensors(weights, prefix)) tensors[name] = { shape: t.shape, data: t.dataSync() as Float32Array };
    const config = { ...model.config, architecture: weights.classifier ? 'BertForSequenceClassification' : 'BertModel' };
    return { config: JSON.stringify(bertConfigToJson(config), null, 2), safetensors: writeSafetensors(tensors, { format: 'pt' }) };
  } finally {
    tf.dispose(created);
  }
}
