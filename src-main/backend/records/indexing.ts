/**
 * What happens when a file has been read: its text goes into record_texts (and so into the
 * FTS index, by trigger), the patient match and the document type are decided by the rules,
 * and an exact match attaches the record. A person's earlier decision (confirmed or rejected
 * patient, confirmed type) is never overwritten by the rules.
 */
import { eq } from 'drizzle-orm';
import type { ExtractMethod } from '../../../src-shared/api/schemas/records';
import { todayInZone } from '../../../src-shared/domain/dates';
import { readSettings } from '../clinic/service';
import type { WriteContext } from '../db/mutate';
import { preparedSql } from '../db/prepared';
import { attachDocument, detachDocument } from './attach';
import { candidatePatients } from './candidates';
import type { ExtractOutcome, PageText } from './extract/protocol';
import { limitNote } from './rules/failures';
import { cleanText } from './rules/fts-query';
import { findDates, findMrns } from './rules/identifiers';
import { indexPage, matchRecord, pageWords, type MatchDecision } from './rules/match';
import { classifyRecord, type CompiledRule } from './rules/type-rules';
import { TAGS_SQL } from './read';
import { recordFiles } from './schema';

type RecordRow = typeof recordFiles.$inferSelect;

export function methodOf(pages: readonly PageText[]): ExtractMethod | null {
  if (pages.length === 0) return null;
  const ocr = pages.filter((p) => p.method === 'ocr').length;
  if (ocr === 0) return 'text';
  return ocr === pages.length ? 'ocr' : 'mixed';
}

/** The rules' verdict on whose record this is. */
export function decideMatch(w: WriteContext, pages: readonly string[]): MatchDecision {
  const found = { mrns: findMrns(pages), dates: findDates(pages, todayInZone(readSettings(w).timeZone, w.now())) };
  const index = pages.map((p) => indexPage(pageWords(p)));
  return matchRecord(pages, found, candidatePatients(w.sqlite, found, index.map((i) => i.words)), index);
}

export function readRecord(w: WriteContext, id: string): RecordRow | undefined {
  return w.db.select().from(recordFiles).where(eq(recordFiles.id, id)).get();
}

/** Store the outcome of reading a record and run the rules. One transaction. */
export function applyOutcome(w: WriteContext, id: string, outcome: ExtractOutcome, rules: readonly CompiledRule[]): void {
  w.sqlite.transaction(() => {
    const r = readRecord(w, id);
    if (!r) return;
    const now = w.now();
    // A file that disappeared while it was read stays "missing"; its text is still kept.
    const status = r.status === 'missing' ? 'missing' : outcome.ok ? 'indexed' : 'failed';
    if (!outcome.ok) {
      preparedSql(w.sqlite, `DELETE FROM record_texts WHERE record_id = ?`).run(id);
      w.db
        .update(recordFiles)
        .set({
          status,
          failureCode: outcome.code,
          failureReason: outcome.message,
          note: null,
          pages: null,
          ocrPages: 0,
          method: null,
          indexedAt: now,
          updatedAt: now,
          version: r.version + 1,
        })
        .where(eq(recordFiles.id, id))
        .run();
      return;
    }
    // Pages are joined with form feeds, so a form feed inside a page becomes a line break.
    const pages = outcome.pages.map((p) => cleanText(p.text).replace(/\f/g, '\n'));
    // Tags from the record as it is now; the record_files_tags trigger follows the match below.
    preparedSql(
      w.sqlite,
      `INSERT INTO record_texts (record_id, title, body, tags)
       SELECT ?, ?, ?, ${TAGS_SQL} FROM record_files r WHERE r.id = ?
       ON CONFLICT (record_id) DO UPDATE SET title = excluded.title, body = excluded.body, tags = excluded.tags`,
    ).run(id, r.fileName, pages.join('\f'), id);

    const patch: Partial<RecordRow> = {
      status,
      failureCode: null,
      failureReason: null,
      note: limitNote(outcome.pagesTotal, outcome.pages.length, outcome.ocrSkipped),
      pages: outcome.pagesTotal,
      ocrPages: outcome.pages.filter((p) => p.method === 'ocr').length,
      method: methodOf(outcome.pages),
      indexedAt: now,
      updatedAt: now,
      version: r.version + 1,
    };
    if (!r.typeConfirmed) {
      const t = classifyRecord(pages, r.fileName, rules);
      Object.assign(patch, { docType: t.docType, typeRule: t.ruleId, typeReason: t.reason });
    }
    const docType = patch.docType ?? r.docType;
    if (r.matchState !== 'confirmed' && r.matchState !== 'rejected') {
      const m = decideMatch(w, pages);
      Object.assign(patch, {
        matchState: m.state,
        patientId: m.patientId,
        matchKind: m.kind,
        matchReason: m.reason,
        candidates: m.candidates,
      });
      if (m.state === 'matched' && m.patientId) {
        patch.documentId = attachDocument(w, r, m.patientId, docType);
      } else if (r.documentId) {
        detachDocument(w, r);
        patch.documentId = null;
      }
    } else if (r.matchState === 'confirmed' && r.patientId && r.documentId) {
      attachDocument(w, r, r.patientId, docType);
    }
    w.db.update(recordFiles).set(patch).where(eq(recordFiles.id, id)).run();
  })();
}
