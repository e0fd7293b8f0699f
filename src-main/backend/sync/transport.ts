/**
 * Talking to the clinic server over HTTP(S) with the device's bearer token. Failures come
 * back as SyncRemoteError: NETWORK when the server could not be reached (or the answer was
 * lost), otherwise the server's own code and plain-words message.
 */
import { ApiError } from '../../../src-shared/api/errors';
import { BLOB_HEADERS, type BlobStatus } from '../../../src-shared/sync/blobs';
import type {
  DeviceInfo,
  EnrolRequest,
  EnrolResponse,
  PullResponse,
  PushRequest,
  PushResponse,
  SnapshotResponse,
  SyncErrorBody,
} from '../../../src-shared/sync/protocol';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export class SyncRemoteError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null,
    readonly details: { aheadMs?: number; minSchemaVersion?: number } = {},
  ) {
    super(message);
    this.name = 'SyncRemoteError';
  }
}

export const NETWORK_MESSAGE = 'The clinic server cannot be reached. Work is saved on this computer and will be sent when it is back.';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * The address a person typed, checked before anything is sent: https, or plain http only to
 * this computer unless an administrator allowed it (a lab set-up).
 */
export function checkServerUrl(raw: string, allowInsecure: boolean): string {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw ApiError.validation('serverUrl', 'That is not a server address. Enter it like https://clinic-server.local:8443');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw ApiError.validation('serverUrl', 'The clinic server address starts with https://');
  }
  if (url.username || url.password) throw ApiError.validation('serverUrl', 'Leave the user name and password out of the address.');
  const local = LOCAL_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol === 'http:' && !local && !allowInsecure) {
    throw ApiError.validation(
      'serverUrl',
      'Use an https:// address for a clinic server on another computer: plain http would send patient data unencrypted. An administrator can allow http for a test set-up.',
    );
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export class HttpTransport {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | null,
    private readonly fetchImpl: FetchLike = (u, i) => fetch(u, i),
  ) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body: unknown, opts: { timeoutMs: number; signal?: AbortSignal | undefined }): Promise<T> {
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal,
      });
    } catch {
      if (opts.signal?.aborted) throw new SyncRemoteError('ABORTED', 'Stopped.', null);
      throw new SyncRemoteError('NETWORK', NETWORK_MESSAGE, null, {});
    }
    let parsed: unknown;
    try {
      parsed = await res.json();
    } catch {
      if (opts.signal?.aborted) throw new SyncRemoteError('ABORTED', 'Stopped.', null);
      throw new SyncRemoteError('NETWORK', NETWORK_MESSAGE, res.status);
    }
    if (!res.ok) {
      const e = (parsed as SyncErrorBody | null)?.error;
      if (e && typeof e.code === 'string' && typeof e.message === 'string') {
        throw new SyncRemoteError(e.code, e.message, res.status, {
          ...(e.aheadMs !== undefined ? { aheadMs: e.aheadMs } : {}),
          ...(e.minSchemaVersion !== undefined ? { minSchemaVersion: e.minSchemaVersion } : {}),
        });
      }
      throw new SyncRemoteError('SERVER', `The clinic server answered with an error (${res.status}).`, res.status);
    }
    return parsed as T;
  }

  enrol(req: EnrolRequest): Promise<EnrolResponse> {
    return this.call('POST', '/v1/enrol', req, { timeoutMs: 15_000 });
  }
  push(req: PushRequest): Promise<PushResponse> {
    return this.call('POST', '/v1/push', req, { timeoutMs: 60_000 });
  }
  pull(after: number, schema: number, waitMs: number, signal?: AbortSignal, limit?: number): Promise<PullResponse | SnapshotResponse> {
    const q = `after=${after}&schema=${schema}&wait=${waitMs}${limit ? `&limit=${limit}` : ''}`;
    return this.call('GET', `/v1/pull?${q}`, undefined, { timeoutMs: waitMs + 30_000, signal });
  }
  snapshot(next: string, schema: number, limit?: number): Promise<SnapshotResponse> {
    return this.call('GET', `/v1/pull?after=0&schema=${schema}&snapshot=${encodeURIComponent(next)}${limit ? `&limit=${limit}` : ''}`, undefined, { timeoutMs: 60_000 });
  }
  devices(): Promise<{ devices: (DeviceInfo & { thisDevice: boolean })[] }> {
    return this.call('GET', '/v1/devices', undefined, { timeoutMs: 15_000 });
  }
  revoke(deviceId: string): Promise<{ devices: (DeviceInfo & { thisDevice: boolean })[] }> {
    return this.call('POST', `/v1/devices/${encodeURIComponent(deviceId)}/revoke`, {}, { timeoutMs: 15_000 });
  }
  createEnrolCode(): Promise<{ code: string; expiresAt: number }> {
    return this.call('POST', '/v1/enrol-codes', {}, { timeoutMs: 15_000 });
  }

  // ---- document files (binary bodies; src-server/blobs/routes.ts) ----

  /** A request whose answer is read by the caller; refusals become SyncRemoteError. */
  private async send(path: string, init: RequestInit & { headers?: Record<string, string> }, timeoutMs: number): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        ...init,
        headers: { ...init.headers, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new SyncRemoteError('NETWORK', NETWORK_MESSAGE, null);
    }
    if (res.ok) return res;
    const code = res.headers.get(BLOB_HEADERS.errorCode);
    let e: SyncErrorBody['error'] | undefined;
    if (init.method !== 'HEAD') e = ((await res.json().catch(() => null)) as SyncErrorBody | null)?.error;
    else await res.body?.cancel().catch(() => {});
    if (e && typeof e.code === 'string' && typeof e.message === 'string') throw new SyncRemoteError(e.code, e.message, res.status);
    throw new SyncRemoteError(code ?? 'SERVER', `The clinic server answered with an error (${res.status}).`, res.status);
  }

  /** What the server holds of a file; null when it has none of it. */
  async blobStatus(sha256: string): Promise<BlobStatus | null> {
    let res: Response;
    try {
      res = await this.send(`/v1/blobs/${sha256}`, { method: 'HEAD' }, 15_000);
    } catch (err) {
      if (err instanceof SyncRemoteError && err.status === 404 && err.code === 'NOT_FOUND') return null;
      throw err;
    }
    const n = (h: string) => Number(res.headers.get(h) ?? 'NaN');
    const s: BlobStatus = {
      size: n(BLOB_HEADERS.size),
      complete: res.headers.get(BLOB_HEADERS.complete) === '1',
      chunks: n(BLOB_HEADERS.chunks),
      nextChunk: n(BLOB_HEADERS.nextChunk),
    };
    if (![s.size, s.chunks, s.nextChunk].every(Number.isSafeInteger)) throw new SyncRemoteError('NETWORK', NETWORK_MESSAGE, res.status);
    return s;
  }

  /** Of these files, the ones the server holds complete (up to MAX_HAVE_HASHES at once). */
  async blobsHave(hashes: string[]): Promise<string[]> {
    return (await this.call<{ complete: string[] }>('POST', '/v1/blobs/have', { sha256: hashes }, { timeoutMs: 30_000 })).complete;
  }

  /** Send chunk `idx` (raw bytes) of the file `sha256` whose whole size is `size`. */
  async putBlobChunk(sha256: string, idx: number, size: number, bytes: Uint8Array): Promise<BlobStatus> {
    const res = await this.send(
      `/v1/blobs/${sha256}/chunks/${idx}`,
      { method: 'PUT', headers: { 'content-type': 'application/octet-stream', [BLOB_HEADERS.size]: String(size) }, body: bytes as Uint8Array<ArrayBuffer> },
      120_000,
    );
    try {
      return (await res.json()) as BlobStatus;
    } catch {
      throw new SyncRemoteError('NETWORK', NETWORK_MESSAGE, res.status);
    }
  }

  /** Bytes `start`..`end` (inclusive) of a complete file. */
  async getBlobRange(sha256: string, start: number, end: number): Promise<Uint8Array> {
    const res = await this.send(`/v1/blobs/${sha256}`, { method: 'GET', headers: { range: `bytes=${start}-${end}` } }, 120_000);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch {
      throw new SyncRemoteError('NETWORK', NETWORK_MESSAGE, res.status);
    }
    // A cut connection or a server that ignored the range: not these bytes.
    if (res.status !== 206 || bytes.byteLength !== end - start + 1) throw new SyncRemoteError('NETWORK', NETWORK_MESSAGE, res.status);
    return bytes;
  }
}
