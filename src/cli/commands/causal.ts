// `reclens causal discover|effect`: causal discovery (PC, NOTEARS) and effect estimation with refutations.
import { readFileSync } from 'node:fs';
import { inspectSource } from '../../data/csv/load';
import { collinearityWarnings } from '../../causal/dataChecks';
import { DISCOVERY_ALGORITHMS, DISCOVERY_ALGOS, isDiscoveryAlgo } from '../../causal/discovery';
import { ESTIMATOR_KEYS } from '../../causal/estimators';
import { parseGraphJson, type Dag } from '../../causal/graph';
import { looksLikeEventLog, parseNumericTable } from '../../causal/numericTable';
import {
  discover as runDiscover,
  effect as runEffect,
  graphFromData,
  knowledgeOf,
  missingVariable,
  type DiscoverOptions,
} from '../../causal/pipeline';
import { selectVariables, type DataTable } from '../../causal/table';
import { logVariables } from '../../causal/defaultVariables';
import { deriveTimeOrder, timeOrderViolations } from '../../causal/timeOrder';
import { effectFindings, findingText } from '../../causal/effectFindings';
import { initBackend, type BackendPreference } from '../../ml/backend';
import { tfjsNotearsEngine } from '../../ml/causal/notears';
import type { Result } from '../../lib/result';
import { BOOTSTRAP_RANGE, NOTEARS_RANGES, PC_RANGES } from '../../causal/settings';
import { CliError, FLAG_RANGES, parse, printJson, rangeFlag, type Command } from '../command';
import { fileSource } from '../files';
import { loadCatalog, loadLog } from '../preamble';

const usage = [
  `reclens causal discover --data <file> [--map spec] [--items <file>] [--unit user|session] [--vars a,b,c] [--algo ${DISCOVERY_ALGOS.join('|')}] ` +
    '[--alpha A] [--lambda L] [--threshold T] [--no-standardize] [--inner float64|tfjs] [--tiers a;b,c;d | --no-time-order] [--require a>b,…] [--forbid a>b,…] ' +
    '[--bootstrap N] [--seed S] [--truth truth.json] [--json]',
  'reclens causal effect --data <file> [--map spec] [--items <file>] --treatment X [--split-at T] --outcome Y [--graph graph.json] [--unit user|session] [--vars a,b,c] [--alpha A] ' +
    '[--tiers a;b,c;d | --no-time-order] [--require a>b,…] [--forbid a>b,…] [--bootstrap N] [--seed S] [--json]',
].join('\n       ');

const FLAGS = {
  data: { type: 'string' },
  items: { type: 'string' },
  map: { type: 'string' },
  unit: { type: 'string' },
  vars: { type: 'string' },
  algo: { type: 'string' },
  alpha: { type: 'string' },
  lambda: { type: 'string' },
  threshold: { type: 'string' },
  standardize: { type: 'boolean' },
  'no-standardize': { type: 'boolean' },
  'no-time-order': { type: 'boolean' },
  inner: { type: 'string' },
  require: { type: 'string' },
  forbid: { type: 'string' },
  tiers: { type: 'string' },
  bootstrap: { type: 'string' },
  seed: { type: 'string' },
  truth: { type: 'string' },
  graph: { type: 'string' },
  treatment: { type: 'string' },
  'split-at': { type: 'string' },
  outcome: { type: 'string' },
  backend: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const causalCommand: Command = {
  name: 'causal',
  summary:
    'Discover a causal graph (PC or NOTEARS, bootstrap stability) or estimate an effect (back-door set, regression/IPW/AIPW, refutations).',
  usage,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'discover' && sub !== 'effect') throw new CliError(`expected "discover" or "effect"\nusage: ${usage}`);
    const { values } = parse(rest, FLAGS, usage);
    if (!values.data) throw new CliError(`--data <file> is required\nusage: ${usage}`);
    // Every numeric flag is checked against its range before the data is read.
    const seed = rangeFlag(values.seed, 'seed', FLAG_RANGES.seed) ?? 0;
    const alpha = rangeFlag(values.alpha, 'alpha', PC_RANGES.alpha) ?? 0.01;
    const bootstrap = rangeFlag(values.bootstrap, 'bootstrap', BOOTSTRAP_RANGE);
    flagNumber(values.lambda, 'lambda');
    flagNumber(values.threshold, 'threshold');
    const table = await loadTable(values.data, values, sub === 'effect' ? [values.treatment, values.outcome] : []);
    const out =
      sub === 'discover'
        ? await discover(table, values, alpha, bootstrap ?? 0, seed)
        : await effect(table, values, alpha, bootstrap ?? 200, seed);
    if (values.json) printJson(out);
    else process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  },
};

