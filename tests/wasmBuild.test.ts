// The committed WebAssembly bytes are the assembled text: an edit to a .wat file without `npm run wasm` fails here.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { WASM_SOURCES, wasmModuleText } from '../scripts/wasm-build';

describe('assembled WebAssembly', () => {
  it.each(WASM_SOURCES)('$out is $wat assembled', async ({ wat, out, name }) => {
    expect(readFileSync(out, 'utf8')).toBe(await wasmModuleText(wat, name));
  });
});
