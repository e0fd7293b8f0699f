/**
 * `npm run web`: build the renderer for the browser and serve it with the backend on
 * 127.0.0.1. Options: --port N (default 5180), --data-dir DIR (default ./.web-clinic),
 * --no-build (serve the last build). The access token is random for each run unless
 * DESK_WEB_TOKEN is set (the end-to-end tests set it). The store is encrypted with the key
 * from DESK_DB_KEY or DESK_DB_KEY_FILE, else a key file beside the data folder
 * (`.web-clinic.key`), made on first run (scripts/lib/store-key.ts).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { openBackend } from '../src-main/backend/backend';
import { startWebServer } from '../src-main/backend/http/web-server';
import { describeKeySource, resolvedScriptStoreKey } from './lib/store-key';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5180' },
    'data-dir': { type: 'string', default: resolve(root, '.web-clinic') },
    'no-build': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, not ${values.port}`);
  process.exit(2);
}

if (!values['no-build']) {
  console.log('Building the renderer for the browser...');
  await build({ configFile: resolve(root, 'src-renderer/vite.config.ts'), logLevel: 'error' });
}

const storeKey = resolvedScriptStoreKey(values['data-dir'], { create: true });
const backend = openBackend({
  dataDir: resolve(values['data-dir']),
  migrationsFolder: resolve(root, 'drizzle'),
  transport: 'http',
  storeKey: storeKey.key,
});
const server = await startWebServer({
  backend,
  staticDir: resolve(root, 'out/web'),
  port,
  ...(process.env.DESK_WEB_TOKEN ? { token: process.env.DESK_WEB_TOKEN } : {}),
});

console.log(`Infusion Desk (web) is running with data in ${resolve(values['data-dir'])}`);
console.log(`Encrypted with ${describeKeySource(storeKey)}.`);
console.log(`Open: ${server.openUrl}`);

const stop = async () => {
  await server.close();
  backend.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
