// Starts the TypeScript extraction worker from source (tests, `npm run web`, scripts): tsx's
// loader is registered in this thread, then worker.ts is imported. The packaged app runs the
// bundled out/main/records-extract-worker.js instead (see pool.ts).
//
// pdf.js (its API and the "fake worker" it loads in the same thread, about 4 MB of JavaScript)
// is imported before the loader is registered, so Node loads it as it is: through tsx every
// worker thread passed it through esbuild and kept the result, about 200 MB of RSS per worker
// (measured: a worker importing pdf.js took +39 MB without tsx, +234 MB with it). The later
// imports of the same modules from worker.ts get these instances.
import { register } from 'tsx/esm/api';

await import('pdfjs-dist/legacy/build/pdf.mjs');
await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
register();
await import(new URL('./worker.ts', import.meta.url).href);
