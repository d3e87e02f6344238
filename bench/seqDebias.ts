// bench:seqdebias — SASRec trained with and without inverse-propensity example weights (issue #19) on the demo shop,
// whose exposures give the propensities and whose potential outcomes give each list's true incremental purchases.
// Leave-one-out NDCG@10 and HR@10 (bootstrap CIs over users, paired differences), how popular and how spread the
// top 10 is, and the top 10's true uplift. Run: npm run bench:seqdebias [-- --epochs N]
import { loadDemo } from '../src/data/demo';
import { upliftOracle } from '../src/data/demo/upliftTruth';
import { bootstrapInterval, meanOver } from '../src/lib/bootstrap';
import { evaluate } from '../src/rec/evaluate';
import { hitRate, ndcg } from '../src/rec/metrics';
import { observedPropensities, popularityPropensity } from '../src/rec/propensity';
import { topK } from '../src/rec/rank';
import { logExposurePropensity } from '../src/rec/ratingContext';
import { excludedItems, leaveOneOutSplit, trainData } from '../src/rec/split';
import { clickedPairs } from '../src/rec/models/mfImplicitIps';
import { trainModel } from '../src/rec/train';
import { forEachScoreRow } from '../src/rec/uplift/upliftModel';
import { fmt, machine, today, writeJson, writeSection } from './lib/report';

const DEMO_SEED = 42;
const USERS = 3000;
const SEEDS = [1, 2];
const K = 10;
const epochsAt = process.argv.indexOf('--epochs');
const EPOCHS = epochsAt > 0 ? Number(process.argv[epochsAt + 1]) : 20;
const CLIP = 0.01;

const ci = (v: number, c: [number, number], d = 4) => `${fmt(v, d)} [${fmt(c[0], d)}, ${fmt(c[1], d)}]`;
const all = (n: number) => Uint32Array.from({ length: n }, (_, k) => k);
const meanCi = (v: Float64Array, seed: number): [number, [number, number]] => [
  meanOver(v, all(v.length)),
  bootstrapInterval(v.length, seed, 1000, (rows) => meanOver(v, rows)),
];

const { log, truth } = loadDemo({ seed: DEMO_SEED, users: USERS });
const oracle = upliftOracle(truth.uplift!);
const split = leaveOneOutSplit(log);
const exposure = logExposurePropensity(log);
if (!exposure.ok) throw new Error(exposure.reason);
const propensity = exposure.data;
const pairs = clickedPairs(trainData(split));
const overlap = observedPropensities(propensity, pairs, CLIP).diagnostic;

interface Run {
  ranks: Map<number, number>;
  uplift: Float64Array;
  metrics: Record<string, number>;
  epochs: number;
  seconds: number;
}

/** A model with an objective and the propensities behind its weights (none: unweighted). */
interface Spec {
  model: 'sasrec' | 'bert4rec';
  debias: 'none' | 'ips' | 'snips';
  source: 'exposure' | 'pop';
}
const label = (s: Spec) => (s.debias === 'none' ? 'none' : `${s.debias} (${s.source})`);

async function run(spec: Spec, seed: number): Promise<Run> {
  const settings = { maxEpochs: EPOCHS, ...(spec.debias === 'none' ? {} : { debias: spec.debias, clip: CLIP }) };
  const context = { propensity: spec.source === 'pop' ? popularityPropensity(pairs) : propensity };
  const { model, trainSeconds } = await trainModel(split, { model: spec.model, settings, seed }, { context });
  const r = await evaluate(model, split, { protocol: 'full', k: [K], stage: 'test', seed, perUser: true });
  const ranks = new Map(r.perUser!.users.map((u, k) => [u as number, r.perUser!.ranks[k]]));
  // True incremental purchases of each user's top K (seen items excluded), from the simulator's potential outcomes.
  const uplift = new Float64Array(log.users.length);
  await forEachScoreRow(model, split, all(log.users.length), (u, raw) => {
    const items = Array.from(topK(Float32Array.from(raw), K, excludedItems(split, u, 'all')).items, (i) => log.items[i]);
    uplift[u] = oracle.incremental(log.users[u], items) ?? 0;
  });
  const epochs = (model as { lastFit?: { epochs: number } }).lastFit?.epochs ?? EPOCHS;
  model.dispose?.();
  console.log(
    `seqdebias · seed ${seed} · ${spec.model} ${label(spec)}: NDCG@${K} ${fmt(r.metrics[`NDCG@${K}`], 4)} in ${fmt(trainSeconds, 0)} s`,
  );
  return { ranks, uplift, metrics: r.metrics, epochs, seconds: trainSeconds };
}

