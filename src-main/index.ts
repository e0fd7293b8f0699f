/**
 * Electron main process: app lifecycle, the window, and the IPC bridge to the backend.
 * Thin on purpose. The backend (database, rules, services) runs in a worker thread
 * (backend-worker.ts) so synchronous SQLite never blocks the UI.
 *
 * Environment:
 *   DESK_DATA_DIR        use this folder instead of the user-data folder (tests, portable installs)
 *   DESK_MIGRATIONS_DIR  use these SQL migrations instead of the shipped drizzle/ folder
 *   ELECTRON_RENDERER_URL  set by electron-vite in development: load the dev server
 *
 * Never log invoke inputs or results: they carry patient data.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_BATCH_CHANNEL, IPC_INVOKE_CHANNEL, MAX_BATCH_CALLS, type InvokeResult } from '../src-shared/api/transport';
import { startBackendHost, type BackendHost } from './backend-host';
import { keychainStoreKey } from './keychain-key';
import { checkSender, refusalLogLine, refuseInvoke, type AppPage } from './ipc-guard';
import { resolveAppPaths } from './paths';
import { createMainWindow, hardenSession, hardenWebContents, installMenu } from './window';

const APP_NAME = 'Infusion Desk';

function start(): void {
  if (process.env.DESK_DATA_DIR) app.setPath('userData', resolve(process.env.DESK_DATA_DIR));

  if (!app.requestSingleInstanceLock()) {
    // Another copy is running (it is told through 'second-instance' and comes to the front).
    app.quit();
    return;
  }

  const paths = resolveAppPaths({
    mainDir: dirname(fileURLToPath(import.meta.url)),
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    inElectron: Boolean(process.versions.electron),
    env: process.env,
  });
  const page: AppPage = { fileUrl: paths.rendererFileUrl, devUrl: paths.devUrl };
  let mainWindow: BrowserWindow | null = null;

  const backend: BackendHost = startBackendHost({
    workerFile: paths.workerFile,
    // The store key comes from the OS keychain, which is only there once the app is ready.
    workerData: app.whenReady().then(() => ({
      dataDir: app.getPath('userData'),
      migrationsFolder: paths.migrationsFolder,
      ...(paths.nativeBinding ? { nativeBinding: paths.nativeBinding } : {}),
      storeKey: keychainStoreKey({ userData: app.getPath('userData'), dbFile: join(app.getPath('userData'), 'clinic.sqlite'), keychain: safeStorage }).key,
    })),
    onEvent(topic, payload) {
      for (const win of BrowserWindow.getAllWindows()) {
        if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, topic, payload);
      }
    },
    onFatal(message) {
      dialog.showErrorBox(
        `${APP_NAME} could not start`,
        `The clinic database could not be opened, so ${APP_NAME} will close.\n\n${message}`,
      );
      app.exit(1);
    },
  });

  ipcMain.handle(IPC_INVOKE_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown, session: unknown): Promise<InvokeResult> => {
    // Only the top frame of our own window, on the app page, may call; refusals are logged without data.
    const sender = checkSender(event, mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null, page);
    if (sender) console.warn(refusalLogLine(sender, method));
    const refusal = refuseInvoke(sender, method, input);
    if (refusal) return Promise.resolve(refusal);
    return backend.invoke(method as string, input, typeof session === 'string' && session.length <= 100 ? session : null);
  });

  // The calls a screen sends together (see DeskBridge.invokeBatch): the same checks as a call
  // alone, per call, and each answered by the backend in order as if sent alone.
  ipcMain.handle(IPC_INVOKE_BATCH_CHANNEL, async (event: IpcMainInvokeEvent, calls: unknown, session: unknown): Promise<InvokeResult[]> => {
    const sender = checkSender(event, mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null, page);
    if (!Array.isArray(calls) || calls.length === 0 || calls.length > MAX_BATCH_CALLS) {
      if (sender) console.warn(refusalLogLine(sender, null));
      return [];
    }
    const as = typeof session === 'string' && session.length <= 100 ? session : null;
    const results: InvokeResult[] = [];
    for (const call of calls as unknown[]) {
      const { method, input } = (call !== null && typeof call === 'object' ? call : {}) as { method?: unknown; input?: unknown };
      if (sender) console.warn(refusalLogLine(sender, method));
      results.push(refuseInvoke(sender, method, input) ?? (await backend.invoke(method as string, input, as)));
    }
    return results;
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, page));

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  const openWindow = () => {
    mainWindow = createMainWindow({
      preload: paths.preload,
      rendererHtml: paths.rendererHtml,
      icon: paths.icon,
      page,
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  // Close the database (checkpoint the WAL) before the process ends.
  let closing = false;
  app.on('will-quit', (event) => {
    if (backend.closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    void backend.close().finally(() => app.quit());
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, page);
    installMenu({ dev: !app.isPackaged, appName: APP_NAME });
    openWindow();
  });
}

start();
