// Linear NOTEARS (Zheng et al. 2018) on TF.js: a DAG as a continuous optimisation, with plain arrays in and out.
/*
 * minimise ½·tr((I−W)ᵀ S (I−W)) + λ‖W‖₁  subject to  h(W) = tr(exp(W∘W)) − d = 0,
 * where S = XᵀX/n of the centred data: the least-squares loss ½n‖X − XW‖² depends on the data only through S, so
 * the optimisation costs the same for 1,000 or 1,000,000 rows. The constraint is handled by the augmented
 * Lagrangian of the paper (ρ ×10 until h drops by 4×, α += ρh). The inner problems are solved with TF.js Adam on
 * W = W⁺ − W⁻ with W± ≥ 0 (projected after each step), which makes the L1 term smooth as in the paper's L-BFGS-B
 * formulation. exp is computed by scaling and squaring with a Taylor core, so autodiff gives ∇h = exp(W∘W)ᵀ∘2W.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../lib/rng';

export interface NotearsOptions {
  lambda1?: number;
  /** Edges with |w| below this are dropped from the returned graph (the paper's 0.3). */
  wThreshold?: number;
  /** Stop once h(W) ≤ hTol (default 1e-7, see below). */
  hTol?: number;
  rhoMax?: number;
  maxOuter?: number;
  /** Adam steps per inner problem (at most); it stops earlier once the objective settles. */
  maxInnerSteps?: number;
  learningRate?: number;
  seed?: number;
  /** Scale each column to unit variance first; off by default because it hides the variance order NOTEARS relies on. */
  standardize?: boolean;
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
  steps: number;
}

/** `columns[j][i]` = value of variable j in row i. */
export async function notears(columns: readonly ArrayLike<number>[], options: NotearsOptions = {}): Promise<NotearsResult> {
  const d = columns.length;
  const cov = covariance(columns, options.standardize ?? false);
  const o = { lambda1: 0.1, wThreshold: 0.3, hTol: 1e-7, rhoMax: 1e14, maxOuter: 100, maxInnerSteps: 3000, learningRate: 0.02, seed: 0, ...options };
  const rng = createRng(o.seed);
  const init = () => Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 0 : 1e-3 * rng.next())));
  const S = tf.tensor2d(cov);
  const eye = tf.eye(d);
  const mask = tf.sub(1, eye);
  const variable = () => {
    const t = tf.tensor2d(init());
    const v = tf.variable(t);
    t.dispose(); // the variable holds its own reference to the data
    return v;
  };
  const wp = variable();
  const wn = variable();
  let rho = 1, alpha = 0, h = Infinity, steps = 0, outer = 0;
  const weightOf = () => tf.mul(tf.sub(wp, wn), mask) as tf.Tensor2D;
  const squaringsFor = (w: number[][]) => Math.max(0, Math.ceil(Math.log2(Math.max(...w.map((row) => row.reduce((s, v) => s + v * v, 0))) + 1e-12)) + 2);
  const hValue = () => tf.tidy(() => {
    const w = weightOf();
    return tf.sum(tf.mul(expmMinusI(tf.mul(w, w), squaringsFor(w.arraySync()), eye), eye)).dataSync()[0];
  });
  const lossValue = () => tf.tidy(() => {
    const r = tf.sub(eye, weightOf());
    return tf.mul(0.5, tf.sum(tf.mul(r, tf.matMul(S, r)))).dataSync()[0];
  });
  // Adam on analytic gradients (∇loss = −S(I−W), ∇h = 2W∘exp(W∘W)ᵀ) launches a third of the kernels autodiff would,
  // and kernel launches are what a 20×20 problem costs on wasm. A phase stops once the objective changes < 1e-7
  // (relative) over 50 steps.
  // hTol is 1e-7, not the paper's 1e-8: in float32 Adam cannot push h much lower without ρ ≥ 1e12 crushing the fit.
  try {
    for (outer = 0; outer < o.maxOuter; outer++) {
      let hNew = Infinity;
      const start = [wp.arraySync(), wn.arraySync()];
      while (rho < o.rhoMax) {
        tf.tidy(() => {
          wp.assign(tf.tensor2d(start[0]));
          wn.assign(tf.tensor2d(start[1]));
        });
        steps += await solveInner();
        hNew = hValue();
        if (hNew > 0.25 * h) rho *= 10;
        else break;
      }
      h = hNew;
      alpha += rho * h;
      o.onProgress?.({ outer: outer + 1, h, rho, loss: lossValue() });
      if (h <= o.hTol || rho >= o.rhoMax) break;
    }
    const raw = tf.tidy(() => weightOf().arraySync());
    const weights = raw.map((row) => row.map((v) => (Math.abs(v) < o.wThreshold ? 0 : v)));
    return { weights, rawWeights: raw, h, rho, outerIterations: outer + 1, steps };
  } finally {
    tf.dispose([S, eye, mask, wp, wn]);
  }

  async function solveInner(): Promise<number> {
    // Adam with a constant rate jitters by about the rate, which alone keeps h near 1e-6; three phases with the
    // rate cut 4× each let the weights settle so h can reach its tolerance without ρ running away.
    let total = 0;
    for (const scale of [1, 0.25, 0.0625]) total += await adamPhase(o.learningRate * scale, Math.ceil(o.maxInnerSteps / 3));
    return total;
  }

  async function adamPhase(rate: number, maxSteps: number): Promise<number> {
    const optimizer = tf.train.adam(rate);
    let prev = Infinity, squarings = squaringsFor(tf.tidy(() => weightOf().arraySync()));
    let k = 0;
    try {
      for (k = 1; k <= maxSteps; k++) {
        const check = k % 50 === 0;
        const objective: tf.Tensor | undefined = tf.tidy(() => {
          const w = weightOf();
          const r = tf.sub(eye, w);
          const sr = tf.matMul(S, r);
          const f = expmMinusI(tf.mul(w, w), squarings, eye);
          const hv = tf.sum(tf.mul(f, eye));
          const coef = tf.add(tf.mul(rho, hv), alpha);
          const g = tf.mul(tf.add(tf.neg(sr), tf.mul(coef, tf.mul(tf.mul(2, w), tf.transpose(tf.add(f, eye))))), mask);
          optimizer.applyGradients({ [wp.name]: tf.add(g, o.lambda1), [wn.name]: tf.sub(o.lambda1, g) });
          wp.assign(tf.relu(wp));
          wn.assign(tf.relu(wn));
          if (!check) return undefined as unknown as tf.Tensor;
          const l1 = tf.mul(o.lambda1, tf.add(tf.sum(wp), tf.sum(wn)));
          return tf.keep(tf.addN([tf.mul(0.5, tf.sum(tf.mul(r, sr))), tf.mul(0.5 * rho, tf.square(hv)), tf.mul(alpha, hv), l1]));
        });
        if (!objective) continue;
        const v = (await objective.data())[0];
        objective.dispose();
        if (o.signal?.aborted) throw Object.assign(new Error('Cancelled'), { name: 'AbortError' });
        squarings = squaringsFor(tf.tidy(() => weightOf().arraySync()));
        if (Math.abs(prev - v) <= 1e-7 * Math.max(1, Math.abs(v))) break;
        prev = v;
      }
    } finally {
      optimizer.dispose();
    }
    return Math.min(k, maxSteps);
  }
}

