// WebAssembly's relaxed SIMD in Node 20, for the CLI and the benches' Node side.
//
// The kernels' twins with fused multiply-adds (gemm.ts, batchMatMul.ts, attention.ts) need relaxed SIMD. Chromium has had it on
// since V8 11.4, and so has Node from 22; Node 20's V8 (11.3) has it behind --experimental-wasm-relaxed-simd. Without
// it the CLI ran the plain kernels and trained slower than the app's worker on the same machine. V8 reads the flag when
// it validates a module, so setting it at start-up, before any module compiles, is enough.
import { setFlagsFromString } from 'node:v8';
import { fromBase64 } from '../lib/base64';
import { GEMM_FMA_WASM } from '../ml/transformer/gemmFmaWasm';

/** Whether this engine now validates relaxed SIMD: turns Node 20's flag on where it does not yet. */
export function enableRelaxedSimd(): boolean {
  const probe = fromBase64(GEMM_FMA_WASM);
  if (WebAssembly.validate(probe)) return true;
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  return WebAssembly.validate(probe);
}
