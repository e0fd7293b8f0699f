import { and, desc, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import type { PartialHandlers } from '../api/context';
import { generateIntakeSummary } from '../intake/summary-document';
import { documents } from './schema';
import { readDocumentBytes } from './store';

export const documentHandlers: PartialHandlers = {
  'documents.listForPatient': ({ patientId }, ctx) =>
    ctx.db
      .select()
      .from(documents)
      .where(and(eq(documents.patientId, patientId), isNull(documents.deletedAt)))
      .orderBy(desc(documents.createdAt))
      .all(),

  'documents.generateIntakeSummary': ({ patientId }, ctx) => generateIntakeSummary(ctx, patientId),

  'documents.read': ({ id }, ctx) => {
    const doc = ctx.db.select().from(documents).where(and(eq(documents.id, id), isNull(documents.deletedAt))).get();
    if (!doc) throw ApiError.notFound('This document');
    const bytes = readDocumentBytes(ctx, doc.storedPath);
    const ext = doc.storedPath.split('.').pop() ?? 'bin';
    const fileName = `${doc.title.replace(/[^\w .,-]+/g, '').trim() || 'document'}.${ext}`;
    return { ...doc, base64: bytes.toString('base64'), fileName };
  },
};
