/**
 * Smoke test of the real desktop app through Playwright's Electron driver. It runs only
 * where an Electron binary is installed; on the build machines (no binary can be
 * downloaded, ELECTRON_SKIP_BINARY_DOWNLOAD=1) it skips and says so, and the shell is
 * checked by tests/electron/main-under-node.test.ts instead.
 *
 * Needs the Electron-ABI better-sqlite3 (`node scripts/native-for-electron.mjs`, which
 * `npm start` runs) and builds the app with electron-vite if out/ is missing.
 *
 * Playwright project: { name: 'electron', testDir: 'tests/electron', testMatch: '**\/*.e2e.ts' }.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function electronBinary(): string | null {
  try {
    // The electron package's main export is the path of its binary; it throws when the
    // binary was never downloaded.
    const path = createRequire(join(root, 'package.json'))('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

test('the desktop app opens its window on the patients screen', async () => {
  const executablePath = electronBinary();
  test.skip(
    executablePath === null,
    'No Electron binary on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD); the shell is checked by tests/electron/main-under-node.test.ts instead',
  );
  test.skip(
    !existsSync(join(root, '.native/electron/better_sqlite3.node')),
    'No Electron-ABI better-sqlite3 yet: run `node scripts/native-for-electron.mjs` (needs the internet once)',
  );
  test.setTimeout(180_000);

  if (!existsSync(join(root, 'out/main/index.js')) || !existsSync(join(root, 'out/renderer/index.html'))) {
    execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      stdio: 'inherit',
    });
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'desk-electron-e2e-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL' && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  env.DESK_DATA_DIR = dataDir;

  const app = await electron.launch({
    executablePath: executablePath!,
    args: [root, ...(process.platform === 'linux' && process.env.CI ? ['--no-sandbox'] : [])],
    cwd: root,
    env,
  });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');

    const windowTitle = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle() ?? '');
    expect(windowTitle).toContain('Infusion Desk');
    await expect(page).toHaveTitle(/Infusion Desk/);

    await expect(page.getByRole('navigation').getByText('Patients', { exact: false }).first()).toBeVisible();

    // The page sees the bridge and nothing of Node.
    const globals = await page.evaluate(() => ({
      desk: Object.keys((window as unknown as { desk?: object }).desk ?? {}).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(globals).toEqual({ desk: ['invoke', 'invokeBatch', 'subscribe'], require: 'undefined', process: 'undefined' });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
