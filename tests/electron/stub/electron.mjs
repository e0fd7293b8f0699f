// A stand-in for the 'electron' module, so the built main process (out/main/index.js) can
// run under plain Node where no Electron binary exists. It records what the main process
// asks of Electron (windows, IPC handlers, session hardening, dialogs, quitting) and then
// plays the part of the renderer: it calls the registered 'desk:invoke' handler the way
// the preload would (from the window's top frame, and as an iframe, another WebContents, a
// gone frame or a foreign page would), probes the window's navigation, pop-up, webview,
// device, permission, download and CSP handlers, and quits the app.
//
// Everything it saw is printed once, when the process exits, as one line:
//   STUB-REPORT {"windows":[...],"invokes":{...},"probes":{...},...}
// tests/electron/main-under-node.test.ts parses that line.
//
// Environment:
//   DESK_STUB_SCENARIO=none   record only; do not call handlers or quit (start-up failure tests)
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const report = {
  setPaths: {},
  singleInstanceLock: false,
  handlers: [],
  windows: [],
  sent: [],
  dialogs: [],
  openedExternal: [],
  menu: null,
  session: {
    permissionRequestHandler: false,
    permissionCheckHandler: false,
    devicePermissionHandler: false,
    onHeadersReceived: false,
  },
  /** Event names with listeners, read when the probes run. */
  registered: { contents: [], session: [] },
  invokes: {},
  probes: {},
  quit: { requested: 0, willQuitPrevented: 0, completed: false },
  exitCalled: null,
  scenarioError: null,
  exitCode: null,
};

let printed = false;
process.on('exit', (code) => {
  if (printed) return;
  printed = true;
  report.exitCode = code;
  writeSync(1, `\nSTUB-REPORT ${JSON.stringify(report)}\n`);
});

function makeEvent(extra = {}) {
  return {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

// ---------------------------------------------------------------------------- app
class App extends EventEmitter {
  isPackaged = false;
  #ready = false;
  #paths = {};
  #readyPromise;

  constructor() {
    super();
    this.#readyPromise = new Promise((resolve) => {
      // Ready after the main module's top level has run, as in Electron.
      setTimeout(() => {
        this.#ready = true;
        this.emit('ready', makeEvent(), {});
        resolve();
      }, 10);
    });
  }

  whenReady() {
    return this.#readyPromise;
  }
  isReady() {
    return this.#ready;
  }
  getName() {
    return 'Infusion Desk';
  }
  getVersion() {
    return '0.0.0-stub';
  }
  getPath(name) {
    return this.#paths[name] ?? join(tmpdir(), 'infusion-desk-stub', name);
  }
  setPath(name, value) {
    this.#paths[name] = value;
    report.setPaths[name] = value;
  }
  requestSingleInstanceLock() {
    report.singleInstanceLock = true;
    return true;
  }
  quit() {
    report.quit.requested += 1;
    const beforeQuit = makeEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    for (const win of BrowserWindow.getAllWindows()) win.destroy();
    const willQuit = makeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      report.quit.willQuitPrevented += 1;
      return;
    }
    if (report.quit.completed) return;
    report.quit.completed = true;
    this.emit('quit', makeEvent(), 0);
    // Unlike Electron, the stub does not force the process to end: if the main process
    // left its worker running, the process hangs and the test notices.
  }
  exit(code = 0) {
    report.exitCalled = code;
    process.exit(code);
  }
}
export const app = new App();

// ---------------------------------------------------------------------- windows
let nextId = 1;

// A frame as the main process sees it (WebFrameMain): the main frame follows its
// WebContents' URL; frames made with an explicit url (iframes, stale copies) keep theirs.
class WebFrameMain {
  #contents;
  #url;
  constructor(contents, { parent = null, url = null, frameToken = randomUUID(), detached = false } = {}) {
    this.#contents = contents;
    this.#url = url;
    this.parent = parent;
    this.frameToken = frameToken;
    this.processId = 1;
    this.detached = detached;
  }
  get url() {
    return this.#url ?? this.#contents.url;
  }
  get top() {
    return this.parent === null ? this : this.parent.top;
  }
}

