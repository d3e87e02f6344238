// Four kernels as a tiny WebAssembly SIMD module that runs on TF.js's own wasm memory: GELU and residual add +
// LayerNorm, and for training GELU's derivative and column sums (a bias's gradient). Plain JS loops over the heap were
// slower than TF.js's chain of SIMD kernels for LayerNorm (measured on
// [2048, 256]: 2.7 ms against 1.8 ms), so these are written as wasm with 4-lane float32 vectors, like XNNPACK's own.
//
// The module is assembled here from its opcodes (a few hundred bytes; no toolchain in the build) and instantiated with
// the backend's memory as its import, so it reads and writes tensors in place at their byte offsets. Only the
// single-threaded wasm build exports that memory (the threaded one shares an imported memory): elsewhere the
// caller gets undefined and uses its JS or composed path.
import { instantiateOnHeap, type WasmBackendInternals } from './wasmInternals';

export interface SimdKernels {
  /** out[i] = GELU(x[i]) (exact form, Eigen's float32 erf), i < n; byte offsets, n a multiple of 4. */
  gelu(x: number, out: number, n: number): void;
  /**
   * LayerNorm of each row of x (+ res when res ≠ 0), h floats a row (a multiple of 4): out = (v − mean)·w/√(var + eps) + b,
   * mean and (population) variance in two passes as tf.moments takes them. Byte offsets.
   */
  layerNorm(x: number, res: number, w: number, b: number, out: number, rows: number, h: number, eps: number): void;
  /** out[i] = dy[i]·GELU'(x[i]) = dy[i]·(Φ(x) + x·φ(x)), the exact form's derivative; byte offsets, n a multiple of 4. */
  geluGrad(x: number, dy: number, out: number, n: number): void;
  /** out[j] = Σ_r x[r·cols + j] for j < cols (any cols ≥ 1): each row added in turn, 4 columns a vector. Byte offsets. */
  columnSums(x: number, out: number, rows: number, cols: number): void;
}

// --- a minimal assembler: just what the four functions need ---
const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

function f32Bytes(v: number): number[] {
  return [...new Uint8Array(new Float32Array([v]).buffer)];
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (s: string) => vec([...s].map((c) => [c.charCodeAt(0)]));

// Instructions used below.
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
/** Signed LEB128, as i32.const reads its operand. */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}
const i32c = (v: number) => [0x41, ...sleb(v)];
const f32c = (v: number) => [0x43, ...f32Bytes(v)];
const simd = (op: number) => [0xfd, ...uleb(op)];
const memarg = [0x00, 0x00]; // alignment hint 1 byte, offset 0: the tensors' rows are only 4-byte aligned
const v128Load = [...simd(0x00), ...memarg];
const v128Store = [...simd(0x0b), ...memarg];
const splat = (v: number) => [...f32c(v), ...simd(0x13)];
const lane = (i: number) => [...simd(0x1f), i];
const [vAdd, vSub, vMul, vDiv] = [0xe4, 0xe5, 0xe6, 0xe7].map(simd);
// f32x4.pmin/pmax (b < a ? b : a, a < b ? b : a) where min/max would do: one instruction on x86 each, where min and
// max's rules for NaN and ±0 cost V8 about eight, on a chain that limits the loop (measured 2×, softmaxLoss.wat).
// NaN still propagates through them as the clamps below use them (x first).
const [vPmin, vPmax] = [0xea, 0xeb].map(simd);
const iShl = simd(0xab); // i32x4.shl
const f32Load = [0x2a, 0x02, 0x00];
const f32Store = [0x38, 0x02, 0x00];
const I32_ADD = 0x6a;
const I32_AND = 0x71;
const I32_MUL = 0x6c;
const I32_GE_U = 0x4f;
const F32_ADD = 0x92;
const F32_DIV = 0x95;
const F32_SQRT = 0x91;
const F32_MAX = 0x97;
const F32_CONVERT_I32_U = 0xb3;

/** for (i = from; i < end; i += step) body — i, end: i32 locals. */
function loop(i: number, end: number, step: number, body: number[]): number[] {
  return [
    ...[0x02, 0x40, 0x03, 0x40], // block, loop
    ...get(i),
    ...get(end),
    I32_GE_U,
    ...[0x0d, 1], // br_if to the block's end
    ...body,
    ...get(i),
    ...i32c(step),
    I32_ADD,
    ...set(i),
    ...[0x0c, 0], // br to the loop's start
    ...[0x0b, 0x0b],
  ];
}

