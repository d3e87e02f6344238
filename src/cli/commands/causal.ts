// `reclens causal discover|effect`: causal discovery (PC, NOTEARS) and effect estimation with refutations.
import { readFileSync } from 'node:fs';
import { loadEvents, inspectSource } from '../../data/csv/load';
import { compareGraphs } from '../../causal/compare';
import { collinearityWarnings } from '../../causal/dataChecks';
import { findAdjustmentSet } from '../../causal/dsep';
import { estimateEffect } from '../../causal/estimate';
import { dagFromEdges, parseGraphJson, type Dag } from '../../causal/graph';
import { looksLikeEventLog, parseNumericTable } from '../../causal/numericTable';
import { runPc } from '../../causal/pc';
import { resolveKnowledge, type BackgroundKnowledge } from '../../causal/knowledge';
import { refuteAll } from '../../causal/refute';
import { bootstrapEdges, stabilityOf, type FoundEdge } from '../../causal/stability';
import { column, selectVariables, type DataTable } from '../../causal/table';
import { buildVariables } from '../../causal/variables';
import { initBackend, type BackendPreference } from '../../ml/backend';
import { notears, notearsEdges } from '../../ml/causal/notears';
import { fail, ok, type Result } from '../../lib/result';
import { BOOTSTRAP_RANGE, NOTEARS_RANGES, PC_RANGES } from '../../causal/settings';
import { CliError, FLAG_RANGES, parse, printJson, rangeFlag, type Command } from '../command';
import { fileSource } from '../files';
import { loadCatalog } from './train';

const usage = [
  'reclens causal discover --data <file> [--items <file>] [--unit user|session] [--vars a,b,c] [--algo pc|notears] [--alpha A] [--lambda L] [--threshold T] [--standardize] [--inner float64|tfjs] [--tiers a;b,c;d] [--require a>b,…] [--forbid a>b,…] [--bootstrap N] [--seed S] [--truth truth.json] [--json]',
  'reclens causal effect --data <file> --treatment X --outcome Y [--graph graph.json] [--unit user|session] [--vars a,b,c] [--alpha A] [--tiers a;b,c;d] [--require a>b,…] [--forbid a>b,…] [--bootstrap N] [--seed S] [--json]',
].join('\n       ');

const FLAGS = {
  data: { type: 'string' }, items: { type: 'string' }, unit: { type: 'string' }, vars: { type: 'string' }, algo: { type: 'string' },
  alpha: { type: 'string' }, lambda: { type: 'string' }, threshold: { type: 'string' }, standardize: { type: 'boolean' }, inner: { type: 'string' }, require: { type: 'string' }, forbid: { type: 'string' }, tiers: { type: 'string' }, bootstrap: { type: 'string' }, seed: { type: 'string' }, truth: { type: 'string' }, graph: { type: 'string' },
  treatment: { type: 'string' }, outcome: { type: 'string' }, backend: { type: 'string' }, json: { type: 'boolean' },
} as const;

export const causalCommand: Command = {
  name: 'causal',
  summary: 'Discover a causal graph (PC or NOTEARS, bootstrap stability) or estimate an effect (back-door set, regression/IPW/AIPW, refutations).',
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
    const table = await loadTable(values.data, values);
    const out = sub === 'discover' ? await discover(table, values, alpha, bootstrap ?? 0, seed) : await effect(table, values, alpha, bootstrap ?? 200, seed);
    if (values.json) printJson(out);
    else process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  },
};

/** --lambda and --threshold are NOTEARS's lambda1 and wThreshold. */
const flagNumber = (v: string | undefined, flag: 'lambda' | 'threshold') => rangeFlag(v, flag, NOTEARS_RANGES[flag === 'lambda' ? 'lambda1' : 'wThreshold']);

type Values = Partial<Record<keyof typeof FLAGS, string | boolean>> & { data?: string; items?: string; unit?: string; vars?: string; algo?: string; graph?: string; truth?: string; treatment?: string; outcome?: string; backend?: string; tiers?: string; lambda?: string; threshold?: string; standardize?: boolean; inner?: string; require?: string; forbid?: string };

