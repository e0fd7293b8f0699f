/**
 * The Electron shell, checked without Electron (no binary can be downloaded on the build
 * machines): build it with electron-vite, then run the built main process under plain
 * Node with 'electron' mapped to tests/electron/stub/electron.mjs. The stub plays the
 * renderer: it calls the registered IPC handler and probes the window's guards, then quits
 * and prints what it saw as one `STUB-REPORT {json}` line.
 *
 * The backend worker runs for real here, with node_modules' Node-ABI better-sqlite3 (the
 * main process passes the Electron-ABI binding only when running inside Electron).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import Database from 'better-sqlite3';
import { openSqlite } from '../../src-main/backend/db/cipher';
import { APP_CSP } from '../../src-main/ipc-guard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = (...p: string[]) => join(root, 'out', ...p);
const register = pathToFileURL(join(root, 'tests/electron/stub/register.mjs')).href;

interface StubReport {
  setPaths: Record<string, string>;
  singleInstanceLock: boolean;
  handlers: string[];
  windows: {
    options: { title?: string; minWidth?: number; minHeight?: number; show?: boolean; webPreferences: Record<string, unknown> };
    loaded: { kind: 'file' | 'url'; target: string } | null;
    shown: boolean;
  }[];
  sent: { channel: string; topic: unknown }[];
  dialogs: { title: string; content: string }[];
  openedExternal: string[];
  menu: (string | null)[] | null;
  session: Record<string, boolean>;
  registered: { contents: string[]; session: string[] };
  invokes: Record<string, { ok: boolean; result?: unknown; error?: { code: string; message: string; field?: string } }>;
  probes: Record<string, unknown>;
  quit: { requested: number; willQuitPrevented: number; completed: boolean };
  exitCalled: number | null;
  scenarioError: string | null;
  exitCode: number | null;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  report: StubReport;
}

/** The store key the app kept through the stub keychain (tests/electron/stub/electron.mjs safeStorage). */
function keychainKey(dataDir: string): Buffer {
  const kept = readFileSync(join(dataDir, 'store-key.keychain'), 'utf8');
  return Buffer.from(Buffer.from(kept.slice('stub-keychain:'.length), 'base64').toString('utf8'), 'hex');
}

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Run out/main/index.js under Node with the stubbed 'electron'; resolves when it exits. */
function runMain(env: Record<string, string>, timeoutMs = 30_000): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.ELECTRON_RENDERER_URL;
  delete childEnv.NODE_OPTIONS; // vitest's own loader options must not leak into the app
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', register, out('main', 'index.js')], {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the main process did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('STUB-REPORT '));
      if (!line) {
        reject(new Error(`no STUB-REPORT line (exit ${code})\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        return;
      }
      resolveRun({ code, stdout, stderr, report: JSON.parse(line.slice('STUB-REPORT '.length)) as StubReport });
    });
  });
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'pipe',
    timeout: 120_000,
    env: { ...process.env, NODE_ENV: 'production' },
  });
}, 130_000);

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('electron-vite build', () => {
  it('writes the main process, the backend worker, the preload and the page', () => {
    for (const file of [out('main/index.js'), out('main/backend-worker.js'), out('preload/index.cjs'), out('renderer/index.html')]) {
      expect(existsSync(file), file).toBe(true);
    }
  });

  it('builds a page that runs under the strict CSP: the meta policy kept, no inline scripts, styles or handlers', () => {
    const html = readFileSync(out('renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(`${meta}; frame-ancestors 'none'`).toBe(APP_CSP);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i); // every script has a src
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/unsafe-/);
  });

  it('keeps the backend worker free of Electron', () => {
    const worker = readFileSync(out('main/backend-worker.js'), 'utf8');
    expect(worker).not.toMatch(/from\s+["']electron["']|require\(["']electron["']\)/);
  });
});

describe('built main process under Node with a stubbed electron', () => {
  let run: Run;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDir('desk-shell-');
    run = await runMain({ DESK_DATA_DIR: dataDir });
  }, 40_000);

  it('exits cleanly after the app quits', () => {
    expect(run.report.scenarioError).toBeNull();
    expect(run.code).toBe(0);
    expect(run.report.exitCalled).toBeNull();
    expect(run.report.quit.completed).toBe(true);
    // It held the quit once to close the database first.
    expect(run.report.quit.willQuitPrevented).toBe(1);
    expect(run.report.dialogs).toEqual([]);
  });

  it('uses DESK_DATA_DIR as the user-data folder and takes the single-instance lock', () => {
    expect(run.report.setPaths.userData).toBe(dataDir);
    expect(run.report.singleInstanceLock).toBe(true);
  });

  it('opens one sandboxed, context-isolated window on the built page', () => {
    expect(run.report.windows).toHaveLength(1);
    const win = run.report.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    // Nothing that loosens the box: no remote module (gone since Electron 14), no
    // experimental web features, no Blink features switched on.
    for (const key of ['enableRemoteModule', 'experimentalFeatures', 'enableBlinkFeatures', 'additionalArguments']) {
      expect(win.options.webPreferences, key).not.toHaveProperty(key);
    }
    expect(String(win.options.webPreferences.preload)).toMatch(/[\\/]out[\\/]preload[\\/]index\.cjs$/);
    expect(win.options).toMatchObject({ title: 'Infusion Desk', minWidth: 1024, minHeight: 700, show: false });
    expect(win.loaded).toEqual({ kind: 'file', target: out('renderer/index.html') });
    expect(win.shown).toBe(true); // on ready-to-show
    expect(run.report.menu).toContain('Edit');
  });

  it('registers the invoke handler and answers through the backend worker', () => {
    expect(run.report.handlers).toEqual(['desk:invoke', 'desk:invoke-batch']);
    const { whoami, create, search, hashRoute, beforeSignIn } = run.report.invokes;
    expect(beforeSignIn).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(whoami).toMatchObject({ ok: true, result: { transport: 'ipc', user: { role: 'admin' } } });
    expect(hashRoute?.ok).toBe(true);
    expect(create?.ok).toBe(true);
    const created = create?.result as { id: string; lastName: string };
    expect(created.lastName).toBe('Quillfeather');
    const found = search?.result as { items: { id: string }[] };
    expect(search?.ok).toBe(true);
    expect(found.items.map((p) => p.id)).toEqual([created.id]);
  });

  it('answers a batch of calls in order, each checked and answered as if sent alone', () => {
    const { batch, batchForeign, batchNotAList, afterBatches, search, whoami } = run.report.invokes as unknown as Record<string, unknown>;
    expect(batch).toEqual([
      whoami,
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'VALIDATION', field: 'dateOfBirth' }) }),
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) }),
      search,
    ]);
    expect(batchForeign).toEqual([{ ok: false, error: { code: 'FORBIDDEN', message: 'Only Infusion Desk’s own window can use the clinic database.' } }]);
    expect(batchNotAList).toEqual([]);
    // Nothing in the batches created a patient: the search after them answers as before.
    expect(afterBatches).toEqual(search);
  });

  it('returns validation errors from the backend as data', () => {
    expect(run.report.invokes.futureDob).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'dateOfBirth' } });
  });

  it('refuses calls that do not come from the top frame of the app window on the app page', () => {
    const { foreignOrigin, foreignFile, noFrame, detachedFrame, iframe, otherContents } = run.report.invokes;
    for (const refused of [foreignOrigin, foreignFile, noFrame, detachedFrame, iframe, otherContents]) {
      expect(refused).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Only Infusion Desk’s own window can use the clinic database.' },
      });
    }
    // Each refused call tried to create the same patient: none reached the backend, so the
    // search after them answers exactly as the one before them.
    expect(run.report.invokes.afterRefusals).toEqual(run.report.invokes.search);
  });

  it('logs each refused sender with the reason and method, never the data', () => {
    const refusals = run.stderr.split('\n').filter((l) => l.startsWith('[ipc] refused'));
    expect(refusals).toEqual([
      '[ipc] refused a call to patients.create: the sending page is not the app page',
      '[ipc] refused a call to patients.create: the sending page is not the app page',
      '[ipc] refused a call to patients.create: the sending frame is gone',
      '[ipc] refused a call to patients.create: the sending frame is detached',
      '[ipc] refused a call to patients.create: it came from a frame inside the page, not the page itself',
      '[ipc] refused a call to patients.create: it did not come from the app window',
      '[ipc] refused a call to patients.create: the sending page is not the app page',
    ]);
  });

  it('refuses unknown methods and inputs that are not plain objects', () => {
    expect(run.report.invokes.unknownMethod).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(run.report.invokes.arrayInput).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('forwards backend events to the window', () => {
    expect(run.report.sent).toContainEqual({ channel: 'desk:event', topic: 'patients.changed' });
  });

  it('registers the navigation, pop-up, webview, device, permission, download and CSP handlers', () => {
    expect(run.report.registered.contents).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview', 'select-bluetooth-device']),
    );
    expect(run.report.registered.session).toContain('will-download');
    expect(run.report.session).toEqual({
      permissionRequestHandler: true,
      permissionCheckHandler: true,
      devicePermissionHandler: true,
      onHeadersReceived: true,
    });
  });

  it('denies every pop-up and opens nothing in the browser', () => {
    const p = run.report.probes;
    expect(p.windowOpenHttps).toEqual({ action: 'deny' });
    expect(p.windowOpenFile).toEqual({ action: 'deny' });
    expect(p.windowOpenApp).toEqual({ action: 'deny' });
    expect(run.report.openedExternal).toEqual([]);
  });

  it('keeps the window on the app page: navigation, redirects and frames elsewhere are prevented', () => {
    const p = run.report.probes;
    expect(p.navigateAwayPrevented).toBe(true);
    expect(p.navigateOtherFilePrevented).toBe(true);
    expect(p.navigateHomePrevented).toBe(false);
    expect(p.navigateRoutePrevented).toBe(false);
    expect(p.redirectAwayPrevented).toBe(true);
    expect(p.redirectHomePrevented).toBe(false);
    expect(p.frameNavigateSubPrevented).toBe(true);
    expect(p.frameNavigateMainAwayPrevented).toBe(true);
    expect(p.frameNavigateMainHomePrevented).toBe(false);
  });

  it('prevents webviews and device pickers', () => {
    const p = run.report.probes;
    expect(p.webviewPrevented).toBe(true);
    expect(p.bluetooth).toEqual({ prevented: true, choice: '' });
  });

  it('answers every permission request and check with false', () => {
    const p = run.report.probes as { permissionRequests: Record<string, unknown>; permissionChecks: Record<string, unknown>; devicePermission: unknown };
    expect(Object.keys(p.permissionRequests).length).toBeGreaterThan(10);
    for (const [kind, granted] of Object.entries(p.permissionRequests)) expect(granted, kind).toBe(false);
    for (const [kind, granted] of Object.entries(p.permissionChecks)) expect(granted, kind).toBe(false);
    expect(p.devicePermission).toBe(false);
  });

  it("lets only the app's own Blob downloads through, to a save dialog under a safe name", () => {
    type Probe = { prevented: boolean; saveDialogOptions: { defaultPath?: string; title?: string } | null; savePath: string | null };
    const d = run.report.probes.downloads as Record<string, Probe>;
    const folder = run.report.probes.downloadsFolder as string;
    expect(d.appBlob).toMatchObject({ prevented: false, savePath: null, saveDialogOptions: { defaultPath: join(folder, 'Intake summary.pdf') } });
    expect(d.appBlobBadName?.saveDialogOptions?.defaultPath).toBe(join(folder, 'bashrc'));
    for (const name of ['https', 'dataUrl', 'fileUrl', 'foreignBlob', 'fromForeignPage', 'noContents']) {
      expect(d[name], name).toMatchObject({ prevented: true, saveDialogOptions: null, savePath: null });
    }
    const cancelled = run.stderr.split('\n').filter((l) => l === '[shell] cancelled a download that the app did not start');
    expect(cancelled).toHaveLength(6);
  });

  it('replaces any CSP on the app page with the strict one', () => {
    const headers = run.report.probes.cspHeaders as Record<string, string[]>;
    expect(headers['X-Test']).toEqual(['1']);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Security-Policy']).toEqual([APP_CSP]);
    expect(APP_CSP).not.toContain('unsafe-');
  });

  it('closes the database before exiting (WAL checkpointed) and keeps the saved patient', () => {
    expect(existsSync(join(dataDir, 'clinic.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'clinic.sqlite-wal'))).toBe(false);
    const db = openSqlite(join(dataDir, 'clinic.sqlite'), { key: keychainKey(dataDir), readonly: true });
    try {
      const row = db.prepare(`SELECT count(*) AS n FROM patients WHERE last_name = ?`).get('Quillfeather') as { n: number };
      expect(row.n).toBe(1);
    } finally {
      db.close();
    }
  });

  it('encrypts the store with a key kept by the keychain (safeStorage), not readable without it', () => {
    // The key file holds what the keychain made of the key, never the key in the clear.
    const kept = readFileSync(join(dataDir, 'store-key.keychain'));
    expect(kept.toString('utf8')).toMatch(/^stub-keychain:/);
    expect(kept.toString('utf8')).not.toContain(keychainKey(dataDir).toString('hex'));
    expect(() => new Database(join(dataDir, 'clinic.sqlite'), { readonly: true }).prepare('SELECT count(*) FROM patients').get()).toThrow(
      /file is not a database/,
    );
  });

  it('never logs patient data', () => {
    const logs = run.stdout.replace(/^STUB-REPORT .*$/m, '') + run.stderr;
    expect(logs).not.toContain('Quillfeather');
    expect(logs).not.toContain('1978-04-12');
  });
});

describe('start-up failure', () => {
  it('shows the reason in a dialog and exits with code 1', async () => {
    const run = await runMain({
      DESK_DATA_DIR: tempDir('desk-shell-fail-'),
      DESK_MIGRATIONS_DIR: join(tempDir('desk-no-migrations-'), 'missing'),
      DESK_STUB_SCENARIO: 'none',
    });
    expect(run.code).toBe(1);
    expect(run.report.exitCalled).toBe(1);
    expect(run.report.dialogs).toHaveLength(1);
    expect(run.report.dialogs[0]!.title).toBe('Infusion Desk could not start');
    expect(run.report.dialogs[0]!.content).toContain('_journal.json');
  }, 40_000);
});

describe('built preload', () => {
  interface Bridge {
    invoke(method: unknown, input: unknown): Promise<unknown>;
    invokeBatch(calls: unknown[], session?: string): Promise<unknown>;
    subscribe(topic: string, listener: (...args: unknown[]) => void): () => void;
  }

  function loadPreload() {
    const required: string[] = [];
    const exposed: Record<string, unknown> = {};
    const invokes: unknown[][] = [];
    const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invokes.push(args);
          return Promise.resolve({ ok: true, result: 'answer' });
        },
        on: (channel: string, fn: (...args: unknown[]) => void) => {
          if (!listeners.has(channel)) listeners.set(channel, new Set());
          listeners.get(channel)!.add(fn);
        },
        removeListener: (channel: string, fn: (...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
      },
    };
    const code = readFileSync(out('preload/index.cjs'), 'utf8');
    const wrapper = vm.runInThisContext(`(function (require, module, exports) {${code}\n})`, {
      filename: out('preload/index.cjs'),
    }) as (req: (id: string) => unknown, module: { exports: object }, exports: object) => void;
    const module = { exports: {} };
    wrapper(
      (id) => {
        required.push(id);
        if (id === 'electron') return electron;
        throw new Error(`a sandboxed preload cannot require ${id}`);
      },
      module,
      module.exports,
    );
    const emit = (channel: string, ...args: unknown[]) => {
      for (const fn of listeners.get(channel) ?? []) fn(...args);
    };
    return { required, exposed, invokes, listeners, emit };
  }

  it('requires only electron and exposes only window.desk with invoke, invokeBatch and subscribe', () => {
    const { required, exposed } = loadPreload();
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['desk']);
    expect(Object.keys(exposed.desk as object).sort()).toEqual(['invoke', 'invokeBatch', 'subscribe']);
  });

  it('passes invoke calls to the desk:invoke channel', async () => {
    const { exposed, invokes } = loadPreload();
    const desk = exposed.desk as Bridge;
    await expect(desk.invoke('patients.search', { q: 'x' })).resolves.toEqual({ ok: true, result: 'answer' });
    expect(invokes).toEqual([['desk:invoke', 'patients.search', { q: 'x' }, null]]);
    await expect(desk.invoke(42, {})).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(invokes).toHaveLength(1);
  });

  it('passes a batch to the desk:invoke-batch channel as plain calls, answering a call without a method itself', async () => {
    const { exposed, invokes } = loadPreload();
    const desk = exposed.desk as Bridge;
    const answers = await desk.invokeBatch([{ method: 'patients.search', input: { q: 'x' }, extra: 'dropped' }, { method: 7 }, { method: 'system.whoami', input: {} }], 'sess');
    expect(invokes).toEqual([['desk:invoke-batch', [{ method: 'patients.search', input: { q: 'x' } }, { method: 'system.whoami', input: {} }], 'sess']]);
    // The stub channel answers with one non-list value: both sent calls read as unreachable, the bad one as unknown.
    expect(answers).toEqual([
      { ok: false, error: { code: 'INTERNAL', message: 'The app could not reach its backend. Restart Infusion Desk.' } },
      { ok: false, error: { code: 'NOT_FOUND', message: 'The app asked for an action it does not have.' } },
      { ok: false, error: { code: 'INTERNAL', message: 'The app could not reach its backend. Restart Infusion Desk.' } },
    ]);
    await expect(desk.invokeBatch([])).rejects.toThrow('invokeBatch(calls) needs a list of 1 to 32 calls.');
    expect(invokes).toHaveLength(1);
  });

  it('delivers only the payload of the subscribed topic, and unsubscribes', () => {
    const { exposed, emit, listeners } = loadPreload();
    const desk = exposed.desk as Bridge;
    const calls: unknown[][] = [];
    const unsubscribe = desk.subscribe('patients.changed', (...args) => calls.push(args));
    const fakeIpcEvent = { sender: 'ipcRenderer internals' };
    emit('desk:event', fakeIpcEvent, 'patients.changed', { method: 'patients.create' });
    emit('desk:event', fakeIpcEvent, 'clinic.changed', { method: 'settings.update' });
    expect(calls).toEqual([[{ method: 'patients.create' }]]);
    unsubscribe();
    unsubscribe();
    expect(listeners.get('desk:event')?.size ?? 0).toBe(0);
    emit('desk:event', fakeIpcEvent, 'patients.changed', {});
    expect(calls).toHaveLength(1);
  });
});