/**
 * exp(A) − I by scaling and squaring: a degree-8 Taylor core on B = A/2^s (‖B‖ ≤ ¼), then s doublings via
 * exp(2B) − I = F² + 2F. Working with F = exp − I keeps h = tr(F) accurate in float32, where tr(exp) − d would
 * cancel to noise near 1e-6 and stall the augmented Lagrangian.
 */
function expmMinusI(a: tf.Tensor2D, squarings: number, eye: tf.Tensor2D): tf.Tensor2D {
  const b = tf.mul(a, 1 / 2 ** squarings) as tf.Tensor2D;
  let t: tf.Tensor2D = eye;
  for (let k = 8; k >= 2; k--) t = tf.add(eye, tf.mul(tf.matMul(b, t), 1 / k));
  let f: tf.Tensor2D = tf.matMul(b, t);
  for (let s = 0; s < squarings; s++) f = tf.add(tf.matMul(f, f), tf.mul(f, 2)) as tf.Tensor2D;
  return f;
}

function covariance(columns: readonly ArrayLike<number>[], standardize: boolean): number[][] {
  const d = columns.length, n = columns[0]?.length ?? 0;
  const centred = columns.map((c) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += c[i];
    m /= n || 1;
    const out = new Float64Array(n);
    let ss = 0;
    for (let i = 0; i < n; i++) {
      out[i] = c[i] - m;
      ss += out[i] * out[i];
    }
    const sd = Math.sqrt(ss / (n || 1));
    if (standardize && sd > 0) for (let i = 0; i < n; i++) out[i] /= sd;
    return out;
  });
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += centred[a][i] * centred[b][i];
      cov[a][b] = cov[b][a] = s / (n || 1);
    }
  }
  return cov;
}

/**
 * Edges of a thresholded weight matrix. Thresholding can leave a cycle when h stopped slightly above 0; the
 * weakest edge on each cycle is then dropped, so callers always get a DAG.
 */
export function weightsToEdges(names: readonly string[], weights: readonly (readonly number[])[]): { from: string; to: string; weight: number }[] {
  const edges: { from: number; to: number; weight: number }[] = [];
  weights.forEach((row, i) => row.forEach((w, j) => w !== 0 && i !== j && edges.push({ from: i, to: j, weight: w })));
  edges.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
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
