// Registry entries for the sequence recommenders, to be merged into src/rec/registry.ts by its owner
// (it did not exist when these were written). Factories take the same settings a checkpoint stores.
import type { Recommender } from '../../rec/recommender';
import type { SeqRecSettings } from './config';
import { SeqRecommender } from './recommender';

export interface SeqRecEntry {
  description: string;
  /** Needs an initialised TF.js backend (call initBackend first); the JS baselines do not. */
  requiresTf: true;
  create(settings?: SeqRecSettings): Recommender;
}

export const SEQREC_MODELS: Record<'sasrec' | 'bert4rec', SeqRecEntry> = {
  sasrec: {
    description: 'SASRec: causal transformer, next-item full-softmax cross-entropy (Kang & McAuley 2018; CE loss per Klenitskiy & Vasilev 2023)',
    requiresTf: true,
    create: (settings = {}) => new SeqRecommender('sasrec', settings),
  },
  bert4rec: {
    description: 'BERT4Rec: bidirectional transformer trained with Cloze masking (Sun et al. 2019)',
    requiresTf: true,
    create: (settings = {}) => new SeqRecommender('bert4rec', settings),
  },
};
