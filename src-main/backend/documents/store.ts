/**
 * Files the app keeps in its data folder. A file is written to a temporary name, flushed
 * and renamed into place before its row is committed, so a crash leaves either nothing or
 * a stray file with no row, never a row pointing at half a file. Writing and reading go
 * through security/data-files.ts, which seals them when the store is encrypted.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../../../src-shared/api/errors';
import type { DOC_TYPES } from '../../../src-shared/api/schemas/documents';
import type { HandlerContext } from '../api/context';
import { insertRow } from '../db/mutate';
import { dataFilesFor } from '../security/data-files';
import { documents } from './schema';

export interface NewGeneratedDocument {
  patientId: string;
  docType: (typeof DOC_TYPES)[number];
  title: string;
  mimeType: string;
  extension: string;
  bytes: Uint8Array;
}

export function saveGeneratedDocument(ctx: HandlerContext, doc: NewGeneratedDocument) {
  const id = uuidv7();
  const month = new Date(ctx.now()).toISOString().slice(0, 7);
  const storedPath = `documents/${month}/${id}.${doc.extension}`;
  const files = dataFilesFor(ctx.sqlite);
  const file = files.path(storedPath);
  files.write(file, doc.bytes);
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
    return dataFilesFor(ctx.sqlite).read(join(ctx.dataDir, storedPath));
  } catch {
    throw new ApiError('NOT_FOUND', 'The file for this document is missing from the data folder. It may have been moved or deleted outside the app.');
  }
}
