// WebGPU reports invalid work and failed allocations on the device (error scopes, `uncapturederror`), never as an
// exception: the kernel just does not run and its output reads as zeros. Training watches for them and stops.
import * as tf from '@tensorflow/tfjs';

export type GpuErrorKind = 'validation' | 'out-of-memory' | 'internal';

/** The error filters a watch pushes, outermost first; popped in reverse. */
const SCOPES: readonly GpuErrorKind[] = ['out-of-memory', 'validation', 'internal'];

/** An error the WebGPU device reported while work ran: the work's numbers are not to be trusted. */
export class GpuDeviceError extends Error {
  constructor(
    readonly kind: GpuErrorKind,
    readonly detail: string,
    where: string,
    /** True when nothing had been written yet, so the same work may run again (smaller) without harm. */
    readonly retryable: boolean,
  ) {
    super(
      kind === 'out-of-memory'
        ? `WebGPU ran out of memory during ${where}: ${detail}`
        : `WebGPU reported a ${kind} error during ${where}, so its results cannot be trusted: ${detail}`,
    );
    // Named like the browser's own error only when a retry is harmless: oom.ts then shrinks the batch and retries.
    this.name = kind === 'out-of-memory' && retryable ? 'GPUOutOfMemoryError' : 'GpuDeviceError';
  }
}

/** The slice of GPUDevice this file uses (WebGPU types are not in this project's DOM lib). */
export interface GpuDeviceLike {
  pushErrorScope(filter: GpuErrorKind): void;
  popErrorScope(): Promise<GpuErrorLike | null>;
  addEventListener(type: 'uncapturederror', listener: (e: { error: GpuErrorLike }) => void): void;
  removeEventListener(type: 'uncapturederror', listener: (e: { error: GpuErrorLike }) => void): void;
  createBuffer(descriptor: { size: number; usage: number }): { destroy(): void };
}

export interface GpuErrorLike {
  message: string;
}

/** The WebGPU device under TF.js, when the active backend is webgpu. */
export function activeGpuDevice(): GpuDeviceLike | undefined {
  return tf.getBackend() === 'webgpu' ? (tf.backend() as unknown as { device?: GpuDeviceLike }).device : undefined;
}

export interface GpuErrorWatch {
  /**
   * Runs `work` inside out-of-memory, validation and internal error scopes and throws GpuDeviceError when the device
   * reported any during it, or reported one outside every scope since the watch began. `retryable`: nothing was
   * written yet (a forward/backward pass), so an out-of-memory error may shrink the batch; an update is not.
   * `discard` frees what the work returned when the device's report makes it worthless.
   */
  run<T>(where: string, work: () => Promise<T>, opts?: { retryable?: boolean; discard?: (value: T) => void }): Promise<T>;
  /** Throws when the device reported an error outside every scope since the watch began. */
  check(where: string): void;
  dispose(): void;
}

let injected: GpuErrorKind | null = null;

/**
 * Fault injection (tests, e2e): the next watched work raises a real validation error on the device (a buffer with no
 * usage), as an over-limit kernel would. Returns false when the active backend is not WebGPU.
 */
export function injectGpuValidationError(): boolean {
  if (!activeGpuDevice()) return false;
  injected = 'validation';
  return true;
}

/** Watch `device` (default: the active backend's; none on other backends, where every call just runs the work). */
export function watchGpuErrors(device: GpuDeviceLike | undefined = activeGpuDevice()): GpuErrorWatch {
  if (!device) return { run: (_where, work) => work(), check() {}, dispose() {} };
  let uncaptured: { kind: GpuErrorKind; message: string } | null = null;
  const listener = (e: { error: GpuErrorLike }) => {
    uncaptured ??= { kind: kindOf(e.error, 'validation'), message: e.error.message };
  };
  device.addEventListener('uncapturederror', listener);
  const check = (where: string) => {
    if (uncaptured) throw new GpuDeviceError(uncaptured.kind, uncaptured.message, where, false);
  };
  return {
    check,
    async run(where, work, opts = {}) {
      check(where);
      for (const s of SCOPES) device.pushErrorScope(s);
      let failure: { error: unknown } | null = null;
      let value: Awaited<ReturnType<typeof work>> | undefined;
      try {
        if (injected) {
          injected = null;
          device.createBuffer({ size: 4, usage: 0 }).destroy();
        }
        value = await work();
      } catch (e) {
        failure = { error: e };
      }
      // Pop every scope even when the work threw, or the device's scope stack is left unbalanced.
      // Issued together (in order, innermost first), awaited together: one round trip to the GPU process, not three.
      const inner = [...SCOPES].reverse();
      const popped = await Promise.all(inner.map(() => device.popErrorScope().catch(() => null)));
      const reported = popped.flatMap((error, i) => (error ? [{ kind: kindOf(error, inner[i]), message: error.message }] : []));
      // The device's report explains a failure better than what the work threw after it (e.g. a failed read-back).
      const first = reported.find((r) => r.kind === 'out-of-memory') ?? reported[0];
      if (failure) {
        if (first) throw new GpuDeviceError(first.kind, first.message, where, opts.retryable ?? false);
        throw failure.error;
      }
      const done = value as Awaited<ReturnType<typeof work>>;
      try {
        if (first) throw new GpuDeviceError(first.kind, first.message, where, opts.retryable ?? false);
        check(where);
      } catch (e) {
        opts.discard?.(done);
        throw e;
      }
      return done;
    },
    dispose() {
      device.removeEventListener('uncapturederror', listener);
    },
  };
}

/** The kind of a GPUError: by its class where the browser has one, else the scope that caught it. */
function kindOf(error: GpuErrorLike, fallback: GpuErrorKind): GpuErrorKind {
  const name = (error as { constructor?: { name?: string } }).constructor?.name ?? '';
  if (/OutOfMemory/i.test(name)) return 'out-of-memory';
  if (/Validation/i.test(name)) return 'validation';
  if (/Internal/i.test(name)) return 'internal';
  return fallback;
}
