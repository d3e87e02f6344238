// WebGPU in Node: Dawn's bindings (the npm package `webgpu`, which the kit carries; not a dependency of the app) give
// Node a navigator.gpu, and TF.js's webgpu backend then runs unchanged (../shared/design/GUIDE.md, "WebGPU in Node").
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { summarizeAdapter, type GpuAdapterLike } from '../../src/ml/backend';

interface DawnModule {
  create(flags: string[]): { requestAdapter(o?: object): Promise<GpuAdapterLike | null> };
  globals: Record<string, unknown>;
}

/**
 * Installs navigator.gpu from the kit's `node_modules/webgpu` and returns the adapter TF.js will get (as the app
 * summarises one); null when there is no package or no adapter (no Vulkan loader or driver), so the run goes on
 * without the webgpu side and says so.
 */
export async function installNodeWebGpu(kit: string): Promise<Awaited<ReturnType<typeof summarizeAdapter>> | null> {
  const entry = join(kit, 'node_modules/webgpu/index.js');
  if (!existsSync(entry)) return null;
  const { create, globals } = (await import(pathToFileURL(entry).href)) as DawnModule;
  Object.assign(globalThis, globals);
  const gpu = create([]);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  return adapter ? summarizeAdapter(adapter) : null;
}
