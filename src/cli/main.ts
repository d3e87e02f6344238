// `reclens` dispatcher: picks the command, turns every failure into a clean message (or {error} with --json) and exit 1.
import { CliError } from './command';
import { COMMANDS } from './commands/index';

/** Set RECLENS_DEBUG=1 to get the stack of an unexpected error on stderr (never on stdout, never as the message). */
export const DEBUG_ENV = 'RECLENS_DEBUG';

/**
 * Print a failure: the message on stderr, `{"error": message}` on stdout with --json. An unexpected error (not a
 * CliError) prints its message's first line only; its stack goes to stderr only under RECLENS_DEBUG=1.
 */
export function reportFailure(e: unknown, argv: readonly string[], where = 'reclens'): 1 {
  const expected = e instanceof CliError;
  const raw = e instanceof Error ? e.message : String(e);
  const message = (expected ? raw : raw.split('\n')[0]).trim() || (e instanceof Error ? e.name : 'unknown error');
  if (argv.includes('--json')) process.stdout.write(JSON.stringify({ error: message }) + '\n');
  process.stderr.write(`${where}: ${message}\n`);
  const origin = expected && e.cause instanceof Error ? e.cause : e;
  if (process.env[DEBUG_ENV] === '1' && origin instanceof Error && origin.stack && (!expected || origin !== e))
    process.stderr.write(`${origin.stack}\n`);
  return 1;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    if (rest[0] === 'settings') {
      process.stdout.write((await import('./settingsHelp')).settingsHelp());
      return 0;
    }
    process.stdout.write('reclens — RecLens headless\n\nCommands:\n');
    for (const entry of COMMANDS) {
      const c = await entry.load();
      process.stdout.write(`  ${c.usage}\n      ${c.summary}\n`);
    }
    process.stdout.write('\nEvery numeric setting and flag has a range: "reclens help settings" lists them.\n');
    return name ? 0 : 1;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) return reportFailure(new CliError(`unknown command "${name}". Run "reclens help".`), argv);
  try {
    return await (await entry.load()).run(rest);
  } catch (e) {
    return reportFailure(e, rest, `reclens ${name}`);
  }
}

/**
 * Last resort for what escapes main (an error thrown from a callback after it returned): the same one-line report
 * and exit 1, never Node's default stack dump.
 */
export function installCrashHandlers(argv: readonly string[]): void {
  const crash = (e: unknown) => {
    reportFailure(e, argv);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
