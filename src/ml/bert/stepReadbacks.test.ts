// Fine-tuning and continued pretraining queue a whole step (gradients, clipping, AdamW) before reading anything back
// (#23): the [loss, norm] that progress shows is read once a step, after its update.
import { describe, expect, it } from 'vitest';
import { disposeTree } from '../tensors';
import { logReadbacks, readsInsideSteps, stepsOf } from '../train/readbackLog';
import { finetune } from './finetune';
import { continuePretraining, MLM_DEFAULTS } from './mlm';
import { useTinyBert } from '../../testSupport/tinyBertSuite';

const tiny = useTinyBert();

const TEXTS = Array.from(
  { length: 24 },
  (_, i) => ['the user bought red shoes', 'a user viewed a blue shirt', 'viewed a phone then left'][i % 3],
);

describe('a BERT training step reads nothing back', () => {
  it('fine-tuning: no read-back between a step’s gradients and its update, one after it', async () => {
    const log = logReadbacks();
    try {
      // 24 texts, no validation, batches of 8: 3 steps an epoch, 2 epochs.
      const r = await finetune(
        tiny.model,
        tiny.tokenizer,
        TEXTS,
        TEXTS.map((t) => (t.includes('bought') ? 1 : 0)),
        {
          labels: ['other', 'purchase'],
          epochs: 2,
          batchSize: 8,
          validationSplit: 0,
          seed: 1,
        },
      );
      disposeTree(r.model.weights);
    } finally {
      log.restore();
    }
    const text = log.text();
    expect(stepsOf(text)).toHaveLength(6);
    expect(readsInsideSteps(text), text).toBe(0);
    // Each step: one gradient pass, its weight writes, then the one read of its [loss, norm].
    expect(
      stepsOf(text).every((s) => /^GA+R$/.test(s)),
      text,
    ).toBe(true);
  });

  it('continued pretraining: the same', async () => {
    const log = logReadbacks();
    try {
      const r = await continuePretraining(tiny.model, tiny.tokenizer, TEXTS, { ...MLM_DEFAULTS, epochs: 1, batchSize: 8, seed: 1 });
      if (!r.ok) throw new Error(r.reason);
      disposeTree(r.data.model.weights);
    } finally {
      log.restore();
    }
    const text = log.text();
    expect(stepsOf(text)).toHaveLength(3);
    expect(readsInsideSteps(text), text).toBe(0);
  });
});
