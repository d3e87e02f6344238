// `reclens demo`: write the built-in demo dataset (events.csv, items.csv, truth.json) to a folder.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PARAMS } from '../../data/demo/causalModel';
import { eventsCsv, itemsCsv } from '../../data/demo/csv';
import { DEMO_START, simulateDemo, validateDemoOptions } from '../../data/demo/simulate';
import { CliError, intFlag, parse, printJson, type Command } from '../command';

const usage = 'reclens demo --out <dir> [--seed S] [--users N] [--items N] [--json]';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Write the seeded demo shop (events.csv, items.csv) and its causal ground truth (truth.json) to a folder.',
  usage,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        out: { type: 'string' },
        seed: { type: 'string' },
        users: { type: 'string' },
        items: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (!values.out) throw new CliError(`--out is required\nusage: ${usage}`);
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"\nusage: ${usage}`);
    const options = validateDemoOptions({
      seed: intFlag(values.seed, 'seed'),
      users: intFlag(values.users, 'users'),
      items: intFlag(values.items, 'items'),
    });
    if (!options.ok) throw new CliError(options.reason);
    const { seed, users, items } = options.data;
    const demo = simulateDemo(options.data);
    const out = resolve(values.out);
    // The extra fields let a reader of truth.json regenerate and interpret the data without this code.
    const truth = { ...demo.truth, seed, users, items, start: DEMO_START, parameters: PARAMS };
    const files = {
      'events.csv': eventsCsv(demo.events),
      'items.csv': itemsCsv(demo.items),
      'truth.json': JSON.stringify(truth, null, 2) + '\n',
    };
    try {
      await mkdir(out, { recursive: true });
      for (const [name, text] of Object.entries(files)) await writeFile(join(out, name), text, 'utf8');
    } catch (e) {
      throw new CliError(`cannot write to ${out}: ${(e as Error).message}`);
    }
    const eventsByType: Record<string, number> = {};
    for (const e of demo.events) eventsByType[e.event] = (eventsByType[e.event] ?? 0) + 1;
    const effect = demo.truth.effects['exposed->purchased'];
    const paths = Object.keys(files).map((name) => join(out, name));
    if (values.json) {
      printJson({
        out,
        seed,
        users,
        items,
        events: demo.events.length,
        eventsByType,
        effect: { 'exposed->purchased': { ate: effect.ate, naiveDifference: effect.naiveDifference } },
        files: paths,
      });
    } else {
      process.stdout.write(`demo (seed ${seed}): ${users} users, ${items} items, ${demo.events.length} events → ${out}\n`);
      for (const [t, n] of Object.entries(eventsByType)) process.stdout.write(`  ${t}: ${n}\n`);
      process.stdout.write(`  exposed->purchased: ATE ${effect.ate.toFixed(3)}, naive difference ${effect.naiveDifference.toFixed(3)}\n`);
    }
    return 0;
  },
};