// Eigen's float32 erf: x clamped to [−4, 4], x·P(x²)/Q(x²); coefficients highest power first (fusedOps.ts's JS GELU too).
export const ERF_NUMERATOR = [
  -2.72614225801306e-10, 2.77068142495902e-8, -2.10102402082508e-6, -5.69250639462346e-5, -7.34990630326855e-4, -2.95459980854025e-3,
  -1.60960333262415e-2,
];
export const ERF_DENOMINATOR = [
  -1.45660718464996e-5, -2.13374055278905e-4, -1.68282697438203e-3, -7.37332916720468e-3, -1.42647390514189e-2,
];

/** Horner's rule on the vector in local z2: c0·z2^k + … (coefficients highest first). */
function horner(z2: number, coefficients: number[]): number[] {
  const out = splat(coefficients[0]);
  for (const c of coefficients.slice(1)) out.push(...get(z2), ...vMul, ...splat(c), ...vAdd);
  return out;
}

// Cephes' expf: e^t = 2^n · e^r with n = round(t·log₂e) and r = t − n·ln 2 (ln 2 in two parts, so r stays exact), e^r
// from a degree-7 polynomial; relative error about 1 ulp over float32's range.
const LN2_HI = 0.693359375;
const LN2_LO = -2.1219444e-4;
const EXP_POLY = [1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];

/**
 * e^t of the vector in local t (t ≥ −87, so 2^n stays a normal float), left on the stack; n, r: scratch v128 locals,
 * and t is overwritten. n is rounded by adding 1.5·2²³ + 127 (round to nearest even, as f32x4.nearest): the sum's low
 * mantissa bits are then n + 127, which shifted into the exponent field are 2^n. V8 spends about eight instructions
 * on nearest and on i32x4.trunc_sat each, one on this.
 */
function vExp(t: number, n: number, r: number): number[] {
  const magic = 12583039; // 1.5·2²³ + 127
  return [
    ...get(t),
    ...splat(Math.LOG2E),
    ...vMul,
    ...splat(magic),
    ...vAdd,
    ...set(n),
    // r = t − (n − magic)·ln 2, ln 2 in two parts
    ...get(t),
    ...get(n),
    ...splat(magic),
    ...vSub,
    ...splat(LN2_HI),
    ...vMul,
    ...vSub,
    ...get(n),
    ...splat(magic),
    ...vSub,
    ...splat(LN2_LO),
    ...vMul,
    ...vSub,
    ...set(r),
    ...get(n),
    ...i32c(23),
    ...iShl,
    ...set(t),
    // (poly(r)·r² + r + 1) · 2^n
    ...horner(r, EXP_POLY),
    ...get(r),
    ...get(r),
    ...vMul,
    ...vMul,
    ...get(r),
    ...vAdd,
    ...splat(1),
    ...vAdd,
    ...get(t),
    ...vMul,
  ];
}

/** v ← the vector at the address the code leaves on the stack; z ← clamp(v/√2, −4, 4) (erf is ±1 beyond); z2 ← z². */
function loadErfArgument(address: number[], v: number, z: number, z2: number): number[] {
  return [
    ...address,
    ...v128Load,
    ...set(v),
    ...get(v),
    ...splat(Math.SQRT1_2),
    ...vMul,
    ...splat(4),
    ...vPmin,
    ...splat(-4),
    ...vPmax,
    ...set(z),
    ...get(z),
    ...get(z),
    ...vMul,
    ...set(z2),
  ];
}

/** Φ(v) = 0.5 + 0.5·erf(z) = 0.5 + 0.5·z·P(z²)/Q(z²), left on the stack (z, z2 as loadErfArgument sets them). */
function normalCdf(z: number, z2: number): number[] {
  return [
    ...get(z),
    ...horner(z2, ERF_NUMERATOR),
    ...vMul,
    ...horner(z2, ERF_DENOMINATOR),
    ...vDiv,
    ...splat(0.5),
    ...vMul,
    ...splat(0.5),
    ...vAdd,
  ];
}

/**
 * Vectors a pass of GELU's loops. Each vector's chain (erf's rational function, the exponent) is long and serial, and
 * with one a pass the core sat waiting on it. On [1600 × 256] in Chromium, one thread: GELU 0.95 → 0.49 ms, its
 * derivative 1.70 → 1.01 ms (2 a pass: 1.16; 8: 0.93); in Node 0.93 → 0.46 and 1.67 → 0.85 ms. The same bits.
 */
const VECTORS_A_PASS = 4;