class WebContents extends EventEmitter {
  id = nextId++;
  windowOpenHandler = null;
  url = '';
  #destroyed = false;

  constructor() {
    super();
    this.mainFrame = new WebFrameMain(this);
  }
  getURL() {
    return this.url;
  }

  send(channel, ...args) {
    // Only what the test needs: which channel and topic; no payloads.
    report.sent.push({ channel, topic: args[0] });
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return this.#destroyed;
  }
  destroy() {
    this.#destroyed = true;
  }
}

const allWindows = [];

function plain(value) {
  return JSON.parse(JSON.stringify(value ?? null));
}

export class BrowserWindow extends EventEmitter {
  #destroyed = false;
  #record;
  loadedUrl = null;

  static getAllWindows() {
    return allWindows.filter((w) => !w.isDestroyed());
  }

  constructor(options = {}) {
    super();
    this.webContents = new WebContents();
    this.#record = { options: plain(options), loaded: null, shown: false, title: options.title ?? null };
    report.windows.push(this.#record);
    allWindows.push(this);
    app.emit('web-contents-created', makeEvent(), this.webContents);
  }

  #afterLoad() {
    setTimeout(() => {
      this.emit('ready-to-show', makeEvent());
      maybeRunScenario();
    }, 10);
    return Promise.resolve();
  }
  loadFile(file) {
    this.#record.loaded = { kind: 'file', target: file };
    this.loadedUrl = pathToFileURL(file).href;
    this.webContents.url = this.loadedUrl;
    return this.#afterLoad();
  }
  loadURL(url) {
    this.#record.loaded = { kind: 'url', target: url };
    this.loadedUrl = url;
    this.webContents.url = url;
    return this.#afterLoad();
  }
  show() {
    this.#record.shown = true;
  }
  isDestroyed() {
    return this.#destroyed;
  }
  destroy() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
  close() {
    this.destroy();
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  setTitle(title) {
    this.#record.title = title;
  }
  getTitle() {
    return this.#record.title;
  }
}

// -------------------------------------------------------------------------- ipc
const ipcHandlers = new Map();
export const ipcMain = {
  handle(channel, handler) {
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcHandlers.set(channel, handler);
    report.handlers.push(channel);
    maybeRunScenario();
  },
  removeHandler(channel) {
    ipcHandlers.delete(channel);
  },
  on() {},
  once() {},
  removeListener() {},
};

// ---------------------------------------------------------------------- session
let permissionRequestHandler = null;
let permissionCheckHandler = null;
let devicePermissionHandler = null;
let headersReceivedListener = null;
const defaultSession = Object.assign(new EventEmitter(), {
  setPermissionRequestHandler(handler) {
    permissionRequestHandler = handler;
    report.session.permissionRequestHandler = true;
  },
  setPermissionCheckHandler(handler) {
    permissionCheckHandler = handler;
    report.session.permissionCheckHandler = true;
  },
  setDevicePermissionHandler(handler) {
    devicePermissionHandler = handler;
    report.session.devicePermissionHandler = true;
  },
  webRequest: {
    onHeadersReceived(filterOrListener, maybeListener) {
      headersReceivedListener = typeof filterOrListener === 'function' ? filterOrListener : maybeListener;
      report.session.onHeadersReceived = true;
    },
  },
});

// What session 'will-download' hands the main process.
class DownloadItem {
  constructor(url, filename) {
    this.url = url;
    this.filename = filename;
    this.saveDialogOptions = null;
    this.savePath = null;
    this.cancelled = false;
  }
  getURL() {
    return this.url;
  }
  getFilename() {
    return this.filename;
  }
  setSaveDialogOptions(options) {
    this.saveDialogOptions = options;
  }
  setSavePath(path) {
    this.savePath = path;
  }
  cancel() {
    this.cancelled = true;
  }
}
export const session = { defaultSession, fromPartition: () => defaultSession };

// ------------------------------------------------------------ dialog, shell, menu
export const dialog = {
  showErrorBox(title, content) {
    report.dialogs.push({ title, content });
  },
  showMessageBox: async () => ({ response: 0, checkboxChecked: false }),
  showMessageBoxSync: () => 0,
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => ({ canceled: true }),
};

export const shell = {
  openExternal: async (url) => {
    report.openedExternal.push(url);
  },
  openPath: async () => '',
  showItemInFolder() {},
};

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu(menu) {
    report.menu = menu ? menu.template.map((item) => item.label ?? item.role ?? null) : null;
  },
};

