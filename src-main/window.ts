/**
 * The app window and everything that keeps web content in its box: sandboxed renderer,
 * no navigation away from the app's page, no pop-ups, no permissions, a CSP header.
 */
import { existsSync } from 'node:fs';
import {
  BrowserWindow,
  Menu,
  shell,
  type MenuItemConstructorOptions,
  type Session,
  type WebContents,
} from 'electron';
import { appCsp, isAppUrl, isExternalLinkAllowed, type AppPage } from './ipc-guard';

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
 * not navigate elsewhere, open windows or embed webviews. https pop-ups open in the browser.
 */
export function hardenWebContents(contents: WebContents, page: AppPage): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // Links meant for the browser use target="_blank" (handled above); a page that tries
  // to navigate its own window away is simply stopped.
  const keepOnAppPage = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, page)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => keepOnAppPage(event, event.url));
  contents.on('will-redirect', (event) => keepOnAppPage(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** No permission (camera, notifications, geolocation, ...) is ever granted; CSP on app pages. */
export function hardenSession(ses: Session, page: AppPage): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
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
