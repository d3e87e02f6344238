// Bound-constrained limited-memory BFGS (projected, two-metric): the inner solver of NOTEARS, in float64.
/*
 * Not Byrd–Lu–Nocedal's generalized-Cauchy-point L-BFGS-B, but the simpler two-metric projection scheme that works
 * well for box constraints such as NOTEARS's w ≥ 0 (Bertsekas 1982; Schmidt's minConf_TMP): variables at a bound
 * whose gradient pushes outward are held, the L-BFGS direction is computed on the others, and a backtracking
 * line search runs along the projected path. Stopping rules follow SciPy's L-BFGS-B defaults (m = 10,
 * ftol = 2.2e-9 relative decrease, pgtol = 1e-5 on the projected gradient).
 */

export interface BoxOptions {
  /** Per-variable bounds; ±Infinity for none. Equal bounds fix a variable. */
  lower?: Float64Array;
  upper?: Float64Array;
  memory?: number;
  maxIterations?: number;
  /** Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol. */
  ftol?: number;
  /** Stop when the projected gradient's largest entry is ≤ pgtol. */
  pgtol?: number;
  /** Called after every accepted step; throw from it to abort. */
  onIteration?: (iteration: number, f: number) => void;
}

export interface BoxResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  reason: 'pgtol' | 'ftol' | 'maxIterations' | 'lineSearch';
}

/**
 * f(x) and its gradient written into `grad`. It may be async: a GPU evaluation has to wait for its read-back
 * (TF.js's synchronous read is not reliable on WebGPU).
 */
export type Objective = (x: Float64Array, grad: Float64Array) => number | Promise<number>;

export async function minimizeBox(fg: Objective, x0: ArrayLike<number>, options: BoxOptions = {}): Promise<BoxResult> {
  const n = x0.length;
  const lo = options.lower ?? new Float64Array(n).fill(-Infinity);
  const hi = options.upper ?? new Float64Array(n).fill(Infinity);
  const m = options.memory ?? 10,
    maxIt = options.maxIterations ?? 15000;
  const ftol = options.ftol ?? 2.220446049250313e-9,
    pgtol = options.pgtol ?? 1e-5;
  const project = (v: Float64Array) => {
    for (let i = 0; i < n; i++) v[i] = Math.min(hi[i], Math.max(lo[i], v[i]));
    return v;
  };
  const x = project(Float64Array.from(x0));
  const g = new Float64Array(n);
  let f = await fg(x, g);
  let evaluations = 1;
  const S: Float64Array[] = [],
    Y: Float64Array[] = [],
    RHO: number[] = [];
  const d = new Float64Array(n),
    xNew = new Float64Array(n),
    gNew = new Float64Array(n);
  const held = new Uint8Array(n);
  const alphas = new Float64Array(m);
  let reason: BoxResult['reason'] = 'maxIterations';
  let it = 0;
  for (; it < maxIt; it++) {
    // Projected gradient: zero where a bound blocks the descent direction.
    let pg = 0;
    for (let i = 0; i < n; i++) {
      const atLo = x[i] <= lo[i] && g[i] > 0,
        atHi = x[i] >= hi[i] && g[i] < 0;
      held[i] = lo[i] === hi[i] || atLo || atHi ? 1 : 0;
      if (!held[i]) pg = Math.max(pg, Math.abs(g[i]));
    }
    if (pg <= pgtol) {
      reason = 'pgtol';
      break;
    }
    // Two-loop recursion on the free variables.
    for (let i = 0; i < n; i++) d[i] = held[i] ? 0 : -g[i];
    for (let k = S.length - 1; k >= 0; k--) {
      let a = 0;
      for (let i = 0; i < n; i++) if (!held[i]) a += S[k][i] * d[i];
      a *= RHO[k];
      alphas[k] = a;
      for (let i = 0; i < n; i++) if (!held[i]) d[i] -= a * Y[k][i];
    }
    if (S.length) {
      const k = S.length - 1;
      let sy = 0,
        yy = 0;
      for (let i = 0; i < n; i++) {
        sy += S[k][i] * Y[k][i];
        yy += Y[k][i] * Y[k][i];
      }
      const gamma = sy / yy;
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let k = 0; k < S.length; k++) {
      let b = 0;
      for (let i = 0; i < n; i++) if (!held[i]) b += Y[k][i] * d[i];
      b *= RHO[k];
      for (let i = 0; i < n; i++) if (!held[i]) d[i] += S[k][i] * (alphas[k] - b);
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i] * d[i];
    if (!(slope < 0)) {
      // Not a descent direction (stale curvature after the free set changed): restart from steepest descent.
      S.length = Y.length = RHO.length = 0;
      for (let i = 0; i < n; i++) d[i] = held[i] ? 0 : -g[i];
    }
    // First step of a fresh memory: unit length, as SciPy's L-BFGS-B does.
    let t = 1;
    if (!S.length) {
      let norm = 0;
      for (let i = 0; i < n; i++) norm += d[i] * d[i];
      t = Math.min(1, 1 / Math.sqrt(norm));
    }
    let fNew = Infinity,
      accepted = false;
    for (let ls = 0; ls < 40; ls++) {
      let decrease = 0;
      for (let i = 0; i < n; i++) xNew[i] = x[i] + t * d[i];
      project(xNew);
      for (let i = 0; i < n; i++) decrease += g[i] * (xNew[i] - x[i]);
      fNew = await fg(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      // Quadratic interpolation along the (unprojected) ray, safeguarded to [0.1, 0.5]·t.
      const q = Number.isFinite(fNew) ? (-decrease * t) / (2 * (fNew - f - decrease)) : 0.1 * t;
      t = Math.min(0.5 * t, Math.max(0.1 * t, q));
    }
    if (!accepted) {
      if (S.length) {
        // Retry once from steepest descent before giving up.
        S.length = Y.length = RHO.length = 0;
        continue;
      }
      reason = 'lineSearch';
      break;
    }
    const s = new Float64Array(n),
      y = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
      sy += s[i] * y[i];
    }
    let yy = 0;
    for (let i = 0; i < n; i++) yy += y[i] * y[i];
    // Skip pairs without positive curvature (SciPy's test: sᵀy > eps·yᵀy).
    if (sy > 2.2e-16 * yy) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        RHO.shift();
      }
      S.push(s);
      Y.push(y);
      RHO.push(1 / sy);
    }
    const fOld = f;
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    options.onIteration?.(it + 1, f);
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol) {
      reason = 'ftol';
      it++;
      break;
    }
  }
  return { x, f, iterations: it, evaluations, reason };
}
