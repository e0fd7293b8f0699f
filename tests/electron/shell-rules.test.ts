/**
 * The shell's pure rules (no Electron needed): which callers may use the bridge, what
 * input may cross it, the CSP, and where the app finds its parts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_CSP, appCsp, isAppUrl, isExternalLinkAllowed, isPlainInput, refuseInvoke, type AppPage } from '../../src-main/ipc-guard';
import { resolveAppPaths } from '../../src-main/paths';

const built: AppPage = { fileUrl: 'file:///opt/Infusion%20Desk/resources/app.asar/out/renderer/index.html' };
const dev: AppPage = { fileUrl: built.fileUrl, devUrl: 'http://localhost:5173' };

describe('isAppUrl', () => {
  it.each([
    ['the page itself', built, built.fileUrl, true],
    ['a hash route', built, `${built.fileUrl}#/patients/123`, true],
    ['a query', built, `${built.fileUrl}?x=1`, true],
    ['the same path, unencoded space', built, 'file:///opt/Infusion Desk/resources/app.asar/out/renderer/index.html', true],
    ['another file', built, 'file:///opt/Infusion%20Desk/resources/app.asar/out/renderer/other.html', false],
    ['a file on another host', built, 'file://server/opt/Infusion%20Desk/resources/app.asar/out/renderer/index.html', false],
    ['a web page', built, 'https://evil.example/', false],
    ['the dev server when built', built, 'http://localhost:5173/', false],
    ['nothing', built, '', false],
    ['garbage', built, 'not a url', false],
    ['the dev server', dev, 'http://localhost:5173/#/patients', true],
    ['another port', dev, 'http://localhost:5174/', false],
    ['the built file in dev', dev, built.fileUrl, false],
    ['a web page in dev', dev, 'https://evil.example/', false],
  ])('%s', (_name, page, url, expected) => {
    expect(isAppUrl(url, page)).toBe(expected);
  });

  it('ignores drive-letter case on Windows paths', () => {
    const win: AppPage = { fileUrl: 'file:///C:/Program%20Files/Infusion%20Desk/out/renderer/index.html' };
    expect(isAppUrl('file:///c:/program%20files/infusion%20desk/out/renderer/index.html', win)).toBe(true);
  });
});

describe('isPlainInput', () => {
  it.each([
    [undefined, true],
    [null, true],
    [{}, true],
    [{ q: 'x', nested: { a: [1] } }, true],
    [Object.create(null) as object, true],
    [[], false],
    ['text', false],
    [42, false],
    [new Date(), false],
    [new Map(), false],
  ])('%o → %s', (input, expected) => {
    expect(isPlainInput(input)).toBe(expected);
  });
});

describe('refuseInvoke', () => {
  it('lets an app-page call to a known method through', () => {
    expect(refuseInvoke(built.fileUrl, built, 'system.whoami', {})).toBeNull();
    expect(refuseInvoke(built.fileUrl, built, 'system.whoami', undefined)).toBeNull();
  });
  it('refuses foreign callers first, whatever they ask', () => {
    expect(refuseInvoke('https://evil.example/', built, 'nope', [])?.ok).toBe(false);
    expect(refuseInvoke(null, built, 'system.whoami', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
  it('refuses unknown or non-string methods, and inherited names', () => {
    for (const method of ['system.nope', 42, undefined, 'toString', '__proto__']) {
      expect(refuseInvoke(built.fileUrl, built, method, {})).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });
  it('refuses input that is not a plain object', () => {
    expect(refuseInvoke(built.fileUrl, built, 'patients.search', 'Smith')).toMatchObject({ error: { code: 'VALIDATION' } });
  });
});

describe('links and CSP', () => {
  it('opens only https links outside the app', () => {
    expect(isExternalLinkAllowed('https://example.org/')).toBe(true);
    for (const url of ['http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'nonsense']) {
      expect(isExternalLinkAllowed(url)).toBe(false);
    }
  });
  it('matches the meta tag in src-renderer/index.html', () => {
    const html = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../src-renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // The meta tag cannot carry frame-ancestors (browsers ignore it there); the header adds it.
    expect(`${meta}; frame-ancestors 'none'`).toBe(APP_CSP);
  });

  it('sends the strict policy for built pages and loosens it only for the dev server', () => {
    expect(appCsp()).toBe(APP_CSP);
    expect(APP_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    const devCsp = appCsp('http://localhost:5173');
    expect(devCsp).toContain("script-src 'self' 'unsafe-inline'");
    expect(devCsp).toContain("connect-src 'self' ws://localhost:5173");
    expect(devCsp).toContain("object-src 'none'");
  });
});

describe('resolveAppPaths', () => {
  const root = mkdtempSync(join(tmpdir(), 'desk-paths-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const mainDir = join(root, 'out', 'main');

  it('finds the built parts and drizzle/ beside the project in development', () => {
    const p = resolveAppPaths({ mainDir, isPackaged: false, inElectron: true, env: {} });
    expect(p.workerFile).toBe(join(mainDir, 'backend-worker.js'));
    expect(p.preload).toBe(join(root, 'out', 'preload', 'index.cjs'));
    expect(p.rendererHtml).toBe(join(root, 'out', 'renderer', 'index.html'));
    expect(p.rendererFileUrl).toBe(pathToFileURL(p.rendererHtml).href);
    expect(p.migrationsFolder).toBe(join(root, 'drizzle'));
    expect(p.devUrl).toBeUndefined();
    expect(p.nativeBinding).toBeUndefined(); // .native/electron not built
  });

  it('passes the Electron-ABI binding only when it exists and we run inside Electron', () => {
    const binding = join(root, '.native', 'electron', 'better_sqlite3.node');
    mkdirSync(join(root, '.native', 'electron'), { recursive: true });
    writeFileSync(binding, '');
    expect(resolveAppPaths({ mainDir, isPackaged: false, inElectron: true, env: {} }).nativeBinding).toBe(binding);
    expect(resolveAppPaths({ mainDir, isPackaged: false, inElectron: false, env: {} }).nativeBinding).toBeUndefined();
  });

  it('uses extraResources when packaged and ignores the dev server URL there', () => {
    const resources = join(root, 'resources-dir');
    const p = resolveAppPaths({
      mainDir,
      isPackaged: true,
      resourcesPath: resources,
      inElectron: true,
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' },
    });
    expect(p.migrationsFolder).toBe(join(resources, 'drizzle'));
    expect(p.nativeBinding).toBeUndefined();
    expect(p.icon).toBe(join(resources, 'resources', 'icons', 'icon.png'));
    expect(p.devUrl).toBeUndefined();
  });

  it('honours DESK_MIGRATIONS_DIR and ELECTRON_RENDERER_URL in development', () => {
    const p = resolveAppPaths({
      mainDir,
      isPackaged: false,
      inElectron: true,
      env: { DESK_MIGRATIONS_DIR: join(root, 'm'), ELECTRON_RENDERER_URL: 'http://localhost:5173' },
    });
    expect(p.migrationsFolder).toBe(join(root, 'm'));
    expect(p.devUrl).toBe('http://localhost:5173');
  });
});
