/**
 * The clinic server's HTTP(S) endpoint. JSON in and out; every call but enrolment and the
 * health check carries the device's bearer token. Long-poll waits are woken at once by a
 * push in this process and re-check the database every half second, so a push answered by
 * another server process (behind a load balancer) is seen too.
 */
import { timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { MAX_PUSH_BODY_BYTES, pushRequestSchema, SYNC_SCHEMA_VERSION } from '../../src-shared/sync/protocol';
import { handleBlobRequest } from '../blobs/routes';
import type { ServerDb } from '../db/sql';
import { authenticate, createEnrolCode, DEFAULT_CLINIC_ID, enrol, listDevices, revokeDevice, touchDevice, type DeviceAuth } from '../devices/enrolment';
import { pull, push, snapshotPage } from '../sync/change-log';
import { SyncError } from '../sync/errors';

export interface ClinicServerOptions {
  db: ServerDb;
  port?: number;
  host?: string;
  tls?: { certFile: string; keyFile: string };
  /** Server clock (epoch ms); tests skew it. */
  now?: () => number;
  /** Longest long-poll wait a device may ask for. */
  maxWaitMs?: number;
  /** Re-check interval while a long-poll waits (other processes' pushes). */
  pollMs?: number;
  /**
   * Secret for the command line on this machine (`npm run server -- enrol` while the server
   * runs on PGlite, which one process at a time may open): accepted only from loopback.
   */
  localSecret?: string;
}

export interface ClinicServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  /** Stop answering (connections dropped) without closing the database: a crash, for tests. */
  kill(): Promise<void>;
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new SyncError(413, 'TOO_LARGE', 'The batch is larger than the server accepts; the app sends smaller ones.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new SyncError(400, 'BAD_REQUEST', 'The server could not read the request.');
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

const bearer = (req: IncomingMessage) => {
  const h = req.headers.authorization;
  return h && h.startsWith('Bearer ') ? h.slice(7).trim() : null;
};

function intParam(url: URL, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0 || n > max) throw new SyncError(400, 'BAD_REQUEST', `The ${name} of the request is not valid.`);
  return n;
}

export function createClinicApp(opts: ClinicServerOptions) {
  const db = opts.db;
  const now = opts.now ?? Date.now;
  const maxWait = opts.maxWaitMs ?? 25_000;
  const pollMs = opts.pollMs ?? 500;
  const pushes = new EventEmitter();
  pushes.setMaxListeners(0);
  let closing = false;

  const requireAdmin = (device: DeviceAuth) => {
    if (!device.canAdmin) {
      throw new SyncError(403, 'FORBIDDEN', 'This computer was not enrolled as an administrator device, so it cannot manage devices. Use the server command line or an administrator computer.');
    }
  };

  /** Wait for a push to this clinic, a poll tick, or the end of the wait. */
  const waitForPush = (clinicId: string, ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pushes.off(clinicId, done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pushes.on(clinicId, done);
      signal.addEventListener('abort', done);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://server');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (method === 'GET' && path === '/v1/health') return send(res, 200, { ok: true, schemaVersion: SYNC_SCHEMA_VERSION, now: now() });

    if (method === 'POST' && path === '/v1/enrol') {
      const body = (await readJson(req, 16 * 1024)) as Record<string, unknown>;
      if (typeof body?.code !== 'string' || typeof body.deviceName !== 'string' || typeof body.nodeId !== 'string' || typeof body.schemaVersion !== 'number') {
        throw new SyncError(400, 'BAD_REQUEST', 'The enrolment request is missing the code, the device name or its identity.');
      }
      const out = await enrol(db, { code: body.code, deviceName: body.deviceName, nodeId: body.nodeId, schemaVersion: body.schemaVersion }, now());
      return send(res, 200, out);
    }

    if (method === 'POST' && path === '/v1/local/enrol-codes') {
      const remote = req.socket.remoteAddress ?? '';
      const loopback = remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1';
      const given = req.headers['x-local-secret'];
      if (!opts.localSecret || !loopback || typeof given !== 'string' || !safeEqual(given, opts.localSecret)) {
        throw new SyncError(403, 'FORBIDDEN', 'Enrolment codes are made on the server computer itself, or from an administrator computer.');
      }
      const body = (await readJson(req, 1024)) as { canAdmin?: unknown };
      return send(res, 200, await createEnrolCode(db, DEFAULT_CLINIC_ID, { canAdmin: body?.canAdmin === true, now: now() }));
    }

    // Document files (content-addressed blobs): own module, same bearer-token check.
    if (path.startsWith('/v1/blobs/')) return handleBlobRequest(db, now, req, res, url);

    const device = await authenticate(db, bearer(req));

    if (method === 'POST' && path === '/v1/push') {
      const parsed = pushRequestSchema.safeParse(await readJson(req, MAX_PUSH_BODY_BYTES));
      if (!parsed.success) throw new SyncError(400, 'BAD_REQUEST', 'The server could not read this batch of changes; nothing was applied.');
      const out = await push(db, device, parsed.data, now());
      if (out.accepted > 0) pushes.emit(device.clinicId);
      return send(res, 200, out);
    }

    if (method === 'GET' && path === '/v1/pull') {
      const after = intParam(url, 'after', 0);
      const schema = intParam(url, 'schema', 0);
      const wait = Math.min(intParam(url, 'wait', 0), maxWait);
      const limit = intParam(url, 'limit', 5000, 20_000);
      const snapshot = url.searchParams.get('snapshot');
      await touchDevice(db, device.deviceId, now(), schema);
      if (snapshot) return send(res, 200, await snapshotPage(db, device.clinicId, snapshot, limit));
      const abort = new AbortController();
      res.on('close', () => abort.abort());
      const deadline = Date.now() + wait;
      for (;;) {
        const page = await pull(db, device, after, schema, { changes: limit });
        const empty = page.kind === 'changes' && page.changes.length === 0;
        const left = deadline - Date.now();
        if (!empty || left <= 0 || abort.signal.aborted || closing) return send(res, 200, page);
        await waitForPush(device.clinicId, Math.min(left, pollMs), abort.signal);
      }
    }

    if (method === 'GET' && path === '/v1/devices') {
      requireAdmin(device);
      const list = await listDevices(db, device.clinicId);
      return send(res, 200, { devices: list.map((d) => ({ ...d, thisDevice: d.id === device.deviceId })) });
    }
    const revoke = /^\/v1\/devices\/([0-9a-f-]{36})\/revoke$/.exec(path);
    if (method === 'POST' && revoke) {
      requireAdmin(device);
      if (revoke[1] === device.deviceId) throw new SyncError(400, 'BAD_REQUEST', 'A computer cannot withdraw its own access; use Disconnect on it, or revoke it from another administrator computer.');
      const found = await revokeDevice(db, device.clinicId, revoke[1]!, now());
      if (!found) throw new SyncError(404, 'NOT_FOUND', 'That device is not enrolled with this clinic.');
      const list = await listDevices(db, device.clinicId);
      return send(res, 200, { devices: list.map((d) => ({ ...d, thisDevice: d.id === device.deviceId })) });
    }
    if (method === 'POST' && path === '/v1/enrol-codes') {
      requireAdmin(device);
      return send(res, 200, await createEnrolCode(db, device.clinicId, { now: now() }));
    }
    throw new SyncError(404, 'NOT_FOUND', 'The clinic server has no such address.');
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof SyncError) return send(res, err.status, err.toBody());
      // No request data in logs: only the error's name and the path.
      console.error(`clinic server: ${req.method} ${(req.url ?? '').split('?')[0]} failed: ${(err as Error)?.name ?? 'error'}`);
      if (process.env.SERVER_DEBUG) console.error(err);
      send(res, 500, { error: { code: 'SERVER', message: 'The clinic server could not finish this request. Nothing was lost; the app will try again.' } });
    });
  };
  return { listener, stop: () => void (closing = true), pushes };
}

export async function startClinicServer(opts: ClinicServerOptions): Promise<ClinicServer> {
  const app = createClinicApp(opts);
  const server: Server = opts.tls
    ? createHttpsServer({ cert: readFileSync(opts.tls.certFile), key: readFileSync(opts.tls.keyFile) }, app.listener)
    : createHttpServer(app.listener);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';
  const url = `${opts.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const stopListening = async () => {
    app.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url,
    port,
    kill: stopListening,
    async close() {
      await stopListening();
      await opts.db.close();
    },
  };
}
