// Builds the web app from web/ into web/dist, which the api serves (with a fallback to index.html
// for client-side routes). `npm run dev:web` serves it with hot reload and proxies /api (HTTP and
// websockets) to an api started separately with `npm run start:api`.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: 'dist',
    // dist/.vite/manifest.json maps each page chunk to what it imports (used to measure page weight).
    manifest: true,
    emptyOutDir: true,
    // antd alone is larger than the default warning threshold; route chunks stay small.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // The app imports the shared labels and rules from ../domain.
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true, ws: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true, ws: true },
    },
  },
});
