// Benchmark: the behavior classifier on the demo shop — BERT fine-tuned on generated behavior descriptions (accuracy
// against a constant guess, per outcome and item naming), then word attributions of its predictions per method: IG
// completeness, deletion/insertion AUC against a random order, share of users beating random, latency.
// Usage: npx tsx bench/behavior.ts [--users N] [--explain N] [--slow N] [--epochs N] [--seed N] [--no-write]
// Env: BENCH_TEXT_MODEL=<HF folder> fine-tunes that model instead of tests/fixtures/tiny-bert (random weights).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDemo } from '../src/data/demo';
import type { BehaviorOutcome, Naming } from '../src/data/behaviorText';
import { methodsFor, TEXT_CLASSIFIER, type MethodName } from '../src/explain/registry';
import { initBackend } from '../src/ml/backend';
import { loadBertFromDir } from '../src/ml/bert/loadDir';
import { loadTokenizer } from '../src/ml/bert/tokenizer';
import { BehaviorService } from '../src/workers/behaviorService';
import { TextModels } from '../src/ml/bert/textModels';
import { fmt, machine, median, ROOT, today, writeJson, writeSection } from './lib/report';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    explain: { type: 'string', default: '100' },
    // LIME and Shapley re-score hundreds of word subsets per class: only the first N explained users.
    slow: { type: 'string', default: '30' },
    epochs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
    'no-write': { type: 'boolean', default: false },
  },
});
const seed = Number(args.seed);
const MODEL_DIR = process.env.BENCH_TEXT_MODEL ?? resolve(ROOT, 'tests/fixtures/tiny-bert');
// Every method the registry offers a text classifier, attention rollout aside (this bench has not measured it).
const METHODS = methodsFor(TEXT_CLASSIFIER).filter((m) => m !== 'rollout');
const SLOW = new Set<MethodName>(['lime', 'shapley']);
const RUNS: { outcome: BehaviorOutcome; naming: Naming }[] = [
  { outcome: 'purchase', naming: 'category' },
  { outcome: 'purchase', naming: 'title' },
  { outcome: 'next-event', naming: 'category' },
];

await initBackend('wasm');
const demo = loadDemo();
const loaded = await loadBertFromDir(MODEL_DIR);
if (!loaded.ok) throw new Error(loaded.reason);
const texts = new TextModels();
const baseId = texts.add(loaded.data, await loadTokenizer(MODEL_DIR), MODEL_DIR).id;
const session = new BehaviorService(texts, () => ({ log: demo.log, catalog: demo.catalog }));
const learningRate = loaded.data.config.hiddenSize < 64 ? 5e-3 : 5e-5;

const classifiers = [];
for (const run of RUNS) {
  const info = await session.train(
    {
      textModelId: baseId,
      datasetId: 'demo',
      ...run,
      maxEvents: 8,
      maxUsers: Number(args.users),
      epochs: Number(args.epochs),
      learningRate,
      seed,
    },
    () => {},
  );
  const row = {
    ...run,
    examples: info.examples,
    steps: info.steps,
    stoppedBy: info.stoppedBy,
    valAccuracy: info.valAccuracy,
    constantGuess: Math.max(...info.classShares),
    seconds: info.seconds,
    id: info.id,
  };
  console.log(JSON.stringify(row));
  classifiers.push(row);
}

