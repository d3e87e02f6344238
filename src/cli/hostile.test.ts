// Hostile settings and flags through `reclens` (main() in process, on a small seeded log): each is refused with exit 1
// and a one-line {"error"} naming the setting and its range, before anything large is allocated.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventsCsv, simulateDemo } from '../data/demo';
import { CliError, type Command } from './command';
import { COMMANDS } from './commands/index';
import { DEBUG_ENV, main } from './main';

const FIXTURE = new URL('../../tests/fixtures/tiny-bert/', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'reclens-hostile-cli-'));
const events = join(root, 'events.csv');
const out = join(root, 'ck');

/** A copy of the tiny BERT folder with config.json fields replaced. */
function bertWith(name: string, patch: Record<string, unknown>): string {
  const dir = join(root, name);
  cpSync(FIXTURE, dir, { recursive: true });
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, ...patch }));
  return dir;
}

beforeAll(() => {
  writeFileSync(events, eventsCsv(simulateDemo({ users: 40, seed: 3 }).events));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env[DEBUG_ENV];
});

/** Run main() capturing stdout and stderr. */
async function reclens(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

/** Exit 1, exactly one JSON line {"error": …} on stdout matching `error`, and no stack trace anywhere. */
async function refused(argv: string[], error: RegExp): Promise<string> {
  const r = await reclens(...argv, '--json');
  expect(r.code).toBe(1);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const message = JSON.parse(lines[0]).error as string;
  expect(message).toMatch(error);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return message;
}

const data = ['--data', events];

describe('reclens refuses hostile settings before allocating', () => {
  it.each([
    [
      'explain --method ig --steps 1e9',
      ['explain', ...data, '--user', 'u1', '--method', 'ig', '--steps', '1e9'],
      /--steps must be an integer in \[1, 4096\] \(got "1e9"\)/,
    ],
    [
      'explain --samples 0',
      ['explain', ...data, '--user', 'u1', '--method', 'lime', '--samples', '0'],
      /--samples must be an integer in \[1, 10000\]/,
    ],
    [
      'explain --params layers=1000000',
      ['explain', ...data, '--user', 'u1', '--method', 'occlusion', '--params', 'layers=1000000'],
      /layers must be an integer in \[1, 48\] \(got 1000000\)/,
    ],
    [
      'train sasrec maxLen=1e9',
      ['train', ...data, '--model', 'sasrec', '--params', 'maxLen=1e9', '--out', out],
      /maxLen must be an integer in \[1, 2048\] \(got 1000000000\)/,
    ],
    [
      'train mf factors=1e9',
      ['train', ...data, '--model', 'mf', '--params', 'factors=1e9', '--out', out],
      /factors must be an integer in \[1, 1024\] \(got 1000000000\)/,
    ],
    [
      'train sasrec learningRate=Infinity',
      ['train', ...data, '--model', 'sasrec', '--params', 'learningRate=Infinity', '--out', out],
      /learningRate must be a number in \(0, 1\] \(got Infinity\)/,
    ],
    [
      'train itemknn bogus=1',
      ['train', ...data, '--model', 'itemknn', '--params', 'bogus=1', '--out', out],
      /unknown setting "bogus" for itemknn; known: neighbours, shrink$/,
    ],
    [
      'train itemknn k=-5',
      ['train', ...data, '--model', 'itemknn', '--params', 'k=-5', '--out', out],
      /unknown setting "k" for itemknn; known: neighbours, shrink$/,
    ],
    [
      'train itemknn neighbours=-5',
      ['train', ...data, '--model', 'itemknn', '--params', 'neighbours=-5', '--out', out],
      /neighbours must be an integer in \[1, 10000\] \(got -5\)/,
    ],
    [
      'train ease lambda=NaN',
      ['train', ...data, '--model', 'ease', '--params', 'lambda=NaN', '--out', out],
      /lambda must be a number in \(0, 1e7\] \(got NaN\)/,
    ],
    [
      'train ease __proto__=1',
      ['train', ...data, '--model', 'ease', '--params', '__proto__=1', '--out', out],
      /unknown setting "__proto__" for ease; known: lambda, maxItems/,
    ],
    [
      'train sasrec constructor=1',
      ['train', ...data, '--model', 'sasrec', '--params', 'constructor=1', '--out', out],
      /unknown setting "constructor" for sasrec/,
    ],
    [
      'train mf prototype=1',
      ['train', ...data, '--model', 'mf', '--params', 'prototype=1', '--out', out],
      /unknown setting "prototype" for mf/,
    ],
    ['train --model constructor', ['train', ...data, '--model', 'constructor', '--out', out], /--model must be one of pop, itemknn/],
    [
      'train --epochs 1e9',
      ['train', ...data, '--model', 'sasrec', '--epochs', '1e9', '--out', out],
      /--epochs must be an integer in \[1, 100000\]/,
    ],
    ['train --seed -1', ['train', ...data, '--model', 'pop', '--seed=-1', '--out', out], /--seed must be an integer in \[0, 4294967295\]/],
    ['evaluate --k 0', ['evaluate', ...data, '--model', 'pop', '--k', '10,0'], /--k must be an integer in \[1, 10000\] \(got "0"\)/],
    ['causal discover --alpha 2', ['causal', 'discover', ...data, '--alpha', '2'], /--alpha must be a number in \(0, 1\) \(got "2"\)/],
    [
      'causal discover --bootstrap 1e9',
      ['causal', 'discover', ...data, '--bootstrap', '1e9'],
      /--bootstrap must be an integer in \[0, 10000\]/,
    ],
    [
      'causal discover --lambda -1',
      ['causal', 'discover', ...data, '--algo', 'notears', '--lambda=-1'],
      /--lambda must be a number in \[0, 1000\]/,
    ],
    [
      'embed --batch-size 1e9',
      ['embed', '--model', FIXTURE, '--batch-size', '1e9', 'x'],
      /--batch-size must be an integer in \[1, 65536\]/,
    ],
  ])('%s', async (_label, argv, error) => {
    await refused(argv as string[], error as RegExp);
  });

  it('a BERT config.json with 10^9 layers is refused by its range', async () => {
    await refused(
      ['embed', '--model', bertWith('layers', { num_hidden_layers: 1e9 }), 'x'],
      /num_hidden_layers must be an integer in \[1, 96\] \(got 1000000000\)/,
    );
  });

  it('a BERT config.json with hidden_act "__proto__" is refused, not run', async () => {
    await refused(['embed', '--model', bertWith('act', { hidden_act: '__proto__' }), 'x'], /hidden_act "__proto__" is not supported/);
  });

  it('a model over the memory budget is refused with its estimate and what to lower', async () => {
    await refused(
      ['train', ...data, '--model', 'sasrec', '--params', 'hidden=4096,layers=48,maxLen=2048', '--out', out],
      /sasrec needs about [\d.]+ TiB, over the 4 GiB budget; lower hidden\/layers\/maxLen\/batchSize/,
    );
    await refused(
      ['train', ...data, '--model', 'mf', '--params', 'factors=1024', '--memory-budget', '1', '--out', out],
      /MF needs about \d+ MiB, over the 1 MiB budget; lower factors/,
    );
    await refused(
      [
        'embed',
        '--model',
        bertWith('big', { num_hidden_layers: 96, hidden_size: 8192, intermediate_size: 32768, num_attention_heads: 64 }),
        'x',
      ],
      /this BERT needs about [\d.]+ GiB, over the 4 GiB budget/,
    );
  });

  it('an unknown command is an {error} with exit 1', async () => {
    await refused(['bogus'], /unknown command "bogus"/);
  });

  it('an unexpected error prints its message on one line, never its stack; RECLENS_DEBUG=1 adds the stack on stderr', async () => {
    const boom: Command = {
      name: 'boom',
      summary: '',
      usage: '',
      run: async () => {
        throw new RangeError('Invalid typed array length: 64000000000\nsecond line');
      },
    };
    const entry = { name: 'boom', load: async () => boom };
    COMMANDS.push(entry);
    try {
      const message = await refused(['boom'], /^Invalid typed array length: 64000000000$/);
      expect(message).not.toContain('second line');
      process.env[DEBUG_ENV] = '1';
      const debug = await reclens('boom', '--json');
      expect(debug.code).toBe(1);
      expect(JSON.parse(debug.stdout).error).toBe('Invalid typed array length: 64000000000');
      expect(debug.stderr).toMatch(/RangeError: Invalid typed array length[\s\S]*\n\s+at /);
      delete process.env[DEBUG_ENV];
      const plain = await reclens('boom');
      expect(plain.stdout).toBe('');
      expect(plain.stderr.trim()).toBe('reclens boom: Invalid typed array length: 64000000000');
      // A CliError is a message written for the user: it keeps every line (usage included).
      boom.run = async () => {
        throw new CliError('bad flag\nusage: reclens boom');
      };
      await refused(['boom'], /^bad flag\nusage: reclens boom$/);
    } finally {
      COMMANDS.splice(COMMANDS.indexOf(entry), 1);
    }
  });
});
