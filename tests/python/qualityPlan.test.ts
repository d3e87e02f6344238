// bench/reference/beauty_bert4rec.py --quality runs RecLens's "train for quality" recipe with the PyTorch twin of the
// trainer, so its plan and stopping rule must be src/rec/qualityRecipe.ts's: the same cap, cadence, floor and
// patience for every shape of log, and the same stop decision at every (epoch, best epoch).
import { expect, it } from 'vitest';
import { planQuality, shouldStop } from '../../src/rec/qualityRecipe';
import { describePython, python } from './python';

// Beauty's tuning split, ml-100k's, a near-empty log, a dense log, and the edges of both caps.
const SHAPES: [number, number][] = [
  [273_510, 54_542],
  [97_114, 1_682],
  [12, 40],
  [5_000_000, 300],
  [4_000, 1_000],
  [4_000, 600],
  [2_399, 1_000],
];

describePython('beauty_bert4rec.py --quality: the plan of qualityRecipe.ts', () => {
  it('plans and stops as planQuality and shouldStop do', () => {
    const script = `
import json, sys
sys.path.insert(0, 'bench/reference')
import beauty_bert4rec as b
out = []
for events, items in json.loads(sys.stdin.read()):
    plan = b.quality_plan(events, items)
    stops = [[e, best] for e in range(1, plan['maxEpochs'] + 1, 7) for best in range(0, e + 1, 5)
             if b.quality_should_stop(plan, e, best)]
    out.append({'plan': plan, 'stops': stops})
print(json.dumps(out))`;
    const got = JSON.parse(python(['-c', script], JSON.stringify(SHAPES)).stdout) as {
      plan: Record<string, number | string>;
      stops: [number, number][];
    }[];
    SHAPES.forEach(([events, items], k) => {
      const plan = planQuality('bert4rec', events, items);
      expect(got[k].plan).toEqual({ ...plan, eventsPerItem: expect.closeTo(plan.eventsPerItem, 12) });
      const stops: [number, number][] = [];
      for (let e = 1; e <= plan.maxEpochs; e += 7)
        for (let best = 0; best <= e; best += 5) if (shouldStop(plan, e, best)) stops.push([e, best]);
      expect(got[k].stops).toEqual(stops);
    });
    // Beauty's plan, as BENCHMARKS.md reports it.
    expect(got[0].plan).toMatchObject({ maxEpochs: 798, evalEvery: 16, minEpochs: 80, minPatience: 48 });
  });
});