// SASRec naive vs IPS with exposure propensities on two seeds; popularity propensities, SNIPS and BERT4Rec on one.
const PLAN: { seed: number; model: Spec['model']; variants: Omit<Spec, 'model'>[] }[] = [
  ...SEEDS.map((seed) => ({
    seed,
    model: 'sasrec' as const,
    variants: [
      { debias: 'ips' as const, source: 'exposure' as const },
      ...(seed === SEEDS[0]
        ? [
            { debias: 'ips' as const, source: 'pop' as const },
            { debias: 'snips' as const, source: 'exposure' as const },
          ]
        : []),
    ],
  })),
  { seed: SEEDS[0], model: 'bert4rec', variants: [{ debias: 'ips', source: 'exposure' }] },
];

const rows: string[] = [];
const json: unknown[] = [];
for (const { seed, model, variants } of PLAN) {
  const base = await run({ model, debias: 'none', source: 'exposure' }, seed);
  const users = [...base.ranks.keys()];
  const per = (r: Run, f: (rank: number, k: number) => number) => Float64Array.from(users, (u) => f(r.ranks.get(u) ?? Infinity, K));
  const diff = (a: Float64Array, b: Float64Array, s: number) =>
    meanCi(
      Float64Array.from(a, (x, k) => x - b[k]),
      s,
    );
  const row = (r: Run, name: string) => {
    const [n, nCi] = meanCi(per(r, ndcg), seed + 1);
    const [h, hCi] = meanCi(per(r, hitRate), seed + 2);
    const [t, tCi] = meanCi(r.uplift, seed + 3);
    const paired =
      r === base ? null : { ndcg: diff(per(r, ndcg), per(base, ndcg), seed + 4), trueUplift: diff(r.uplift, base.uplift, seed + 5) };
    rows.push(
      `| ${seed} | ${model} | ${name} | ${ci(n, nCi)} | ${ci(h, hCi)} | ${fmt(r.metrics[`AvgPop@${K}`], 1)} | ` +
        `${fmt(r.metrics[`Coverage@${K}`], 3)} | ${ci(t, tCi, 3)} | ` +
        `${paired ? `${ci(paired.ndcg[0], paired.ndcg[1])} / ${ci(paired.trueUplift[0], paired.trueUplift[1], 3)}` : '—'} | ${r.epochs} |`,
    );
    json.push({
      seed,
      model,
      debias: name,
      ndcg: [n, nCi],
      hr: [h, hCi],
      trueUplift: [t, tCi],
      paired,
      metrics: r.metrics,
      epochs: r.epochs,
    });
  };
  row(base, 'none');
  for (const v of variants) row(await run({ model, ...v }, seed), label({ model, ...v }));
}

const md = [
  '',
  `Demo shop, ${USERS} users, demo seed ${DEMO_SEED} (\`reclens demo\`). SASRec and BERT4Rec with their defaults and maxEpochs ` +
    `${EPOCHS} (early stopping on validation NDCG@${K}), trained naive (\`debias none\`) and with example weights: IPS weighs ` +
    `each training target 1/p, p the propensity of the (user, item) pair clipped at ${CLIP} — from the log's exposures, or ` +
    `popularity × activity (pop); SNIPS rescales each step's weights to mean 1. With exposure propensities, of the ${overlap.pairs} ` +
    `training pairs ${fmt(100 * overlap.clippedShare, 1)}% are clipped (their user or item had few or no exposures) and the effective ` +
    `sample size is ${fmt(100 * overlap.essShare, 0)}%. Leave-one-out test on the last interaction per user (full ranking); ` +
    `true uplift@${K} = incremental purchases per user of the top ${K} from the simulator's potential outcomes. 95% CIs ` +
    `bootstrap users; Δ are paired (weighted − none, same model and seed) over the same users. Same as \`reclens train --model sasrec --epochs ${EPOCHS} ` +
    `--debias ips --propensity exposure\` then \`reclens evaluate --checkpoint\`.`,
  '',
  `| seed | model | debias | NDCG@${K} | HR@${K} | AvgPop@${K} | Coverage@${K} | true uplift@${K} | Δ NDCG@${K} / Δ true uplift@${K} | epochs |`,
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
].join('\n');
writeSection('seqdebias', `## Debiased sequence models (\`npm run bench:seqdebias\`)\n\n${today()} · ${machine()}\n${md}`);
console.log(md);
console.log(`wrote ${writeJson('seqdebias', { date: today(), machine: machine(), overlap, rows: json })} and its BENCHMARKS.md section`);
