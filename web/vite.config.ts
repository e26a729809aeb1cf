import { defineConfig } from 'vite';

// The Lifeline server serves web/dist under a strict Content-Security-Policy
// (script-src 'self', style-src 'self'), so the build must not produce any
// inline script or style. The module-preload polyfill is the one piece Vite
// would otherwise inline into index.html.
const lifelineServer = 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    // Keep every asset a separate file: nothing becomes a data: URI in CSS or JS.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: lifelineServer, changeOrigin: false },
      '/healthz': { target: lifelineServer, changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
  },
});
