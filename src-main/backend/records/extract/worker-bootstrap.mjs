// Starts the TypeScript extraction worker from source (tests, `npm run web`, scripts): tsx's
// loader is registered in this thread, then worker.ts is imported. The packaged app runs the
// bundled out/main/records-extract-worker.js instead (see pool.ts).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./worker.ts', import.meta.url).href);