/** An event log becomes per-unit variables; anything else must be a numeric table with a header. */
async function loadTable(path: string, values: Values): Promise<DataTable> {
  const shape = await inspectSource(fileSource(path));
  if (!shape.ok) throw new CliError(shape.reason);
  let table: DataTable;
  if (looksLikeEventLog(shape.data.header)) {
    const unit = values.unit ?? 'user';
    if (unit !== 'user' && unit !== 'session') throw new CliError(`--unit must be user or session, got "${unit}"`);
    const loaded = await loadEvents(fileSource(path));
    if (!loaded.ok) throw new CliError(loaded.reason);
    const built = buildVariables(loaded.data.log, await loadCatalog(values.items), { unit, price: !!values.items, recency: true, eventTypeCounts: true });
    if (!built.ok) throw new CliError(built.reason);
    table = built.data.table;
    if (!values.vars) return unwrap(selectVariables(table, table.names.slice(0, 6)));
  } else {
    const parsed = await parseNumericTable(fileSource(path));
    if (!parsed.ok) throw new CliError(parsed.reason);
    table = parsed.data;
  }
  return values.vars ? unwrap(selectVariables(table, values.vars.split(',').map((v) => v.trim()).filter(Boolean))) : table;
}

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new CliError(r.reason);
  return r.data;
}

/**
 * `--tiers "sessions;exposed;views,clicks,carts;purchased"`: time order, earliest tier first (`;` between tiers,
 * `,` within one); PC never lets an edge point back to an earlier tier.
 */
function parseTiers(spec: string | undefined): BackgroundKnowledge | undefined {
  if (!spec) return undefined;
  const tiers = spec.split(';').map((t) => t.split(',').map((v) => v.trim()).filter(Boolean)).filter((t) => t.length);
  return tiers.length ? { tiers } : undefined;
}

/** `--require "exposed>purchased,sessions>views"` (and `--forbid`): directed edges by name. */
function parseEdgeList(spec: string | undefined, flag: string): [string, string][] {
  if (!spec) return [];
  return spec.split(',').map((x) => x.trim()).filter(Boolean).map((x) => {
    const parts = x.split('>').map((v) => v.trim());
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new CliError(`--${flag} takes edges as from>to separated by commas, got "${x}"`);
    return [parts[0], parts[1]];
  });
}

function parseKnowledge(values: Values): BackgroundKnowledge | undefined {
  const bk: BackgroundKnowledge = { ...parseTiers(values.tiers), required: parseEdgeList(values.require, 'require'), forbidden: parseEdgeList(values.forbid, 'forbid') };
  return bk.tiers || bk.required?.length || bk.forbidden?.length ? bk : undefined;
}

interface DiscoverSettings { algo: string; alpha: number; lambda1: number; wThreshold: number; standardize: boolean; inner: 'float64' | 'tfjs'; backend: BackendPreference; knowledge?: BackgroundKnowledge }

/** `warnings`, when given, receives what the method says about the data (collinear variables). */
async function discoverEdges(table: DataTable, s: DiscoverSettings, warnings?: string[]): Promise<Result<(FoundEdge & { weight: number; pValue?: number })[]>> {
  if (s.algo === 'pc') {
    const r = runPc(table, { alpha: s.alpha, knowledge: s.knowledge });
    if (!r.ok) return r;
    warnings?.push(...r.data.warnings);
    return ok(r.data.edges.map((e) => ({ from: e.from, to: e.to, directed: e.directed, weight: e.partialCorrelation, pValue: e.pValue })));
  }
  const k = resolveKnowledge(table.names, s.knowledge);
  if (!k.ok) return k;
  await ensureBackend(s.backend);
  let r: Awaited<ReturnType<typeof notears>>;
  try {
    r = await notears(table.columns, { lambda1: s.lambda1, wThreshold: s.wThreshold, standardize: s.standardize, inner: s.inner, allowed: k.data.allowed, names: table.names });
  } catch (e) {
    return fail((e as Error).message);
  }
  warnings?.push(...r.warnings);
  return ok(notearsEdges(table.names, r, k.data.required).map((e) => ({ ...e, directed: true })));
}

let backendReady = false;
async function ensureBackend(backend: BackendPreference): Promise<void> {
  if (backendReady) return;
  await initBackend(backend);
  backendReady = true;
}

