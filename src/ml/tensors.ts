// Typed wrappers over tf.tidy/tf.dispose for plain objects of tensors (our weights and outputs are interfaces,
// which TypeScript will not treat as TF.js's index-signature TensorContainer).
import * as tf from '@tensorflow/tfjs';

/** tf.tidy that returns a typed object: tensors reachable from the result survive, every other intermediate is freed. */
export function tidyObject<T extends object>(fn: () => T): T {
  return tf.tidy(() => fn() as unknown as tf.TensorContainer) as unknown as T;
}

/** Dispose every tensor reachable from a plain object or array (weights, outputs). */
export function disposeTree(x: object | undefined): void {
  if (x) tf.dispose(x as unknown as tf.TensorContainer);
}
