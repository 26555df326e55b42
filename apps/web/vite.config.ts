import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const libsRoot = fileURLToPath(new URL('../../libs', import.meta.url));

// The API process serves apps/web/dist at / (with an SPA fallback), so the built app always
// talks to its own origin; in development the dev server forwards the same paths to the API.
const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    // Only pure domain vocabularies are shared with the browser (account roles, case types...),
    // so the UI and the API cannot drift apart on them. Never alias a lib's index: it may pull Nest in.
    alias: [
      { find: /^@ejustice\/vocabulary\/(.*)$/, replacement: `${libsRoot}/vocabulary/src/$1` },
      { find: /^@ejustice\/([a-z-]+)\/domain\/(.*)$/, replacement: `${libsRoot}/$1/src/domain/$2` },
      // The hearing room's signalling catalogue: types and small validators, no Nest.
      { find: /^@ejustice\/hearings\/signalling\/(.*)$/, replacement: `${libsRoot}/hearings/src/signalling/$1` },
      // The REST contract of special-measures orders: its kinds, bounds and shapes (type-only imports).
      {
        find: /^@ejustice\/hearings\/orders\/(order-terms|order-views)$/,
        replacement: `${libsRoot}/hearings/src/orders/$1`,
      },
      // The REST contract of a participant's hearing links (type-only imports).
      { find: /^@ejustice\/hearings\/links\/hearing-link-views$/, replacement: `${libsRoot}/hearings/src/links/hearing-link-views` },
      // The REST contract of each lib (libs/<lib>/src/contract): request and response shapes, declared
      // once for the api and the web (type-only imports, and a few vocabularies of plain constants).
      { find: /^@ejustice\/([a-z-]+)\/contract\/(.*)$/, replacement: `${libsRoot}/$1/src/contract/$2` },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
  },
});
