/**
 * API handlers of the letters after a denial: draft from the template (the clinic's own wording
 * when it saved one) and the chart (refused naming every missing field), read, edit a draft, PDF and plain text, and finalize (the PDF filed
 * as a payer-letter document, the letter never changed again, the step recorded in the history).
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../../src-shared/api/errors';
import type { AuthorizationLetter } from '../../../../src-shared/api/schemas/authorization-letters';
import type { AuthStatus } from '../../../../src-shared/api/schemas/series';
import {
  LETTER_KIND_WORDS,
  answerCriteria,
  fillTemplate,
  letterIssues,
  letterPlainText,
  letterWarnings,
  placeholderValues,
  type LetterKind,
  type LetterSection,
} from '../../../../src-shared/domain/authorizations/letters';
import { AUTH_STATUS_WORDS, transitionRefusal } from '../../../../src-shared/domain/authorizations/lifecycle';
import { formatCalendarDate, todayInZone } from '../../../../src-shared/domain/dates';
import type { HandlerContext, PartialHandlers } from '../../api/context';
import { insertRow, updateRow } from '../../db/mutate';
import { documents } from '../../documents/schema';
import { readDocumentBytes, saveGeneratedDocument } from '../../documents/store';
import { patients } from '../../patients/schema';
import { readScheduleSettings } from '../../scheduling/schedule-data';
import { changeAuthorizationStatus, readAuthorization, recordFiledStep } from '../lifecycle';
import { authorizationLetters, authorizations } from '../schema';
import { authorizationOut } from '../service';
import { letterFacts } from './facts';
import { renderLetterPdf } from './letter-pdf';
import { letterTemplateFor } from './clinic-templates';

type LetterRow = typeof authorizationLetters.$inferSelect;

/** What a letter row's content holds. */
interface LetterContent {
  title: string;
  sections: LetterSection[];
  warnings: string[];
  /** What the draft was asked with (call windows, physician), kept for the record. */
  inputs?: Record<string, unknown>;
}

const LETTER_KINDS_HERE: readonly string[] = ['p2p_request', 'patient_appeal', 'provider_appeal'];

/** The status a filed letter is a step to (DOMAIN.md: the request asks for the call; an appeal letter is the appeal). */
const STEP_OF: Record<LetterKind, AuthStatus> = { p2p_request: 'p2p_requested', patient_appeal: 'appealed', provider_appeal: 'appealed' };

function readLetter(ctx: HandlerContext, id: string): { row: LetterRow; patientId: string } {
  const found = ctx.db
    .select({ row: authorizationLetters, patientId: authorizations.patientId })
    .from(authorizationLetters)
    .innerJoin(authorizations, eq(authorizations.id, authorizationLetters.authorizationId))
    .where(and(eq(authorizationLetters.id, id), isNull(authorizationLetters.deletedAt)))
    .get();
  // The package (P3) shares the table: only letters are read here.
  if (!found || !LETTER_KINDS_HERE.includes(found.row.kind)) throw ApiError.notFound('This letter');
  return found;
}

function contentOf(row: LetterRow): LetterContent {
  const c = row.content as Partial<LetterContent>;
  return { title: c.title ?? '', sections: c.sections ?? [], warnings: c.warnings ?? [], ...(c.inputs ? { inputs: c.inputs } : {}) };
}

