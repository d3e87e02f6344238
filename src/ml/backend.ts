// Picks and initialises the TF.js backend: by capability and a quick measurement, never by name alone.
import * as tf from '@tensorflow/tfjs';
import type { BackendSwitch } from '../rec/resilientFit';
import type { WasmThreadsDecision } from './wasmThreads';
import { loadPthreadsFrom } from './wasmPthreads';
import { setWasmIdentitySharing } from './wasmIdentity';
import { setWasmSliceFromHeap } from './wasmSlice';
import { batchMatMul } from './transformer/batchMatMul';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = BackendName | 'auto';

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  isFallback: boolean;
}

export interface BackendInfo {
  backend: BackendName;
  adapter?: AdapterSummary;
  /** Measured on a square matmul right after initialisation; a rough ranking number, not a benchmark. */
  gflops: number;
  /** wasm in the browser: how many threads it was given, and why (the rule and the start-up check's figures). */
  wasmThreads?: WasmThreadsDecision;
  /** The thread count the wasm backend reports it runs (tfjs-backend-wasm getThreadsCount), beside the decision. */
  wasmThreadsRunning?: number;
}

export interface InitBackendOptions {
  /** Folder (URL in the browser, path in Node) holding tfjs-backend-wasm*.wasm; ends with '/'. */
  wasmBase?: string;
  /** Per-backend time box for initialisation and measurement. */
  timeoutMs?: number;
  /**
   * Sets TF.js's multithread flag directly, at TF.js's own thread count (bench pages), instead of useWasmThreads'
   * decision. Threads from a minified build under the app's CSP also need setWasmThreads' served script (wasmPthreads).
   */
  wasmThreads?: boolean;
  /** Side of the timing matmul. */
  benchSize?: number;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

/** Where the built app serves the wasm binaries (copied from node_modules at build time), under its base path. */
export const DEFAULT_BROWSER_WASM_BASE = 'tfjs-wasm/';

/**
 * Initialise TF.js. An explicit preference is honoured or rejected with a clear error (never silently replaced);
 * 'auto' tries every capable backend, measures each, and keeps the fastest.
 */
export async function initBackend(preference: BackendPreference = 'auto', options: InitBackendOptions = {}): Promise<BackendInfo> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (preference !== 'auto') {
    const adapter = preference === 'webgpu' ? await probeWebGpuAdapter() : undefined;
    await withTimeout(activate(preference, options), timeoutMs, `initialising ${preference}`);
    const gflops = await withTimeout(measureGflops(options.benchSize), timeoutMs, `measuring ${preference}`);
    return await withThreads({ backend: preference, adapter, gflops }, options);
  }

  const measured: BackendInfo[] = [];
  const failures: string[] = [];
  for (const name of await capableBackends()) {
    try {
      const adapter = name === 'webgpu' ? await probeWebGpuAdapter() : undefined;
      // A software WebGPU adapter (SwiftShader) is the slowest choice there is; never let it compete.
      if (name === 'webgpu' && (!adapter || adapter.isFallback)) continue;
      await withTimeout(activate(name, options), timeoutMs, `initialising ${name}`);
      measured.push({
        backend: name,
        adapter,
        gflops: await withTimeout(measureGflops(options.benchSize), timeoutMs, `measuring ${name}`),
      });
      // In Node, wasm beats cpu by ~25×; cpu is only the fallback, so don't spend time (or its banner) measuring it.
      if (isNode) break;
    } catch (e) {
      failures.push(`${name}: ${(e as Error).message}`);
    }
  }
  const best = chooseBackend(measured);
  if (!best) throw new Error(`no TF.js backend could be initialised (${failures.join('; ')})`);
  await activate(best.backend, options);
  return await withThreads(best, options);
}

/** The fastest measured backend, excluding fallback WebGPU adapters. Pure, so the policy is unit-testable. */
export function chooseBackend(candidates: BackendInfo[]): BackendInfo | undefined {
  return candidates
    .filter((c) => !(c.backend === 'webgpu' && (!c.adapter || c.adapter.isFallback)))
    .reduce<BackendInfo | undefined>((best, c) => (!best || c.gflops > best.gflops ? c : best), undefined);
}