// The OS keychain: a reversible stand-in (tests read the store key back with the same rule),
// available once the app is ready, as on Linux and macOS.
const KEYCHAIN_PREFIX = 'stub-keychain:';
export const safeStorage = {
  isEncryptionAvailable: () => app.isReady(),
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text) => Buffer.from(`${KEYCHAIN_PREFIX}${Buffer.from(text, 'utf8').toString('base64')}`),
  decryptString(encrypted) {
    const text = Buffer.from(encrypted).toString('utf8');
    if (!text.startsWith(KEYCHAIN_PREFIX)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice(KEYCHAIN_PREFIX.length), 'base64').toString('utf8');
  },
};

export const nativeTheme = new EventEmitter();
export const contextBridge = {
  exposeInMainWorld() {
    throw new Error('contextBridge is for preload scripts, not the main process');
  },
};
export const ipcRenderer = contextBridge;

export default { app, BrowserWindow, ipcMain, session, dialog, shell, Menu, nativeTheme, contextBridge, ipcRenderer, safeStorage };

// ------------------------------------------------- the renderer's part (scenario)
const PATIENT = {
  firstName: 'Rosalind',
  lastName: 'Quillfeather',
  dateOfBirth: '1978-04-12',
  sex: 'female',
  phone: '(555) 201-4477',
  email: null,
  preferredContact: 'phone',
  mrn: null,
  emergencyContactIsDriver: false,
};

let scenarioStarted = false;
function maybeRunScenario() {
  if (scenarioStarted || process.env.DESK_STUB_SCENARIO === 'none') return;
  const win = allWindows.find((w) => w.loadedUrl);
  if (!win || !ipcHandlers.has('desk:invoke')) return;
  scenarioStarted = true;
  runScenario(win).catch((err) => {
    report.scenarioError = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    app.quit();
  });
}

