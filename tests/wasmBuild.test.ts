// The committed WebAssembly bytes are the assembled text: an edit to a .wat file without `npm run wasm` fails here.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fusedMultiplyAdds, WASM_SOURCES, wasmModuleText, withUnrolls } from '../scripts/wasm-build';

describe('assembled WebAssembly', () => {
  it.each(WASM_SOURCES)('$out is $wat assembled', async ({ wat, out, name, fusedMultiplyAdd, unfusedMuls }) => {
    expect(readFileSync(out, 'utf8')).toBe(await wasmModuleText(wat, name, fusedMultiplyAdd, unfusedMuls));
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

  it('fuses loads from a sum of two locals as either factor, and keeps exactly the muls it is told are not multiply-adds', () => {
    const sum =
      '(local.set $s (f32x4.add (local.get $s) (f32x4.mul (v128.load align=4 (i32.add (local.get $p) (local.get $j))) (local.get $v))))';
    const scaling = '(local.set $y (f32x4.mul (local.get $x) (local.get $scale)))';
    expect(fusedMultiplyAdds([sum, scaling].join('\n'), 1).split('\n')).toEqual([
      '(local.set $s (f32x4.relaxed_madd (v128.load align=4 (i32.add (local.get $p) (local.get $j))) (local.get $v) (local.get $s)))',
      scaling,
    ]);
    // one mul more or fewer than declared: a multiply-add the pattern missed, or a declaration gone stale
    expect(() => fusedMultiplyAdds(scaling, 0)).toThrow(/1 f32x4.mul left unfused where 0 are expected/);
    expect(() => fusedMultiplyAdds(sum, 1)).toThrow(/0 f32x4.mul left unfused where 1 are expected/);
  });

  it('writes an unrolled block n times, {k} as the copy and {16k} as its byte offset, and leaves the rest', () => {
    const text = ['(a)', '  ;; unroll 3', '  (local.set $m{k} (v128.load offset={16k} (local.get $p)))', '  ;; end unroll', '(b)', ''].join(
      '\n',
    );
    expect(withUnrolls(text).split('\n')).toEqual([
      '(a)',
      '  (local.set $m0 (v128.load offset=0 (local.get $p)))',
      '  (local.set $m1 (v128.load offset=16 (local.get $p)))',
      '  (local.set $m2 (v128.load offset=32 (local.get $p)))',
      '(b)',
      '',
    ]);
    expect(withUnrolls('(a)\n')).toBe('(a)\n');
  });
});
