/**
 * HTTP routes for document files, wired into createClinicApp (src-server/http/app.ts):
 *
 *   HEAD /v1/blobs/<sha256>               what the server holds: size, complete, chunks, next chunk (headers)
 *   PUT  /v1/blobs/<sha256>/chunks/<idx>  one chunk, raw bytes; the file's size in x-blob-size
 *   GET  /v1/blobs/<sha256>               a complete file, whole or one `Range: bytes=a-b`
 *   POST /v1/blobs/have                   {sha256: [...]} → {complete: [...]}: many files at once
 *
 * Every call carries the device's bearer token; a device sees only its own clinic's files.
 * Refusals carry their code in x-error-code too, since a HEAD answer has no body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BLOB_CHUNK_BYTES, BLOB_HEADERS, BLOB_NOT_FOUND_MESSAGE, blobChunkCount, MAX_HAVE_HASHES, SHA256_HEX, type BlobStatus } from '../../src-shared/sync/blobs';
import type { ServerDb } from '../db/sql';
import { authenticate } from '../devices/enrolment';
import { SyncError } from '../sync/errors';
import { blobStatus, checkDeclaredSize, completeBlobs, putBlobChunk, readBlobChunk } from './store';

const bearer = (req: IncomingMessage) => {
  const h = req.headers.authorization;
  return h && h.startsWith('Bearer ') ? h.slice(7).trim() : null;
};

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw new SyncError(413, 'TOO_LARGE', 'This part of the file is larger than a chunk; the app sends smaller ones.');
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > limit) throw new SyncError(413, 'TOO_LARGE', 'This part of the file is larger than a chunk; the app sends smaller ones.');
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}

function statusHeaders(s: BlobStatus): Record<string, string> {
  return {
    [BLOB_HEADERS.size]: String(s.size),
    [BLOB_HEADERS.complete]: s.complete ? '1' : '0',
    [BLOB_HEADERS.chunks]: String(s.chunks),
    [BLOB_HEADERS.nextChunk]: String(s.nextChunk),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` (one range) → [start, end] inclusive; null when absent. */
export function parseRange(header: string | undefined, size: number): [number, number] | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'unsatisfiable';
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || start >= size || end < start) return 'unsatisfiable';
  return [start, end];
}

const write = (res: ServerResponse, data: Buffer) =>
  new Promise<void>((resolve, reject) => {
    if (res.destroyed) return reject(new Error('client went away'));
    if (res.write(data)) return resolve();
    const onDrain = () => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      res.off('drain', onDrain);
      reject(new Error('client went away'));
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });

async function serveBlob(db: ServerDb, clinicId: string, sha256: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const s = await blobStatus(db, clinicId, sha256);
  if (!s?.complete) throw new SyncError(404, 'NOT_FOUND', BLOB_NOT_FOUND_MESSAGE);
  const range = parseRange(req.headers.range, s.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'content-range': `bytes */${s.size}`, 'cache-control': 'no-store' });
    res.end();
    return;
  }
  const [start, end] = range ?? [0, s.size - 1];
  const length = s.size === 0 ? 0 : end - start + 1;
  res.writeHead(range ? 206 : 200, {
    'content-type': 'application/octet-stream',
    'content-length': String(length),
    'accept-ranges': 'bytes',
    'cache-control': 'no-store',
    etag: `"${sha256}"`,
    [BLOB_HEADERS.size]: String(s.size),
    ...(range ? { 'content-range': `bytes ${start}-${end}/${s.size}` } : {}),
  });
  if (length === 0) {
    res.end();
    return;
  }
  try {
    for (let i = Math.floor(start / BLOB_CHUNK_BYTES); i <= Math.floor(end / BLOB_CHUNK_BYTES) && i < blobChunkCount(s.size); i++) {
      const chunk = await readBlobChunk(db, clinicId, sha256, i);
      const from = Math.max(0, start - i * BLOB_CHUNK_BYTES);
      const to = Math.min(chunk.length, end - i * BLOB_CHUNK_BYTES + 1);
      await write(res, chunk.subarray(from, to));
    }
    res.end();
  } catch {
    // Headers are out: the only way left to say "incomplete" is to cut the connection.
    res.destroy();
  }
}

const BLOB_PATH = /^\/v1\/blobs\/([0-9a-f]{64})(?:\/chunks\/(\d{1,6}))?$/;

/** Answer a request under /v1/blobs. */
export async function handleBlobRequest(db: ServerDb, now: () => number, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  try {
    const device = await authenticate(db, bearer(req));
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (method === 'POST' && path === '/v1/blobs/have') {
      const body = (await readBody(req, 128 * 1024)).toString('utf8');
      let hashes: unknown;
      try {
        hashes = (JSON.parse(body) as { sha256?: unknown }).sha256;
      } catch {
        hashes = null;
      }
      if (!Array.isArray(hashes) || hashes.length > MAX_HAVE_HASHES || !hashes.every((h) => typeof h === 'string' && SHA256_HEX.test(h))) {
        throw new SyncError(400, 'BAD_REQUEST', 'The server could not read which files the app asked about.');
      }
      return sendJson(res, 200, { complete: await completeBlobs(db, device.clinicId, hashes as string[]) });
    }
    const m = BLOB_PATH.exec(path);
    if (!m) throw new SyncError(404, 'NOT_FOUND', 'The clinic server has no such address.');
    const sha256 = m[1]!;
    if (m[2] === undefined && method === 'HEAD') {
      const s = await blobStatus(db, device.clinicId, sha256);
      if (!s) return sendJson(res, 404, {}, { [BLOB_HEADERS.errorCode]: 'NOT_FOUND' });
      return sendJson(res, 200, {}, statusHeaders(s));
    }
    if (m[2] === undefined && method === 'GET') return await serveBlob(db, device.clinicId, sha256, req, res);
    if (m[2] !== undefined && method === 'PUT') {
      const size = Number(req.headers[BLOB_HEADERS.size]);
      if (req.headers[BLOB_HEADERS.size] === undefined) throw new SyncError(400, 'BAD_REQUEST', "The app did not say the file's size.");
      checkDeclaredSize(size);
      const data = await readBody(req, BLOB_CHUNK_BYTES);
      const s = await putBlobChunk(db, { clinicId: device.clinicId, deviceId: device.deviceId, sha256, size, idx: Number(m[2]), data, now: now() });
      return sendJson(res, 200, s, statusHeaders(s));
    }
    throw new SyncError(404, 'NOT_FOUND', 'The clinic server has no such address.');
  } catch (err) {
    if (err instanceof SyncError && !res.headersSent) {
      // The rest of a refused upload is not read: close the connection rather than drain it.
      if (!req.complete) res.setHeader('connection', 'close');
      return sendJson(res, err.status, err.toBody(), { [BLOB_HEADERS.errorCode]: err.code });
    }
    throw err;
  }
}
