// Benchmark: cold-start slices (rec/coldStart) on ml-100k and Amazon Beauty — each model's NDCG@10 on all test cases,
// on users with ≤ 5 training interactions and on held-out items with ≤ 5, with bootstrap CIs and case counts, and
// whether item text (the content model, SASRec with itemText) beats popularity on the cold items (paired CI).
// Kept short (≈ 6 minutes on 2 cores): SASRec trains 2 epochs per mode, Beauty is evaluated on a seeded user sample.
// Usage: npm run bench:coldstart -- [--datasets ml-100k,beauty] [--beauty-users 8000] [--sasrec-epochs 2] [--seed 1] [--no-write]
//        npm run bench:coldstart -- --from bench/results/coldstart-….json   (re-renders the section; no training)
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EventLog } from '../src/data/eventLog';
import { createRng } from '../src/lib/rng';
import { initBackend } from '../src/ml/backend';
import { SeqRecommender, type SeqRecSettings } from '../src/ml/seqrec';
import { COLD_MAX_INTERACTIONS, SLICES, trainingCounts, type Slice } from '../src/rec/coldStart';
import { sliceDifference } from '../src/rec/coldStartComparison';
import { evaluate, type EvaluationResult } from '../src/rec/evaluate';
import { cooccurrenceSimilarity } from '../src/rec/metrics';
import type { Recommender } from '../src/rec/recommender';
import { createModel } from '../src/rec/registry';
import { transpose, userItemMatrix } from '../src/rec/sparse';
import { evaluatedUsers, heldOutItem, leaveOneOutSplit, trainData, type LeaveOneOutSplit } from '../src/rec/split';
import { buildLog, ml100kItemVectors, ml100kLog } from './lib/logs';
import { machine, ROOT, today, writeJson, writeSection } from './lib/report';

const { values: args } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'ml-100k,beauty' },
    'beauty-users': { type: 'string', default: '8000' },
    'sasrec-epochs': { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    'text-model': { type: 'string', default: 'public/models/tiny-bert' },
    'no-write': { type: 'boolean', default: false },
    from: { type: 'string' },
  },
});
const seed = Number(args.seed);
const DATA = resolve(ROOT, '../shared/data');
const METRIC = 'NDCG@10';
const log = (msg: string) => process.stderr.write(`[bench:coldstart] ${msg}\n`);

/** bench:itemtext's ml-100k SASRec settings, for a fixed small number of epochs (no validation: every mode the same). */
const sasrec = (itemText: 'off' | 'augment'): Partial<SeqRecSettings> => ({
  dropout: 0.2,
  batchSize: 32,
  maxLen: 50,
  randomWindows: 0.5,
  maxEpochs: Number(args['sasrec-epochs']),
  itemText,
});

const ZERO_VERDICT = 'both 0 in every case (neither ranks a cold item in its top 10): nothing shows that item text helps cold items here';

type Cell = { users: number; value?: number; ci?: [number, number] };
interface Row {
  model: string;
  fitSeconds: number;
  cells: Record<'all' | Slice, Cell>;
}
interface Paired {
  model: string;
  reference: string;
  users: number;
  difference: number;
  ci95: [number, number];
  verdict: string;
}
interface DatasetSummary {
  name: string;
  users: number;
  items: number;
  events: number;
  evaluated: number;
  sampled: boolean;
  rows: Row[];
  skipped: { model: string; why: string }[];
  paired: Paired[];
  note: string;
  /** The fewest training interactions of an evaluated user, and the cold-item cases whose item has none at all. */
  fewestUserTraining: number;
  unseenColdItems: number;
}

/** The evaluated users, or a seeded sample of them on a large log (full ranking over 54k items for 40k users takes minutes). */
function testUsers(split: LeaveOneOutSplit, sample: number | null): Int32Array {
  const all = evaluatedUsers(split);
  return sample && sample < all.length ? Int32Array.from(createRng(seed).shuffle(Array.from(all)).slice(0, sample)).sort() : all;
}