/** --split-at: any finite number (whether it leaves rows on both sides is checked on the data, by the pipeline). */
function splitAt(v: string | undefined): number | null {
  if (v === undefined) return null;
  const x = v.trim() === '' ? NaN : Number(v);
  if (!Number.isFinite(x)) throw new CliError(`--split-at must be a number (got ${v})`);
  return x;
}

/** --lambda and --threshold are NOTEARS's lambda1 and wThreshold. */
const flagNumber = (v: string | undefined, flag: 'lambda' | 'threshold') =>
  rangeFlag(v, flag, NOTEARS_RANGES[flag === 'lambda' ? 'lambda1' : 'wThreshold']);

type Values = Partial<Record<keyof typeof FLAGS, string | boolean>> & {
  data?: string;
  items?: string;
  map?: string;
  unit?: string;
  vars?: string;
  algo?: string;
  graph?: string;
  truth?: string;
  treatment?: string;
  /** Treated = treatment ≥ this value, control = below: for a treatment that is not 0/1 (causal/treatmentSplit). */
  'split-at'?: string;
  outcome?: string;
  backend?: string;
  tiers?: string;
  lambda?: string;
  threshold?: string;
  standardize?: boolean;
  'no-standardize'?: boolean;
  'no-time-order'?: boolean;
  inner?: string;
  require?: string;
  forbid?: string;
};

/**
 * An event log (any file the other commands read: headerless ml-100k, --map, …) becomes per-unit variables, starting
 * from the defaults its content calls for (causal/defaultVariables) plus `needed` (effect's treatment and outcome); a
 * headed file that is not a log stays a numeric table.
 */
async function loadTable(path: string, values: Values, needed: (string | undefined)[]): Promise<DataTable> {
  const shape = await inspectSource(fileSource(path));
  if (!shape.ok) throw new CliError(shape.reason);
  let table: DataTable;
  let defaults: string[] | null = null;
  let timed = false;
  const numeric =
    values.map || !shape.data.header || looksLikeEventLog(shape.data.header) ? null : await parseNumericTable(fileSource(path));
  if (numeric?.ok) table = numeric.data;
  else {
    const unit = values.unit ?? 'user';
    if (unit !== 'user' && unit !== 'session') throw new CliError(`--unit must be user or session, got "${unit}"`);
    // A headed file that is neither a numeric table nor a log is refused with the numeric table's reason.
    const log = await loadLog(path, values.map).catch((e: unknown) => {
      throw numeric && !numeric.ok ? new CliError(numeric.reason) : e;
    });
    timed = log.hasTime;
    const built = unwrap(logVariables(log, await loadCatalog(values.items), unit));
    table = built.table;
    // effect's treatment and outcome join the defaults when they are not among them.
    const extra = needed.filter((n): n is string => !!n && !built.defaults.includes(n) && built.table.names.includes(n));
    defaults = [...built.defaults, ...extra];
    if (!values.vars) for (const note of built.notices) process.stderr.write(`reclens: note: ${note}\n`);
  }
  const picked = values.vars
    ? values.vars
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : defaults;
  const out = picked ? unwrap(selectVariables(table, picked)) : table;
  if (timed) timedTables.add(out);
  return out;
}

