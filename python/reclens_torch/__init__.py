"""reclens_torch: RecLens's sequence recommenders (SASRec, BERT4Rec) trained on PyTorch, one process or many through
torchrun, writing the same checkpoint folder the app and the `reclens` CLI open. See the README's "Past one tab"."""
