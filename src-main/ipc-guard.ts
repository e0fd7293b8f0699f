/**
 * Checks on every call that crosses the preload bridge, before it reaches the backend:
 * the caller must be the top frame of the app's own window showing the app's own page, the
 * method must exist, and the input must be plain data. Also the shell's other pure rules
 * (which URLs are the app's, which downloads are its own, the CSP). No Electron import, so
 * they are easy to test.
 */
import { isMethodName } from '../src-shared/api/contract';
import type { InvokeResult } from '../src-shared/api/transport';

export interface AppPage {
  /** file:// URL of out/renderer/index.html (packaged and `electron .` runs). */
  fileUrl: string;
  /** The electron-vite dev server (ELECTRON_RENDERER_URL), only in development. */
  devUrl?: string | undefined;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function normalizedFilePath(u: URL): string {
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    path = u.pathname;
  }
  // Windows paths (/C:/Users/...) are case-insensitive.
  return /^\/[a-zA-Z]:\//.test(path) ? path.toLowerCase() : path;
}

/**
 * True when `url` is the app's own page: the same file (any #route or ?query) or, in
 * development, any page of the dev server's origin.
 */
export function isAppUrl(url: string | null | undefined, page: AppPage): boolean {
  if (!url) return false;
  const u = parse(url);
  if (!u) return false;
  if (page.devUrl) {
    const dev = parse(page.devUrl);
    return dev !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === dev.origin;
  }
  const app = parse(page.fileUrl);
  if (!app || u.protocol !== 'file:' || app.protocol !== 'file:') return false;
  return u.host === app.host && normalizedFilePath(u) === normalizedFilePath(app);
}

/** Input must be absent or a plain object (what structured clone makes of `{...}`). */
export function isPlainInput(input: unknown): boolean {
  if (input === undefined || input === null) return true;
  if (typeof input !== 'object' || Array.isArray(input)) return false;
  const proto = Object.getPrototypeOf(input) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The parts of an Electron WebFrameMain the guard reads (no Electron import here). */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly frameToken: string;
  readonly detached?: boolean;
}

/** The parts of an IpcMainInvokeEvent the guard reads. */
export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null | undefined;
  readonly sender: { readonly id: number; readonly mainFrame: FrameLike };
}

/** Why a sender is refused; names only, safe to log. */
export type SenderRefusal = 'no-frame' | 'detached-frame' | 'other-contents' | 'subframe' | 'foreign-page';

/**
 * Who may call the backend: the top frame of the app's own window, showing the app's own
 * page. `appContentsId` is that window's webContents id (null while there is no window).
 * A message from an iframe, from any other WebContents, from a frame that is gone or from a
 * page that is not the app's own is refused.
 */
export function checkSender(event: InvokeEventLike, appContentsId: number | null, page: AppPage): SenderRefusal | null {
  const frame = event.senderFrame;
  if (!frame) return 'no-frame';
  if (frame.detached) return 'detached-frame';
  if (appContentsId === null || event.sender.id !== appContentsId) return 'other-contents';
  let main: FrameLike;
  try {
    main = event.sender.mainFrame;
  } catch {
    return 'other-contents'; // the window's contents are being destroyed
  }
  if (frame.parent !== null || frame.processId !== main.processId || frame.frameToken !== main.frameToken) return 'subframe';
  if (!isAppUrl(frame.url, page)) return 'foreign-page';
  return null;
}

/** One log line for a refused call: the reason and, when it is one of ours, the method name; never the input. */
export function refusalLogLine(reason: SenderRefusal, method: unknown): string {
  const name = typeof method === 'string' && isMethodName(method) ? method : 'an unknown method';
  return `[ipc] refused a call to ${name}: ${SENDER_REFUSAL_WORDS[reason]}`;
}

const SENDER_REFUSAL_WORDS: Record<SenderRefusal, string> = {
  'no-frame': 'the sending frame is gone',
  'detached-frame': 'the sending frame is detached',
  'other-contents': 'it did not come from the app window',
  subframe: 'it came from a frame inside the page, not the page itself',
  'foreign-page': 'the sending page is not the app page',
};

/**
 * Why a bridge call must be refused, or null when it may go to the backend. Refusals use
 * the API's error shape so the renderer shows them like any other error. `sender` is the
 * result of checkSender.
 */
export function refuseInvoke(sender: SenderRefusal | null, method: unknown, input: unknown): InvokeResult | null {
  if (sender !== null) {
    return {
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only Infusion Desk’s own window can use the clinic database.' },
    };
  }
  if (typeof method !== 'string' || !isMethodName(method)) {
    return {
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: `The app asked for an action it does not have (${String(method).slice(0, 60)}).`,
      },
    };
  }
  if (!isPlainInput(input)) {
    return { ok: false, error: { code: 'VALIDATION', message: 'The request could not be read. Nothing was changed.' } };
  }
  return null;
}

/**
 * Downloads: the app saves what the backend sent through a Blob URL it made itself
 * (src-renderer/src/features/documents/download.ts). A download is the app's own when the
 * page that started it is the app page and its URL is a blob: URL of the app's origin
 * (blob:file:///<uuid> for the built page, blob:<dev origin>/<uuid> in development).
 * Anything else (http(s), data:, file:, another origin's blob) is cancelled.
 */
export function isAppDownload(downloadUrl: string, initiatorUrl: string | null | undefined, page: AppPage): boolean {
  if (!isAppUrl(initiatorUrl, page)) return false;
  if (!downloadUrl.startsWith('blob:')) return false;
  const inner = parse(downloadUrl.slice('blob:'.length));
  if (!inner) return false;
  if (page.devUrl) {
    const dev = parse(page.devUrl);
    return dev !== null && (inner.protocol === 'http:' || inner.protocol === 'https:') && inner.origin === dev.origin;
  }
  const app = parse(page.fileUrl);
  return app !== null && inner.protocol === 'file:' && inner.host === app.host;
}

/** The name offered in the save dialog: the last path part, without characters file systems refuse. */
export function safeDownloadName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned.length > 0 ? cleaned.slice(0, 200) : 'download';
}

/** The Content-Security-Policy for the app's pages: the same as src-renderer/index.html's meta tag. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy sent with the app's pages. In development the page comes from the Vite dev
 * server, which also needs its HMR WebSocket; nothing else is loosened (no 'unsafe-*', in
 * development either). Built pages get APP_CSP unchanged.
 */
export function appCsp(devUrl?: string): string {
  const dev = devUrl ? parse(devUrl) : null;
  if (!dev) return APP_CSP;
  const ws = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
  return APP_CSP.replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}