async function capableBackends(): Promise<BackendName[]> {
  // In Node only wasm and cpu are dependable (webgl needs a DOM; webgpu needs the optional `webgpu` package,
  // which callers can still request explicitly).
  if (isNode) return ['wasm', 'cpu'];
  const names: BackendName[] = [];
  if (typeof navigator !== 'undefined' && 'gpu' in navigator) names.push('webgpu');
  if (hasWebGl2()) names.push('webgl');
  if (typeof WebAssembly === 'object') names.push('wasm');
  names.push('cpu');
  return names;
}

function hasWebGl2(): boolean {
  try {
    if (typeof OffscreenCanvas !== 'undefined') return !!new OffscreenCanvas(1, 1).getContext('webgl2');
    return typeof document !== 'undefined' && !!document.createElement('canvas').getContext('webgl2');
  } catch {
    return false;
  }
}

async function activate(name: BackendName, options: InitBackendOptions): Promise<void> {
  if (name === 'wasm') await registerWasm(options);
  if (name === 'webgpu' && !tf.findBackendFactory('webgpu')) {
    // Registers itself only when navigator.gpu exists; loaded lazily so wasm/cpu users never pay for it.
    await import('@tensorflow/tfjs-backend-webgpu');
    if (!tf.findBackendFactory('webgpu')) throw new Error('WebGPU is not available (no navigator.gpu)');
  }
  const ok = await tf.setBackend(name);
  await tf.ready();
  // setBackend can report success yet leave another backend active (e.g. webgpu → webgl); check what we got.
  if (!ok || tf.getBackend() !== name) throw new Error(`TF.js backend "${name}" did not initialise (active: ${tf.getBackend()})`);
}

/** The browser's thread decision (ml/wasmThreads), set by the ML worker before the first initBackend; null: 1 thread. */
let threadsDecision: WasmThreadsDecision | null = null;

/** Use this decision when wasm next initialises in this worker (it initialises once: set it before the first call). */
export function useWasmThreads(decision: WasmThreadsDecision | null): void {
  threadsDecision = decision;
}

async function withThreads(info: BackendInfo, options: InitBackendOptions): Promise<BackendInfo> {
  if (info.backend !== 'wasm' || isNode || !threadsDecision || options.wasmThreads !== undefined) return info;
  const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  return { ...info, wasmThreads: threadsDecision, wasmThreadsRunning: getThreadsCount() };
}

/**
 * Ask tfjs-backend-wasm for `threads` threads before it initialises. It caps its pool at hardwareConcurrency / 2
 * (backend.cc), so where that is below `threads` the reported core count is raised for this worker only; 1 thread
 * keeps the non-threaded SIMD binary, which needs no SharedArrayBuffer.
 */
export function setWasmThreads(wasm: { setThreadsCount(n: number): void }, threads: number, wasmBase: string): void {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threads > 1);
  if (threads <= 1) return;
  loadPthreadsFrom(wasmBase);
  const nav = globalThis.navigator as { hardwareConcurrency?: number } | undefined;
  if (nav && (nav.hardwareConcurrency ?? 0) < 2 * threads)
    Object.defineProperty(nav, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
  wasm.setThreadsCount(threads);
}

async function registerWasm(options: InitBackendOptions): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  setWasmIdentitySharing(true);
  setWasmSliceFromHeap(true);
  if (!isNode) {
    const base = options.wasmBase ?? defaultBrowserWasmBase();
    if (options.wasmThreads !== undefined) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', options.wasmThreads);
    else setWasmThreads(wasm, threadsDecision?.threads ?? 1, base);
    wasm.setWasmPaths(base);
  } else if (options.wasmBase) {
    wasm.setWasmPaths(options.wasmBase);
  }
  // In Node the package's own loader reads the binaries next to it in node_modules.
}

/** Under the app's base path (Vite's BASE_URL when bundled); resolved from `location` so it also works in a Worker. */
export function defaultBrowserWasmBase(): string {
  const base = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  return new URL(`${base}${DEFAULT_BROWSER_WASM_BASE}`, globalThis.location.href).href;
}

