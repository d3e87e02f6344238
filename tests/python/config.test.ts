// reclens_torch's settings (python/reclens_torch/config.py) are a copy of src/ml/seqrec/config.ts's: the same keys,
// ranges and data-derived defaults, so a checkpoint's settings mean the same network on both sides. This holds the copy
// to the original, so a range or default changed on one side only fails here instead of drifting.
import { expect, it } from 'vitest';
import { defaultConfig, SEQREC_OTHER_SETTINGS, SEQREC_RANGES } from '../../src/ml/seqrec/config';
import { describePython, python } from './python';

const CASES: { mode: 'sasrec' | 'bert4rec'; items: number; lengths: number[]; types: number }[] = [
  { mode: 'sasrec', items: 1682, lengths: [5, 20, 65, 100, 300, 737], types: 1 },
  { mode: 'bert4rec', items: 1682, lengths: [5, 20, 65, 100, 300, 737], types: 1 },
  { mode: 'sasrec', items: 20_000, lengths: [1, 2, 3], types: 5 },
  { mode: 'bert4rec', items: 10_001, lengths: [7, 7, 7, 7, 7], types: 3 },
  { mode: 'sasrec', items: 3, lengths: [], types: 0 },
];

describePython('reclens_torch settings against config.ts', () => {
  it('has the same ranges, other settings and data-derived defaults', () => {
    const script = `
import json, sys
from reclens_torch.config import RANGES, OTHER_SETTINGS, default_config
cases = json.loads(sys.stdin.read())
print(json.dumps({
  'ranges': {k: {'min': r[0], 'max': r[1], 'integer': r[2], 'minOpen': r[3], 'maxOpen': r[4], 'internal': r[5]} for k, r in RANGES.items()},
  'other': list(OTHER_SETTINGS),
  'defaults': [default_config(c['mode'], c['items'], c['lengths'], c['types']) for c in cases],
}))`;
    const got = JSON.parse(python(['-c', script], JSON.stringify(CASES)).stdout);
    const want = Object.fromEntries(
      Object.entries(SEQREC_RANGES).map(([k, r]) => [
        k,
        { min: r.min, max: r.max, integer: !!r.integer, minOpen: !!r.minOpen, maxOpen: !!r.maxOpen, internal: !!r.internal },
      ]),
    );
    expect(got.ranges).toEqual(want);
    expect(got.other).toEqual([...SEQREC_OTHER_SETTINGS]);
    expect(got.defaults).toEqual(CASES.map((c) => ({ ...defaultConfig(c.mode, c.items, c.lengths, c.types) })));
  });
});
