/**
 * Taking in one whole file from a watched folder: hash it, keep a copy, and decide what it is
 * to the index:
 *
 * - unchanged: the same path with the same size and time is already indexed;
 * - changed: the same path with new content is read again (a person's decisions are kept);
 * - moved: the same content (SHA-256 and size) as a record whose file is gone: it was renamed
 *   or moved, so that record follows it and keeps its text, match and links;
 * - duplicate: the same content as a record whose file is still there;
 * - new: queued to be read.
 *
 * The original is only read. The copy is content-addressed (records/ab/abcdef….pdf in the
 * data folder, written durably), so duplicates share one copy. Files over the size limit,
 * empty files and kinds the app cannot read get a row with the reason and no copy.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { WriteContext } from '../db/mutate';
import { dataFilesFor } from '../security/data-files';
import { failureText, type ExtractLimits } from './rules/failures';
import { fileKind, MIME_TYPES, STORED_EXTENSION, unsupportedReason, type FileKind } from './rules/file-kind';
import type { FileObservation } from './rules/stability';
import { recordFiles } from './schema';

type RecordRow = typeof recordFiles.$inferSelect;
export type IngestResult = 'unchanged' | 'new' | 'changed' | 'moved' | 'duplicate' | 'failed' | 'retry' | 'gone';

export interface IngestContext {
  w: WriteContext;
  dataDir: string;
  limits: ExtractLimits;
}

const KIND_BY_MIME = new Map<string, FileKind>(Object.entries(MIME_TYPES).map(([k, v]) => [v, k as FileKind]));

export function kindOfRecord(r: Pick<RecordRow, 'mimeType'>): FileKind {
  return KIND_BY_MIME.get(r.mimeType) ?? 'unsupported';
}

export function storedPathFor(sha256: string, kind: FileKind): string {
  return `records/${sha256.slice(0, 2)}/${sha256}.${STORED_EXTENSION[kind]}`;
}

async function hashStream(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The live (not missing) record at a path, newest first. */
function liveAt(w: WriteContext, path: string): RecordRow | undefined {
  return w.db
    .select()
    .from(recordFiles)
    .where(and(eq(recordFiles.path, path), ne(recordFiles.status, 'missing')))
    .orderBy(desc(recordFiles.createdAt))
    .get();
}

function sameContent(w: WriteContext, sha256: string, size: number): RecordRow[] {
  return w.db
    .select()
    .from(recordFiles)
    .where(and(eq(recordFiles.sha256, sha256), eq(recordFiles.sizeBytes, size)))
    .orderBy(asc(recordFiles.createdAt))
    .all();
}

const fileExists = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The status a record returns to when its file is found again. */
export function statusWhenFound(r: RecordRow, hasText: boolean): RecordRow['status'] {
  if (r.duplicateOf) return 'duplicate';
  if (r.failureCode) return 'failed';
  return hasText ? 'indexed' : 'queued';
}

function hasText(w: WriteContext, id: string): boolean {
  return Boolean(w.sqlite.prepare(`SELECT 1 FROM record_texts WHERE record_id = ?`).get(id));
}

