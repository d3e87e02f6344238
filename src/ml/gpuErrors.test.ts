// Device errors stop watched work with a message (never ignored); out-of-memory before any write shrinks the batch.
import { describe, expect, it } from 'vitest';
import { GpuDeviceError, watchGpuErrors, type GpuDeviceLike, type GpuErrorKind, type GpuErrorLike } from './gpuErrors';
import { isOutOfMemory, withShrinkingBatch } from '../lib/oom';

class FakeValidationError {
  constructor(readonly message: string) {}
}
class FakeOutOfMemoryError {
  constructor(readonly message: string) {}
}

/** A device that routes errors as WebGPU does: to the innermost scope with the error's filter, else the event. */
class FakeDevice implements GpuDeviceLike {
  scopes: { filter: GpuErrorKind; error: GpuErrorLike | null }[] = [];
  listeners = new Set<(e: { error: GpuErrorLike }) => void>();
  pushErrorScope(filter: GpuErrorKind) {
    this.scopes.push({ filter, error: null });
  }
  async popErrorScope() {
    const s = this.scopes.pop();
    if (!s) throw new Error('OperationError: no error scope to pop');
    return s.error;
  }
  addEventListener(_: 'uncapturederror', l: (e: { error: GpuErrorLike }) => void) {
    this.listeners.add(l);
  }
  removeEventListener(_: 'uncapturederror', l: (e: { error: GpuErrorLike }) => void) {
    this.listeners.delete(l);
  }
  createBuffer(d: { size: number; usage: number }) {
    if (d.usage === 0) this.raise('validation', new FakeValidationError('Buffer usages (BufferUsage::None) is invalid.'));
    return { destroy() {} };
  }
  raise(filter: GpuErrorKind, error: GpuErrorLike) {
    const scope = [...this.scopes].reverse().find((s) => s.filter === filter);
    if (scope) scope.error ??= error;
    else for (const l of this.listeners) l({ error });
  }
}

const overLimit = () =>
  new FakeValidationError('The number of storage buffers (39) in the Compute stage exceeds the maximum per-stage limit (8).');

describe('watchGpuErrors', () => {
  it('stops work whose kernels the device rejected, with the device message, and keeps the scope stack balanced', async () => {
    const device = new FakeDevice();
    const watch = watchGpuErrors(device);
    const run = watch.run('training step 1', async () => {
      device.raise('validation', overLimit());
      return 0; // the zeros an invalid kernel leaves behind
    });
    await expect(run).rejects.toThrow(
      /WebGPU reported a validation error during training step 1, so its results cannot be trusted: The number of storage buffers \(39\)/,
    );
    await expect(run).rejects.toBeInstanceOf(GpuDeviceError);
    expect(device.scopes).toHaveLength(0);
    watch.dispose();
  });

  it('prefers the device report over what the work threw after it, and still pops every scope', async () => {
    const device = new FakeDevice();
    const watch = watchGpuErrors(device);
    const run = watch.run('validation pass', async () => {
      device.raise('validation', overLimit());
      throw new Error('mapAsync failed');
    });
    await expect(run).rejects.toThrow(/validation error during validation pass/);
    expect(device.scopes).toHaveLength(0);
  });

  it('frees what the work returned when the device report makes it worthless', async () => {
    const device = new FakeDevice();
    const freed: string[] = [];
    const run = watchGpuErrors(device).run(
      'step',
      async () => {
        device.raise('validation', overLimit());
        return 'gradients';
      },
      { discard: (v) => freed.push(v) },
    );
    await expect(run).rejects.toThrow(GpuDeviceError);
    expect(freed).toEqual(['gradients']);
  });

  it('passes work that raised nothing, and rethrows its own errors', async () => {
    const device = new FakeDevice();
    const watch = watchGpuErrors(device);
    await expect(watch.run('step', async () => 42)).resolves.toBe(42);
    await expect(watch.run('step', async () => Promise.reject(new Error('plain failure')))).rejects.toThrow('plain failure');
    expect(device.scopes).toHaveLength(0);
  });

  it('an error outside every scope (uncapturederror) stops the next watched work before it starts', async () => {
    const device = new FakeDevice();
    const watch = watchGpuErrors(device);
    device.raise('validation', overLimit());
    let ran = false;
    await expect(
      watch.run('training step 2', async () => {
        ran = true;
      }),
    ).rejects.toThrow(/validation error during training step 2/);
    expect(ran).toBe(false);
    expect(() => watch.check('the end of training')).toThrow(/storage buffers/);
    // Once disposed the watch no longer listens.
    watch.dispose();
    expect(device.listeners.size).toBe(0);
  });

  it('errors from before the watch began are not its business', async () => {
    const device = new FakeDevice();
    device.raise('validation', overLimit());
    await expect(watchGpuErrors(device).run('step', async () => 1)).resolves.toBe(1);
  });

  it('out of memory before anything was written shrinks the batch; during an update it stops the run', async () => {
    const device = new FakeDevice();
    const watch = watchGpuErrors(device);
    const sizes: number[] = [];
    const { size } = await withShrinkingBatch(8, (n) =>
      watch.run(
        'forward/backward',
        async () => {
          sizes.push(n);
          if (n > 2) device.raise('out-of-memory', new FakeOutOfMemoryError(`Out of memory allocating ${n * 1e8} bytes`));
        },
        { retryable: true },
      ),
    );
    expect(sizes).toEqual([8, 4, 2]);
    expect(size).toBe(2);
    const update = watch.run('the weight update', async () => device.raise('out-of-memory', new FakeOutOfMemoryError('Out of memory')));
    await expect(update).rejects.toThrow(/WebGPU ran out of memory during the weight update/);
    await expect(update).rejects.toMatchObject({ name: 'GpuDeviceError', retryable: false });
  });

  it('classifies by the error class, and the retryable out-of-memory error reads as one to lib/oom.ts', async () => {
    const device = new FakeDevice();
    const e = await watchGpuErrors(device)
      .run('step', async () => device.raise('out-of-memory', new FakeOutOfMemoryError('x')), { retryable: true })
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'out-of-memory', name: 'GPUOutOfMemoryError' });
    expect(isOutOfMemory(e)).toBe(true);
  });

  it('without a WebGPU device the work just runs', async () => {
    await expect(watchGpuErrors(undefined).run('step', async () => 'ok')).resolves.toBe('ok');
  });
});
