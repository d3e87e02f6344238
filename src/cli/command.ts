// The shape of a CLI command and the helpers every command shares (argument parsing, JSON output, errors).
import { parseArgs, type ParseArgsConfig } from 'node:util';

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
