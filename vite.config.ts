// Vite build for the RecLens single-page app: relative base so dist/ works from any sub-path of a static host.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import { VitePWA } from 'vite-plugin-pwa';

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

// Precached by the service worker so that after one visit the app opens and runs with the network off. 8 MiB covers
// every script and TF.js wasm binary (the largest chunk is ~1.4 MB); bigger files are left to the runtime rules below.
const PRECACHE_LIMIT = 8 * 1024 * 1024;

const serviceWorker = () =>
  VitePWA({
    // A separate registerSW.js (not an inline script, which the CSP forbids); it registers ./sw.js relative to the
    // page, so the scope is whatever sub-path dist/ is served from.
    injectRegister: 'script',
    registerType: 'autoUpdate',
    manifest: {
      name: 'RecLens',
      short_name: 'RecLens',
      description: 'Why does the recommender recommend this? Local, in-browser analysis of behavior logs.',
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#1f4e79',
      icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
    },
    workbox: {
      // woff2: the CJK font subset (public/fonts), so Chinese still renders offline on machines without CJK fonts.
      globPatterns: ['**/*.{html,js,css,svg,wasm,json,webmanifest,safetensors,txt,woff2}'],
      // ONNX Runtime's 27 MB wasm is emitted because transformers.js imports it, but RecLens only tokenizes with
      // transformers.js and never starts an ONNX session: precaching it would cost every first visit 27 MB.
      globIgnores: ['**/ort-wasm-*.wasm'],
      maximumFileSizeToCacheInBytes: PRECACHE_LIMIT,
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
      runtimeCaching: [
        // Larger same-origin files (ONNX Runtime's wasm, real checkpoints dropped into public/models) are kept after
        // their first use. Only same-origin: Hub downloads have their own Cache API store in the app.
        {
          urlPattern: ({ url, sameOrigin }) => sameOrigin && (/\/models\//.test(url.pathname) || url.pathname.endsWith('.wasm')),
          handler: 'CacheFirst',
          options: { cacheName: 'reclens-large-files', cacheableResponse: { statuses: [200] } },
        },
      ],
    },
    // A real checkpoint over the limit in public/models is skipped with a warning, not a failed build.
    showMaximumFileSizeToCacheInBytesWarning: true,
  });

const csp = (): Plugin => ({
  name: 'reclens-csp',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
});

export default defineConfig({
  base: './',
  plugins: [
    react(),
    csp(),
    // TF.js's WebAssembly binaries are served by the app itself (never a CDN), under ./tfjs-wasm/.
    // Plus the threaded build's own unminified script, which wasm threads load (src/ml/wasmPthreads.ts).
    viteStaticCopy({
      targets: [
        { src: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm', dest: 'tfjs-wasm' },
        { src: 'node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js', dest: 'tfjs-wasm' },
      ],
    }),
    serviceWorker(),
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