function letterOut(ctx: HandlerContext, row: LetterRow, patientId: string): AuthorizationLetter {
  const c = contentOf(row);
  const kind = row.kind as LetterKind;
  let warnings = c.warnings;
  if (row.state === 'draft') {
    // A draft is read against the authorization as it is now (an appeal filed since the draft was written).
    const { facts } = letterFacts(ctx, row.authorizationId);
    warnings = [...new Set([...letterWarnings(kind, facts), ...c.warnings])];
  }
  return {
    id: row.id,
    version: row.version,
    authorizationId: row.authorizationId,
    patientId,
    kind,
    state: row.state as 'draft' | 'final',
    title: c.title,
    sections: c.sections,
    warnings,
    documentId: row.documentId,
    finalizedAt: row.finalizedAt,
    finalizedBy: row.finalizedBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function refuseFinal(ctx: HandlerContext, row: LetterRow): never {
  // The day it was filed at the clinic (a letter filed at 7 pm in Chicago is not filed tomorrow).
  const when = row.finalizedAt ? ` on ${formatCalendarDate(todayInZone(readScheduleSettings(ctx.sqlite).timeZone, row.finalizedAt))}` : '';
  throw new ApiError('VALIDATION', `This letter is final (filed as a document${when}) and cannot be changed. Write a new draft instead.`, { field: 'id' });
}

function patientLine(ctx: HandlerContext, patientId: string): string {
  const p = ctx.db.select({ firstName: patients.firstName, lastName: patients.lastName, mrn: patients.mrn }).from(patients).where(eq(patients.id, patientId)).get();
  return p ? `${p.firstName} ${p.lastName} · MRN ${p.mrn}` : '';
}

function fileName(kind: LetterKind, ctx: HandlerContext, patientId: string): string {
  const p = ctx.db.select({ lastName: patients.lastName }).from(patients).where(eq(patients.id, patientId)).get();
  const who = (p?.lastName ?? 'patient').replace(/[^\p{L}\p{N}-]+/gu, '-');
  return `${LETTER_KIND_WORDS[kind].replace(/\s+/g, '-')}-${who}.pdf`;
}

async function letterPdf(ctx: HandlerContext, row: LetterRow, patientId: string): Promise<Uint8Array> {
  const c = contentOf(row);
  const { facts } = letterFacts(ctx, row.authorizationId);
  return renderLetterPdf({ title: c.title, clinicName: facts.clinicName, patientLine: patientLine(ctx, patientId), sections: c.sections }, new Date(ctx.now()));
}

export const authorizationLetterHandlers: PartialHandlers = {
  'authorizations.letters.draft': ({ authorizationId, kind, callWindows, physicianId, physicianCredentials, physicianPhone }, ctx) => {
    // The clinic's own wording when it saved one (Settings → Letter templates), else the built-in
    // template; the draft keeps the text it was written with, whatever the template becomes.
    const resolved = letterTemplateFor(ctx, kind);
    const template = resolved.template;
    const { facts, diagnosisGroup, patientId, clocks } = letterFacts(ctx, authorizationId, {
      callWindows,
      physicianId,
      physicianCredentials,
      physicianPhone,
      // The appeals name the diagnoses in words; the provider's answers the criteria from the chart.
      withEvidence: kind !== 'p2p_request',
    });
    const issues = letterIssues(kind, facts);
    if (issues.length) throw new ApiError('VALIDATION', issues[0]!.message, { field: issues[0]!.field, issues });
    const criteria = kind === 'provider_appeal' ? answerCriteria(facts, diagnosisGroup) : [];
    const values = placeholderValues(facts, criteria, clocks);
    const content: LetterContent = {
      title: fillTemplate(template.title, values),
      sections: template.sections.map((s) => ({ key: s.key, heading: fillTemplate(s.heading, values), text: fillTemplate(s.text, values) })),
      warnings: [
        ...letterWarnings(kind, facts, criteria),
        ...(resolved.unreadable
          ? ['The clinic’s own wording of this letter (Settings → Letter templates) no longer reads with this version of the app; the built-in template was used. Open the template in Settings and save it again.']
          : []),
      ],
      inputs: { callWindows: facts.callWindows, physicianId: physicianId ?? null, physicianCredentials: physicianCredentials ?? null, physicianPhone: physicianPhone ?? null },
    };
    const row = insertRow(ctx, authorizationLetters, { authorizationId, kind, state: 'draft', content: content as unknown as Record<string, unknown> });
    return letterOut(ctx, row, patientId);
  },

  'authorizations.letters.get': ({ id }, ctx) => {
    const { row, patientId } = readLetter(ctx, id);
    return letterOut(ctx, row, patientId);
  },

  'authorizations.letters.list': ({ authorizationId }, ctx) => {
    const a = readAuthorization(ctx, authorizationId);
    return ctx.db
      .select()
      .from(authorizationLetters)
      .where(and(eq(authorizationLetters.authorizationId, authorizationId), isNull(authorizationLetters.deletedAt)))
      .orderBy(desc(authorizationLetters.createdAt), desc(authorizationLetters.id))
      .all()
      .filter((r) => LETTER_KINDS_HERE.includes(r.kind))
      .map((r) => letterOut(ctx, r, a.patientId));
  },

  'authorizations.letters.update': ({ id, expectedVersion, title, sections }, ctx) => {
    const { row, patientId } = readLetter(ctx, id);
    if (row.state !== 'draft') refuseFinal(ctx, row);
    const c = contentOf(row);
    const byKey = new Map(c.sections.map((s) => [s.key, s]));
    const unknown = sections.find((s) => !byKey.has(s.key));
    if (unknown) throw ApiError.validation('sections', `This letter has no section "${unknown.key}". Reload the letter and edit it again.`);
    for (const s of sections) byKey.set(s.key, { key: s.key, heading: s.heading === undefined ? byKey.get(s.key)!.heading : (s.heading ?? ''), text: s.text });
    const next: LetterContent = { ...c, title: title ?? c.title, sections: c.sections.map((s) => byKey.get(s.key)!) };
    const updated = updateRow(ctx, authorizationLetters, id, { content: next as unknown as Record<string, unknown> }, { expectedVersion, what: 'This letter' });
    return letterOut(ctx, updated, patientId);
  },

  'authorizations.letters.pdf': async ({ id }, ctx) => {
    const { row, patientId } = readLetter(ctx, id);
    const kind = row.kind as LetterKind;
    let bytes: Uint8Array;
    if (row.state === 'final' && row.documentId) {
      // The filed letter's own bytes: what was sent, never drawn again.
      const doc = ctx.db.select({ storedPath: documents.storedPath }).from(documents).where(eq(documents.id, row.documentId)).get();
      if (!doc) throw ApiError.notFound('The filed letter');
      bytes = readDocumentBytes(ctx, doc.storedPath);
    } else {
      bytes = await letterPdf(ctx, row, patientId);
    }
    return { patientId, fileName: fileName(kind, ctx, patientId), mimeType: 'application/pdf', base64: Buffer.from(bytes).toString('base64') };
  },

  'authorizations.letters.text': ({ id }, ctx) => {
    const { row, patientId } = readLetter(ctx, id);
    const c = contentOf(row);
    return { patientId, text: letterPlainText(c.title, c.sections) };
  },

  'authorizations.letters.finalize': async ({ id, expectedVersion, recordStatus, filedOn }, ctx) => {
    const first = readLetter(ctx, id);
    if (first.row.state !== 'draft') refuseFinal(ctx, first.row);
    if (expectedVersion !== undefined && expectedVersion !== first.row.version) {
      throw new ApiError('CONFLICT', 'This letter was changed by someone else after you opened it. Reload it to see the latest text, then finalize it again.');
    }
    const bytes = await letterPdf(ctx, first.row, first.patientId);
    return ctx.sqlite.transaction(() => {
      // Read again after the PDF was drawn: an edit or a finalize in between wins, and this one is refused.
      const { row, patientId } = readLetter(ctx, id);
      if (row.state !== 'draft') refuseFinal(ctx, row);
      const kind = row.kind as LetterKind;
      const c = contentOf(row);
      const doc = saveGeneratedDocument(ctx, { patientId, docType: 'payer_letter', title: c.title, mimeType: 'application/pdf', extension: 'pdf', bytes });
      const final = updateRow(
        ctx,
        authorizationLetters,
        id,
        { state: 'final', documentId: doc.id, finalizedAt: ctx.now(), finalizedBy: ctx.userId ? ctx.user.displayName : null },
        { expectedVersion: first.row.version, what: 'This letter' },
      );
      const current = readAuthorization(ctx, row.authorizationId);
      let authorization = authorizationOut(ctx, current);
      let statusNote: string | null = null;
      if (recordStatus) {
        const to = STEP_OF[kind];
        const from = current.status as AuthStatus;
        const refusal = from === to ? null : transitionRefusal(from, to);
        if (from === to) statusNote = `The authorization was already ${AUTH_STATUS_WORDS[to].toLowerCase()}; its status was left as it was.`;
        else if (refusal) statusNote = `The status was left as ${AUTH_STATUS_WORDS[from].toLowerCase()}: ${refusal}`;
        else {
          const { facts } = letterFacts(ctx, row.authorizationId);
          const filed = filedOn ?? facts.today;
          authorization = changeAuthorizationStatus(ctx, row.authorizationId, {
            to,
            note: `${LETTER_KIND_WORDS[kind]} filed${to === 'appealed' ? ` (appeal filed ${formatCalendarDate(filed)})` : ''}`,
            details: { letterId: id, documentId: doc.id },
            patch: to === 'appealed' ? { appealFiledDate: filed } : undefined,
            source: 'person',
          });
        }
      }
      // A status step names the letter in its note; without one the filing is a step of its own.
      if (authorization.status === current.status) recordFiledStep(ctx, row.authorizationId, { what: LETTER_KIND_WORDS[kind], documentId: doc.id });
      return { letter: letterOut(ctx, final, patientId), authorization, statusNote };
    })();
  },
};