export async function ingestFile(ic: IngestContext, folderId: string | null, path: string, obs: FileObservation): Promise<IngestResult> {
  const { w, limits } = ic;
  const fileName = basename(path);
  const live = liveAt(w, path);
  if (live && live.sizeBytes === obs.size && live.mtimeMs === obs.mtimeMs) return 'unchanged';

  // Read (or, past the size limit, only hash) the file, then make sure it held still meanwhile.
  let bytes: Buffer | null = null;
  let sha256: string;
  try {
    if (obs.size > limits.maxFileBytes) {
      sha256 = await hashStream(path);
    } else {
      bytes = await readFile(path);
      sha256 = createHash('sha256').update(bytes).digest('hex');
    }
    const after = statSync(path);
    if (after.size !== obs.size || Math.trunc(after.mtimeMs) !== obs.mtimeMs) return 'retry';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'gone';
    if (code === 'EBUSY' || code === 'EPERM') return 'retry';
    return upsertFailed(ic, live, folderId, path, obs, null, 'unreadable', failureText.unreadable(code ?? 'unknown error'));
  }

  const kind = fileKind(fileName, bytes ? bytes.subarray(0, 8) : undefined);
  const now = w.now();

  if (obs.size === 0) return upsertFailed(ic, live, folderId, path, obs, sha256, 'empty', failureText.empty(), kind);
  if (kind === 'unsupported') return upsertFailed(ic, live, folderId, path, obs, sha256, 'unsupported', unsupportedReason(fileName), kind);

  const twins = sameContent(w, sha256, obs.size).filter((r) => r.id !== live?.id);
  if (!live) {
    // Renamed or moved: the same content whose file is gone (marked missing, or not yet noticed).
    const moved = twins.find((r) => r.status === 'missing' || (r.path !== path && !fileExists(r.path)));
    if (moved) {
      w.db
        .update(recordFiles)
        .set({
          path,
          fileName,
          folderId,
          mtimeMs: obs.mtimeMs,
          status: statusWhenFound(moved, hasText(w, moved.id)),
          missingSince: null,
          updatedAt: now,
          version: moved.version + 1,
        })
        .where(eq(recordFiles.id, moved.id))
        .run();
      return 'moved';
    }
  }

  const original = twins.find((r) => !r.duplicateOf);
  let storedPath: string | null = original?.storedPath ?? null;
  if (!storedPath && bytes) {
    storedPath = storedPathFor(sha256, kind);
    const abs = join(ic.dataDir, storedPath);
    // Sealed when the store is encrypted: the copy never sits in the data folder in the clear.
    if (!existsSync(abs)) dataFilesFor(w.sqlite).write(abs, bytes);
  }
  const tooLarge = obs.size > limits.maxFileBytes;
  const fields = {
    folderId,
    path,
    fileName,
    sizeBytes: obs.size,
    mtimeMs: obs.mtimeMs,
    sha256,
    mimeType: MIME_TYPES[kind],
    storedPath,
    status: (original ? 'duplicate' : tooLarge ? 'failed' : 'queued') as RecordRow['status'],
    failureCode: tooLarge && !original ? ('too_large' as const) : null,
    failureReason: tooLarge && !original ? failureText.tooLarge(obs.size, limits.maxFileBytes) : null,
    duplicateOf: original?.id ?? null,
    note: null,
    pages: null,
    ocrPages: 0,
    method: null,
    indexedAt: null,
    missingSince: null,
    updatedAt: now,
  };

  if (live) {
    // New content at a known path: read again; the text of the old content goes.
    w.sqlite.transaction(() => {
      w.sqlite.prepare(`DELETE FROM record_texts WHERE record_id = ?`).run(live.id);
      w.db
        .update(recordFiles)
        .set({ ...fields, version: live.version + 1 })
        .where(eq(recordFiles.id, live.id))
        .run();
    })();
    return original ? 'duplicate' : 'changed';
  }
  w.db
    .insert(recordFiles)
    .values({ id: uuidv7(), ...fields, createdAt: now })
    .run();
  return original ? 'duplicate' : tooLarge ? 'failed' : 'new';
}

/**
 * A file the watcher could not open for a whole waiting time after it settled (no permission):
 * listed as unreadable with the reason, so it is seen and waits no longer.
 */
export function recordUnreadable(ic: IngestContext, folderId: string | null, path: string, obs: FileObservation, code: string): IngestResult {
  const live = liveAt(ic.w, path);
  if (live && live.sizeBytes === obs.size && live.mtimeMs === obs.mtimeMs && live.failureCode === 'unreadable') return 'unchanged';
  return upsertFailed(ic, live, folderId, path, obs, null, 'unreadable', failureText.unreadable(code));
}

function upsertFailed(
  ic: IngestContext,
  live: RecordRow | undefined,
  folderId: string | null,
  path: string,
  obs: FileObservation,
  sha256: string | null,
  code: NonNullable<RecordRow['failureCode']>,
  reason: string,
  kind: FileKind = 'unsupported',
): IngestResult {
  const { w } = ic;
  const now = w.now();
  const fields = {
    folderId,
    path,
    fileName: basename(path),
    sizeBytes: obs.size,
    mtimeMs: obs.mtimeMs,
    sha256,
    mimeType: MIME_TYPES[kind],
    storedPath: null,
    status: 'failed' as const,
    failureCode: code,
    failureReason: reason,
    duplicateOf: null,
    note: null,
    pages: null,
    ocrPages: 0,
    method: null,
    indexedAt: now,
    missingSince: null,
    updatedAt: now,
  };
  if (live) {
    w.sqlite.transaction(() => {
      w.sqlite.prepare(`DELETE FROM record_texts WHERE record_id = ?`).run(live.id);
      w.db
        .update(recordFiles)
        .set({ ...fields, version: live.version + 1 })
        .where(eq(recordFiles.id, live.id))
        .run();
    })();
  } else {
    w.db
      .insert(recordFiles)
      .values({ id: uuidv7(), ...fields, createdAt: now })
      .run();
  }
  return 'failed';
}

/** A file (or every file under a folder) is gone: its records are marked missing, never removed. */
export function markMissing(w: WriteContext, path: string, dir: boolean): number {
  const now = w.now();
  const like = dir ? `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}${path.includes('\\') ? '\\\\' : '/'}%` : null;
  const rows = (
    dir
      ? w.sqlite.prepare(`SELECT id, path FROM record_files WHERE path LIKE ? ESCAPE '\\' AND status != 'missing'`).all(like)
      : w.sqlite.prepare(`SELECT id, path FROM record_files WHERE path = ? AND status != 'missing'`).all(path)
  ) as { id: string; path: string }[];
  let n = 0;
  for (const r of rows) {
    if (fileExists(r.path)) continue;
    w.sqlite
      .prepare(`UPDATE record_files SET status = 'missing', missing_since = ?, updated_at = ?, version = version + 1 WHERE id = ?`)
      .run(now, now, r.id);
    n++;
  }
  return n;
}
