/**
 * Files the app keeps in its data folder. A file is written to a temporary name, flushed
 * and renamed into place before its row is committed, so a crash leaves either nothing or
 * a stray file with no row, never a row pointing at half a file.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../../../src-shared/api/errors';
import type { DOC_TYPES } from '../../../src-shared/api/schemas/documents';
import type { HandlerContext } from '../api/context';
import { insertRow } from '../db/mutate';
import { documents } from './schema';

export interface NewGeneratedDocument {
  patientId: string;
  docType: (typeof DOC_TYPES)[number];
  title: string;
  mimeType: string;
  extension: string;
  bytes: Uint8Array;
}

/** Write a file so that a crash leaves the old state or the whole new file (temp name, fsync, rename). */
export function writeDurably(file: string, bytes: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export function saveGeneratedDocument(ctx: HandlerContext, doc: NewGeneratedDocument) {
  const id = uuidv7();
  const month = new Date(ctx.now()).toISOString().slice(0, 7);
  const storedPath = `documents/${month}/${id}.${doc.extension}`;
  const file = join(ctx.dataDir, storedPath);
  writeDurably(file, doc.bytes);
  try {
    return insertRow(ctx, documents, {
      id,
      patientId: doc.patientId,
      docType: doc.docType,
      title: doc.title,
      storedPath,
      mimeType: doc.mimeType,
      sizeBytes: doc.bytes.byteLength,
      sha256: createHash('sha256').update(doc.bytes).digest('hex'),
      origin: 'generated',
    });
  } catch (err) {
    rmSync(file, { force: true });
    throw err;
  }
}

export function readDocumentBytes(ctx: HandlerContext, storedPath: string): Buffer {
  try {
    return readFileSync(join(ctx.dataDir, storedPath));
  } catch {
    throw new ApiError('NOT_FOUND', 'The file for this document is missing from the data folder. It may have been moved or deleted outside the app.');
  }
}
