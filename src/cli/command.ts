// The shape of a CLI command and the helpers every command shares (argument parsing, JSON output, errors).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { inRange, rangeText, type Range } from '../lib/ranges';
import { MEMORY_BUDGET_ENV, parseBudgetMiB } from '../rec/memory';

export interface Command {
  name: string;
  /** One line for `reclens help`. */
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** A user-facing failure: printed as a message (or {error} with --json), exit code 1, no stack trace. */
export class CliError extends Error {}

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${(e as Error).message}\nusage: ${usage}`);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Parse a comma-separated integer flag value, or undefined when absent. */
export function intFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new CliError(`--${name} must be an integer, got "${value}"`);
  return n;
}

/**
 * Ranges of the numeric flags every command shares (the settings' own ranges live with their registries). Checked
 * when the flag is read, before any file is loaded.
 */
export const FLAG_RANGES = {
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
  k: { min: 1, max: 10_000, integer: true },
  'batch-size': { min: 1, max: 65_536, integer: true },
  'memory-budget': { min: 1, max: 2 ** 24 },
} as const satisfies Record<string, Range>;

/** A numeric flag checked against its range: `--steps must be an integer in [1, 4096] (got "1e9")`. */
export function rangeFlag(value: string | undefined, name: string, range: Range): number | undefined {
  if (value === undefined) return undefined;
  const n = value.trim() === '' ? NaN : Number(value);
  if (!inRange(n, range)) throw new CliError(`--${name} must be ${rangeText(range)} (got ${JSON.stringify(value)})`);
  return n;
}

/** --memory-budget <MiB> (else RECLENS_MEMORY_BUDGET_MB, else the default) in bytes, for FitOptions.memoryBudgetBytes. */
export function memoryBudgetFlag(value: string | undefined): number | undefined {
  const mib = rangeFlag(value, 'memory-budget', FLAG_RANGES['memory-budget']);
  if (mib !== undefined) return mib * 2 ** 20;
  const env = parseBudgetMiB(process.env[MEMORY_BUDGET_ENV]);
  if (env === null)
    throw new CliError(`${MEMORY_BUDGET_ENV} must be a positive number of MiB (got ${JSON.stringify(process.env[MEMORY_BUDGET_ENV])})`);
  return env;
}

/**
 * `--params lambda=500,neighbours=50`: numbers where they parse (Infinity and NaN too, so the range check names
 * them), strings otherwise. The object has no prototype, so `__proto__=1` is an own key that the registry refuses
 * instead of an assignment that silently changes nothing.
 */
export function parseParams(spec: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const part of (spec ?? '').split(',').filter(Boolean)) {
    const eq = part.indexOf('=');
    const k = eq < 0 ? '' : part.slice(0, eq).trim();
    const v = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (!k || eq < 0) throw new CliError(`--params expects key=value pairs, got "${part}"`);
    if (Object.hasOwn(out, k)) throw new CliError(`--params sets "${k}" twice`);
    const n = Number(v);
    out[k] = v !== '' && (!Number.isNaN(n) || v === 'NaN') ? n : v;
  }
  return out;
}