async function runScenario(win) {
  const handler = ipcHandlers.get('desk:invoke');
  const contents = win.webContents;
  const appUrl = win.loadedUrl;
  // The main frame as it would be after the window went to another page (same frame, new URL).
  const mainFrameAt = (url) =>
    new WebFrameMain(contents, { url, frameToken: contents.mainFrame.frameToken });
  let session = null;
  const call = async (label, method, input, { frame = contents.mainFrame, sender = contents, as = session } = {}) => {
    const event = { sender, senderFrame: frame, processId: 1, frameId: 1 };
    const result = await handler(event, method, input, as);
    report.invokes[label] = result;
    return result;
  };

  // A new clinic: nothing answers before sign-in; the first-run set-up creates the administrator.
  await call('beforeSignIn', 'patients.search', { q: '' });
  const setup = await call('setup', 'auth.setup', { displayName: 'Stub Admin', username: 'stubadmin', password: 'a stub passphrase' });
  session = setup.ok ? setup.result.session : null;
  await call('whoami', 'system.whoami', {});
  await call('create', 'patients.create', PATIENT);
  await call('search', 'patients.search', { q: PATIENT.lastName });
  await call('futureDob', 'patients.create', { ...PATIENT, firstName: 'Futura', dateOfBirth: '2999-01-01' });
  await call('hashRoute', 'system.whoami', {}, { frame: mainFrameAt(`${appUrl}#/patients`) });
  // Refused senders. Each sends patient data, which must reach neither the backend nor the log.
  await call('foreignOrigin', 'patients.create', PATIENT, { frame: mainFrameAt('https://evil.example/') });
  await call('foreignFile', 'patients.create', PATIENT, { frame: mainFrameAt('file:///tmp/other.html') });
  await call('noFrame', 'patients.create', PATIENT, { frame: null });
  await call('detachedFrame', 'patients.create', PATIENT, {
    frame: new WebFrameMain(contents, { url: appUrl, frameToken: contents.mainFrame.frameToken, detached: true }),
  });
  // An iframe inside the app page, even one showing the app page itself.
  await call('iframe', 'patients.create', PATIENT, {
    frame: new WebFrameMain(contents, { parent: contents.mainFrame, url: appUrl }),
  });
  // The app page's URL in some other WebContents (not our window).
  const stranger = new WebContents();
  stranger.url = appUrl;
  await call('otherContents', 'patients.create', PATIENT, { sender: stranger, frame: stranger.mainFrame });
  await call('unknownMethod', 'system.dropEverything', {});
  await call('arrayInput', 'patients.search', ['Quillfeather']);
  await call('afterRefusals', 'patients.search', { q: PATIENT.lastName });

  // Calls sent together (the page's client batches a screen's calls): each answered in order,
  // each checked as if alone; a batch from a refused sender reaches nothing.
  const batchHandler = ipcHandlers.get('desk:invoke-batch');
  if (batchHandler) {
    const batch = (label, calls, { frame = contents.mainFrame, sender = contents } = {}) =>
      Promise.resolve(batchHandler({ sender, senderFrame: frame, processId: 1, frameId: 1 }, calls, session)).then((r) => (report.invokes[label] = r));
    await batch('batch', [
      { method: 'system.whoami', input: {} },
      { method: 'patients.create', input: { ...PATIENT, firstName: 'Futura', dateOfBirth: '2999-01-01' } },
      { method: 'system.dropEverything', input: {} },
      { method: 'patients.search', input: { q: PATIENT.lastName } },
    ]);
    await batch('batchForeign', [{ method: 'patients.create', input: PATIENT }], { frame: mainFrameAt('https://evil.example/') });
    await batch('batchNotAList', 'patients.search');
    await call('afterBatches', 'patients.search', { q: PATIENT.lastName });
  }

  const probes = report.probes;
  report.registered.contents = contents.eventNames().map(String);
  report.registered.session = defaultSession.eventNames().map(String);
  // Pop-ups: always denied; nothing goes to the browser.
  probes.windowOpenHttps = contents.windowOpenHandler?.({ url: 'https://example.org/help' }) ?? null;
  probes.windowOpenFile = contents.windowOpenHandler?.({ url: 'file:///etc/passwd' }) ?? null;
  probes.windowOpenApp = contents.windowOpenHandler?.({ url: appUrl }) ?? null;
  // Navigation (and redirects, and frames) away from the app page is prevented; reloading
  // the app page or changing its #route is not.
  const emitNav = (name, url, extra = {}) => {
    const event = makeEvent({ url, ...extra });
    contents.emit(name, event, url);
    return event.defaultPrevented;
  };
  probes.navigateAwayPrevented = emitNav('will-navigate', 'https://evil.example/');
  probes.navigateOtherFilePrevented = emitNav('will-navigate', 'file:///tmp/other.html');
  probes.navigateHomePrevented = emitNav('will-navigate', appUrl);
  probes.navigateRoutePrevented = emitNav('will-navigate', `${appUrl}#/schedule`);
  probes.redirectAwayPrevented = emitNav('will-redirect', 'https://evil.example/landing');
  probes.redirectHomePrevented = emitNav('will-redirect', appUrl);
  probes.frameNavigateSubPrevented = emitNav('will-frame-navigate', appUrl, { isMainFrame: false });
  probes.frameNavigateMainAwayPrevented = emitNav('will-frame-navigate', 'https://evil.example/', { isMainFrame: true });
  probes.frameNavigateMainHomePrevented = emitNav('will-frame-navigate', appUrl, { isMainFrame: true });
  const webview = makeEvent();
  contents.emit('will-attach-webview', webview, {}, { src: 'https://evil.example/' });
  probes.webviewPrevented = webview.defaultPrevented;
  const bluetooth = makeEvent();
  let bluetoothChoice = null;
  contents.emit('select-bluetooth-device', bluetooth, [{ deviceId: 'pump-1', deviceName: 'Pump' }], (id) => {
    bluetoothChoice = id;
  });
  probes.bluetooth = { prevented: bluetooth.defaultPrevented, choice: bluetoothChoice };
  // Permissions: every kind is refused, asked or checked.
  const kinds = ['media', 'notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'openExternal', 'midi', 'pointerLock', 'hid', 'serial', 'usb'];
  probes.permissionRequests = {};
  probes.permissionChecks = {};
  for (const kind of kinds) {
    probes.permissionRequests[kind] = permissionRequestHandler
      ? await new Promise((resolve) => permissionRequestHandler(contents, kind, resolve, { requestingUrl: appUrl, isMainFrame: true }))
      : null;
    probes.permissionChecks[kind] = permissionCheckHandler ? permissionCheckHandler(contents, kind, appUrl, { isMainFrame: true }) : null;
  }
  probes.devicePermission = devicePermissionHandler
    ? devicePermissionHandler({ deviceType: 'usb', origin: 'file://', device: { vendorId: 1 } })
    : null;
  // Downloads: the app's own Blob URL (blob:<app origin>/<uuid>) gets a save dialog in the
  // Downloads folder under a safe name; everything else is cancelled.
  const appBlobOrigin = appUrl.startsWith('file:') ? 'file://' : new URL(appUrl).origin;
  const download = (url, filename, from = contents) => {
    const item = new DownloadItem(url, filename);
    const event = makeEvent();
    defaultSession.emit('will-download', event, item, from);
    return { prevented: event.defaultPrevented, cancelled: item.cancelled, saveDialogOptions: item.saveDialogOptions, savePath: item.savePath };
  };
  const foreignPage = new WebContents();
  foreignPage.url = 'https://evil.example/';
  probes.downloads = {
    appBlob: download(`blob:${appBlobOrigin}/${randomUUID()}`, 'Intake summary.pdf'),
    appBlobBadName: download(`blob:${appBlobOrigin}/${randomUUID()}`, '../../.bashrc'),
    https: download('https://evil.example/payload.exe', 'payload.exe'),
    dataUrl: download('data:text/plain;base64,aGk=', 'hi.txt'),
    fileUrl: download('file:///etc/passwd', 'passwd'),
    foreignBlob: download(`blob:https://evil.example/${randomUUID()}`, 'x.pdf'),
    fromForeignPage: download(`blob:${appBlobOrigin}/${randomUUID()}`, 'x.pdf', foreignPage),
    noContents: download(`blob:${appBlobOrigin}/${randomUUID()}`, 'x.pdf', null),
  };
  probes.downloadsFolder = app.getPath('downloads');
  // CSP header on the app page.
  probes.cspHeaders = headersReceivedListener
    ? await new Promise((resolve) =>
        headersReceivedListener(
          { url: appUrl, resourceType: 'mainFrame', method: 'GET', responseHeaders: { 'X-Test': ['1'], 'content-security-policy': ["default-src *"] } },
          (response) => resolve(response.responseHeaders ?? null),
        ),
      )
    : null;

  app.quit();
}