/**
 * A function over n floats (n a multiple of 4): i32 locals i and end (after the params), v128 locals as given, then
 * `body(at)`, one 4-float vector's pass, `at` a base address plus that vector's offset: VECTORS_A_PASS of them a pass,
 * then one at a time for the rest.
 */
function elementwise(
  n: number,
  i: number,
  end: number,
  vectorLocals: number,
  body: (at: (base: number) => number[]) => number[],
): number[] {
  const at = (k: number) => (base: number) => [...get(base), ...get(i), I32_ADD, ...(k ? [...i32c(16 * k), I32_ADD] : [])];
  const bytes = [...get(n), ...i32c(4), I32_MUL];
  return [
    ...vec([
      [2, I32],
      [vectorLocals, V128],
    ]),
    ...i32c(0),
    ...set(i),
    // whole passes, then the vectors left one at a time
    ...bytes,
    ...i32c(-16 * VECTORS_A_PASS),
    I32_AND,
    ...set(end),
    ...loop(i, end, 16 * VECTORS_A_PASS, Array.from({ length: VECTORS_A_PASS }, (_, k) => body(at(k))).flat()),
    ...bytes,
    ...set(end),
    ...loop(i, end, 16, body(at(0))),
    0x0b,
  ];
}

function geluGradBody(): number[] {
  // params: x 0, dy 1, out 2, n 3; locals: i 4, end 5 (i32); v 6, z 7, z2 8, t 9, k 10, r 11 (v128)
  const [x, dy, out, n, i, end, v, z, z2, t, k, r] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  return elementwise(n, i, end, 6, (at) => [
    ...loadErfArgument(at(x), v, z, z2),
    // t = max(−v²/2, −87): φ(v) = e^t/√(2π) (0 in float32 well before t reaches −87).
    ...get(v),
    ...get(v),
    ...vMul,
    ...splat(-0.5),
    ...vMul,
    ...splat(-87),
    ...vPmax,
    ...set(t),
    // out ← dy · (Φ(v) + v·e^t/√(2π))
    ...at(out),
    ...at(dy),
    ...v128Load,
    ...normalCdf(z, z2),
    ...get(v),
    ...vExp(t, k, r),
    ...vMul,
    ...splat(1 / Math.sqrt(2 * Math.PI)),
    ...vMul,
    ...vAdd,
    ...vMul,
    ...v128Store,
  ]);
}

function geluBody(): number[] {
  // params: x 0, out 1, n 2; locals: i 3, end 4 (i32); v 5, z 6, z2 7 (v128)
  const [x, out, n, i, end, v, z, z2] = [0, 1, 2, 3, 4, 5, 6, 7];
  // out + i ← v · Φ(v)
  return elementwise(n, i, end, 3, (at) => [
    ...loadErfArgument(at(x), v, z, z2),
    ...at(out),
    ...get(v),
    ...normalCdf(z, z2),
    ...vMul,
    ...v128Store,
  ]);
}

