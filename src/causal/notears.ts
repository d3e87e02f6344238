// Linear NOTEARS (Zheng et al. 2018): a DAG as a continuous optimisation, with plain arrays in and out (pure: the
// TF.js covariance and objective come in as a `NotearsEngine` from ml/causal/notears.ts).
/*
 * minimise ½·tr((I−W)ᵀ S (I−W)) + λ‖W‖₁  subject to  h(W) = tr(exp(W∘W)) − d = 0,
 * where S = XᵀX/n of the centred raw data (the reference implementation's l2 loss ½n‖X − XW‖²; standardising
 * would hide the variance order the method relies on). The loss depends on the data only through S — the only O(n)
 * step: one TF.js matMul when an engine is given (the app and the CLI give one), a float64 loop otherwise. Then the
 * reference algorithm, step for step: W = W⁺ − W⁻ with W± ≥ 0 (diagonals fixed at 0) so λ‖W‖₁ = λ·Σ(W⁺ + W⁻) is
 * smooth; augmented Lagrangian with ρ ×10 until h drops by 4×, α += ρh, h_tol 1e-8, ρ ≤ 1e16; each inner problem
 * solved by bound-constrained L-BFGS from the last accepted point; |w| < 0.3 dropped at the end.
 *
 * The inner objective runs in float64 by default. It is O(d³) per evaluation on a d×d matrix (a 20-variable
 * problem is ~10⁵ flops), so its cost is kernel-launch latency, not arithmetic; and float32 cannot resolve the
 * objective's decrease once ρ·h² is ~1e-9 of the loss, so the augmented Lagrangian stalls short of h_tol.
 * `inner: 'tfjs'` evaluates it with the engine's TF.js objective instead (WebGPU, WebGL, wasm), for large d.
 */
import { collinearityWarnings, tooFewRows } from './dataChecks';
import { minimizeBox } from './lbfgsb';
import { yieldToEvents } from '../lib/progress';

/** The smooth parts' evaluator for one S (see `float64Parts`); `dispose` frees what it holds (tensors). */
export interface SmoothEvaluator {
  parts(W: Float64Array): SmoothParts | Promise<SmoothParts>;
  dispose(): void;
}

/**
 * NOTEARS's two heavy steps on an accelerator, injected so that causal/ never imports TF.js: the covariance of the
 * prepared row-major n×d matrix, and the objective for `inner: 'tfjs'`. ml/causal/notears.ts provides the TF.js one.
 */
export interface NotearsEngine {
  covariance(x: Float32Array, n: number, d: number): Promise<Float64Array>;
  objective(S: Float64Array, d: number): SmoothEvaluator;
}

export interface NotearsOptions {
  lambda1?: number;
  /** Edges with |w| below this are dropped from the returned graph (the paper's 0.3). */
  wThreshold?: number;
  /** Stop once h(W) ≤ hTol (the reference's 1e-8). */
  hTol?: number;
  rhoMax?: number;
  maxOuter?: number;
  /** L-BFGS iterations per inner problem (at most). */
  maxInnerIterations?: number;
  /** Where the inner objective is evaluated: float64 JavaScript (default) or the engine's TF.js objective. */
  inner?: 'float64' | 'tfjs';
  /** Covariance and TF.js objective on an accelerator; without it both run in float64 JavaScript ('tfjs' refused). */
  engine?: NotearsEngine;
  /**
   * Background knowledge as bounds: allowed[i][j] false holds W[i][j] at 0 (tiers, forbidden edges, the reverse of
   * a required edge); see `resolveKnowledge`.
   */
  allowed?: readonly (readonly boolean[])[];
  /** Scale each column to unit variance first; off by default (see above). */
  standardize?: boolean;
  /** Column names, for the warnings (default x0, x1, …). */
  names?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (p: { outer: number; h: number; rho: number; loss: number }) => void;
}

export interface NotearsResult {
  /** Weighted adjacency, W[i][j] = effect of variable i on variable j, after thresholding. */
  weights: number[][];
  /** Before thresholding. */
  rawWeights: number[][];
  h: number;
  rho: number;
  outerIterations: number;
  /** L-BFGS iterations over all inner problems. */
  steps: number;
  /** Collinear columns, by name (see causal/dataChecks.ts): the graph cannot tell their edges apart. */
  warnings: string[];
}

/** Loss ½tr((I−W)ᵀS(I−W)) and h(W) with their gradients, W row-major d×d. */
export interface SmoothParts {
  loss: number;
  gLoss: Float64Array;
  h: number;
  gH: Float64Array;
}

