// TF.js side of explanations: model internals (gradients, attentions) behind src/explain's SequenceInternals.
export { internalsOf, seqRecInternals } from './internals';
export { explainRow, eventValues } from './input';