/** Why the slices are the size they are: the fewest training interactions of a tested user; cold items never trained on. */
function sliceStats(split: LeaveOneOutSplit, users: Int32Array) {
  const counts = trainingCounts(trainData(split));
  let fewestUserTraining = Infinity;
  let unseenColdItems = 0;
  for (const u of users) {
    fewestUserTraining = Math.min(fewestUserTraining, counts.users[u]);
    if (counts.items[heldOutItem(split, u, 'test')] === 0) unseenColdItems++;
  }
  return { fewestUserTraining, unseenColdItems };
}

async function runDataset(name: string, eventLog: EventLog, models: [string, () => Promise<Recommender>][], sample: number | null) {
  const split = leaveOneOutSplit(eventLog);
  const train = trainData(split);
  const users = testUsers(split, sample);
  const itemSimilarity = cooccurrenceSimilarity(transpose(userItemMatrix(train), split.numItems));
  const results = new Map<string, EvaluationResult>();
  const rows: Row[] = [];
  for (const [label, make] of models) {
    const model = await make();
    const t0 = performance.now();
    await model.fit(train, { seed });
    const fitSeconds = (performance.now() - t0) / 1000;
    const r = await evaluate(model, split, { protocol: 'full', k: [10], seed, train, users, itemSimilarity, slices: true, perUser: true });
    (model as { dispose?: () => void }).dispose?.();
    results.set(label, r);
    const cell = (users: number, metrics: Record<string, number>, ci95: Record<string, [number, number]>): Cell =>
      users ? { users, value: metrics[METRIC], ci: ci95[METRIC] } : { users };
    const cells = { all: cell(r.users, r.metrics, r.ci95) } as Row['cells'];
    for (const s of SLICES) cells[s] = cell(r.slices![s]!.users, r.slices![s]!.metrics, r.slices![s]!.ci95);
    rows.push({ model: label, fitSeconds, cells });
    log(
      `${name} ${label}: ${SLICES.map((s) => `${s} ${cells[s].users}: ${cells[s].value?.toFixed(4) ?? '–'}`).join(', ')}, fit ${fitSeconds.toFixed(1)} s`,
    );
  }
  // Item text against popularity on the cold items, and itemText on against off, each paired over the same cases.
  const pairs: [string, string][] = [
    ['content', 'pop'],
    ['sasrec itemText=augment', 'pop'],
    ['sasrec itemText=augment', 'sasrec itemText=off'],
  ];
  const paired = pairs.flatMap(([model, reference]): Paired[] => {
    const a = results.get(model);
    const b = results.get(reference);
    const d = a && b ? sliceDifference(a, b, 'cold-items', METRIC, seed + 7) : null;
    if (!d) return [];
    const bothZero = [a, b].every((r) => r!.slices!['cold-items']!.metrics[METRIC] === 0);
    const verdict = bothZero
      ? ZERO_VERDICT
      : d.verdict === 'higher'
        ? 'higher, CI above 0: item text helps cold items here'
        : d.verdict === 'lower'
          ? 'lower, CI below 0: item text does not help cold items here'
          : 'CI covers 0: no evidence that item text helps cold items here';
    return [{ model, reference, users: d.users, difference: d.difference, ci95: d.ci95, verdict }];
  });
  return { split, users, rows, paired, ...sliceStats(split, users) };
}

/** The logs the bench reads, by dataset name; null when the file is absent. */
function loadLog(name: string): EventLog | null {
  if (name === 'ml-100k') return existsSync(resolve(DATA, 'ml-100k/u.data')) ? ml100kLog(resolve(DATA, 'ml-100k')) : null;
  const file = resolve(DATA, 'bert4rec-amazon-beauty/beauty.txt');
  if (!existsSync(file)) return null;
  return buildLog(readFileSync(file, 'utf8'), / /, (f) => ({ user: f[0], item: f[1], time: NaN, value: NaN }));
}

