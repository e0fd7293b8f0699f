/**
 * What a person decides about a record: confirm (attach to the suggested patient or another,
 * which corrects the match), reject, reopen, set the type, read again, and link an intake
 * prior-treatment entry to it. Each checks the version the person saw, so a decision made on
 * a stale screen is refused rather than applied to a record that changed underneath.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import type { RecordSummary, RecordType } from '../../../src-shared/api/schemas/records';
import type { HandlerContext } from '../api/context';
import { updateRow } from '../db/mutate';
import { priorTreatments } from '../intake/schema';
import { patients } from '../patients/schema';
import { dataFilesFor } from '../security/data-files';
import { attachDocument, detachDocument } from './attach';
import { decideMatch, readRecord } from './indexing';
import { requireSummary } from './read';
import { runtimeFor } from './runtime';
import { recordFiles } from './schema';

type RecordRow = typeof recordFiles.$inferSelect;

function load(ctx: HandlerContext, id: string, expectedVersion?: number): RecordRow {
  const r = readRecord(ctx, id);
  if (!r) throw ApiError.notFound('This record');
  if (expectedVersion !== undefined && expectedVersion !== r.version) {
    throw new ApiError('CONFLICT', 'This record changed after you opened it (it may have just been read or matched). Reload it, then decide again.');
  }
  return r;
}

function save(ctx: HandlerContext, r: RecordRow, patch: Partial<RecordRow>): void {
  ctx.db
    .update(recordFiles)
    .set({ ...patch, version: r.version + 1, updatedAt: ctx.now() })
    .where(eq(recordFiles.id, r.id))
    .run();
}

function requirePatient(ctx: HandlerContext, id: string): void {
  const p = ctx.db.select({ deletedAt: patients.deletedAt }).from(patients).where(eq(patients.id, id)).get();
  if (!p || p.deletedAt !== null) throw ApiError.validation('patientId', 'That patient was not found. Search for the patient again.');
}

export function confirmRecord(
  ctx: HandlerContext,
  input: { id: string; patientId?: string | undefined; docType?: RecordType | undefined; expectedVersion?: number | undefined },
): RecordSummary {
  const r = load(ctx, input.id, input.expectedVersion);
  if (r.status === 'duplicate' && r.duplicateOf) {
    throw new ApiError('CONFLICT', 'This file is a copy of another record. Confirm the original instead (it is linked from this one).');
  }
  const patientId = input.patientId ?? r.patientId;
  if (!patientId) throw ApiError.validation('patientId', 'Choose the patient this record belongs to.');
  requirePatient(ctx, patientId);
  const docType = input.docType ?? r.docType;
  const chosen = patientId !== r.patientId || r.matchState === 'rejected' || r.matchState === 'unmatched';
  ctx.sqlite.transaction(() => {
    const documentId = attachDocument(ctx, r, patientId, docType);
    save(ctx, r, {
      matchState: 'confirmed',
      patientId,
      matchKind: chosen ? 'manual' : r.matchKind,
      matchReason: chosen ? `Chosen by ${ctx.user.displayName}` : r.matchReason,
      docType,
      typeConfirmed: true,
      ...(docType !== r.docType ? { typeRule: null, typeReason: `Set by ${ctx.user.displayName}` } : {}),
      documentId,
      rejectReason: null,
      decidedBy: ctx.userId,
      decidedAt: ctx.now(),
    });
  })();
  return requireSummary(ctx.sqlite, r.id);
}

export function rejectRecord(ctx: HandlerContext, input: { id: string; reason: string | null; expectedVersion?: number | undefined }): RecordSummary {
  const r = load(ctx, input.id, input.expectedVersion);
  ctx.sqlite.transaction(() => {
    detachDocument(ctx, r);
    save(ctx, r, {
      matchState: 'rejected',
      patientId: null,
      matchKind: null,
      matchReason: null,
      documentId: null,
      rejectReason: input.reason,
      decidedBy: ctx.userId,
      decidedAt: ctx.now(),
    });
  })();
  return requireSummary(ctx.sqlite, r.id);
}

/** Undo a decision: the rules run again on the text, as if the file had just been read. */
export function reopenRecord(ctx: HandlerContext, id: string): RecordSummary {
  const r = load(ctx, id);
  const body = (ctx.sqlite.prepare(`SELECT body FROM record_texts WHERE record_id = ?`).get(id) as { body: string } | undefined)?.body;
  ctx.sqlite.transaction(() => {
    const m = body !== undefined ? decideMatch(ctx, body.split('\f')) : null;
    let documentId: string | null = null;
    if (m?.state === 'matched' && m.patientId) documentId = attachDocument(ctx, r, m.patientId, r.docType);
    else detachDocument(ctx, r);
    save(ctx, r, {
      matchState: m?.state ?? 'unmatched',
      patientId: m?.patientId ?? null,
      matchKind: m?.kind ?? null,
      matchReason: m?.reason ?? null,
      candidates: m?.candidates ?? [],
      documentId,
      rejectReason: null,
      decidedBy: null,
      decidedAt: null,
    });
  })();
  return requireSummary(ctx.sqlite, id);
}

