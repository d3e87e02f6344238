// Fused kernels for TF.js's webgpu backend (issue #23, requirement 6): LayerNorm and softmax + cross-entropy, each one
// WGSL program forward and one or two backward, where TF.js composes them from ~10 kernels each way. On a GPU every
// kernel has a fixed launch cost, so for a model as small as SASRec the count of kernels, not their FLOPs, sets the
// step time. Each op is a customGrad with the same value and gradient as the composed path (blocks.ts layerNorm,
// loss.ts sparseSoftmaxCrossEntropy); e2e/gpu-parity.spec.ts holds the two paths together on the software adapter.
// Nothing here runs on any other backend: each entry point returns null there and the caller keeps its own ops.
import * as tf from '@tensorflow/tfjs';
import { columnSums } from './fusedOps';

/** The part of TF.js's WebGPUProgram these programs fill (the webgpu package is loaded lazily: types only, by shape). */
interface Program {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  uniforms?: string;
  getUserCode: () => string;
}
interface Uniform {
  type: 'float32' | 'int32';
  data: number[];
}
interface WebGpuBackendLike {
  runWebGPUProgram(program: Program, inputs: tf.TensorInfo[], dtype: tf.DataType, uniforms?: Uniform[]): tf.TensorInfo;
}

/** One workgroup of this many threads per row: rows are reduced in workgroup memory, columns strided over the threads. */
const BLOCK = 64;

/** Loss value where the target's probability underflows: −log(1e-30), the composed path's clamp (loss.ts). */
export const MAX_ROW_LOSS = -Math.log(1e-30);

/** Off only to measure the composed ops against these programs (e2e/gpu-parity.spec.ts counts dispatches per step). */
export const webgpuFusion = { enabled: true };

const onWebGpu = () => webgpuFusion.enabled && tf.getBackend() === 'webgpu';

function run(program: Program, inputs: tf.Tensor[], uniforms?: Uniform[]): tf.Tensor {
  const backend = tf.backend() as unknown as WebGpuBackendLike;
  return tf.engine().makeTensorFromTensorInfo(backend.runWebGPUProgram(program, inputs, 'float32', uniforms));
}

/** A program over `rows` rows, one workgroup each; the output has `outputShape` (rows first). */
function rowProgram(key: string, variableNames: string[], outputShape: number[], body: string, uniforms?: string): Program {
  return {
    variableNames,
    outputShape,
    shaderKey: `reclens_${key}`,
    dispatchLayout: { x: outputShape.map((_, i) => i) },
    dispatch: [outputShape[0], 1, 1],
    workgroupSize: [BLOCK, 1, 1],
    ...(uniforms ? { uniforms } : {}),
    getUserCode: () => `
      var<workgroup> partA : array<f32, ${BLOCK}>;
      var<workgroup> partB : array<f32, ${BLOCK}>;
      // Sums partA and partB over the workgroup; every thread reads the totals from slot 0 afterwards.
      fn reduceBoth(tid : i32) {
        for (var stride = ${BLOCK / 2}; stride > 0; stride = stride >> 1) {
          if (tid < stride) {
            partA[tid] = partA[tid] + partA[tid + stride];
            partB[tid] = partB[tid] + partB[tid + stride];
          }
          workgroupBarrier();
        }
      }
      fn reduceMax(tid : i32) {
        for (var stride = ${BLOCK / 2}; stride > 0; stride = stride >> 1) {
          if (tid < stride) { partA[tid] = max(partA[tid], partA[tid + stride]); }
          workgroupBarrier();
        }
      }
      fn main(index : i32) {
        // A dispatch reshaped past 65,535 workgroups has spare ones: they redo the last row (same values, no early
        // return, which would put the barriers below in non-uniform control flow).
        let row = min(index / ${BLOCK}, uniforms.xShape[0] - 1);
        let tid = i32(localId.x);
        ${body}
      }`,
  };
}

/**
 * Row statistics of x [rows, n] as tf.moments computes them (mean, then the mean squared deviation), left in `mean`
 * and `rstd` = 1/sqrt(var + eps). Shared by the forward and both backward programs.
 */
const ROW_STATS = `
  let n = uniforms.xShape[1];
  let base = row * n;
  partA[tid] = 0.0;
  partB[tid] = 0.0;
  for (var c = tid; c < n; c += ${BLOCK}) { partA[tid] = partA[tid] + x[base + c]; }
  workgroupBarrier();
  reduceBoth(tid);
  let mean = partA[0] / f32(n);
  workgroupBarrier();
  partA[tid] = 0.0;
  for (var c = tid; c < n; c += ${BLOCK}) { let d = x[base + c] - mean; partA[tid] = partA[tid] + d * d; }
  workgroupBarrier();
  reduceBoth(tid);
  let rstd = inverseSqrt(partA[0] / f32(n) + uniforms.eps);
  workgroupBarrier();`;

const layerNormForward = (shape: number[]) =>
  rowProgram(
    'layernorm',
    ['x', 'gamma', 'beta'],
    shape,
    `${ROW_STATS}
    for (var c = tid; c < n; c += ${BLOCK}) {
      result[base + c] = (x[base + c] - mean) * rstd * gamma[c] + beta[c];
    }`,
    'eps : f32,',
  );

