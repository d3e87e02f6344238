// enableRelaxedSimd in a fresh Node (it changes a process-wide V8 flag, so not in the test's own process).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInFreshNode } from '../testSupport/relaxedSimd';

const SCRIPT = `
const { GEMM_FMA_WASM } = await import(${JSON.stringify(resolve('src/ml/transformer/gemmFmaWasm.ts'))});
const { enableRelaxedSimd } = await import(${JSON.stringify(resolve('src/cli/relaxedSimd.ts'))});
const twin = Buffer.from(GEMM_FMA_WASM, 'base64');
const said = enableRelaxedSimd();
console.log(JSON.stringify({ said, after: WebAssembly.validate(twin) }));
`;

describe('enableRelaxedSimd', () => {
  it('lets this Node validate the fused multiply-add twins, and says so', () => {
    const { said, after } = JSON.parse(runInFreshNode(SCRIPT)) as { said: boolean; after: boolean };
    expect(after).toBe(true);
    expect(said).toBe(after);
  });
});
