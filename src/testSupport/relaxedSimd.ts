// Running the relaxed-SIMD twins in tests: in this Node where it has relaxed SIMD, else in a Node started with the
// flag that enables it (Node 20), or in a fresh Node that turns it on itself.
import { execFileSync } from 'node:child_process';
import { fromBase64 } from '../lib/base64';

/** Whether this engine validates the module (base64), i.e. has relaxed SIMD. */
export const validatesHere = (base64: string): boolean => WebAssembly.validate(fromBase64(base64));

/**
 * stdout of `script` (an ES module that may import the project's TypeScript by absolute path) in a fresh Node: for
 * what changes process-wide engine state, such as enableRelaxedSimd's flag.
 */
export function runInFreshNode(script: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
}

/**
 * stdout of `script` (plain JS, its argv[1] the module's base64), run in a Node that has relaxed SIMD: this one where
 * it validates the module, else one started with --experimental-wasm-relaxed-simd.
 */
export function runWithRelaxedSimd(script: string, base64: string): string {
  const flags = validatesHere(base64) ? [] : ['--experimental-wasm-relaxed-simd'];
  return execFileSync(process.execPath, [...flags, '-e', script, base64], { encoding: 'utf8' }).trim();
}
