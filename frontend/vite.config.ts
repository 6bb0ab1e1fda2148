import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The console: built into frontend/dist, served at / (S3 + CloudFront on AWS, the local runtime here). */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The CSP allows no inline script: keep the module preload polyfill out of index.html.
    modulePreload: { polyfill: false },
  },
  server: {
    // `npx vite --config frontend/vite.config.ts` while `npm start` runs: the API stays same-origin.
    proxy: { '/api': 'http://127.0.0.1:3000', '/sandbox': 'http://127.0.0.1:3000' },
  },
});
