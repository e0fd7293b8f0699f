import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The same renderer, built for `npm run web` (served by the backend's web server on
// 127.0.0.1). electron.vite.config.ts builds it for the desktop shell.
export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, '../out/web'),
    emptyOutDir: true,
    sourcemap: true,
  },
});
