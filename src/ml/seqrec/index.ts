// Public surface of the sequence recommender (SASRec / BERT4Rec on the shared transformer encoder).
export { SeqRecommender, type SeqTrainData, type SeqFitOptions, type SeqScoreBatch } from './recommender';
export { createSeqRec } from './register';
export { defaultConfig, type SeqRecConfig, type SeqRecMode, type SeqRecSettings } from './config';
export { inferenceBatch, type SeqInput } from './batch';
export { ITEM_TEXT_MODES, type ItemTextMode, type ItemTextVectors } from './itemText';
export { batchTensors, inputEmbeddings, scoresFromEmbeddings, type SeqRecModel } from './model';
export type { ValidationSet } from './score';
export type { TrainResult } from './train';