/** Tables built from a log with timestamps: only those get a derived time order (row order is no clock). */
const timedTables = new WeakSet<DataTable>();

/** The log's funnel time order (timeOrder.ts) among the table's variables, null without times. */
const logTimeOrder = (table: DataTable): string[][] | null => (timedTables.has(table) ? deriveTimeOrder(table.names, true) : null);

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new CliError(r.reason);
  return r.data;
}

/**
 * `--tiers "sessions;exposed;views,clicks,carts;purchased"`: time order, earliest tier first (`;` between tiers,
 * `,` within one); PC never lets an edge point back to an earlier tier.
 */
function parseTiers(spec: string | undefined): string[][] | undefined {
  if (!spec) return undefined;
  const tiers = spec
    .split(';')
    .map((t) =>
      t
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .filter((t) => t.length);
  return tiers.length ? tiers : undefined;
}

/** `--require "exposed>purchased,sessions>views"` (and `--forbid`): directed edges by name. */
function parseEdgeList(spec: string | undefined, flag: string): [string, string][] {
  if (!spec) return [];
  return spec
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const parts = x.split('>').map((v) => v.trim());
      if (parts.length !== 2 || !parts[0] || !parts[1])
        throw new CliError(`--${flag} takes edges as from>to separated by commas, got "${x}"`);
      return [parts[0], parts[1]];
    });
}

/**
 * The background-knowledge flags as request fields (tiers, required and forbidden edges). Without --tiers the log's
 * time order is applied (unless --no-time-order), so PC and NOTEARS never draw purchase → sessions by default.
 */
function knowledgeFlags(values: Values, timeOrder: string[][] | null): Pick<DiscoverOptions, 'tiers' | 'required' | 'forbidden'> {
  return {
    tiers: parseTiers(values.tiers) ?? (values['no-time-order'] ? undefined : (timeOrder ?? undefined)),
    required: parseEdgeList(values.require, 'require'),
    forbidden: parseEdgeList(values.forbid, 'forbid'),
  };
}

async function discover(table: DataTable, values: Values, alpha: number, resamples: number, seed: number) {
  const algo = values.algo ?? 'pc';
  if (!isDiscoveryAlgo(algo)) throw new CliError(`--algo must be ${DISCOVERY_ALGOS.join(' or ')}, got "${algo}"`);
  const lambda = flagNumber(values.lambda, 'lambda') ?? 0.1;
  const inner = values.inner ?? 'float64';
  if (inner !== 'float64' && inner !== 'tfjs') throw new CliError(`--inner must be float64 or tfjs, got "${values.inner}"`);
  // NOTEARS is scale-dependent: unit variance by default, raw scale only when asked.
  const standardize = values['no-standardize'] !== true;
  // On unit-variance data a weight is a standardised coefficient: 0.1 keeps the demo's weaker real edges (carts →
  // purchased 0.29, sessions → purchased 0.18) that 0.3 drops; raw scale keeps the reference implementation's 0.3.
  const threshold = flagNumber(values.threshold, 'threshold') ?? (standardize ? 0.1 : 0.3);
  const timeOrder = logTimeOrder(table);
  const options: DiscoverOptions = {
    algo,
    alpha,
    lambda,
    threshold,
    standardize,
    inner,
    bootstrap: resamples,
    seed,
    ...knowledgeFlags(values, timeOrder),
    timeOrder,
  };
  const truth = values.truth ? unwrap(parseGraphJson(readTruth(values.truth))).edges : null;
  // NOTEARS's covariance (and its objective with --inner tfjs) runs on TF.js; PC never starts a backend.
  const { usesEngine, settings } = DISCOVERY_ALGORITHMS[algo];
  if (usesEngine) await initBackend((values.backend ?? 'auto') as BackendPreference);
  const r = unwrap(await runDiscover(table, options, { engine: usesEngine ? tfjsNotearsEngine : undefined, truth }));
  const used = { alpha, lambda, threshold, standardize, inner };
  const out = {
    variables: r.variables,
    edges: r.edges.map((e) => ({
      from: e.from,
      to: e.to,
      directed: e.directed,
      weight: e.weight ?? e.partialCorrelation,
      pValue: e.pValue,
      stability: resamples > 0 ? (e.directionStability ?? 0) : null,
      ...(e.againstTimeOrder ? { againstTimeOrder: true } : {}),
    })),
    algo,
    ...Object.fromEntries(settings.map((k) => [k, used[k]])),
    bootstrap: resamples,
    seconds: r.seconds,
    warnings: [...(r.warnings ?? []), ...againstWarnings(r.edges.filter((e) => e.againstTimeOrder))],
    timeOrder: { derived: timeOrder, applied: options.tiers ?? null },
  };
  return r.truth ? { ...out, comparison: r.truth } : out;
}

