// AdamW (decoupled weight decay, Loshchilov & Hutter) and global-norm gradient clipping over named tf.Variables.
// The update runs over ONE flat buffer (every variable's gradient, moments and weights end to end): a fixed handful
// of kernels per step however many variables there are, where one chain per variable cost 16 kernels each (#23).
// On a GPU every kernel has a fixed launch cost, so a small model's step was mostly optimizer launches. On wasm the
// update itself is one SIMD pass per variable (adamwKernel.ts), the same float32 operations as the kernels below.
import * as tf from '@tensorflow/tfjs';
import { globalNorm } from '../manyInputs';
import { adamWOnHeap } from './adamwKernel';
import { clipOnHeap, flattenOnHeap } from './clipKernel';

export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  weightDecay?: number;
  /** Variables (by name) exempt from weight decay: HF convention is biases and LayerNorm weights. */
  noDecay?: Set<string>;
}

/** Gradients laid end to end in the optimizer's variable order (see AdamW.flatten). */
export interface FlatGrads {
  values: tf.Tensor1D;
  /** Variables that had no gradient (zeros in `values`): the update leaves their weights and moments untouched. */
  missing: readonly string[];
  /** Σ values², where flatten took it on the way (wasm): clipFlat then needs no pass of its own for the norm. */
  squares?: number;
}

export interface AdamW {
  /** Apply one update with the given learning rate; grads are keyed by variable name. */
  apply(grads: tf.NamedTensorMap, lr: number): void;
  /** The gradients as one flat vector (one concat); a new tensor the caller disposes. */
  flatten(grads: tf.NamedTensorMap): FlatGrads;
  /** Apply one update from flat gradients (flatten's layout). */
  applyFlat(grads: FlatGrads, lr: number): void;
  dispose(): void;
}

/** Moment buffers are created once, up front, so the tensor count stays flat across steps. */
export function adamW(vars: tf.Variable[], opts: AdamWOptions = {}): AdamW {
  const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 0.01, noDecay = new Set<string>() } = opts;
  const sizes = vars.map((v) => v.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  // Filled range by range: a JS array of one number per parameter first took 0.34–0.39 s on Beauty's 3.6M parameters (6 ms now).
  const flatOf = (perVar: (v: tf.Variable, i: number) => number) => {
    const flat = new Float32Array(total);
    let offset = 0;
    vars.forEach((v, i) => flat.fill(perVar(v, i), offset, (offset += v.size)));
    return flat;
  };
  // tidy frees the zeros once the variable holds its own reference to the data.
  const zeros = () => tf.tidy(() => tf.variable(tf.zeros([total]), false));
  const m = zeros();
  const s = zeros();
  // Each variable's weight decay: weightDecay where it decays, 0 where it is exempt (update + w·0 = update); null when
  // none decays. The composed path reads it per element, from a buffer made the first time it runs.
  const decays =
    weightDecay > 0 && vars.some((v) => !noDecay.has(v.name)) ? vars.map((v) => (noDecay.has(v.name) ? 0 : weightDecay)) : null;
  let decay: tf.Tensor1D | null = null;
  const decayPerElement = () => {
    if (decays && !decay) decay = tf.keep(tf.tensor1d(flatOf((_, i) => decays[i])));
    return decay;
  };
  // 1 where a variable had a gradient, per distinct set of missing ones (rare: a part of the model the loss skipped).
  const presentMasks = new Map<string, tf.Tensor1D>();
  const presentMask = (missing: readonly string[]) => {
    const key = missing.join('\u0000');
    let mask = presentMasks.get(key);
    if (!mask) {
      const gone = new Set(missing);
      // Kept: it is made inside applyFlat's tidy and reused by later steps.
      mask = tf.keep(
        tf.tensor1d(
          flatOf((v) => (gone.has(v.name) ? 0 : 1)),
          'bool',
        ),
      );
      presentMasks.set(key, mask);
    }
    return mask;
  };
  // Each variable's positions in the flat buffer, as gatherND indices [size, 1]. Not tf.split: the wasm backend's Slice
  // copies its whole input on every call (readSync), so splitting 38 variables out of the buffer copied it 38 times
  // (30 ms of a 270 ms SASRec step); a gather reads only what it outputs (measured 0.9 ms against 3.6–15 ms).
  const picks = vars.length > 1 ? positions(sizes) : [];
  let t = 0;
  const flatten = (grads: tf.NamedTensorMap): FlatGrads => {
    const missing = vars.filter((v) => !grads[v.name]).map((v) => v.name);
    if (missing.length === vars.length) return { values: tf.zeros([total]), missing };
    // On wasm, one copy that also sums the squares for clipFlat (clipKernel.ts).
    const onHeap =
      vars.length > 1
        ? flattenOnHeap(
            vars.map((v) => grads[v.name] ?? null),
            sizes,
          )
        : undefined;
    if (onHeap) return { ...onHeap, missing };
    // tf.concat splits past a backend's input limit itself (WebGPU: 7 storage buffers), unlike tf.addN (manyInputs.ts).
    const values = tf.tidy(() =>
      vars.length === 1
        ? (grads[vars[0].name] ?? tf.zeros([total])).reshape([-1]).clone()
        : tf.concat(vars.map((v) => (grads[v.name] ?? tf.zeros([v.size])).reshape([-1]))),
    ) as tf.Tensor1D;
    return { values, missing };
  };
  const applyFlat = (grads: FlatGrads, lr: number) => {
    if (vars.length === 0 || grads.missing.length === vars.length) return;
    t++;
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    tf.tidy(() => {
      const g = grads.values;
      // On wasm one pass per variable, the same operations in the same order (adamwKernel.ts); not with missing
      // gradients (rare), where the composed ops below keep those variables as they are.
      const onHeap = grads.missing.length ? undefined : adamWOnHeap(g, m, s, vars, decays, { beta1, beta2, epsilon, c1, c2, lr });
      if (onHeap) {
        // (m and s were updated in place)
        vars.forEach((v, i) => v.assign(onHeap.weights[i]));
        return;
      }
      const decay = decayPerElement();
      const w = vars.length === 1 ? vars[0].reshape([-1]) : tf.concat(vars.map((v) => v.reshape([-1])));
      // Element-wise the same operations, in the same order, as the per-variable form (train.test.ts checks it).
      let mNext = m.mul(beta1).add(g.mul(1 - beta1));
      let sNext = s.mul(beta2).add(g.square().mul(1 - beta2));
      let update = mNext.div(c1).div(sNext.div(c2).sqrt().add(epsilon));
      // Decoupled: decay acts on the weights directly, not through the adaptive gradient.
      if (decay) update = update.add(w.mul(decay));
      let wNext = w.sub(update.mul(lr));
      if (grads.missing.length) {
        const present = presentMask(grads.missing);
        mNext = tf.where(present, mNext, m);
        sNext = tf.where(present, sNext, s);
        wNext = tf.where(present, wNext, w);
      }
      m.assign(mNext);
      s.assign(sNext);
      const parts = vars.length === 1 ? [wNext] : picks.map((p) => tf.gatherND(wNext, p));
      vars.forEach((v, i) => v.assign(parts[i].reshape(v.shape)));
    });
  };
  return {
    apply(grads, lr) {
      const flat = flatten(grads);
      try {
        applyFlat(flat, lr);
      } finally {
        flat.values.dispose();
      }
    },
    flatten,
    applyFlat,
    dispose() {
      tf.dispose([m, s, ...picks, ...(decay ? [decay as tf.Tensor1D] : []), ...presentMasks.values()]);
    },
  };
}

