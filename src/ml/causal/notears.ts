// NOTEARS's TF.js engine: the covariance as one matMul and the smooth objective on the active backend (the algorithm
// itself is pure, in causal/notears.ts).
import * as tf from '@tensorflow/tfjs';
import type { NotearsEngine, SmoothEvaluator, SmoothParts } from '../../causal/notears';

export const tfjsNotearsEngine: NotearsEngine = { covariance, objective: tfjsParts };

/** S = XᵀX/n of the prepared row-major n×d matrix, as one TF.js matMul. */
async function covariance(x: Float32Array, n: number, d: number): Promise<Float64Array> {
  const s = tf.tidy(() => {
    const t = tf.tensor2d(x, [n, d]);
    return tf.div(tf.matMul(t, t, true, false), n || 1);
  });
  const data = await s.data();
  s.dispose();
  return Float64Array.from(data);
}

/**
 * The smooth parts on the active TF.js backend (float32), read back once per evaluation (asynchronously: WebGPU's
 * sync read is not reliable).
 */
function tfjsParts(Sdata: Float64Array, d: number): SmoothEvaluator & { parts: (W: Float64Array) => Promise<SmoothParts> } {
  const S = tf.tensor2d(Float32Array.from(Sdata), [d, d]);
  const eye = tf.eye(d);
  return {
    dispose: () => tf.dispose([S, eye]),
    async parts(Wd) {
      let norm = 0;
      for (let i = 0; i < d; i++) {
        let row = 0;
        for (let j = 0; j < d; j++) row += Wd[i * d + j] ** 2;
        norm = Math.max(norm, row);
      }
      const s = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
      const out = tf.tidy(() => {
        const W = tf.tensor2d(Float32Array.from(Wd), [d, d]);
        const R = tf.sub(eye, W);
        const SR = tf.matMul(S, R);
        const b = tf.mul(tf.square(W), 1 / 2 ** s);
        let t: tf.Tensor2D = eye;
        for (let k = 12; k >= 2; k--) t = tf.add(eye, tf.div(tf.matMul(b, t), k));
        let f = tf.matMul(b, t);
        for (let k = 0; k < s; k++) f = tf.add(tf.matMul(f, f), tf.mul(f, 2));
        const gH = tf.mul(tf.mul(W, 2), tf.transpose(tf.add(f, eye)));
        const scalars = tf.stack([tf.mul(0.5, tf.sum(tf.mul(R, SR))), tf.sum(tf.mul(f, eye))]);
        return tf.concat([scalars, tf.reshape(tf.neg(SR), [-1]), tf.reshape(gH, [-1])]);
      });
      const v = await out.data();
      out.dispose();
      return { loss: v[0], h: v[1], gLoss: Float64Array.from(v.subarray(2, 2 + d * d)), gH: Float64Array.from(v.subarray(2 + d * d)) };
    },
  };
}
