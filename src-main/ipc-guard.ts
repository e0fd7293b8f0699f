/**
 * Checks on every call that crosses the preload bridge, before it reaches the backend:
 * the caller must be the app's own page, the method must exist, and the input must be
 * plain data. Pure functions (no Electron import) so they are easy to test.
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

/**
 * Why a bridge call must be refused, or null when it may go to the backend. Refusals use
 * the API's error shape so the renderer shows them like any other error.
 */
export function refuseInvoke(senderUrl: string | null | undefined, page: AppPage, method: unknown, input: unknown): InvokeResult | null {
  if (!isAppUrl(senderUrl, page)) {
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

/** https links may open in the user's browser; nothing else leaves the app. */
export function isExternalLinkAllowed(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === 'https:';
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
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy sent with the app's pages. In development the Vite dev server injects inline
 * scripts (React refresh) and <style> tags (CSS modules) and talks to its HMR WebSocket, so
 * the dev policy allows those; built pages get APP_CSP unchanged.
 */
export function appCsp(devUrl?: string): string {
  const dev = devUrl ? parse(devUrl) : null;
  if (!dev) return APP_CSP;
  const ws = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
  return APP_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}