/** Index ranges [offset, offset + size) of consecutive pieces, as [size, 1] int32 tensors. */
function positions(sizes: readonly number[]): tf.Tensor2D[] {
  let offset = 0;
  return sizes.map((size) => {
    const at = tf.tidy(() => tf.range(offset, offset + size, 1, 'int32').reshape([size, 1]) as tf.Tensor2D);
    offset += size;
    return at;
  });
}

/**
 * Scale all gradients by min(1, maxNorm / globalNorm), entirely on the device (no sync read), so a training
 * step never stalls mid-way. Returns new tensors, including the norm before clipping; the caller disposes them.
 */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): { grads: tf.NamedTensorMap; norm: tf.Scalar } {
  return tf.tidy(() => {
    // Not one tf.addN over every gradient: past 7 inputs a WebGPU kernel is invalid and reads as 0 (manyInputs.ts).
    const norm = globalNorm(Object.values(grads));
    const scale = clipScale(norm, maxNorm);
    const out: tf.NamedTensorMap = {};
    for (const [k, g] of Object.entries(grads)) out[k] = g.mul(scale);
    return { grads: out, norm };
  });
}

/**
 * clipByGlobalNorm over flat gradients: the norm is one square and one sum, the scaling one product; on wasm, passes of
 * its own (clipKernel.ts).
 */
export function clipFlat(grads: FlatGrads, maxNorm: number): { grads: FlatGrads; norm: tf.Scalar } {
  const { values, norm } =
    clipOnHeap(grads.values, maxNorm, grads.squares) ??
    tf.tidy(() => {
      const norm = grads.values.square().sum().sqrt() as tf.Scalar;
      return { values: grads.values.mul(clipScale(norm, maxNorm)) as tf.Tensor1D, norm };
    });
  return { grads: { values, missing: grads.missing }, norm };
}

function clipScale(norm: tf.Scalar, maxNorm: number): tf.Scalar {
  return tf.minimum(1, tf.div(maxNorm, norm.add(1e-6)));
}