export function setRecordType(ctx: HandlerContext, input: { id: string; docType: RecordType; expectedVersion?: number | undefined }): RecordSummary {
  const r = load(ctx, input.id, input.expectedVersion);
  ctx.sqlite.transaction(() => {
    if (r.documentId && r.patientId && (r.matchState === 'confirmed' || r.matchState === 'matched')) {
      attachDocument(ctx, r, r.patientId, input.docType);
    }
    save(ctx, r, { docType: input.docType, typeConfirmed: true, typeRule: null, typeReason: `Set by ${ctx.user.displayName}` });
  })();
  return requireSummary(ctx.sqlite, r.id);
}

export function retryRecord(ctx: HandlerContext, id: string): RecordSummary {
  const r = load(ctx, id);
  if (r.status !== 'failed') throw new ApiError('CONFLICT', 'Only a record that could not be read can be read again.');
  if (!r.storedPath) {
    throw new ApiError('CONFLICT', 'The app kept no copy of this file, so it cannot read it again. Put a new copy in the watched folder.');
  }
  const rt = runtimeFor(ctx.sqlite);
  if (!rt) throw new ApiError('INTERNAL', 'Records are not being read in this window right now. Restart the app and try again.');
  rt.requeue(id);
  return requireSummary(ctx.sqlite, id);
}

export function openRecord(ctx: HandlerContext, id: string) {
  const r = load(ctx, id);
  const originalExists = existsSync(r.path);
  const copy = r.storedPath ? join(ctx.dataDir, r.storedPath) : null;
  let bytes: Buffer;
  let fromCopy = false;
  if (copy && existsSync(copy)) {
    bytes = dataFilesFor(ctx.sqlite).read(copy);
    fromCopy = true;
  } else if (originalExists && (!r.storedPath || r.sizeBytes <= 200 * 1024 * 1024)) {
    bytes = readFileSync(r.path);
  } else {
    throw new ApiError('NOT_FOUND', 'Neither the app’s copy nor the original file can be found. It may have been moved or deleted outside the app.');
  }
  return { id: r.id, fileName: r.fileName, mimeType: r.mimeType, base64: bytes.toString('base64'), originalPath: r.path, originalExists, fromCopy };
}

/** Link an intake prior-treatment entry to the record documenting it (or unlink with null). */
export function linkTreatment(ctx: HandlerContext, input: { treatmentId: string; recordId: string | null; expectedVersion?: number | undefined }) {
  const t = ctx.db.select().from(priorTreatments).where(eq(priorTreatments.id, input.treatmentId)).get();
  if (!t || t.deletedAt !== null) throw ApiError.notFound('This treatment');
  let documentId: string | null = null;
  if (input.recordId) {
    const r = load(ctx, input.recordId);
    if (!r.documentId || r.patientId !== t.patientId || (r.matchState !== 'confirmed' && r.matchState !== 'matched')) {
      throw ApiError.validation('recordId', 'This record is not attached to the same patient. Confirm it for this patient first.');
    }
    documentId = r.documentId;
  }
  return updateRow(ctx, priorTreatments, t.id, { documentId }, { expectedVersion: input.expectedVersion, what: 'This treatment' });
}
