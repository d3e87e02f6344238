// Assembles the hand-written WebAssembly text (src/**/*.wat) into the TypeScript modules that carry its bytes, so
// that the app, its workers and the CLI load it without a build step of their own. `npm run wasm` rewrites them;
// wasmBuild.test.ts fails when a committed module no longer matches its text.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import wabt from 'wabt';

export interface WasmSource {
  wat: string;
  out: string;
  name: string;
  /** Assemble the twin whose multiply-adds are fused (see fusedMultiplyAdds). */
  fusedMultiplyAdd?: boolean;
  /** How many f32x4.mul the twin keeps: products that are not added to a sum (scalings, a polynomial's steps). */
  unfusedMuls?: number;
}

export const WASM_SOURCES: WasmSource[] = [
  { wat: 'src/data/csv/plainRows.wat', out: 'src/data/csv/plainRowsWasm.ts', name: 'PLAIN_ROWS_WASM' },
  { wat: 'src/ml/transformer/products.wat', out: 'src/ml/transformer/productsWasm.ts', name: 'PRODUCTS_WASM' },
  {
    wat: 'src/ml/transformer/products.wat',
    out: 'src/ml/transformer/productsFmaWasm.ts',
    name: 'PRODUCTS_FMA_WASM',
    fusedMultiplyAdd: true,
  },
  { wat: 'src/ml/transformer/layerNormGrad.wat', out: 'src/ml/transformer/layerNormGradWasm.ts', name: 'LAYER_NORM_GRAD_WASM' },
  { wat: 'src/ml/transformer/softmaxLoss.wat', out: 'src/ml/transformer/softmaxLossWasm.ts', name: 'SOFTMAX_LOSS_WASM' },
  { wat: 'src/ml/transformer/attention.wat', out: 'src/ml/transformer/attentionWasm.ts', name: 'ATTENTION_WASM' },
  {
    wat: 'src/ml/transformer/attention.wat',
    out: 'src/ml/transformer/attentionFmaWasm.ts',
    name: 'ATTENTION_FMA_WASM',
    fusedMultiplyAdd: true,
    unfusedMuls: 16,
  },
  { wat: 'src/ml/transformer/dropout.wat', out: 'src/ml/transformer/dropoutWasm.ts', name: 'DROPOUT_WASM' },
  { wat: 'src/ml/train/adamw.wat', out: 'src/ml/train/adamwWasm.ts', name: 'ADAMW_WASM' },
  { wat: 'src/ml/train/clip.wat', out: 'src/ml/train/clipWasm.ts', name: 'CLIP_WASM' },
  { wat: 'src/ml/transformer/gemm.wat', out: 'src/ml/transformer/gemmWasm.ts', name: 'GEMM_WASM' },
  { wat: 'src/ml/transformer/gemm.wat', out: 'src/ml/transformer/gemmFmaWasm.ts', name: 'GEMM_FMA_WASM', fusedMultiplyAdd: true },
];

/**
 * The text with each (f32x4.add (local.get $s) (f32x4.mul x y)) written as one relaxed SIMD fused multiply-add,
 * (f32x4.relaxed_madd x y (local.get $s)), x and y each a local or a load from a local (or from a sum of two). Throws
 * unless that leaves exactly `unfusedMuls` f32x4.mul, so a multiply-add written in another form cannot stay unfused
 * unnoticed: a new one changes the count.
 */
export function fusedMultiplyAdds(text: string, unfusedMuls = 0): string {
  const address = String.raw`\((?:local\.get \$\w+|i32\.add \(local\.get \$\w+\) \(local\.get \$\w+\))\)`;
  const operand = String.raw`\((?:local\.get \$\w+|v128\.load [^()]*${address})\)`;
  const pattern = new RegExp(String.raw`\(f32x4\.add \(local\.get (\$\w+)\) \(f32x4\.mul (${operand}) (${operand})\)\)`, 'g');
  const fused = text.replace(pattern, '(f32x4.relaxed_madd $2 $3 (local.get $1))');
  const left = fused.replace(/;;.*$/gm, '').match(/\(f32x4\.mul /g)?.length ?? 0;
  if (left !== unfusedMuls)
    throw new Error(
      `${left} f32x4.mul left unfused where ${unfusedMuls} are expected: a multiply-add in a form fusedMultiplyAdds does not rewrite?`,
    );
  return fused;
}

/**
 * The text of a .wat file with each line `;; include <file>` replaced by that file's text (beside it): functions two
 * modules share, such as the dropout rule's hash, are written once. A module cannot call into another one's functions
 * without an import, which V8 does not inline. A fragment may also be a loop's body pasted into two loops (the
 * softmax's exponent); includes are pasted before unroll blocks are written out, so it may use `{16k}`.
 */
export function withIncludes(wat: string): string {
  return readFileSync(wat, 'utf8').replace(/^ *;; include (\S+)\n/gm, (_, file: string) => readFileSync(join(dirname(wat), file), 'utf8'));
}

/**
 * The text with each block of lines between `;; unroll <n>` and `;; end unroll` written n times, `{k}` in copy k
 * standing for k and `{16k}` for 16·k (a vector's byte offset). A loop whose every vector runs a long serial chain
 * (an exponent, erf) takes several vectors a pass so that the core has independent work while one chain waits; the
 * copies are written once.
 */
export function withUnrolls(text: string): string {
  return text.replace(/^ *;; unroll (\d+)\n([\s\S]*?)^ *;; end unroll\n/gm, (_, n: string, body: string) =>
    Array.from({ length: Number(n) }, (_, k) => body.replaceAll('{k}', String(k)).replaceAll('{16k}', String(16 * k))).join(''),
  );
}

/** The TypeScript module for one .wat file: its assembled bytes as base64. */
export async function wasmModuleText(wat: string, name: string, fusedMultiplyAdd = false, unfusedMuls = 0): Promise<string> {
  const text = withUnrolls(withIncludes(wat));
  const module = (await wabt()).parseWat(wat, fusedMultiplyAdd ? fusedMultiplyAdds(text, unfusedMuls) : text, {
    relaxed_simd: fusedMultiplyAdd,
  });
  module.validate();
  const { buffer } = module.toBinary({});
  module.destroy();
  const base64 = Buffer.from(buffer).toString('base64');
  const from = `${wat.split('/').pop()}${fusedMultiplyAdd ? ', its multiply-adds fused' : ''}`;
  return `// Generated by \`npm run wasm\` from ${from}; do not edit.\nexport const ${name} =\n  '${base64}';\n`;
}

if (process.argv[1]?.endsWith('wasm-build.ts')) {
  for (const { wat, out, name, fusedMultiplyAdd, unfusedMuls } of WASM_SOURCES) {
    writeFileSync(out, await wasmModuleText(wat, name, fusedMultiplyAdd, unfusedMuls));
    console.log(`${out} written`);
  }
}