async function main() {
  if (args.from) {
    // Re-render a saved run; the slice statistics come from the data (no training), for runs saved before they were kept.
    const saved = JSON.parse(readFileSync(resolve(args.from), 'utf8')) as Summary;
    for (const d of saved.datasets) {
      const eventLog = d.fewestUserTraining === undefined ? loadLog(d.name) : null;
      if (eventLog) {
        const split = leaveOneOutSplit(eventLog);
        Object.assign(d, sliceStats(split, testUsers(split, d.name === 'beauty' ? Number(args['beauty-users']) : null)));
      }
    }
    writeSection('coldstart', markdown(saved));
    log(`re-rendered the coldstart section of BENCHMARKS.md from ${args.from}`);
    return;
  }
  const wanted = args.datasets.split(',');
  const summaries: DatasetSummary[] = [];
  const write = () => {
    const summary = {
      command: 'npm run bench:coldstart',
      machine: machine(),
      date: today(),
      seed,
      loadAverage: loadavg()[0],
      datasets: summaries,
    };
    const md = markdown(summary);
    if (!args['no-write']) {
      writeSection('coldstart', md);
      log(`wrote ${writeJson('coldstart', summary)} and the coldstart section of BENCHMARKS.md`);
    } else console.log(md);
  };
  await initBackend('wasm');
  const ml100k = wanted.includes('ml-100k') ? loadLog('ml-100k') : null;
  if (ml100k) {
    const dir = resolve(DATA, 'ml-100k');
    const eventLog = ml100k;
    const vectors = await ml100kItemVectors(eventLog, dir, args['text-model']);
    const embeddings = { data: vectors.data, dim: vectors.dim };
    log(`ml-100k: embedded ${eventLog.items.length} item texts with ${args['text-model']} in ${vectors.seconds.toFixed(1)} s`);
    const models: [string, () => Promise<Recommender>][] = [
      ...['pop', 'itemknn', 'ease', 'mf'].map((m): [string, () => Promise<Recommender>] => [m, () => createModel(m)]),
      ['content', () => createModel('content', { dim: vectors.dim }, { embeddings })],
      ['sasrec itemText=off', async () => new SeqRecommender('sasrec', sasrec('off'), embeddings)],
      ['sasrec itemText=augment', async () => new SeqRecommender('sasrec', sasrec('augment'), embeddings)],
    ];
    const r = await runDataset('ml-100k', eventLog, models, null);
    summaries.push({
      name: 'ml-100k',
      users: eventLog.users.length,
      items: eventLog.items.length,
      events: eventLog.length,
      evaluated: r.users.length,
      sampled: false,
      rows: r.rows,
      skipped: [],
      paired: r.paired,
      fewestUserTraining: r.fewestUserTraining,
      unseenColdItems: r.unseenColdItems,
      note: `item text: "<title>. <genres>" from u.item, embedded by \`${args['text-model']}\` — a random-weight BERT (${vectors.dim} dims), not a language model: its vectors carry token overlap only, so these rows say nothing about a pretrained text model. SASRec: ${args['sasrec-epochs']} epochs per mode (far from converged; compare the two modes, not with the recommenders section).`,
    });
    write();
  }
  const beauty = wanted.includes('beauty') ? loadLog('beauty') : null;
  if (beauty) {
    const eventLog = beauty;
    const models = ['pop', 'itemknn', 'mf'].map((m): [string, () => Promise<Recommender>] => [m, () => createModel(m)]);
    const r = await runDataset('beauty', eventLog, models, Number(args['beauty-users']));
    summaries.push({
      name: 'beauty',
      users: eventLog.users.length,
      items: eventLog.items.length,
      events: eventLog.length,
      evaluated: r.users.length,
      sampled: r.users.length < evaluatedUsers(r.split).length,
      rows: r.rows,
      skipped: [
        { model: 'content, sasrec itemText', why: 'beauty.txt has no item text (user item pairs only)' },
        { model: 'ease', why: 'a dense 54542 × 54542 inverse' },
      ],
      paired: r.paired,
      fewestUserTraining: r.fewestUserTraining,
      unseenColdItems: r.unseenColdItems,
      note: 'Cold users here are those with 5–7 interactions in all (the file is 5-core: every user has ≥ 5), so ≤ 5 in training.',
    });
    write();
  }
}

