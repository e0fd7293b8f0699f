/**
 * `npm run web`: the renderer in a browser, talking to the same backend over HTTP and a
 * WebSocket. Development and end-to-end tests use it; the desktop app does not.
 *
 * Guard rails, since a browser can be tricked into calling localhost:
 * - listens on 127.0.0.1 only;
 * - every API call needs the per-run token (random unless given), sent in a header the
 *   page sets itself, so another site cannot forge it with a simple form post;
 * - the Host header must be our own (defeats DNS rebinding);
 * - the WebSocket checks the token and Origin too.
 */
import { timingSafeEqual, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { HTTP_EVENTS_PATH, HTTP_INVOKE_BATCH_PATH, HTTP_INVOKE_PATH, HTTP_SESSION_HEADER, HTTP_TOKEN_HEADER, MAX_BATCH_CALLS, type InvokeResult } from '../../../src-shared/api/transport';
import type { Backend } from '../backend';

const HOST = '127.0.0.1';
const MAX_BODY = 1_000_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

/**
 * Same policy as the renderer's meta tag and the Electron shell's header (APP_CSP in
 * src-main/ipc-guard.ts; tests/electron/shell-rules.test.ts keeps the three equal); sent as a
 * header too so it also covers assets and adds frame-ancestors. No 'unsafe-*'.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface WebServerOptions {
  backend: Backend;
  /** Built renderer (out/web). */
  staticDir: string;
  port: number;
  token?: string;
}

export interface WebServer {
  url: string;
  /** URL to open, with the token in the fragment (never sent to the server in requests). */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? newToken();
  const root = resolve(opts.staticDir);
  let port = opts.port;
  const allowedHosts = () => new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://${HOST}:${port}`, `http://localhost:${port}`]);

  const server = createServer(async (req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421).end('Wrong host');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (url.pathname === HTTP_INVOKE_PATH || url.pathname === HTTP_INVOKE_BATCH_PATH) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Use POST.' } });
      const origin = req.headers.origin;
      if (origin && !allowedOrigins().has(origin)) {
        return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Calls from other sites are refused.' } });
      }
      const given = req.headers[HTTP_TOKEN_HEADER];
      if (!tokenMatches(token, Array.isArray(given) ? given[0] : given)) {
        return sendJson(res, 401, {
          ok: false,
          error: { code: 'UNAUTHENTICATED', message: 'This page is missing its access token. Open the address that `npm run web` printed.' },
        });
      }
      let body: { method?: unknown; input?: unknown; calls?: unknown };
      try {
        body = JSON.parse(await readBody(req)) as typeof body;
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The request was not valid JSON.' } });
      }
      const sessionHeader = req.headers[HTTP_SESSION_HEADER];
      const session = (Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader) ?? null;
      if (url.pathname === HTTP_INVOKE_PATH) return sendJson(res, 200, await opts.backend.invoke(body?.method, body?.input, session));
      // A batch: the calls a screen sends as it opens, answered in order in one response. Each
      // is one backend.invoke, validated and audited on its own as if sent alone.
      const calls = body?.calls;
      if (!Array.isArray(calls) || calls.length === 0 || calls.length > MAX_BATCH_CALLS) {
        return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: `A batch is a list of 1 to ${MAX_BATCH_CALLS} calls.` } });
      }
      const results: InvokeResult[] = [];
      for (const c of calls as { method?: unknown; input?: unknown }[]) results.push(await opts.backend.invoke(c?.method, c?.input, session));
      return sendJson(res, 200, { ok: true, results });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(root, url.pathname, res);
  });

  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const origin = req.headers.origin;
    if (
      url.pathname !== HTTP_EVENTS_PATH ||
      !allowedHosts().has(req.headers.host ?? '') ||
      (origin !== undefined && !allowedOrigins().has(origin)) ||
      !tokenMatches(token, url.searchParams.get('token'))
    ) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });
  const unsubscribe = opts.backend.subscribe((event) => {
    const frame = JSON.stringify(event);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port, HOST, () => resolvePromise());
  });
  const address = server.address();
  if (address && typeof address === 'object') port = address.port;
  const url = `http://${HOST}:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolvePromise) => {
        unsubscribe();
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = join(root, rel || 'index.html');
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // Client-side routes fall back to the app page.
    file = join(root, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('The renderer is not built. Run `npm run web` again.');
      return;
    }
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
  });
  createReadStream(file).pipe(res);
}
