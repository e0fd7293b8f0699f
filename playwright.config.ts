import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// Real Chromium from Debian, driven against `npm run web` (the whole stack but the
// Electron shell) on a fresh clinic database in a temp folder.
const port = Number(process.env.E2E_PORT ?? 5199);
// Shared with the tests through the environment: the per-run access token.
process.env.DESK_WEB_TOKEN ??= randomBytes(18).toString('base64url');
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'desk-e2e-'));

export default defineConfig({
  testDir: 'tests',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'web',
      testDir: 'tests/e2e',
      testMatch: '**/*.e2e.ts',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
    {
      name: 'electron',
      testDir: 'tests/electron',
      testMatch: '**/*.e2e.ts',
    },
  ],
  webServer: {
    command: `npx tsx scripts/web.ts --port ${port} --data-dir "${process.env.E2E_DATA_DIR}"`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
