// Benchmark output: a JSON file per run in bench/results and a section of BENCHMARKS.md regenerated in place.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}`;
}

export const today = () => new Date().toISOString().slice(0, 10);

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function writeJson(name: string, data: unknown): string {
  const dir = resolve(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  return file;
}

/** The newest JSON that writeJson wrote under `name` (e.g. 'rec', not 'rec-itemtext'), parsed; undefined when none. */
export function readNewestJson<T>(name: string): { file: string; data: T } | undefined {
  const dir = resolve(ROOT, 'bench/results');
  const stamped = new RegExp(`^${name}-\\d{4}-`);
  const file = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => stamped.test(f))
        .sort()
        .at(-1)
    : undefined;
  return file ? { file, data: JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as T } : undefined;
}

/** Replaces the section between `<!-- bench:NAME -->` markers in BENCHMARKS.md, appending it the first time. */
export function writeSection(name: string, markdown: string): void {
  const file = resolve(ROOT, 'BENCHMARKS.md');
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  let text = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# RecLens benchmarks\n\nEvery figure here is measured by a script in bench/; each section names its command, machine and date. Regenerate a section by running its command.\n';
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  text = a >= 0 && b > a ? text.slice(0, a) + block + text.slice(b + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}

export const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** `min–max` of some runs, formatted. */
export const spread = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
