// `reclens evaluate`: fit (or load) a model and report accuracy and beyond-accuracy metrics with bootstrap CIs.
import { catalogRowsOf, type ItemCatalog } from '../../data/eventLog';
import { evaluate, PROTOCOLS, type Protocol } from '../../rec/evaluate';
import { COLD_MAX_INTERACTIONS, isSlice, SLICES } from '../../rec/coldStart';
import { categorySimilarity, type ItemSimilarity } from '../../rec/metrics';
import { CliError, FLAG_RANGES, parse, printJson, rangeFlag, type Command } from '../command';
import { fittedModel, loadCatalog, MODEL_FLAGS } from '../preamble';
import { evaluateOnHoldout, holdoutShareFlag } from '../loggedEvaluate';
import { evaluateOnTest, TEST_FLAGS, TEST_USAGE } from '../ratingEvaluate';
import { POLICY_FLAGS, POLICY_USAGE, policyLines, policyMetrics, policyPlan, runPolicies } from '../upliftEvaluate';
import { RATING_FLAGS, RATING_USAGE } from '../ratingFit';
import { fitSeqDebiased, recordedDebias, wantsSeqDebias } from '../seqDebias';

const usage =
  'reclens evaluate (--data <events-file> --model <name> [--params k=v,…] [--targets type,…] | --checkpoint <dir>) [--items <file>] ' +
  `--protocol full|uni100|pop100 [--k 10[,20]] [--stage test|validation] [--slice ${SLICES.join('|')}] ${POLICY_USAGE} [--seed S] [--json]\n` +
  `   or: reclens evaluate (--checkpoint <dir> | --data <file> --model mf-explicit ${RATING_USAGE}) ${TEST_USAGE} [--seed S] [--json]\n` +
  `   or: reclens evaluate --data <file> --model mf-explicit [--debias …] --holdout <share> [--test-propensity pop|<file>] [--seed S] [--json]`;

/** Category-inequality diversity when the catalog names categories; otherwise evaluate's co-occurrence default. */
function catalogSimilarity(items: readonly string[], catalog: ItemCatalog | null): ItemSimilarity | undefined {
  if (!catalog || !catalog.category.some((c) => c !== '')) return undefined;
  const rows = catalogRowsOf(items, catalog);
  const codes = new Map<string, number>();
  const category = Int32Array.from(rows, (r) => {
    const c = r >= 0 ? catalog.category[r] : '';
    if (!c) return -1;
    if (!codes.has(c)) codes.set(c, codes.size);
    return codes.get(c)!;
  });
  return categorySimilarity(category);
}

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'Leave-one-out evaluation: HR/NDCG/MRR/precision/recall@K with bootstrap CIs, coverage, novelty, diversity, Gini.',
  usage,
  async run(argv) {
    const { values } = parse(
      argv,
      {
        ...MODEL_FLAGS,
        ...RATING_FLAGS,
        ...TEST_FLAGS,
        ...POLICY_FLAGS,
        protocol: { type: 'string' },
        k: { type: 'string' },
        stage: { type: 'string' },
        slice: { type: 'string' },
      },
      usage,
    );
    // An explicit test log (e.g. randomly assigned ratings) instead of leave-one-out: ratingEvaluate.ts.
    if (values.test) return evaluateOnTest(values, usage);
    // No random test set: a held-out share of the logged ratings, with IPS/SNIPS estimates (loggedEvaluate.ts).
    if (holdoutShareFlag(values)) return evaluateOnHoldout(values, usage);
    const protocol = (values.protocol ?? 'full') as Protocol;
    if (!PROTOCOLS.includes(protocol)) throw new CliError(`--protocol must be one of ${PROTOCOLS.join(', ')}`);
    const stage = values.stage ?? 'test';
    if (stage !== 'test' && stage !== 'validation') throw new CliError('--stage must be test or validation');
    // Cold start (rec/coldStart): only the test cases of users, or of held-out items, with ≤ 5 training interactions.
    const slice = values.slice;
    if (slice !== undefined && !isSlice(slice)) throw new CliError(`--slice must be one of ${SLICES.join(', ')}`);
    const ks = (values.k ?? '10').split(',').map((k) => rangeFlag(k, 'k', FLAG_RANGES.k)!);
    const plan = await policyPlan(values);
    const fitted = !values.checkpoint && wantsSeqDebias(values) ? await fitSeqDebiased(values) : await fittedModel(values, usage);
    const catalog = await loadCatalog(values.items);
    const seed = rangeFlag(values.seed, 'seed', FLAG_RANGES.seed) ?? fitted.seed;
    // What evaluate refuses is the data's fault (e.g. nobody has 3 interactions): a message, not a stack.
    const itemSimilarity = catalogSimilarity(fitted.items, catalog);
    // --policy: uplift fitted on top of the model; the chosen policy's list is what gets evaluated (upliftEvaluate.ts).
    const policyRun = plan ? await runPolicies(plan, fitted, ks, seed) : null;
    const evaluated = await evaluate(policyRun?.recommender ?? fitted.model, fitted.split, {
      protocol,
      k: ks,
      stage,
      seed,
      itemSimilarity,
      ...(slice ? { slice } : {}),
    }).catch((e: Error) => {
      throw new CliError(e.message);
    });
    // The objective the model was trained with (a checkpoint's settings record it).
    const debias = recordedDebias(fitted.config.settings);
    const result = plan && policyRun ? policyMetrics(evaluated, plan.policy, policyRun) : evaluated;
    const out = { ...result, ...(debias ? { debias } : {}), seed, trainSeconds: fitted.trainSeconds, backend: fitted.model.backend };
    if (values.json) printJson(out);
    else {
      process.stdout.write(`${out.model} · ${protocol}${out.sampled ? ' (sampled)' : ''} · ${out.users} users · ${out.items} items\n`);
      if (slice)
        process.stdout.write(
          `  slice ${slice}: the ${out.users} test cases whose ${slice === 'cold-users' ? 'user' : 'held-out item'} has at most ${COLD_MAX_INTERACTIONS} training interactions\n`,
        );
      if (debias)
        process.stdout.write(
          `  trained with debias ${debias.debias}${debias.clip !== undefined ? ` (propensities clipped at ${debias.clip})` : ''}\n`,
        );
      for (const [key, v] of Object.entries(out.metrics)) {
        const ci = out.ci95[key];
        process.stdout.write(`  ${key.padEnd(14)} ${v.toFixed(4)}${ci ? `  [${ci[0].toFixed(4)}, ${ci[1].toFixed(4)}]` : ''}\n`);
      }
      for (const line of policyLines(out)) process.stdout.write(line);
      for (const n of out.notes) process.stdout.write(`  note: ${n}\n`);
    }
    return 0;
  },
};