/** `columns[j][i]` = value of variable j in row i. Throws when there are too few rows to fit anything (dataChecks.ts). */
export async function notears(columns: readonly ArrayLike<number>[], options: NotearsOptions = {}): Promise<NotearsResult> {
  const d = columns.length,
    dd = d * d;
  const o = {
    lambda1: 0.1,
    wThreshold: 0.3,
    hTol: 1e-8,
    rhoMax: 1e16,
    maxOuter: 100,
    maxInnerIterations: 15000,
    inner: 'float64' as const,
    ...options,
  };
  const few = tooFewRows('NOTEARS', columns[0]?.length ?? 0, d);
  if (few) throw new Error(few);
  const warnings = collinearityWarnings(o.names ?? columns.map((_, j) => `x${j}`), columns);
  if (o.inner === 'tfjs' && !o.engine) throw new Error('NOTEARS: inner "tfjs" needs the TF.js engine (ml/causal/notears.ts)');
  const x = centred(columns, o.standardize ?? false);
  const n = columns[0]?.length ?? 0;
  const S = o.engine ? await o.engine.covariance(x, n, d) : float64Covariance(x, n, d);
  const evaluator = o.inner === 'tfjs' && o.engine ? o.engine.objective(S, d) : float64Parts(S, d);
  const lower = new Float64Array(2 * dd);
  const upper = new Float64Array(2 * dd).fill(Infinity);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) if (i === j || o.allowed?.[i]?.[j] === false) upper[i * d + j] = upper[dd + i * d + j] = 0;
  }
  const W = new Float64Array(dd);
  const adj = (w: Float64Array) => {
    for (let k = 0; k < dd; k++) W[k] = w[k] - w[dd + k];
    return W;
  };
  let w: Float64Array = new Float64Array(2 * dd);
  let rho = 1,
    alpha = 0,
    h = Infinity,
    steps = 0,
    outer = 0,
    loss = 0;
  const aborted = () => {
    if (o.signal?.aborted) throw Object.assign(new Error('Cancelled'), { name: 'AbortError' });
  };
  try {
    for (outer = 0; outer < o.maxOuter; outer++) {
      let wNew = w,
        hNew = Infinity;
      while (rho < o.rhoMax) {
        const r = rho,
          a = alpha;
        const sol = await minimizeBox(
          async (x, g) => {
            const p = await evaluator.parts(adj(x));
            const coef = r * p.h + a;
            let l1 = 0;
            for (let k = 0; k < dd; k++) {
              const smooth = p.gLoss[k] + coef * p.gH[k];
              g[k] = smooth + o.lambda1;
              g[dd + k] = -smooth + o.lambda1;
              l1 += x[k] + x[dd + k];
            }
            return p.loss + 0.5 * r * p.h * p.h + a * p.h + o.lambda1 * l1;
          },
          w,
          { lower, upper, maxIterations: o.maxInnerIterations, onIteration: () => aborted() },
        );
        steps += sol.iterations;
        wNew = sol.x;
        const p = await evaluator.parts(adj(wNew));
        hNew = p.h;
        loss = p.loss;
        // Let a cancel message reach the worker between inner problems.
        await yieldToEvents();
        aborted();
        if (hNew > 0.25 * h) rho *= 10;
        else break;
      }
      w = wNew;
      h = hNew;
      alpha += rho * h;
      o.onProgress?.({ outer: outer + 1, h, rho, loss });
      if (h <= o.hTol || rho >= o.rhoMax) break;
    }
  } finally {
    evaluator.dispose();
  }
  const Wf = adj(w);
  const raw = Array.from({ length: d }, (_, i) => Array.from(Wf.subarray(i * d, (i + 1) * d)));
  const weights = raw.map((row) => row.map((v) => (Math.abs(v) < o.wThreshold ? 0 : v)));
  return { weights, rawWeights: raw, h, rho, outerIterations: Math.min(outer + 1, o.maxOuter), steps, warnings };
}

/** The centred (optionally standardised) columns as one row-major n×d float32 matrix, the engine's input. */
function centred(columns: readonly ArrayLike<number>[], standardize: boolean): Float32Array {
  const d = columns.length,
    n = columns[0]?.length ?? 0;
  // Centre in float64 first: float32 would lose the low digits of columns with a large mean (prices, timestamps).
  const x = new Float32Array(n * d);
  columns.forEach((c, j) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += c[i];
    m /= n || 1;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (c[i] - m) ** 2;
    const scale = standardize && ss > 0 ? 1 / Math.sqrt(ss / n) : 1;
    for (let i = 0; i < n; i++) x[i * d + j] = (c[i] - m) * scale;
  });
  return x;
}

/** S = XᵀX/n accumulated in float64 (the engine-free path). */
export function float64Covariance(x: Float32Array, n: number, d: number): Float64Array {
  const s = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let a = 0; a < d; a++) {
      const v = x[row + a];
      if (v === 0) continue;
      for (let b = a; b < d; b++) s[a * d + b] += v * x[row + b];
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) s[b * d + a] = s[a * d + b] /= n || 1;
  }
  return s;
}