// Word attributions of the first run's classifier (will buy, categories) over a seeded set of demo users.
const target = classifiers[0];
const users = Array.from({ length: demo.log.users.length }, (_, u) => u);
for (let i = users.length - 1; i > 0; i--) {
  const j = (seed * 7919 + i * 104729) % (i + 1);
  [users[i], users[j]] = [users[j], users[i]];
}
type Row = { del: number; rdel: number; ins: number; rins: number; ms: number; gap?: number };
const perMethod = new Map<MethodName, Row[]>(METHODS.map((m) => [m, []]));
let explained = 0;
for (const user of users) {
  if (explained >= Number(args.explain)) break;
  for (const m of METHODS) {
    if (SLOW.has(m) && explained >= Number(args.slow)) continue;
    const t0 = performance.now();
    let r;
    try {
      r = await session.explain({ classifierId: target.id, user, methods: [m], steps: 64, seed }, () => {});
    } catch {
      break; // a user with nothing to describe under this outcome
    }
    const f = r.faithfulness;
    if (f.degenerate) continue;
    perMethod.get(m)!.push({
      del: f.deletionAUC,
      rdel: f.randomDeletionAUC,
      ins: f.insertionAUC,
      rins: f.randomInsertionAUC,
      ms: performance.now() - t0,
      ...(m === 'ig' ? { gap: r.classes[r.predicted].diagnostics.ig.relativeGap as number } : {}),
    });
  }
  explained++;
}
const methods = METHODS.map((m) => {
  const rows = perMethod.get(m)!;
  const col = (k: keyof Row) => rows.map((x) => x[k] as number);
  return {
    method: m,
    users: rows.length,
    medianDeletionAUC: median(col('del')),
    medianRandomDeletionAUC: median(col('rdel')),
    medianInsertionAUC: median(col('ins')),
    medianRandomInsertionAUC: median(col('rins')),
    beatsRandomDeletion: rows.filter((x) => x.del < x.rdel).length / rows.length,
    medianMs: median(col('ms')),
    ...(m === 'ig' ? { igGapMax: Math.max(...col('gap')), igGapMedian: median(col('gap')) } : {}),
  };
});
methods.forEach((m) => console.log(JSON.stringify(m)));

const result = {
  date: new Date().toISOString(),
  machine: machine(),
  model: MODEL_DIR,
  users: Number(args.users),
  epochs: Number(args.epochs),
  learningRate,
  seed,
  classifiers,
  explained: target,
  methods,
};
if (!args['no-write']) {
  const pct = (x: number) => `${fmt(100 * x, 1)}%`;
  const ig = methods.find((m) => m.method === 'ig')!;
  const md = `## Behavior classifier: BERT on behavior descriptions, word attributions (\`npx tsx bench/behavior.ts\`)

${today()} · ${machine()} · backend wasm · model \`${MODEL_DIR.replace(ROOT + '/', '')}\`${MODEL_DIR.includes('tiny-bert') ? ' (random weights, 64 positions)' : ''} · demo shop (3,000 users), ${fmt(Number(args.users))} users sampled per classifier, ${args.epochs} epochs, lr ${learningRate}, 20% validation.

| outcome | items named by | descriptions | steps | validation accuracy | constant guess | seconds |
|---|---|---|---|---|---|---|
${classifiers.map((c) => `| ${c.outcome} | ${c.naming} | ${fmt(c.examples)} | ${c.steps} (${c.stoppedBy}) | ${c.valAccuracy === null ? '—' : fmt(c.valAccuracy, 3)} | ${fmt(c.constantGuess, 3)} | ${fmt(c.seconds, 1)} |`).join('\n')}

Word attributions of the first classifier's prediction (predicted class; faithfulness = words deleted / inserted in the
explanation's order against 4 random orders), ${explained} users (LIME and Shapley: the first ${args.slow}); IG 64 steps,
[MASK] baseline; latency = one user's explanation of both classes plus its faithfulness curves.

| method | users | median deletion AUC ↓ | random | median insertion AUC ↑ | random | beats random (deletion) | median ms |
|---|---|---|---|---|---|---|---|
${methods.map((m) => `| ${m.method} | ${m.users} | ${fmt(m.medianDeletionAUC, 3)} | ${fmt(m.medianRandomDeletionAUC, 3)} | ${fmt(m.medianInsertionAUC, 3)} | ${fmt(m.medianRandomInsertionAUC, 3)} | ${pct(m.beatsRandomDeletion)} | ${fmt(m.medianMs)} |`).join('\n')}

IG completeness |Σ attributions − (f(x) − f(baseline))| / |f(x) − f(baseline)| over those users: median ${ig.igGapMedian!.toExponential(1)}, max ${ig.igGapMax!.toExponential(1)}.
AUCs are of curves normalised by f(full) − f(empty text); a logit can overshoot the empty text's, so values leave [0, 1].`;
  writeSection('behavior', md);
  console.log(`wrote ${writeJson('behavior', result)} and the behavior section of BENCHMARKS.md`);
}
