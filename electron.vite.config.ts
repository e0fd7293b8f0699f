import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// electron-vite defaults to src/main etc.; this project keeps the design card's top-level
// folders. It externalizes `dependencies` (better-sqlite3 is native and must stay outside
// the bundle); everything else is bundled.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          'backend-worker': resolve(__dirname, 'src-main/backend-worker.ts'),
          // Prior records: PDF text, OCR and DOCX reading off the backend's thread (records/extract/pool.ts).
          'records-extract-worker': resolve(__dirname, 'src-main/backend/records/extract/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        // CommonJS so the preload runs in a sandboxed renderer.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
