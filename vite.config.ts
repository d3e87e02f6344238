// Vite build for the RecLens single-page app: relative base so dist/ works from any sub-path of a static host.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { viteStaticCopy } from 'vite-plugin-static-copy';

// COOP/COEP make the page cross-origin isolated, which WASM threads (SharedArrayBuffer) need.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Nothing leaves the page during analysis: the built app may only talk to its own origin. (Dev mode is exempt
// because Vite's hot reload injects inline scripts.) 'wasm-unsafe-eval' lets WebAssembly compile; no JS eval.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // The only foreign host: the Hugging Face Hub, contacted only when the analyst asks to download a model.
  "connect-src 'self' blob: data: https://huggingface.co https://*.huggingface.co https://*.hf.co",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const csp = (): Plugin => ({
  name: 'reclens-csp',
  apply: 'build',
  transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
});

export default defineConfig({
  base: './',
  plugins: [
    react(),
    csp(),
    // TF.js's WebAssembly binaries are served by the app itself (never a CDN), under ./tfjs-wasm/.
    viteStaticCopy({ targets: [{ src: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm', dest: 'tfjs-wasm', rename: { stripBase: true } }] }),
  ],
  worker: { format: 'es' },
  server: { headers: isolationHeaders },
  // The header form also binds the workers (a <meta> policy covers the page only).
  preview: { headers: { ...isolationHeaders, 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
});
