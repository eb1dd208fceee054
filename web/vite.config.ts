// Builds the web app from web/ into web/dist, which the api serves (with a fallback to index.html
// for client-side routes). `npm run dev:web` serves it with hot reload and proxies /api (HTTP and
// websockets) to an api started separately with `npm run start:api`.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig(({ isSsrBuild }) => ({
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
  // The server-rendering build (`--ssr src/entry-server.tsx`, into web/dist-ssr) carries its
  // dependencies inside: the api's production image has no React or antd of its own, and antd's
  // styles must come from the very @ant-design/cssinjs instance antd renders with.
  ssr: { noExternal: true, target: 'node' },
  // …and renders as the browser's production build does: React's and antd's production code, so
  // antd's class names (its style hash) are the same on both sides of hydration.
  define: isSsrBuild ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
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
}));