interface Summary {
  machine: string;
  date: string;
  seed: number;
  loadAverage?: number;
  datasets: DatasetSummary[];
}

function markdown(s: Summary): string {
  const f = (x: number) => x.toFixed(4);
  const cell = (c: Cell) => (c.users === 0 ? '– (0 cases)' : `${f(c.value!)} [${f(c.ci![0])}, ${f(c.ci![1])}] (${c.users})`);
  const out = [
    '## Cold start — users and items with few training interactions',
    '',
    `Command: \`npm run bench:coldstart\` · machine: ${s.machine} · TF.js wasm backend (Node) · ${s.date} · seed ${s.seed}${s.loadAverage !== undefined ? ` · fit seconds are wall-clock on a machine shared with other jobs (load average ${s.loadAverage.toFixed(1)} at the end)` : ''}`,
    '',
    `Full ranking, leave-one-out; each cell is ${METRIC} with its 95% percentile bootstrap CI (1000 resamples over test cases) and, in brackets, the number of test cases. Cold users: users with at most ${COLD_MAX_INTERACTIONS} training interactions; cold items: test cases whose held-out item has at most ${COLD_MAX_INTERACTIONS}. Both slices come from the same ranks as the "all" column. The app's Evaluate view shows the same slices (Cold start panel) and \`reclens evaluate --slice cold-users|cold-items\` restricts an evaluation to one.`,
  ];
  for (const d of s.datasets) {
    out.push(
      '',
      `### ${d.name}`,
      '',
      `${d.users} users, ${d.items} items, ${d.events} interactions; ${d.evaluated} test cases${d.sampled ? ` (a seeded sample of the evaluated users, seed ${s.seed})` : ''}. The fewest training interactions of a tested user: ${d.fewestUserTraining}${d.fewestUserTraining > COLD_MAX_INTERACTIONS ? ', so no user is cold here' : ''}; ${d.unseenColdItems} of the cold-item cases hold out an item with no training interaction at all. ${d.note}`,
      '',
      `| model | all | cold users | cold items | fit s |`,
      '|---|---|---|---|---|',
      ...d.rows.map(
        (r) =>
          `| ${r.model} | ${cell(r.cells.all)} | ${cell(r.cells['cold-users'])} | ${cell(r.cells['cold-items'])} | ${r.fitSeconds.toFixed(1)} |`,
      ),
      ...d.skipped.map((x) => `| ${x.model} | – | – | – | not run: ${x.why} |`),
    );
    if (d.paired.length)
      out.push(
        '',
        `Paired on the cold-item test cases (${METRIC}, model − reference, same cases resampled together):`,
        '',
        ...d.paired.map((p) => {
          // Both at 0 on every cold item (a saved run's verdict may predate this wording): said as such.
          const zero = (m: string) => d.rows.find((r) => r.model === m)?.cells['cold-items'].value === 0;
          const verdict = zero(p.model) && zero(p.reference) ? ZERO_VERDICT : p.verdict;
          return `- ${p.model} − ${p.reference}: ${f(p.difference)} [${f(p.ci95[0])}, ${f(p.ci95[1])}] over ${p.users} cases — ${verdict}.`;
        }),
      );
    else if (d.rows.every((r) => r.cells['cold-items'].users === 0)) out.push('', 'No cold-item test case: nothing to pair.');
    else out.push('', 'No model here reads item text, so whether item text helps cold items is not measured on this dataset.');
  }
  return out.join('\n');
}

await main();