function layerNormBody(): number[] {
  // params: x 0, res 1, w 2, b 3, out 4, rows 5, h 6 (i32), eps 7 (f32)
  // locals: r 8, j 9, bytes 10, src 11, dst 12 (i32); mean 13 (f32); acc 14, m 15, s 16 (v128)
  const [x, res, w, b, out, rows, h, eps] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [r, j, bytes, src, dst, mean, acc, m, s] = [8, 9, 10, 11, 12, 13, 14, 15, 16];
  const rowOffset = (base: number) => [...get(base), ...get(r), ...get(bytes), I32_MUL, I32_ADD];
  const at = (base: number) => [...get(base), ...get(j), I32_ADD];
  const hsum = (v: number) => [
    ...get(v),
    ...lane(0),
    ...get(v),
    ...lane(1),
    F32_ADD,
    ...get(v),
    ...lane(2),
    F32_ADD,
    ...get(v),
    ...lane(3),
    F32_ADD,
  ];
  const zero = [...splat(0), ...set(acc)];
  const row = [
    ...rowOffset(out),
    ...set(dst),
    ...rowOffset(x),
    ...set(src),
    // With a residual: dst ← x + res, and normalise dst in place.
    ...get(res),
    ...[0x04, 0x40], // if
    ...loop(j, bytes, 16, [...at(dst), ...at(src), ...v128Load, ...rowOffset(res), ...get(j), I32_ADD, ...v128Load, ...vAdd, ...v128Store]),
    ...get(dst),
    ...set(src),
    0x0b,
    // mean
    ...zero,
    ...i32c(0),
    ...set(j),
    ...loop(j, bytes, 16, [...get(acc), ...at(src), ...v128Load, ...vAdd, ...set(acc)]),
    ...hsum(acc),
    ...get(h),
    F32_CONVERT_I32_U,
    F32_DIV,
    ...set(mean),
    ...get(mean),
    ...simd(0x13),
    ...set(m),
    // variance, then 1/√(var + eps)
    ...zero,
    ...i32c(0),
    ...set(j),
    ...loop(j, bytes, 16, [
      ...at(src),
      ...v128Load,
      ...get(m),
      ...vSub,
      ...set(s),
      ...get(acc),
      ...get(s),
      ...get(s),
      ...vMul,
      ...vAdd,
      ...set(acc),
    ]),
    ...f32c(1),
    ...hsum(acc),
    ...get(h),
    F32_CONVERT_I32_U,
    F32_DIV,
    ...f32c(0),
    F32_MAX,
    ...get(eps),
    F32_ADD,
    F32_SQRT,
    F32_DIV,
    ...simd(0x13),
    ...set(s),
    // dst ← (v − mean)·inv·w + b
    ...i32c(0),
    ...set(j),
    ...loop(j, bytes, 16, [
      ...at(dst),
      ...at(src),
      ...v128Load,
      ...get(m),
      ...vSub,
      ...get(s),
      ...vMul,
      ...at(w),
      ...v128Load,
      ...vMul,
      ...at(b),
      ...v128Load,
      ...vAdd,
      ...v128Store,
    ]),
    ...i32c(0),
    ...set(j),
  ];
  return [
    ...vec([
      [5, I32],
      [1, F32],
      [3, V128],
    ]),
    ...get(h),
    ...i32c(4),
    I32_MUL,
    ...set(bytes),
    ...i32c(0),
    ...set(r),
    ...i32c(0),
    ...set(j),
    ...loop(r, rows, 1, row),
    0x0b,
  ];
}

function columnSumsBody(): number[] {
  // params: x 0, out 1, rows 2, cols 3; locals: r 4, j 5, bytes 6, vectorBytes 7, src 8 (i32)
  const [x, out, rows, cols, r, j, bytes, vectorBytes, src] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const at = (base: number) => [...get(base), ...get(j), I32_ADD];
  const row = [
    ...i32c(0),
    ...set(j),
    // out[j..j+3] += src[j..j+3] over the columns that fill whole vectors, then one float at a time.
    ...loop(j, vectorBytes, 16, [...at(out), ...at(out), ...v128Load, ...at(src), ...v128Load, ...vAdd, ...v128Store]),
    ...loop(j, bytes, 4, [...at(out), ...at(out), ...f32Load, ...at(src), ...f32Load, F32_ADD, ...f32Store]),
    ...get(src),
    ...get(bytes),
    I32_ADD,
    ...set(src),
  ];
  return [
    ...vec([[5, I32]]),
    ...get(cols),
    ...i32c(4),
    I32_MUL,
    ...set(bytes),
    ...get(cols),
    ...i32c(4),
    I32_MUL,
    ...i32c(-16), // the bytes of whole 4-float vectors
    I32_AND,
    ...set(vectorBytes),
    ...i32c(0),
    ...set(j),
    ...loop(j, bytes, 4, [...at(out), ...f32c(0), ...f32Store]),
    ...get(x),
    ...set(src),
    ...i32c(0),
    ...set(r),
    ...loop(r, rows, 1, row),
    0x0b,
  ];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const funcType = (params: number[]) => [0x60, ...vec(params.map((p) => [p])), 0x00];
  const code = (body: number[]) => [...uleb(body.length), ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([funcType([I32, I32, I32]), funcType([I32, I32, I32, I32, I32, I32, I32, F32]), funcType([I32, I32, I32, I32])])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x00]])), // memory, limits: min 0, no max
    ...section(3, vec([[0], [1], [2], [2]])),
    ...section(
      7,
      vec([
        [...name('gelu'), 0x00, 0],
        [...name('layerNorm'), 0x00, 1],
        [...name('columnSums'), 0x00, 2],
        [...name('geluGrad'), 0x00, 3],
      ]),
    ),
    ...section(10, vec([code(geluBody()), code(layerNormBody()), code(columnSumsBody()), code(geluGradBody())])),
  ]);
}

/** The kernels bound to this backend's memory, or undefined where it is not exported or wasm SIMD is missing. */
export function simdKernels(backend: WasmBackendInternals): SimdKernels | undefined {
  return instantiateOnHeap(backend, 'simdKernels', moduleBytes) as SimdKernels | undefined;
}