/** The smooth parts in float64: ∇loss = −S(I−W), ∇h = exp(W∘W)ᵀ∘2W. */
export function float64Parts(S: Float64Array, d: number): SmoothEvaluator & { parts: (W: Float64Array) => SmoothParts } {
  const dd = d * d;
  const R = new Float64Array(dd),
    SR = new Float64Array(dd),
    A = new Float64Array(dd);
  const gLoss = new Float64Array(dd),
    gH = new Float64Array(dd);
  return {
    dispose: () => undefined,
    parts(W) {
      for (let k = 0; k < dd; k++) R[k] = (k % (d + 1) === 0 ? 1 : 0) - W[k];
      matMul(S, R, SR, d);
      let loss = 0;
      for (let k = 0; k < dd; k++) {
        loss += R[k] * SR[k];
        gLoss[k] = -SR[k];
        A[k] = W[k] * W[k];
      }
      const F = expmMinusI(A, d);
      let h = 0;
      for (let i = 0; i < d; i++) h += F[i * d + i];
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) gH[i * d + j] = 2 * W[i * d + j] * (F[j * d + i] + (i === j ? 1 : 0));
      return { loss: 0.5 * loss, gLoss, h, gH };
    },
  };
}

function matMul(a: Float64Array, b: Float64Array, out: Float64Array, d: number): Float64Array {
  out.fill(0);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      const v = a[i * d + k];
      if (v === 0) continue;
      for (let j = 0; j < d; j++) out[i * d + j] += v * b[k * d + j];
    }
  }
  return out;
}

/**
 * exp(A) − I for A ≥ 0 elementwise, by scaling and squaring: a degree-12 Taylor core on B = A/2^s (‖B‖∞ ≤ ½),
 * then s doublings via exp(2B) − I = F² + 2F. Every term is non-negative, so h = tr(F) keeps full relative
 * precision near 0 where tr(exp(A)) − d would cancel to noise.
 */
export function expmMinusI(a: Float64Array, d: number): Float64Array {
  let norm = 0;
  for (let i = 0; i < d; i++) {
    let row = 0;
    for (let j = 0; j < d; j++) row += Math.abs(a[i * d + j]);
    norm = Math.max(norm, row);
  }
  const s = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  const b = a.map((v) => v / 2 ** s);
  // Horner: F = B(I + B/2(I + B/3(… (I + B/12)))).
  const t = new Float64Array(d * d);
  for (let i = 0; i < d; i++) t[i * d + i] = 1;
  const tmp = new Float64Array(d * d);
  for (let k = 12; k >= 2; k--) {
    matMul(b, t, tmp, d);
    for (let x = 0; x < d * d; x++) t[x] = tmp[x] / k + (x % (d + 1) === 0 ? 1 : 0);
  }
  let f = matMul(b, t, new Float64Array(d * d), d);
  for (let k = 0; k < s; k++) {
    matMul(f, f, tmp, d);
    for (let x = 0; x < d * d; x++) tmp[x] += 2 * f[x];
    f = tmp.slice();
  }
  return f;
}

/**
 * Edges of a thresholded weight matrix. Thresholding can leave a cycle when h stopped slightly above 0; the
 * weakest edge on each cycle is then dropped, so callers always get a DAG. `required[i][j]` keeps i→j whatever its
 * weight (the analyst asserted it; it is never the one dropped).
 */
export function weightsToEdges(
  names: readonly string[],
  weights: readonly (readonly number[])[],
  required?: readonly (readonly boolean[])[],
): { from: string; to: string; weight: number }[] {
  const edges: { from: number; to: number; weight: number; required: boolean }[] = [];
  weights.forEach((row, i) =>
    row.forEach((w, j) => {
      const req = required?.[i]?.[j] === true;
      if ((w !== 0 || req) && i !== j) edges.push({ from: i, to: j, weight: w, required: req });
    }),
  );
  edges.sort((a, b) => Number(b.required) - Number(a.required) || Math.abs(b.weight) - Math.abs(a.weight));
  const kept: typeof edges = [];
  const reaches = (from: number, to: number): boolean => {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length) {
      const v = stack.pop()!;
      if (v === to) return true;
      for (const e of kept) {
        if (e.from !== v || seen.has(e.to)) continue;
        seen.add(e.to);
        stack.push(e.to);
      }
    }
    return false;
  };
  for (const e of edges) if (!reaches(e.to, e.from)) kept.push(e);
  return kept.map((e) => ({ from: names[e.from], to: names[e.to], weight: e.weight }));
}

/** The graph NOTEARS found, with required edges kept at their unthresholded weight. */
export function notearsEdges(
  names: readonly string[],
  r: NotearsResult,
  required?: readonly (readonly boolean[])[],
): { from: string; to: string; weight: number }[] {
  const w = r.weights.map((row, i) => row.map((v, j) => (v === 0 && required?.[i]?.[j] ? r.rawWeights[i][j] : v)));
  return weightsToEdges(names, w, required);
}
