// For tests of training loops (#23): the order of read-backs, gradient passes and weight writes, to show that a step
// (its gradients, clipping and update) is queued whole before anything is read back to JavaScript.
import * as tf from '@tensorflow/tfjs';

export interface ReadbackLog {
  /** 'R' a read-back, 'G' a gradient pass, 'A' a write to a watched variable, in the order they happened. */
  text(): string;
  restore(): void;
}

/**
 * Start logging. Read-backs are the engine's read and readSync, which Tensor.data/dataSync/array/arraySync all go
 * through; not the backend's, because wasm's own slice, splitV and unpack kernels call backend.readSync on their inputs
 * as views of wasm memory, which moves nothing off the device. Writes are Variable.assign on `watched` (all, if none).
 */
export function logReadbacks(watched?: Iterable<tf.Variable>): ReadbackLog {
  const only = watched ? new Set(watched) : null;
  const log: string[] = [];
  const engine = tf.engine() as unknown as {
    read(id: object): Promise<unknown>;
    readSync(id: object): unknown;
    gradients: (...a: unknown[]) => unknown;
  };
  const { read, readSync, gradients } = engine;
  const assign = tf.Variable.prototype.assign;
  engine.read = function (this: unknown, id: object) {
    log.push('R');
    return read.call(this, id);
  };
  engine.readSync = function (this: unknown, id: object) {
    log.push('R');
    return readSync.call(this, id);
  };
  engine.gradients = function (this: unknown, ...a: unknown[]) {
    log.push('G');
    return gradients.apply(this, a);
  };
  tf.Variable.prototype.assign = function (this: tf.Variable, v: tf.Tensor) {
    if (!only || only.has(this)) log.push('A');
    return assign.call(this, v);
  };
  return {
    text: () => log.join(''),
    restore() {
      engine.read = read;
      engine.readSync = readSync;
      engine.gradients = gradients;
      tf.Variable.prototype.assign = assign;
    },
  };
}

/** The log cut into steps: each from a gradient pass up to the next (a step split into pieces spans several). */
export const stepsOf = (log: string): string[] => log.split(/(?=G)/).filter((s) => s.startsWith('G'));

/**
 * Read-backs inside a step: after its first gradient pass and before its last weight write. The log is cut after each
 * run of writes, so a segment is [reads between steps] then one step (all its gradient passes, then its writes).
 */
export function readsInsideSteps(log: string): number {
  return log
    .split(/(?<=A)(?=[^A])/)
    .filter((seg) => seg.includes('A'))
    .reduce((n, seg) => n + (seg.replace(/^R+/, '').match(/R/g) ?? []).length, 0);
}