/** dx = rstd · (g − mean(g) − x̂ · mean(g · x̂)) with g = dy · γ: the LayerNorm input gradient in one pass per row. */
const layerNormGradX = (shape: number[]) =>
  rowProgram(
    'layernorm_dx',
    ['x', 'dy', 'gamma'],
    shape,
    `${ROW_STATS}
    partA[tid] = 0.0;
    partB[tid] = 0.0;
    for (var c = tid; c < n; c += ${BLOCK}) {
      let g = dy[base + c] * gamma[c];
      partA[tid] = partA[tid] + g;
      partB[tid] = partB[tid] + g * (x[base + c] - mean) * rstd;
    }
    workgroupBarrier();
    reduceBoth(tid);
    let meanG = partA[0] / f32(n);
    let meanGx = partB[0] / f32(n);
    for (var c = tid; c < n; c += ${BLOCK}) {
      let xhat = (x[base + c] - mean) * rstd;
      result[base + c] = rstd * (dy[base + c] * gamma[c] - meanG - xhat * meanGx);
    }`,
    'eps : f32,',
  );

/** x̂ · dy, whose column sums are γ's gradient. */
const layerNormXhatDy = (shape: number[]) =>
  rowProgram(
    'layernorm_xhatdy',
    ['x', 'dy'],
    shape,
    `${ROW_STATS}
    for (var c = tid; c < n; c += ${BLOCK}) {
      result[base + c] = (x[base + c] - mean) * rstd * dy[base + c];
    }`,
    'eps : f32,',
  );

/**
 * LayerNorm over the last axis, x [..., n] with γ, β [n], as one program (and three kernels backward) on webgpu;
 * null on every other backend.
 */
export function webgpuLayerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number): tf.Tensor | null {
  if (!onWebGpu()) return null;
  const n = x.shape[x.rank - 1];
  const shape = x.shape;
  const uniforms: Uniform[] = [{ type: 'float32', data: [eps] }];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, g, b, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    save([x2, g]);
    return {
      value: run(layerNormForward(x2.shape), [x2, g, b], uniforms),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, gs] = saved as [tf.Tensor2D, tf.Tensor1D];
        const d = dy as tf.Tensor2D;
        const dx = run(layerNormGradX(xs.shape), [xs, d, gs], uniforms);
        const dGamma = columnSums(run(layerNormXhatDy(xs.shape), [xs, d], uniforms) as tf.Tensor2D);
        return [dx, dGamma, columnSums(d)];
      },
    };
  });
  return op(x.reshape([-1, n]), gamma, beta).reshape(shape);
}

/** Per row: the log-sum-exp, minus the target's logit, clamped at MAX_ROW_LOSS — the row's cross-entropy. */
const crossEntropyForward = (rows: number) =>
  rowProgram(
    'xent',
    ['x', 'labels'],
    [rows],
    `${LOG_SUM_EXP}
    if (tid == 0) { result[row] = min(lse - x[base + i32(labels[row])], ${MAX_ROW_LOSS.toFixed(6)}); }`,
  );

/** (softmax(x) − onehot(target)) · dy per row: the cross-entropy's input gradient in one pass. */
const crossEntropyGrad = (shape: number[]) =>
  rowProgram(
    'xent_dx',
    ['x', 'labels', 'dy'],
    shape,
    `${LOG_SUM_EXP}
    let t = i32(labels[row]);
    for (var c = tid; c < n; c += ${BLOCK}) {
      result[base + c] = (exp(x[base + c] - lse) - select(0.0, 1.0, c == t)) * dy[row];
    }`,
  );

/** `lse` = log Σ exp(x[row, ·]), through the row's maximum (so exp never overflows). */
const LOG_SUM_EXP = `
  let n = uniforms.xShape[1];
  let base = row * n;
  partA[tid] = -3.402823e+38;
  for (var c = tid; c < n; c += ${BLOCK}) { partA[tid] = max(partA[tid], x[base + c]); }
  workgroupBarrier();
  reduceMax(tid);
  let rowMax = partA[0];
  workgroupBarrier();
  partA[tid] = 0.0;
  partB[tid] = 0.0;
  for (var c = tid; c < n; c += ${BLOCK}) { partA[tid] = partA[tid] + exp(x[base + c] - rowMax); }
  workgroupBarrier();
  reduceBoth(tid);
  let lse = rowMax + log(partA[0]);
  workgroupBarrier();`;

/**
 * Per-row −log softmax(logits)[target] (logits [rows, items], targets [rows] int32) as one program forward and one
 * backward on webgpu; null elsewhere. Targets travel as float32 (exact below 2^24 items, far past any catalog here).
 */
export function webgpuSparseSoftmaxCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D | null {
  if (!onWebGpu() || logits.shape[0] === 0) return null;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, tgt, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const t = tgt.toFloat();
    save([x, t, tgt]);
    return {
      value: run(crossEntropyForward(x.shape[0]), [x, t]),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, ts, tgtSaved] = saved;
        return [run(crossEntropyGrad(xs.shape), [xs, ts, (dy as tf.Tensor).reshape([-1])]), tf.zerosLike(tgtSaved)];
      },
    };
  });
  return op(logits, targets) as tf.Tensor1D;
}
