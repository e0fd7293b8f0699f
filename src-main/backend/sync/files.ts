/**
 * Document files follow their rows. Sync carries the `documents` rows; this moves the bytes
 * they point at, after each sync round, through the clinic server's content-addressed file
 * store (src-server/blobs/):
 *
 * - up: a file this computer has (at the row's stored path, with the row's SHA-256) that the
 *   server does not hold yet is sent in chunks, resuming from the first chunk the server
 *   lacks;
 * - down: a row whose file is missing here is fetched by byte range into `<file>.download`,
 *   checked against the row's SHA-256, flushed and renamed into the row's stored path (the
 *   place documents/store.ts reads), so a half-arrived file is never opened.
 *
 * Nothing is stored to remember what was sent: "missing here" is the file system and the
 * rows, "missing there" is asked of the server (many hashes per request). What is already
 * settled is remembered in memory only, so a restart asks again once. Each round does a
 * bounded amount of work, so a backlog of files does not hold up row sync; an interrupted
 * transfer continues next round from where it stopped. A failure is logged (its name only)
 * and retried next round; it never fails the round.
 *
 * Files on this computer are read and written through security/data-files.ts: with an
 * encrypted store they are sealed on disk (a download is sealed as it arrives, resuming from
 * its last whole segment), while sizes, SHA-256 and what goes over the wire are the plain
 * bytes the rows describe.
 */
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { BLOB_CHUNK_BYTES, blobChunkCount, blobChunkLength, MAX_BLOB_BYTES, MAX_HAVE_HASHES } from '../../../src-shared/sync/blobs';
import type { WriteContext } from '../db/mutate';
import type { Sqlite } from '../db/open';
import { logError } from '../log';
import { dataFilesFor, type DataFiles } from '../security/data-files';
import { SyncRemoteError, type HttpTransport } from './transport';

export interface FileSyncBudget {
  /** Stop starting new chunks after this long in one round. */
  maxMs: number;
  /** Stop starting new chunks after this many bytes moved in one round. */
  maxBytes: number;
}

export const FILE_SYNC_BUDGET: FileSyncBudget = { maxMs: 5_000, maxBytes: 32 * BLOB_CHUNK_BYTES };

export interface FileSyncResult {
  uploaded: number;
  downloaded: number;
  /** Files missing here that the server does not hold yet (their device has not sent them). */
  waiting: number;
  /** Files that could not move this round (a refusal, the network): tried again next round. */
  failed: number;
  /** The budget ran out with files left to move. */
  more: boolean;
}

interface DocFile {
  storedPath: string;
  sha256: string;
  sizeBytes: number;
}

/** What this process already knows, per database: files settled here, files the server holds. */
interface Known {
  present: Set<string>;
  onServer: Set<string>;
  /** Files that cannot be sent (too large, or no longer matching their row): logged once. */
  unsendable: Set<string>;
}
const knownBy = new WeakMap<Sqlite, Known>();
const knownFor = (sqlite: Sqlite): Known => {
  let k = knownBy.get(sqlite);
  if (!k) knownBy.set(sqlite, (k = { present: new Set(), onServer: new Set(), unsendable: new Set() }));
  return k;
};

/** Stop the whole round's file work on these (the next row sync shows them to the person). */
const STOP_CODES = new Set(['NETWORK', 'UNAUTHORIZED', 'REVOKED', 'CLOCK_AHEAD', 'SCHEMA_TOO_OLD', 'FORBIDDEN']);

const fileKey = (d: DocFile) => `${d.sha256}:${d.storedPath}`;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The absolute path of a row's file, or null when the stored path could point outside the
 * documents and records folders (a row from another device is not trusted with the disk).
 */
