// Lets threaded TF.js wasm start under the app's Content-Security-Policy and in a minified build.
//
// Emscripten starts each wasm thread (pthread) as a blob: worker and sends it the backend's JavaScript to run with
// importScripts. tfjs-backend-wasm sends that as a Blob of `factory.toString()` (backend_wasm.ts), which fails twice:
// the CSP's script-src has no blob: (the header form binds workers), and in a minified bundle the stringified factory
// names minified outer variables ("e is not defined", GUIDE.md). So the app serves the package's own, unminified
// tfjs-backend-wasm-threaded-simd.js beside the .wasm files (vite.config.ts), and the 'load' message that hands a
// thread its script is rewritten to that same-origin URL, which script-src 'self' allows.

/** The Emscripten script for the threaded SIMD binary, served beside it in the wasm folder. */
export const PTHREAD_SCRIPT = 'tfjs-backend-wasm-threaded-simd.js';

let scriptUrl: string | null = null;

/** From now on, wasm threads started from this worker load their script from `wasmBase` (an absolute folder URL). */
export function loadPthreadsFrom(wasmBase: string): void {
  if (typeof Worker === 'undefined') return;
  if (scriptUrl === null) {
    const post = Worker.prototype.postMessage as (this: Worker, message: unknown, ...rest: unknown[]) => void;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const m = message as { cmd?: unknown; urlOrBlob?: unknown } | null;
      if (m && m.cmd === 'load' && m.urlOrBlob instanceof Blob && scriptUrl) m.urlOrBlob = scriptUrl;
      post.call(this, message, ...rest);
    } as typeof Worker.prototype.postMessage;
  }
  scriptUrl = new URL(PTHREAD_SCRIPT, wasmBase).href;
}
