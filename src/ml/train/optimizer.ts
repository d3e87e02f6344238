// AdamW (decoupled weight decay, Loshchilov & Hutter) and global-norm gradient clipping over named tf.Variables.
import * as tf from '@tensorflow/tfjs';
import { globalNorm } from '../manyInputs';

export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  weightDecay?: number;
  /** Variables (by name) exempt from weight decay: HF convention is biases and LayerNorm weights. */
  noDecay?: Set<string>;
}

export interface AdamW {
  /** Apply one update with the given learning rate; grads are keyed by variable name. */
  apply(grads: tf.NamedTensorMap, lr: number): void;
  dispose(): void;
}

/** Moment buffers are created once, up front, so the tensor count stays flat across steps. */
export function adamW(vars: tf.Variable[], opts: AdamWOptions = {}): AdamW {
  const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 0.01, noDecay = new Set<string>() } = opts;
  // tidy frees the zeros once the variable holds its own reference to the data.
  const zeros = (v: tf.Variable) => tf.tidy(() => tf.variable(tf.zerosLike(v), false));
  const m = new Map(vars.map((v) => [v.name, zeros(v)]));
  const s = new Map(vars.map((v) => [v.name, zeros(v)]));
  let t = 0;
  return {
    apply(grads, lr) {
      t++;
      const c1 = 1 - beta1 ** t;
      const c2 = 1 - beta2 ** t;
      tf.tidy(() => {
        for (const v of vars) {
          const g = grads[v.name];
          if (!g) continue;
          const mv = m.get(v.name)!;
          const sv = s.get(v.name)!;
          mv.assign(mv.mul(beta1).add(g.mul(1 - beta1)));
          sv.assign(sv.mul(beta2).add(g.square().mul(1 - beta2)));
          let update = mv.div(c1).div(sv.div(c2).sqrt().add(epsilon));
          // Decoupled: decay acts on the weights directly, not through the adaptive gradient.
          if (weightDecay > 0 && !noDecay.has(v.name)) update = update.add(v.mul(weightDecay));
          v.assign(v.sub(update.mul(lr)));
        }
      });
    },
    dispose() {
      tf.dispose([...m.values(), ...s.values()]);
    },
  };
}

/**
 * Scale all gradients by min(1, maxNorm / globalNorm), entirely on the device (no sync read), so a training
 * step never stalls mid-way. Returns new tensors, including the norm before clipping; the caller disposes them.
 */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): { grads: tf.NamedTensorMap; norm: tf.Scalar } {
  return tf.tidy(() => {
    // Not one tf.addN over every gradient: past 7 inputs a WebGPU kernel is invalid and reads as 0 (manyInputs.ts).
    const norm = globalNorm(Object.values(grads));
    const scale = tf.minimum(1, tf.div(maxNorm, norm.add(1e-6)));
    const out: tf.NamedTensorMap = {};
    for (const [k, g] of Object.entries(grads)) out[k] = g.mul(scale);
    return { grads: out, norm };
  });
}
