/**
 * Content-addressed file storage in the server's database (drizzle/server/0001_blobs.sql).
 * A chunk is written under a lock on its file's row, so chunks of one file from several
 * devices or server processes are applied one at a time, and the one that completes the
 * file checks its SHA-256. A file whose bytes do not match is deleted whole: it is never
 * served, and a correct upload can start again.
 */
import { createHash } from 'node:crypto';
import {
  BLOB_MISMATCH_MESSAGE,
  blobChunkCount,
  blobChunkLength,
  blobTooLargeMessage,
  MAX_BLOB_BYTES,
  type BlobStatus,
} from '../../src-shared/sync/blobs';
import type { Queryable, ServerDb } from '../db/sql';
import { SyncError } from '../sync/errors';

interface BlobRow {
  size: number;
  complete: boolean;
}

/** PGlite answers bytea as Uint8Array, pg as Buffer. */
const asBuffer = (data: unknown): Buffer => (Buffer.isBuffer(data) ? data : Buffer.from(data as Uint8Array));

async function chunkIndexes(db: Queryable, clinicId: string, sha256: string): Promise<number[]> {
  return (await db.query<{ idx: number }>(`SELECT idx FROM blob_chunks WHERE clinic_id = $1 AND sha256 = $2 ORDER BY idx`, [clinicId, sha256])).rows.map((r) =>
    Number(r.idx),
  );
}

function statusOf(row: BlobRow, idx: number[]): BlobStatus {
  const size = Number(row.size);
  if (row.complete) {
    const n = blobChunkCount(size);
    return { size, complete: true, chunks: n, nextChunk: n };
  }
  let next = 0;
  for (const i of idx) {
    if (i !== next) break;
    next++;
  }
  return { size, complete: false, chunks: idx.length, nextChunk: next };
}

export async function blobStatus(db: Queryable, clinicId: string, sha256: string): Promise<BlobStatus | null> {
  const row = (await db.query<BlobRow>(`SELECT size, complete FROM blobs WHERE clinic_id = $1 AND sha256 = $2`, [clinicId, sha256])).rows[0];
  if (!row) return null;
  return statusOf(row, row.complete ? [] : await chunkIndexes(db, clinicId, sha256));
}

/** Of these hashes, the ones the clinic's server holds complete. */
export async function completeBlobs(db: Queryable, clinicId: string, hashes: string[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const rows = (
    await db.query<{ sha256: string }>(`SELECT sha256 FROM blobs WHERE clinic_id = $1 AND complete AND sha256 = ANY($2::text[])`, [clinicId, hashes])
  ).rows;
  return rows.map((r) => r.sha256);
}

export function checkDeclaredSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new SyncError(400, 'BAD_REQUEST', "The server could not read this file's size.");
  if (size > MAX_BLOB_BYTES) throw new SyncError(413, 'TOO_LARGE', blobTooLargeMessage(size));
}

/**
 * Store chunk `idx` of the file `sha256` of `size` bytes. When it was the last one missing,
 * the whole is hashed: a match marks the file complete; a mismatch deletes it and refuses.
 */
export async function putBlobChunk(
  db: ServerDb,
  p: { clinicId: string; deviceId: string; sha256: string; size: number; idx: number; data: Buffer; now: number },
): Promise<BlobStatus> {
  checkDeclaredSize(p.size);
  const n = blobChunkCount(p.size);
  if (!Number.isSafeInteger(p.idx) || p.idx < 0 || p.idx >= n) throw new SyncError(400, 'BAD_REQUEST', 'This part of the file is beyond its end.');
  if (p.data.length !== blobChunkLength(p.size, p.idx)) {
    throw new SyncError(400, 'BAD_REQUEST', 'This part of the file has the wrong length; the app sends it again.');
  }
  const outcome = await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO blobs (clinic_id, sha256, size, created_at, created_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (clinic_id, sha256) DO NOTHING`,
      [p.clinicId, p.sha256, p.size, p.now, p.deviceId],
    );
    const row = (await tx.query<BlobRow>(`SELECT size, complete FROM blobs WHERE clinic_id = $1 AND sha256 = $2 FOR UPDATE`, [p.clinicId, p.sha256])).rows[0]!;
    if (row.complete) return { status: statusOf(row, []), mismatch: false };
    if (Number(row.size) !== p.size) {
      // One of two uploads declared the wrong size (the hash fixes the content, so the size
      // too): start over with this one; the completion check finds out which was right.
      await tx.query(`DELETE FROM blob_chunks WHERE clinic_id = $1 AND sha256 = $2`, [p.clinicId, p.sha256]);
      await tx.query(`UPDATE blobs SET size = $3 WHERE clinic_id = $1 AND sha256 = $2`, [p.clinicId, p.sha256, p.size]);
    }
    await tx.query(
      `INSERT INTO blob_chunks (clinic_id, sha256, idx, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (clinic_id, sha256, idx) DO UPDATE SET data = excluded.data`,
      [p.clinicId, p.sha256, p.idx, p.data],
    );
    const idx = await chunkIndexes(tx, p.clinicId, p.sha256);
    if (idx.length < n) return { status: statusOf({ size: p.size, complete: false }, idx), mismatch: false };
    // All parts are in: hash the whole, one chunk at a time.
    const hash = createHash('sha256');
    for (let i = 0; i < n; i++) {
      const c = (await tx.query<{ data: unknown }>(`SELECT data FROM blob_chunks WHERE clinic_id = $1 AND sha256 = $2 AND idx = $3`, [p.clinicId, p.sha256, i])).rows[0];
      hash.update(asBuffer(c!.data));
    }
    if (hash.digest('hex') !== p.sha256) {
      await tx.query(`DELETE FROM blobs WHERE clinic_id = $1 AND sha256 = $2`, [p.clinicId, p.sha256]);
      return { status: null, mismatch: true };
    }
    await tx.query(`UPDATE blobs SET complete = true, completed_at = $3 WHERE clinic_id = $1 AND sha256 = $2`, [p.clinicId, p.sha256, p.now]);
    return { status: { size: p.size, complete: true, chunks: n, nextChunk: n }, mismatch: false };
  });
  // Refused after the transaction, so the discarded parts stay discarded.
  if (outcome.mismatch || !outcome.status) throw new SyncError(422, 'BAD_REQUEST', BLOB_MISMATCH_MESSAGE);
  return outcome.status;
}

/** One stored chunk of a complete file (for serving). */
export async function readBlobChunk(db: Queryable, clinicId: string, sha256: string, idx: number): Promise<Buffer> {
  const row = (await db.query<{ data: unknown }>(`SELECT data FROM blob_chunks WHERE clinic_id = $1 AND sha256 = $2 AND idx = $3`, [clinicId, sha256, idx])).rows[0];
  if (!row) throw new Error('blob chunk missing');
  return asBuffer(row.data);
}
