// Supply chain: every package comes from the npm registry (no git, URL or file dependencies) and nothing that runs at
// install time fetches from elsewhere. A new install script fails this test until someone has read it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { lockfileVersion: number; packages: Record<string, { version?: string; resolved?: string; integrity?: string; hasInstallScript?: boolean; link?: boolean }> };
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;

/** Install scripts that were read and found to download nothing outside npm (or nothing at all). */
const REVIEWED_INSTALL_SCRIPTS: Record<string, string> = {
  'node_modules/core-js': 'prints a funding banner',
  'node_modules/esbuild': 'checks its platform binary, which comes from an optional npm dependency',
  'node_modules/protobufjs': 'checks the version of its own CLI',
  // Would fetch CUDA binaries from outside npm on linux/x64: .npmrc's ignore-scripts keeps it from running (tested below).
  'node_modules/onnxruntime-node': 'never run: ignore-scripts in .npmrc',
};

describe('supply chain', () => {
  it('the lockfile pins every package by integrity, from the registry only', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    const entries = Object.entries(lock.packages).filter(([path, p]) => path !== '' && !p.link);
    expect(entries.length).toBeGreaterThan(100);
    const foreign = entries.filter(([, p]) => p.resolved !== undefined && !p.resolved.startsWith('https://registry.npmjs.org/')).map(([path, p]) => `${path} ← ${p.resolved}`);
    expect(foreign).toEqual([]);
    const unpinned = entries.filter(([, p]) => !p.integrity?.startsWith('sha512-')).map(([path]) => path);
    expect(unpinned).toEqual([]);
  });

  it('package.json asks only for registry versions', () => {
    const specs = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(specs.filter(([, range]) => /^(git|https?|file|link|github):|\//.test(range))).toEqual([]);
  });

  it('only reviewed packages have install scripts, and none of them runs', () => {
    const withScripts = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([path]) => path);
    expect(withScripts.filter((p) => !(p in REVIEWED_INSTALL_SCRIPTS))).toEqual([]);
    // A setting every npm version supports (the old onnxruntime-node-install key is one npm is retiring).
    expect(readFileSync(join(root, '.npmrc'), 'utf8')).toMatch(/^ignore-scripts=true$/m);
  });

  it('a fresh npm ci prints no warning (unknown config, engine, unreviewed scripts)', () => {
    // A dry run from the lockfile alone, offline: it reads the same config and engines as a real install.
    const dir = mkdtempSync(join(tmpdir(), 'reclens-npm-ci-'));
    try {
      for (const f of ['package.json', 'package-lock.json', '.npmrc']) copyFileSync(join(root, f), join(dir, f));
      const run = spawnSync('npm', ['ci', '--dry-run', '--offline'], { cwd: dir, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'warn' } });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/added \d+ packages/);
      expect(run.stderr.split('\n').filter((l) => /warn/i.test(l))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
