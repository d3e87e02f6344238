// No string is ever run as code: ESLint's no-eval, no-implied-eval and no-new-func are on for every source folder and
// never switched off, so `npm run lint` (in CI) fails on any eval, new Function or string timer.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const RULES = ['no-eval', 'no-implied-eval', 'no-new-func'];
const PROBE = 'export function probe(s: string): unknown {\n  setTimeout("alert(1)", 1);\n  eval(s);\n  return new Function(s);\n}\n';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('no code from strings', () => {
  it('the lint rules reject eval, new Function and string timers in every folder', async () => {
    const eslint = new ESLint({ cwd: root });
    for (const folder of ['lib', 'data', 'ml', 'rec', 'explain', 'causal', 'workers', 'store', 'ui/components/data', 'ui/charts', 'cli']) {
      const [result] = await eslint.lintText(PROBE, { filePath: join(root, 'src', folder, '__probe.ts') });
      const found = result.messages.map((m) => m.ruleId);
      for (const rule of RULES) expect(found, `${folder}: ${rule}`).toContain(rule);
    }
  }, 60_000);

  it('no source file switches those rules off', () => {
    const offenders = sources(join(root, 'src')).filter((f) => RULES.some((r) => new RegExp(`eslint-disable[^\\n]*${r}`).test(readFileSync(f, 'utf8'))));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
