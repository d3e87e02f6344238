// bench:causalrec, demo part — uplift recommendation where the answer is known: on the demo shop (whose potential
// outcomes are exported), each base recommender's top-10 (score policy) against its candidates re-ranked by the
// T-learner's estimated uplift (uplift policy). True incremental purchases@10 from the simulator, estimated uplift@10
// from the model, leave-one-out NDCG@10 of each list, and the oracle: the same candidates re-ranked by the TRUE effect.
import { loadDemo } from '../src/data/demo';
import { upliftOracle } from '../src/data/demo/upliftTruth';
import { bootstrapInterval, meanOver } from '../src/lib/bootstrap';
import { evaluate } from '../src/rec/evaluate';
import { topK } from '../src/rec/rank';
import { excludedItems, leaveOneOutSplit } from '../src/rec/split';
import { trainModel } from '../src/rec/train';
import { comparePolicies } from '../src/rec/uplift/policies';
import { UPLIFT_DEFAULTS } from '../src/rec/uplift/tLearner';
import { fitUpliftModel, forEachScoreRow } from '../src/rec/uplift/upliftModel';
import { upliftRanked } from '../src/rec/uplift/upliftRanked';
import { fmt } from './lib/report';

const SEEDS = [42, 7, 99];
const MODELS = ['pop', 'itemknn', 'ease', 'mf'];
const K = 10;
const USERS = 3000;

const ci = (v: number, c: [number, number], d = 3) => `${fmt(v, d)} [${fmt(c[0], d)}, ${fmt(c[1], d)}]`;

export async function upliftSection(): Promise<{ md: string; json: unknown[] }> {
  const rows: {
    seed: number;
    model: string;
    score: { true: number; ci: [number, number]; est: number; ndcg: number };
    uplift: { true: number; ci: [number, number]; est: number; ndcg: number };
    ratio: number;
    ratioCi: [number, number];
    oracle: number;
    fitSeconds: number;
    treatedPairs: number;
  }[] = [];
  for (const seed of SEEDS) {
    const { log, truth } = loadDemo({ seed, users: USERS });
    const oracle = upliftOracle(truth.uplift!);
    const split = leaveOneOutSplit(log);
    for (const name of MODELS) {
      const { model } = await trainModel(split, { model: name, settings: {}, seed });
      const started = performance.now();
      const fitted = await fitUpliftModel(log, split, model, UPLIFT_DEFAULTS, { seed });
      if (!fitted.ok) throw new Error(fitted.reason);
      const fitSeconds = (performance.now() - started) / 1000;
      const cmp = await comparePolicies(fitted.data, model, split, log, { k: [K], truth: oracle.incremental, seed });
      const ndcg = async (r: typeof model) =>
        (await evaluate(r, split, { protocol: 'full', k: [K], stage: 'test', seed })).metrics[`NDCG@${K}`];
      // Oracle: the same candidates ranked by each item's true Δ for this user (what a perfect uplift model would pick).
      const best = new Float64Array(log.users.length);
      await forEachScoreRow(model, split, Array.from(best.keys()), (u, raw) => {
        const pool = Array.from(topK(Float32Array.from(raw), UPLIFT_DEFAULTS.candidates, excludedItems(split, u, 'all')).items);
        const gain = pool.map((i) => oracle.incremental(log.users[u], [log.items[i]]) ?? 0);
        const pick = pool
          .map((_, j) => j)
          .sort((a, b) => gain[b] - gain[a])
          .slice(0, K);
        best[u] =
          oracle.incremental(
            log.users[u],
            pick.map((j) => log.items[pool[j]]),
          ) ?? 0;
      });
      const t = `trueUplift@${K}`;
      const e = `estimatedUplift@${K}`;
      const p = cmp.policies;
      rows.push({
        seed,
        model: name,
        score: { true: p.score.metrics[t], ci: p.score.ci95[t], est: p.score.metrics[e], ndcg: await ndcg(model) },
        uplift: {
          true: p.uplift.metrics[t],
          ci: p.uplift.ci95[t],
          est: p.uplift.metrics[e],
          ndcg: await ndcg(upliftRanked(model, fitted.data)),
        },
        ratio: cmp.paired[t].ratio,
        ratioCi: cmp.paired[t].ratioCi95,
        oracle: meanOver(best, Uint32Array.from(best.keys())),
        fitSeconds,
        treatedPairs: fitted.data.fit.counts.treatedPairs,
      });
      console.log(`uplift · demo seed ${seed} · ${name}: ratio ${fmt(cmp.paired[t].ratio, 2)}`);
    }
  }
  const ratios = rows.map((r) => r.ratio);
  const pooled = bootstrapInterval(ratios.length, 19, 1000, (r) => meanOver(ratios, r));
  const md = [
    '',
    `Demo shop, ${USERS} users, seeds ${SEEDS.join(', ')} (\`reclens demo\`; equations in src/data/demo/checkoutAddOns.ts). ` +
      `Score policy: the base model's top ${K} (seen items excluded). Uplift policy: its top ${UPLIFT_DEFAULTS.candidates} ` +
      `re-ranked by the T-learner's estimated uplift (features: standardised score, item popularity, user activity; ` +
      `${UPLIFT_DEFAULTS.bootstrap} user-bootstrap refits). True uplift@${K} = incremental purchases per user of the list, from ` +
      `the simulator's potential outcomes; 95% CIs bootstrap users, the ratio's CI is paired. Oracle: the same candidates ` +
      `re-ranked by the true per-item effect. Same as \`reclens evaluate --data events.csv --model <m> --policy uplift --truth truth.json\`.`,
    '',
    `| seed | model | true uplift@${K}, score | true uplift@${K}, uplift | ratio (paired CI) | oracle | est. uplift@${K} score / uplift | NDCG@${K} score / uplift | uplift fit s |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.seed} | ${r.model} | ${ci(r.score.true, r.score.ci)} | ${ci(r.uplift.true, r.uplift.ci)} | ${ci(r.ratio, r.ratioCi, 2)} | ` +
        `${fmt(r.oracle, 3)} | ${fmt(r.score.est, 3)} / ${fmt(r.uplift.est, 3)} | ${fmt(r.score.ndcg, 4)} / ${fmt(r.uplift.ndcg, 4)} | ${fmt(r.fitSeconds, 1)} |`,
    ),
    '',
    `Mean ratio over the ${rows.length} runs: ${ci(meanOver(ratios, Uint32Array.from(ratios.keys())), pooled, 2)} (bootstrap over runs); ` +
      `${rows.filter((r) => r.ratioCi[0] >= 1.3).length} of ${rows.length} runs have the whole paired CI at or above 1.3×, ` +
      `${rows.filter((r) => r.ratioCi[0] > 1).length} above 1×.`,
  ].join('\n');
  return { md, json: rows };
}