export function documentFilePath(dataDir: string, storedPath: string): string | null {
  if (!/^(documents|records)(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/.test(storedPath)) return null;
  if (storedPath.split('/').some((s) => s === '.' || s === '..' || s.endsWith('.download') || s.endsWith('.partial'))) return null;
  const root = resolve(dataDir);
  const file = resolve(root, ...storedPath.split('/'));
  return file.startsWith(root + sep) ? file : null;
}

/** The data files of the backend that owns this connection (null for a bare connection). */
function dataFilesOf(sqlite: Sqlite): DataFiles | null {
  try {
    return dataFilesFor(sqlite);
  } catch {
    return null;
  }
}

function readChunk(files: DataFiles, file: string, size: number, idx: number): Buffer {
  return files.readRange(file, idx * BLOB_CHUNK_BYTES, blobChunkLength(size, idx));
}

const errorName = (err: unknown) => (err instanceof SyncRemoteError ? `${err.name} ${err.code}` : err instanceof Error ? err.name : typeof err);

class Budget {
  private readonly started = Date.now();
  private bytes = 0;
  private moved = false;
  constructor(private readonly limits: FileSyncBudget) {}
  /** May another chunk start? The first one of a round always may, so every round makes progress. */
  allows(): boolean {
    return !this.moved || (Date.now() - this.started < this.limits.maxMs && this.bytes < this.limits.maxBytes);
  }
  spend(n: number): void {
    this.moved = true;
    this.bytes += n;
  }
}

class OutOfBudget extends Error {}

/** Move document files after a sync round. Never throws: a failure is logged and retried next round. */
export async function syncFiles(w: WriteContext, t: HttpTransport, limits: FileSyncBudget = FILE_SYNC_BUDGET): Promise<FileSyncResult> {
  const result: FileSyncResult = { uploaded: 0, downloaded: 0, waiting: 0, failed: 0, more: false };
  try {
    const files = dataFilesOf(w.sqlite);
    if (!files) return result;
    await moveFiles(w.sqlite, files, t, new Budget(limits), result);
  } catch (err) {
    if (err instanceof OutOfBudget) result.more = true;
    else {
      result.failed++;
      logError('document files could not be synced this round', errorName(err));
    }
  }
  return result;
}

async function moveFiles(sqlite: Sqlite, files: DataFiles, t: HttpTransport, budget: Budget, result: FileSyncResult): Promise<void> {
  const known = knownFor(sqlite);
  const dataDir = files.dataDir;
  const rows = sqlite
    .prepare(`SELECT stored_path AS storedPath, sha256, size_bytes AS sizeBytes FROM documents WHERE deleted_at IS NULL ORDER BY created_at, id`)
    .all() as DocFile[];
  const here: (DocFile & { file: string })[] = [];
  const missing: (DocFile & { file: string })[] = [];
  for (const d of rows) {
    if (known.present.has(fileKey(d)) && known.onServer.has(d.sha256)) continue;
    const file = SHA256_HEX.test(d.sha256) ? documentFilePath(dataDir, d.storedPath) : null;
    if (!file) continue;
    if (known.present.has(fileKey(d)) || files.size(file) !== null) {
      known.present.add(fileKey(d));
      here.push({ ...d, file });
    } else missing.push({ ...d, file });
  }

  // Ask the server about everything not yet known to be there (and worth asking about).
  const wanted = [...here.filter((d) => !known.unsendable.has(d.sha256)), ...missing].map((d) => d.sha256);
  const ask = [...new Set(wanted.filter((h) => !known.onServer.has(h)))];
  for (let i = 0; i < ask.length; i += MAX_HAVE_HASHES) {
    for (const h of await t.blobsHave(ask.slice(i, i + MAX_HAVE_HASHES))) known.onServer.add(h);
  }

  // Up: one upload per content.
  const sent = new Set<string>();
  for (const d of here) {
    if (known.onServer.has(d.sha256) || known.unsendable.has(d.sha256) || sent.has(d.sha256)) continue;
    sent.add(d.sha256);
    try {
      if (await upload(files, t, d, budget, known)) result.uploaded++;
    } catch (err) {
      if (err instanceof OutOfBudget) throw err;
      result.failed++;
      logError('a document file could not be sent to the clinic server', errorName(err));
      if (err instanceof SyncRemoteError && STOP_CODES.has(err.code)) return;
    }
  }

  // Down: the server holds it, this computer does not.
  const localByHash = new Map(here.map((d) => [d.sha256, d.file]));
  for (const d of missing) {
    if (!known.onServer.has(d.sha256)) {
      result.waiting++;
      continue;
    }
    try {
      await download(files, t, d, localByHash.get(d.sha256) ?? null, budget);
      known.present.add(fileKey(d));
      localByHash.set(d.sha256, d.file);
      result.downloaded++;
    } catch (err) {
      if (err instanceof OutOfBudget) throw err;
      result.failed++;
      logError('a document file could not be fetched from the clinic server', errorName(err));
      if (err instanceof SyncRemoteError && STOP_CODES.has(err.code)) return;
    }
  }
}

/** Send a file from the first chunk the server lacks. True once the server holds it whole. */
async function upload(files: DataFiles, t: HttpTransport, d: DocFile & { file: string }, budget: Budget, known: Known): Promise<boolean> {
  const size = files.size(d.file);
  if (size === null) return false;
  if (size > MAX_BLOB_BYTES || size !== d.sizeBytes || (await files.hash(d.file)) !== d.sha256) {
    // Too large for the server, or the file here is no longer the one the row describes.
    known.unsendable.add(d.sha256);
    logError('a document file cannot be sent to the clinic server', size > MAX_BLOB_BYTES ? 'too large' : 'does not match its row');
    return false;
  }
  const status = await t.blobStatus(d.sha256);
  if (status?.complete) {
    known.onServer.add(d.sha256);
    return false;
  }
  const from = status && status.size === size ? status.nextChunk : 0;
  for (let idx = from; idx < blobChunkCount(size); idx++) {
    if (!budget.allows()) throw new OutOfBudget();
    const bytes = readChunk(files, d.file, size, idx);
    const s = await t.putBlobChunk(d.sha256, idx, size, bytes);
    budget.spend(bytes.length);
    if (s.complete) {
      known.onServer.add(d.sha256);
      return true;
    }
  }
  // Every chunk sent but the server is not complete: a gap from an earlier try; next round resumes from it.
  return false;
}

/** Fetch a file into place: from a copy here with the same content, else from the server by range. */
async function download(files: DataFiles, t: HttpTransport, d: DocFile & { file: string }, localCopy: string | null, budget: Budget): Promise<void> {
  mkdirSync(dirname(d.file), { recursive: true });
  const tmp = `${d.file}.download`;
  if (localCopy) {
    // The copy here is under this device's key already (or plain, from before encryption).
    copyFileSync(localCopy, tmp);
  } else {
    const out = files.appender(tmp, d.sizeBytes);
    try {
      while (out.have < d.sizeBytes) {
        if (!budget.allows()) throw new OutOfBudget();
        const have = out.have;
        const end = Math.min(d.sizeBytes, (Math.floor(have / BLOB_CHUNK_BYTES) + 1) * BLOB_CHUNK_BYTES) - 1;
        const bytes = await t.getBlobRange(d.sha256, have, end);
        if (bytes.byteLength === 0) throw new Error('the server sent an empty range');
        out.write(bytes);
        budget.spend(bytes.byteLength);
      }
    } finally {
      out.close();
    }
  }
  if ((await files.hash(tmp)) !== d.sha256) {
    rmSync(tmp, { force: true });
    throw new Error('downloaded file does not match its fingerprint');
  }
  renameSync(tmp, d.file);
}