async function discover(table: DataTable, values: Values, alpha: number, resamples: number, seed: number) {
  const algo = values.algo ?? 'pc';
  if (algo !== 'pc' && algo !== 'notears') throw new CliError(`--algo must be pc or notears, got "${algo}"`);
  const lambda1 = flagNumber(values.lambda, 'lambda') ?? 0.1;
  const wThreshold = flagNumber(values.threshold, 'threshold') ?? 0.3;
  const inner = values.inner ?? 'float64';
  if (inner !== 'float64' && inner !== 'tfjs') throw new CliError(`--inner must be float64 or tfjs, got "${values.inner}"`);
  const settings: DiscoverSettings = { algo, alpha, lambda1, wThreshold, standardize: values.standardize === true, inner, backend: (values.backend ?? 'auto') as BackendPreference, knowledge: parseKnowledge(values) };
  const t0 = performance.now();
  const warnings: string[] = [];
  const edges = unwrap(await discoverEdges(table, settings, warnings));
  const stab = resamples > 0 ? unwrap(await bootstrapEdges(table, (t) => discoverEdges(t, settings), resamples, seed)) : null;
  const seconds = (performance.now() - t0) / 1000;
  const out = {
    variables: table.names,
    edges: edges.map((e) => ({ from: e.from, to: e.to, directed: e.directed, weight: e.weight, ...(e.pValue !== undefined ? { pValue: e.pValue } : {}), stability: stab ? stabilityOf(stab, e) : null })),
    algo,
    ...(algo === 'pc' ? { alpha } : { lambda: lambda1, threshold: wThreshold, standardize: settings.standardize, inner }),
    bootstrap: resamples,
    seconds,
    warnings,
  };
  if (!values.truth) return out;
  const truth = unwrap(parseGraphJson(readTruth(values.truth)));
  return { ...out, comparison: compareGraphs(edges, truth.edges) };
}

function readTruth(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

/**
 * Without --graph the PC graph of the data is used; its undirected edges are oriented by column order (one member
 * of the equivalence class), which the output says, since the adjustment set can depend on that choice.
 */
async function effect(table: DataTable, values: Values, alpha: number, bootstrap: number, seed: number) {
  const { treatment, outcome } = values;
  if (!treatment || !outcome) throw new CliError(`--treatment and --outcome are required\nusage: ${usage}`);
  for (const v of [treatment, outcome]) if (!table.names.includes(v)) throw new CliError(`unknown variable ${v}; the data has ${table.names.join(', ')}`);
  let graph: Dag;
  let graphSource: string;
  let warnings: string[];
  if (values.graph) {
    graph = unwrap(parseGraphJson(readTruth(values.graph)));
    graphSource = values.graph;
    warnings = collinearityWarnings(table.names, table.columns);
  } else {
    const pc = unwrap(runPc(table, { alpha, knowledge: parseKnowledge(values) }));
    warnings = pc.warnings;
    const order = (v: string) => table.names.indexOf(v);
    const edges = pc.edges.map((e) => (e.directed || order(e.from) < order(e.to) ? e : { ...e, from: e.to, to: e.from }));
    graph = unwrap(dagFromEdges(table.names, edges));
    graphSource = `PC (alpha ${alpha}) on the data; ${pc.edges.filter((e) => !e.directed).length} undirected edge(s) oriented by column order`;
  }
  const adj = unwrap(findAdjustmentSet(graph, treatment, outcome, { observed: table.names }));
  const data = { treatment: column(table, treatment), outcome: column(table, outcome), covariates: adj.set.map((v) => column(table, v)) };
  const est = unwrap(estimateEffect(data, { bootstrap, seed }));
  const se = (est.aipw.ci95[1] - est.aipw.ci95[0]) / 3.92;
  const refutations = Object.fromEntries(refuteAll(data, est.aipw.ate, { seed, standardError: se }).map((r) => [r.name, r]));
  return {
    treatment,
    outcome,
    adjustmentSet: adj.set,
    causalPathExists: adj.causalPathExists,
    graph: { source: graphSource, edges: graph.edges },
    estimates: { naive: est.naive, regression: est.regression, ipw: est.ipw, aipw: est.aipw },
    whatIf: { [`do(${treatment}=0)`]: est.whatIf.control, [`do(${treatment}=1)`]: est.whatIf.treated },
    overlap: est.overlap,
    refutations,
    bootstrap: est.bootstrap,
    rows: data.treatment.length,
    warnings,
  };
}
