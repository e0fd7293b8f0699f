/**
 * The shell's pure rules (no Electron needed): which callers may use the bridge, what
 * input may cross it, which downloads are the app's own, the CSP, and where the app finds
 * its parts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/backend/http/web-server';
import {
  APP_CSP,
  appCsp,
  checkSender,
  isAppDownload,
  isAppUrl,
  isPlainInput,
  refusalLogLine,
  refuseInvoke,
  safeDownloadName,
  type AppPage,
  type FrameLike,
  type InvokeEventLike,
} from '../../src-main/ipc-guard';
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

describe('checkSender', () => {
  const WINDOW_ID = 7;
  const mainFrame: FrameLike = { url: built.fileUrl, parent: null, processId: 3, frameToken: 'main-token' };
  const event = (frame: Partial<FrameLike> | null, senderId = WINDOW_ID): InvokeEventLike => ({
    senderFrame: frame === null ? null : { ...mainFrame, ...frame },
    sender: { id: senderId, mainFrame },
  });

  it('accepts the top frame of the app window on the app page, any #route', () => {
    expect(checkSender(event({}), WINDOW_ID, built)).toBeNull();
    expect(checkSender(event({ url: `${built.fileUrl}#/patients/1` }), WINDOW_ID, built)).toBeNull();
  });

  it.each([
    ['no frame (it navigated or closed)', event(null), 'no-frame'],
    ['a detached frame', event({ detached: true }), 'detached-frame'],
    ['another WebContents with the app page', event({}, 8), 'other-contents'],
    ['an iframe showing the app page', event({ parent: mainFrame, frameToken: 'child-token' }), 'subframe'],
    ['an iframe claiming the main token', event({ parent: mainFrame }), 'subframe'],
    ['a frame in another process', event({ processId: 4 }), 'subframe'],
    ['a frame with another token', event({ frameToken: 'other' }), 'subframe'],
    ['the window on a web page', event({ url: 'https://evil.example/' }), 'foreign-page'],
    ['the window on another file', event({ url: 'file:///tmp/other.html' }), 'foreign-page'],
  ])('refuses %s', (_name, e, reason) => {
    expect(checkSender(e, WINDOW_ID, built)).toBe(reason);
  });

  it('refuses everything while there is no app window', () => {
    expect(checkSender(event({}), null, built)).toBe('other-contents');
  });

  it('refuses when the window is being torn down (mainFrame throws)', () => {
    const dying: InvokeEventLike = {
      senderFrame: mainFrame,
      sender: {
        id: WINDOW_ID,
        get mainFrame(): FrameLike {
          throw new Error('Object has been destroyed');
        },
      },
    };
    expect(checkSender(dying, WINDOW_ID, built)).toBe('other-contents');
  });

  it('logs a reason and a known method name, never an unknown name or any input', () => {
    expect(refusalLogLine('subframe', 'patients.create')).toBe(
      '[ipc] refused a call to patients.create: it came from a frame inside the page, not the page itself',
    );
    expect(refusalLogLine('foreign-page', 'Rosalind Quillfeather 1978-04-12')).toBe(
      '[ipc] refused a call to an unknown method: the sending page is not the app page',
    );
  });
});

describe('refuseInvoke', () => {
  it("lets an accepted sender's call to a known method through", () => {
    expect(refuseInvoke(null, 'system.whoami', {})).toBeNull();
    expect(refuseInvoke(null, 'system.whoami', undefined)).toBeNull();
  });
  it('refuses a refused sender first, whatever it asks', () => {
    expect(refuseInvoke('foreign-page', 'nope', [])?.ok).toBe(false);
    for (const reason of ['no-frame', 'detached-frame', 'other-contents', 'subframe', 'foreign-page'] as const) {
      expect(refuseInvoke(reason, 'system.whoami', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
  });
  it('refuses unknown or non-string methods, and inherited names', () => {
    for (const method of ['system.nope', 42, undefined, 'toString', '__proto__']) {
      expect(refuseInvoke(null, method, {})).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });
  it('refuses input that is not a plain object', () => {
    expect(refuseInvoke(null, 'patients.search', 'Smith')).toMatchObject({ error: { code: 'VALIDATION' } });
  });
});

describe('downloads', () => {
  it.each([
    ["the app's blob from the app page", built, 'blob:file:///0b7c3a52-9f1e-4c55-a1c1-2a0c6f1d9e11', built.fileUrl, true],
    ["the app's blob from a #route", built, 'blob:file:///0b7c3a52', `${built.fileUrl}#/outcomes`, true],
    ['a blob, but the page is elsewhere', built, 'blob:file:///0b7c3a52', 'https://evil.example/', false],
    ['a blob, but no page', built, 'blob:file:///0b7c3a52', null, false],
    ["another host's file blob", built, 'blob:file://server/0b7c3a52', built.fileUrl, false],
    ["a web origin's blob", built, 'blob:https://evil.example/0b7c3a52', built.fileUrl, false],
    ['https', built, 'https://evil.example/payload.exe', built.fileUrl, false],
    ['a data URL', built, 'data:text/plain;base64,aGk=', built.fileUrl, false],
    ['a file URL', built, 'file:///etc/passwd', built.fileUrl, false],
    ['garbage', built, 'blob:', built.fileUrl, false],
    ["the dev server's blob", dev, 'blob:http://localhost:5173/0b7c3a52', 'http://localhost:5173/#/outcomes', true],
    ['a file blob in dev', dev, 'blob:file:///0b7c3a52', 'http://localhost:5173/', false],
    ["another port's blob in dev", dev, 'blob:http://localhost:5174/0b7c3a52', 'http://localhost:5173/', false],
  ])('%s', (_name, page, url, initiator, expected) => {
    expect(isAppDownload(url, initiator, page)).toBe(expected);
  });

  it.each([
    ['Intake summary.pdf', 'Intake summary.pdf'],
    ['../../.bashrc', 'bashrc'],
    ['C:\\Windows\\evil.bat', 'evil.bat'],
    ['a<b>c:d"e|f?g*h.csv', 'a_b_c_d_e_f_g_h.csv'],
    ['line\nbreak.txt', 'line_break.txt'],
    ['...', 'download'],
    ['', 'download'],
    ['trailing. ', 'trailing'],
  ])('offers %j as %j', (given, expected) => {
    expect(safeDownloadName(given)).toBe(expected);
  });

  it('caps long names', () => {
    expect(safeDownloadName(`${'x'.repeat(300)}.pdf`)).toHaveLength(200);
  });
});

describe('CSP', () => {
  const htmlMeta = () => {
    const html = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../src-renderer/index.html'), 'utf8');
    return /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
  };

  it('matches the meta tag in src-renderer/index.html and the web server header', () => {
    // The meta tag cannot carry frame-ancestors (browsers ignore it there); the header adds it.
    expect(`${htmlMeta()}; frame-ancestors 'none'`).toBe(APP_CSP);
    expect(CONTENT_SECURITY_POLICY).toBe(APP_CSP);
  });

  it('has no unsafe-* anywhere: meta tag, shell header, web server header, development policy', () => {
    for (const [where, policy] of [
      ['index.html meta', htmlMeta()],
      ['APP_CSP', APP_CSP],
      ['web server', CONTENT_SECURITY_POLICY],
      ['development', appCsp('http://localhost:5173')],
    ] as const) {
      expect(policy, where).not.toMatch(/unsafe-/i);
      expect(policy, where).not.toMatch(/\*|data:.*script|blob:/); // no wildcards, no data:/blob: sources beyond images
    }
  });

  it('sends the strict policy for built pages and adds only the HMR socket for the dev server', () => {
    expect(appCsp()).toBe(APP_CSP);
    expect(APP_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(appCsp('http://localhost:5173')).toBe(APP_CSP.replace("connect-src 'self'", "connect-src 'self' ws://localhost:5173"));
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
