/**
 * The app window and everything that keeps web content in its box: sandboxed renderer,
 * no navigation away from the app's page, no pop-ups, no webviews, no permissions, no
 * downloads but the app's own, a CSP header. README "Security defaults" lists each rule.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  Menu,
  type MenuItemConstructorOptions,
  type Session,
  type WebContents,
} from 'electron';
import { appCsp, isAppDownload, isAppUrl, safeDownloadName, type AppPage } from './ipc-guard';

export interface WindowPaths {
  preload: string;
  rendererHtml: string;
  /** Window icon for Linux (macOS and Windows take it from the package). */
  icon?: string | undefined;
  page: AppPage;
}

export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    title: 'Infusion Desk',
    show: false,
    backgroundColor: '#ffffff',
    ...(process.platform === 'linux' && paths.icon && existsSync(paths.icon) ? { icon: paths.icon } : {}),
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // (There is no remote module to turn off: Electron removed it in version 14.)
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());

  if (paths.page.devUrl) {
    void win.loadURL(paths.page.devUrl);
  } else {
    void win.loadFile(paths.rendererHtml);
  }
  return win;
}

/**
 * Applied to every WebContents the app creates (app 'web-contents-created'): the page may
 * not navigate elsewhere, open windows, embed webviews or pick devices.
 *
 * Pop-ups are denied outright and nothing is handed to shell.openExternal: the app has no
 * links to the web, and a page that could open URLs in the browser could carry patient data
 * out in them.
 */
export function hardenWebContents(contents: WebContents, page: AppPage): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // The app page may reload or change its #route; any other navigation is stopped.
  const keepOnAppPage = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, page)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => keepOnAppPage(event, event.url));
  contents.on('will-redirect', (event) => keepOnAppPage(event, event.url));
  // The app has no frames (the CSP says frame-src 'none'): no frame may navigate anywhere.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
    else keepOnAppPage(event, event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

/**
 * No permission (camera, notifications, geolocation, clipboard, devices, ...) is ever
 * granted; downloads only through the app's own save path; the CSP on app pages.
 */
export function hardenSession(ses: Session, page: AppPage): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);

  // The app saves files through a Blob URL it made (src-renderer/src/features/documents/
  // download.ts); the user picks where in the save dialog. Any other download is cancelled.
  ses.on('will-download', (event, item, contents) => {
    let initiator: string | null = null;
    try {
      initiator = contents && !contents.isDestroyed() ? contents.getURL() : null;
    } catch {
      initiator = null;
    }
    if (!isAppDownload(item.getURL(), initiator, page)) {
      event.preventDefault();
      console.warn('[shell] cancelled a download that the app did not start');
      return;
    }
    item.setSaveDialogOptions({
      title: 'Save a copy',
      defaultPath: join(app.getPath('downloads'), safeDownloadName(item.getFilename())),
    });
  });

  const csp = appCsp(page.devUrl);
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, page) || (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame')) {
      callback({});
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
}

/** A short menu: editing (copy/paste need it on macOS), zoom, and developer tools in development only. */
export function installMenu(opts: { dev: boolean; appName: string }): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ label: opts.appName, role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [isMac ? { role: 'close' as const } : { role: 'quit' as const }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...(opts.dev
          ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }]
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Window', submenu: [{ role: 'minimize' }, ...(isMac ? [{ role: 'zoom' as const }] : [])] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
