// Registry factories for the sequence recommenders (src/rec/registry.ts imports this lazily, so TF.js loads on demand).
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import type { SeqRecMode, SeqRecSettings } from './config';
import type { ItemTextVectors } from './itemText';
import type { PropensityModel } from '../../rec/propensity';
import { SeqRecommender } from './recommender';

/**
 * An unfitted model from registry settings (CLI overrides or a checkpoint's settings). Picks the fastest backend
 * first when the caller has not initialised one: TF.js would otherwise fall back to its slow cpu backend in Node.
 */
export async function createSeqRec(
  mode: SeqRecMode,
  settings: Record<string, unknown>,
  itemText?: ItemTextVectors,
  propensity?: PropensityModel,
): Promise<SeqRecommender> {
  if (!tf.engine().backendName) await initBackend('auto');
  return new SeqRecommender(mode, settings as SeqRecSettings, itemText, propensity);
}