const againstWarnings = (edges: readonly { from: string; to: string }[]) =>
  edges.map((v) => `${v.from} → ${v.to} points against the time order (${v.to} comes first)`);

function readTruth(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

/** Without --graph the PC graph of the data is used (see `graphFromData`). */
async function effect(table: DataTable, values: Values, alpha: number, bootstrap: number, seed: number) {
  const { treatment, outcome } = values;
  if (!treatment || !outcome) throw new CliError(`--treatment and --outcome are required\nusage: ${usage}`);
  const missing = missingVariable(table, [treatment, outcome]);
  if (missing) throw new CliError(missing);
  let graph: Dag;
  let graphSource: string;
  let warnings: string[];
  const timeOrder = logTimeOrder(table);
  if (values.graph) {
    graph = unwrap(parseGraphJson(readTruth(values.graph)));
    graphSource = values.graph;
    warnings = collinearityWarnings(table.names, table.columns);
  } else {
    ({ graph, source: graphSource, warnings } = unwrap(graphFromData(table, alpha, knowledgeOf(knowledgeFlags(values, timeOrder)))));
  }
  const threshold = splitAt(values['split-at']);
  const r = runEffect(table, graph, { treatment, outcome, bootstrap, seed, threshold });
  if (!r.ok) {
    // A continuous treatment without --split-at fails on its first non-0/1 row: say how to split it.
    const hint = threshold === null && /must be binary/.test(r.reason) ? ` (split it with --split-at T: treated = ${treatment} ≥ T)` : '';
    throw new CliError(r.reason + hint);
  }
  const est = r.estimates;
  // A given graph may point against the log's time order: say so next to the estimates it produced.
  const against = timeOrderViolations(graph.edges, timeOrder);
  return {
    treatment,
    outcome,
    adjustmentSet: r.adjustmentSet,
    causalPathExists: r.causalPathExists,
    graph: {
      source: graphSource,
      edges: graph.edges.map((e) => (against.some((v) => v.from === e.from && v.to === e.to) ? { ...e, againstTimeOrder: true } : e)),
    },
    timeOrder: { derived: timeOrder, applied: values.graph ? null : (knowledgeFlags(values, timeOrder).tiers ?? null) },
    estimates: Object.fromEntries(ESTIMATOR_KEYS.map((k) => [k, est[k]])),
    // A split treatment's arms are named by the split: do(rating_mean<3.6) and do(rating_mean≥3.6).
    whatIf: r.split
      ? { [`do(${treatment}<${r.split.threshold})`]: est.whatIf.control, [`do(${treatment}≥${r.split.threshold})`]: est.whatIf.treated }
      : { [`do(${treatment}=0)`]: est.whatIf.control, [`do(${treatment}=1)`]: est.whatIf.treated },
    split: r.split ?? null,
    overlap: est.overlap,
    refutations: Object.fromEntries(r.refutations.map((x) => [x.name, x])),
    bootstrap: est.bootstrap,
    sensitivity: r.sensitivity ?? null,
    findings: effectFindings(r).map(findingText),
    rows: table.columns[0]?.length ?? 0,
    warnings: [...warnings, ...againstWarnings(against)],
  };
}
