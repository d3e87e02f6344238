// The method registry answers which methods apply to baselines, sequence models and text classifiers, from the
// capabilities each recommender declares in rec/registry: no consumer keeps its own list.
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, methodsFor, methodsForModel, refusalForModel, TEXT_CLASSIFIER } from './registry';
import { modelCapabilities, modelsWith } from '../rec/registry';

describe('method applicability', () => {
  it('baselines get the score-only methods, sequence models and text classifiers all of them, in registry order', () => {
    expect(METHOD_NAMES).toEqual(['ig', 'gradxinput', 'occlusion', 'lime', 'shapley', 'rollout']);
    for (const name of ['pop', 'itemknn', 'ease', 'mf', 'content', 'not-registered'])
      expect(methodsForModel(name)).toEqual(['occlusion', 'lime', 'shapley']);
    for (const name of ['sasrec', 'bert4rec']) expect(methodsForModel(name)).toEqual(METHOD_NAMES);
    expect(methodsFor(TEXT_CLASSIFIER)).toEqual(METHOD_NAMES);
    // A model with gradients but no attention maps gets the gradient methods, not rollout.
    expect(methodsFor({ gradients: true, attention: false })).toEqual(['ig', 'gradxinput', 'occlusion', 'lime', 'shapley']);
  });

  it('capabilities come from each registry entry; own properties only', () => {
    expect(modelsWith('sequence')).toEqual(['sasrec', 'bert4rec']);
    expect(modelCapabilities('sasrec')).toEqual({ sequence: true, gradients: true, attention: true });
    expect(modelCapabilities('__proto__')).toEqual({ sequence: false, gradients: false, attention: false });
  });

  it('refuses a gradient method for a baseline by name, naming the sequence models and the methods that would work', () => {
    expect(refusalForModel('occlusion', 'mf')).toBeNull();
    expect(refusalForModel('ig', 'sasrec')).toBeNull();
    expect(refusalForModel('ig', 'mf')).toBe(
      'ig needs a sequence model (sasrec, bert4rec); "mf" offers scores only — use occlusion, lime or shapley',
    );
  });
});
