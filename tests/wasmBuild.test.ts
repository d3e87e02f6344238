// The committed WebAssembly bytes are the assembled text: an edit to a .wat file without `npm run wasm` fails here.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fusedMultiplyAdds, WASM_SOURCES, wasmModuleText } from '../scripts/wasm-build';

describe('assembled WebAssembly', () => {
  it.each(WASM_SOURCES)('$out is $wat assembled', async ({ wat, out, name, fusedMultiplyAdd }) => {
    expect(readFileSync(out, 'utf8')).toBe(await wasmModuleText(wat, name, fusedMultiplyAdd));
  });

  it('fuses every multiply-add of the twin, whatever its second operand, and refuses a form it does not know', () => {
    const text = [
      '(local.set $s (f32x4.add (local.get $s) (f32x4.mul (local.get $x) (local.get $b0))))',
      '(local.set $s (f32x4.add (local.get $s) (f32x4.mul (local.get $x) (v128.load offset=16 align=4 (local.get $bp)))))',
      ';; a comment may say (f32x4.mul x y)',
    ].join('\n');
    expect(fusedMultiplyAdds(text).split('\n')).toEqual([
      '(local.set $s (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s)))',
      '(local.set $s (f32x4.relaxed_madd (local.get $x) (v128.load offset=16 align=4 (local.get $bp)) (local.get $s)))',
      ';; a comment may say (f32x4.mul x y)',
    ]);
    expect(() => fusedMultiplyAdds('(f32x4.add (f32x4.mul (local.get $x) (local.get $y)) (local.get $s))')).toThrow(/multiply-add/);
  });
});
