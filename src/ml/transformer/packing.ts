// Position-wise work on real rows only (#23). A batch of sequences is left-padded to its longest row, and the
// encoder's linears, LayerNorms, GELUs and dropouts ran on the padding too: on Beauty (BERT4Rec, maxLen 50, batches of
// 128 users) 85% of the positions are padding. With a packing, encode runs those parts on the real rows, laid end to
// end, and only attention on the padded layout (zeros where the padding was, which the mask hides).
//
// Real rows get the same values as before: a row's products, LayerNorm and GELU read that row alone, dropout keeps the
// padded tensor's mask (dropout.ts, RowPositions), and a padding key's attention probability is exactly 0 either way.
// The weights get the same gradients: a padding row's gradient was exactly 0 (the loss reads no padding row, and a
// key of probability 0 passes none back), so leaving it out of a weight's sum over rows changes no bit of the sum.
import * as tf from '@tensorflow/tfjs';
import { gatherRows } from './gatherRows';

/** Above this share of real positions, packing costs more (its gathers and scatters) than it saves. */
export const PACK_BELOW_SHARE = 0.8;

/** A batch's real positions: which rows of the padded [batch, len, ·] tensors a packed [rows, ·] tensor holds. */
export interface Packing {
  batch: number;
  len: number;
  /** Flat positions b·len + l of the real rows, in order. */
  rows: Int32Array;
  /** The same as an int32 tensor, for gathers and scatters (the caller's, to dispose with the batch). */
  index: tf.Tensor1D;
}

/** The real positions of a [batch, len] 1/0 mask when they are few enough to pack, else undefined. */
export function realRows(mask: ArrayLike<number>, batch: number, len: number, belowShare = PACK_BELOW_SHARE): Int32Array | undefined {
  let real = 0;
  for (let i = 0; i < batch * len; i++) if (mask[i]) real++;
  if (real === 0 || real > belowShare * batch * len) return undefined;
  const rows = new Int32Array(real);
  for (let i = 0, k = 0; i < batch * len; i++) if (mask[i]) rows[k++] = i;
  return rows;
}

/** A packing of these rows, its index tensor made here (dispose with the batch, or let the enclosing tidy). */
export function packingOf(rows: Int32Array, batch: number, len: number): Packing {
  return { batch, len, rows, index: tf.tensor1d(rows, 'int32') };
}

/** x [batch, len, width] → its real rows [rows, width]. Differentiable: the gradient scatters back, zeros elsewhere. */
export function packRows(x: tf.Tensor, p: Packing): tf.Tensor2D {
  const width = x.shape[x.rank - 1];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [v, index, save] = args as [tf.Tensor, tf.Tensor1D, tf.GradSaveFunc];
    save([index]);
    return {
      value: gatherRows(v.reshape([p.batch * p.len, width]), index) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => [
        unpacked(dy as tf.Tensor2D, saved[0] as tf.Tensor1D, p).reshape(v.shape),
        tf.zerosLike(saved[0]),
      ],
    };
  });
  return op(x, p.index) as tf.Tensor2D;
}

/** Packed rows [rows, width] → [batch, len, width], zeros at padding. Differentiable: the gradient gathers the rows. */
export function unpackRows(x: tf.Tensor2D, p: Packing): tf.Tensor3D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [v, index, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([index]);
    return {
      value: unpacked(v, index, p),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => [
        gatherRows((dy as tf.Tensor).reshape([p.batch * p.len, v.shape[1]]), saved[0]),
        tf.zerosLike(saved[0]),
      ],
    };
  });
  return op(x, p.index) as tf.Tensor3D;
}

/** x as [batch, len, width]: unpacked where a packing is given (x holds its rows), else x itself. */
export function paddedLayout(x: tf.Tensor, p: Packing | undefined): tf.Tensor3D {
  return p ? unpackRows(x as tf.Tensor2D, p) : (x as tf.Tensor3D);
}

function unpacked(x: tf.Tensor2D, index: tf.Tensor1D, p: Packing): tf.Tensor3D {
  const width = x.shape[1];
  return tf.scatterND(index.reshape([-1, 1]), x, [p.batch * p.len, width]).reshape([p.batch, p.len, width]);
}