async function probeWebGpuAdapter(): Promise<AdapterSummary | undefined> {
  // Typed loosely: WebGPU types are not in this project's DOM lib, and Node only has them via the `webgpu` package.
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(o?: object): Promise<GpuAdapterLike | null> } } | undefined)?.gpu;
  if (!gpu) return undefined;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  return adapter ? summarizeAdapter(adapter) : undefined;
}

/** What a WebGPU adapter is, and whether it is software (SwiftShader, or flagged a fallback). Also bench:gpu's, in Node. */
export async function summarizeAdapter(adapter: GpuAdapterLike): Promise<AdapterSummary & { description: string }> {
  const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
  const architecture = info.architecture ?? '';
  return {
    vendor: info.vendor ?? '',
    architecture,
    description: info.description ?? '',
    isFallback: !!(adapter.isFallbackAdapter ?? info.isFallbackAdapter) || /swiftshader/i.test(architecture),
  };
}

interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
export interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
  requestAdapterInfo?(): Promise<GpuAdapterInfoLike>;
}

/**
 * GFLOP/s of the fastest of a few n×n matmuls on the active backend, after one warm-up (shader compile, wasm JIT),
 * through the product the models run (batchMatMul: gemm.wat on wasm where it loads, tf.matMul elsewhere), so that
 * backends are ranked by what training and inference will get. The fastest, not the median: at start-up the app's
 * other work shares the cores, and a run it slowed says nothing about the backend. The app's header showed wasm at 5.8 GFLOP/s with the median of 3, where the same product
 * ran at 24–42 on a page of its own.
 */
export async function measureGflops(n = 256, runs = 5): Promise<number> {
  const a = tf.randomUniform([n, n]);
  const b = tf.randomUniform([n, n]);
  try {
    const once = async () => {
      const t0 = performance.now();
      const c = batchMatMul(a, b);
      await c.data();
      c.dispose();
      return performance.now() - t0;
    };
    await once();
    let fastest = Infinity;
    for (let i = 0; i < runs; i++) fastest = Math.min(fastest, await once());
    return (2 * n ** 3) / (Math.max(fastest, 1e-3) * 1e6);
  } finally {
    a.dispose();
    b.dispose();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The backend TF.js computes on right now. */
export const activeBackend = (): string => tf.getBackend();

/** Where to go when a backend fails mid-run: GPU backends fall back towards the CPU, never the other way. */
const FALLBACK_ORDER: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export const isGpuBackend = (name: string): boolean => name === 'webgpu' || name === 'webgl';

/**
 * Switch to the next backend after `failed` that initialises, or null when none does. Tensors that lived on the
 * failed backend are gone with it: callers restore from a checkpoint they kept in plain arrays.
 */
export async function fallBackFrom(failed: string, options: InitBackendOptions = {}): Promise<BackendInfo | null> {
  for (const name of FALLBACK_ORDER.slice(FALLBACK_ORDER.indexOf(failed as BackendName) + 1)) {
    try {
      return await initBackend(name, options);
    } catch {
      // try the next one
    }
  }
  return null;
}

/** The backend switch rec's training takes (rec/resilientFit's BackendSwitch): TF.js's backends, wasm served from `wasmBase`. */
export function backendSwitch(wasmBase?: string): BackendSwitch {
  return { active: activeBackend, isGpu: isGpuBackend, fallBackFrom: (failed) => fallBackFrom(failed, { wasmBase }) };
}

/**
 * Fault injection for tests: lose the GPU device (WebGPU `device.destroy()`, WebGL `WEBGL_lose_context`) under the
 * active backend, as a driver reset or an unplugged eGPU would. Returns false on CPU backends.
 */
export function simulateDeviceLoss(): boolean {
  const backend = tf.backend() as unknown as { device?: { destroy(): void }; gpgpu?: { gl: WebGL2RenderingContext } };
  if (tf.getBackend() === 'webgpu' && backend.device) {
    backend.device.destroy();
    return true;
  }
  const lose = tf.getBackend() === 'webgl' ? backend.gpgpu?.gl.getExtension('WEBGL_lose_context') : null;
  if (lose) {
    lose.loseContext();
    return true;
  }
  return false;
}
