// `reclens` dispatcher: picks the command, turns CliErrors into clean messages and exit codes.
import { CliError } from './command';
import { COMMANDS } from './commands/index';

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write('reclens — RecLens headless\n\nCommands:\n');
    for (const c of COMMANDS) process.stdout.write(`  ${c.usage}\n      ${c.summary}\n`);
    return name ? 0 : 1;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`reclens: unknown command "${name}". Run "reclens help".\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof CliError) {
      if (rest.includes('--json')) process.stdout.write(JSON.stringify({ error: e.message }) + '\n');
      process.stderr.write(`reclens ${name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
