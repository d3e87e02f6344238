// WebGPU in Node: Dawn's bindings (the npm package `webgpu`, which the kit carries; not a dependency of the app) give
// Node a navigator.gpu, and TF.js's webgpu backend then runs unchanged (../shared/design/GUIDE.md, "WebGPU in Node").
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AdapterSummary } from '../../src/ml/backend';

interface DawnModule {
  create(flags: string[]): { requestAdapter(o?: object): Promise<DawnAdapter | null> };
  globals: Record<string, unknown>;
}
interface DawnAdapter {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

/**
 * Installs navigator.gpu from the kit's `node_modules/webgpu` (or the repo's, where one is installed) and returns the
 * adapter TF.js will get; null when there is no package or no adapter (no Vulkan loader or driver), so the run goes on
 * without the webgpu side and says so.
 */
export async function installNodeWebGpu(kit: string): Promise<(AdapterSummary & { description: string }) | null> {
  const entry = join(kit, 'node_modules/webgpu/index.js');
  if (!existsSync(entry)) return null;
  const { create, globals } = (await import(pathToFileURL(entry).href)) as DawnModule;
  Object.assign(globalThis, globals);
  const gpu = create([]);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return null;
  const info = adapter.info ?? {};
  const architecture = info.architecture ?? '';
  return {
    vendor: info.vendor ?? '',
    architecture,
    description: info.description ?? '',
    isFallback: !!(adapter.isFallbackAdapter ?? info.isFallbackAdapter) || /swiftshader/i.test(architecture),
  };
}
