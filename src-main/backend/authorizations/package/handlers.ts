/**
 * API handlers of the request package: draft it from the chart, read it, edit a draft's letter
 * paragraphs and enclosures, preview the PDF, and finalize (the PDF filed as a document on the
 * chart; the package row never changes again, and a later package is a new draft). The package
 * shares authorization_letters with the letters after a denial, as kind 'package'.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../../src-shared/api/errors';
import type { AuthorizationPackage } from '../../../../src-shared/api/schemas/authorization-package';
import type { AuthStatus } from '../../../../src-shared/api/schemas/series';
import { AUTH_STATUS_WORDS } from '../../../../src-shared/domain/authorizations/lifecycle';
import { formatCalendarDate, todayInZone } from '../../../../src-shared/domain/dates';
import type { HandlerContext, PartialHandlers } from '../../api/context';
import { insertRow, updateRow } from '../../db/mutate';
import { documents } from '../../documents/schema';
import { readDocumentBytes, saveGeneratedDocument } from '../../documents/store';
import { patients } from '../../patients/schema';
import { readScheduleSettings } from '../../scheduling/schedule-data';
import { readAuthorization, recordFiledStep } from '../lifecycle';
import { authorizationLetters } from '../schema';
import {
  applyPackageEdits,
  enclosureProblem,
  PackageEditError,
  packageWarnings,
  storedPackage,
  withChartRecords,
  type StoredPackage,
} from './package-edits';
import { draftLetterSections, draftPackageContent } from './package-model';
import { PackageRecordError, renderPackagePdf } from './package-pdf';
import { packageSources, recordReader, type PackageSources } from './package-request';

type Row = typeof authorizationLetters.$inferSelect;

/** A request in one of these is over: a package for it would go nowhere. */
const CLOSED: readonly AuthStatus[] = ['closed', 'expired', 'cancelled'];

/** What a final row keeps beside the content: the filed file's name and pages. */
interface FiledFacts {
  fileName?: string;
  pages?: number;
}

function readPackage(ctx: HandlerContext, id: string): { row: Row; patientId: string } {
  const row = ctx.db
    .select()
    .from(authorizationLetters)
    .where(and(eq(authorizationLetters.id, id), isNull(authorizationLetters.deletedAt)))
    .get();
  // Letters share the table: only packages are read here.
  if (!row || row.kind !== 'package') throw ApiError.notFound('This package');
  return { row, patientId: readAuthorization(ctx, row.authorizationId).patientId };
}

function draftOf(ctx: HandlerContext, authorizationId: string): Row | undefined {
  return ctx.db
    .select()
    .from(authorizationLetters)
    .where(
      and(
        eq(authorizationLetters.authorizationId, authorizationId),
        eq(authorizationLetters.kind, 'package'),
        eq(authorizationLetters.state, 'draft'),
        isNull(authorizationLetters.deletedAt),
      ),
    )
    .get();
}

/** " on MM/DD/YYYY": the day of an instant at the clinic (its time zone), not in UTC. */
function onDate(ctx: HandlerContext, ms: number | null): string {
  return ms ? ` on ${formatCalendarDate(todayInZone(readScheduleSettings(ctx.sqlite).timeZone, ms))}` : '';
}

function refuseFinal(ctx: HandlerContext, row: Row): never {
  throw new ApiError('VALIDATION', `This package is final (filed as a document${onDate(ctx, row.finalizedAt)}) and cannot be changed. Build a new draft instead.`, {
    field: 'id',
  });
}

/** The package as the API returns it; a draft is read against the chart as it is now. */
function packageOut(ctx: HandlerContext, row: Row, patientId: string, src?: PackageSources): AuthorizationPackage {
  const stored = storedPackage(row.content);
  const filed = row.content as FiledFacts;
  let enclosures = stored.enclosures;
  let warnings: string[] = [];
  let problems = new Map<string, string | null>();
  if (row.state === 'draft') {
    const s = src ?? packageSources(ctx, row.authorizationId);
    const onChart = new Set(s.evidence.records.map((r) => r.documentId));
    enclosures = withChartRecords(stored.enclosures, s.evidence.records);
    problems = new Map(enclosures.map((e) => [e.documentId, enclosureProblem(e, onChart)]));
    warnings = packageWarnings({ ...stored, enclosures }, s.evidence, s.evidence.diagnosisGroup, s.rules, problems);
  }
  let n = 0;
  const edited = new Set(stored.edited);
  return {
    id: row.id,
    version: row.version,
    authorizationId: row.authorizationId,
    patientId,
    state: row.state as 'draft' | 'final',
    sections: stored.sections.map((s) => ({ ...s, edited: edited.has(s.key) })),
    enclosures: enclosures.map((e) => ({ ...e, number: e.include ? ++n : null, problem: problems.get(e.documentId) ?? null })),
    enclosedPages: enclosures.filter((e) => e.include).reduce((sum, e) => sum + (e.pages ?? 0), 0),
    warnings,
    documentId: row.documentId,
    pages: filed.pages ?? null,
    finalizedAt: row.finalizedAt,
    finalizedBy: row.finalizedBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function fileName(ctx: HandlerContext, patientId: string, draft: boolean): string {
  const p = ctx.db.select({ lastName: patients.lastName }).from(patients).where(eq(patients.id, patientId)).get();
  const who = (p?.lastName ?? 'patient').replace(/[^\p{L}\p{N}-]+/gu, '-');
  return `Prior-authorization-package-${who}${draft ? '-DRAFT' : ''}.pdf`;
}

/** Draws the package PDF from a stored draft; records that cannot go are refused, all named at once. */
async function drawPackage(ctx: HandlerContext, src: PackageSources, pkg: StoredPackage): Promise<{ bytes: Uint8Array; pages: number; counted: Map<string, number> }> {
  const onChart = new Set(src.evidence.records.map((r) => r.documentId));
  const bad = pkg.enclosures.filter((e) => e.include && enclosureProblem(e, onChart));
  if (bad.length) {
    const names = bad.map((e) => `"${e.title}" (${enclosureProblem(e, onChart)!.replace(/\.$/, '')})`).join('; ');
    throw new ApiError('VALIDATION', `${bad.length === 1 ? 'This record cannot' : 'These records cannot'} be enclosed: ${names}. Untick ${bad.length === 1 ? 'it' : 'them'}.`, {
      field: 'enclosures',
    });
  }
  const { timeZone } = readScheduleSettings(ctx.sqlite);
  const now = ctx.now();
  const read = recordReader(
    ctx,
    src.auth.patientId,
    pkg.enclosures.filter((e) => e.include).map((e) => e.documentId),
  );
  try {
    const res = await renderPackagePdf(src.evidence, src.request, pkg, read, {
      createdAt: new Date(now),
      generatedAt: formatCalendarDate(todayInZone(timeZone, now)),
    });
    return { bytes: res.bytes, pages: res.ownPages + res.enclosed.reduce((s, e) => s + e.pages, 0), counted: new Map(res.enclosed.map((e) => [e.documentId, e.pages])) };
  } catch (err) {
    if (err instanceof PackageRecordError) throw new ApiError('VALIDATION', err.message, { field: 'enclosures' });
    throw err;
  }
}

export const authorizationPackageHandlers: PartialHandlers = {
  'authorizations.package.draft': ({ authorizationId, rebuildVersion }, ctx) => {
    const src = packageSources(ctx, authorizationId);
    const status = src.auth.status as AuthStatus;
    if (CLOSED.includes(status)) {
      throw new ApiError(
        'CONFLICT',
        `This request is ${AUTH_STATUS_WORDS[status].toLowerCase()}: a package for it would go nowhere. Start a new request from the patient’s chart.`,
      );
    }
    const content: StoredPackage = { ...draftPackageContent(src.evidence, src.request, src.rules), edited: [], stale: [] };
    const existing = draftOf(ctx, authorizationId);
    let row: Row;
    if (existing) {
      if (rebuildVersion === undefined) {
        throw new ApiError(
          'CONFLICT',
          `This request already has a draft package (last changed${onDate(ctx, existing.updatedAt)}). Open it to edit it, or rebuild it from the chart (its edits would be replaced).`,
        );
      }
      row = updateRow(ctx, authorizationLetters, existing.id, { content: content as unknown as Record<string, unknown> }, { expectedVersion: rebuildVersion, what: 'This package' });
    } else {
      row = insertRow(ctx, authorizationLetters, { authorizationId, kind: 'package', state: 'draft', content: content as unknown as Record<string, unknown> });
    }
    return packageOut(ctx, row, src.auth.patientId, src);
  },

  'authorizations.package.get': ({ authorizationId }, ctx) => {
    const a = readAuthorization(ctx, authorizationId);
    const rows = ctx.db
      .select()
      .from(authorizationLetters)
      .where(and(eq(authorizationLetters.authorizationId, authorizationId), eq(authorizationLetters.kind, 'package'), isNull(authorizationLetters.deletedAt)))
      .orderBy(desc(authorizationLetters.finalizedAt), desc(authorizationLetters.createdAt))
      .all();
    const draft = rows.find((r) => r.state === 'draft');
    return {
      authorizationId,
      patientId: a.patientId,
      draft: draft ? packageOut(ctx, draft, a.patientId) : null,
      filed: rows.filter((r) => r.state === 'final').map((r) => packageOut(ctx, r, a.patientId)),
    };
  },

  'authorizations.package.update': ({ id, expectedVersion, sections, enclosures }, ctx) => {
    const { row, patientId } = readPackage(ctx, id);
    if (row.state !== 'draft') refuseFinal(ctx, row);
    const src = packageSources(ctx, row.authorizationId);
    let next: StoredPackage;
    try {
      next = applyPackageEdits(storedPackage(row.content), src.evidence.records, { sections, enclosures }, (encl) =>
        draftLetterSections(src.evidence, src.request, src.rules, encl),
      );
    } catch (err) {
      if (err instanceof PackageEditError) throw ApiError.validation(err.field, err.message);
      throw err;
    }
    const updated = updateRow(ctx, authorizationLetters, id, { content: next as unknown as Record<string, unknown> }, { expectedVersion, what: 'This package' });
    return packageOut(ctx, updated, patientId, src);
  },

  'authorizations.package.preview': async ({ id }, ctx) => {
    const { row, patientId } = readPackage(ctx, id);
    if (row.state === 'final' && row.documentId) {
      // The filed package's own bytes: what was sent, never drawn again.
      const doc = ctx.db.select({ storedPath: documents.storedPath }).from(documents).where(eq(documents.id, row.documentId)).get();
      if (!doc) throw ApiError.notFound('The filed package');
      const filed = row.content as FiledFacts;
      const bytes = readDocumentBytes(ctx, doc.storedPath);
      return { patientId, fileName: filed.fileName ?? fileName(ctx, patientId, false), mimeType: 'application/pdf', base64: bytes.toString('base64'), pages: filed.pages ?? 0 };
    }
    const { bytes, pages } = await drawPackage(ctx, packageSources(ctx, row.authorizationId), storedPackage(row.content));
    return { patientId, fileName: fileName(ctx, patientId, true), mimeType: 'application/pdf', base64: Buffer.from(bytes).toString('base64'), pages };
  },

  'authorizations.package.finalize': async ({ id, expectedVersion }, ctx) => {
    const first = readPackage(ctx, id);
    if (first.row.state !== 'draft') refuseFinal(ctx, first.row);
    const stale = () =>
      new ApiError('CONFLICT', 'This package was changed by someone else after you opened it. Reload it to see the latest, then finalize it again.');
    if (expectedVersion !== undefined && expectedVersion !== first.row.version) throw stale();
    const src = packageSources(ctx, first.row.authorizationId);
    const pkg = storedPackage(first.row.content);
    const { bytes, pages, counted } = await drawPackage(ctx, src, pkg);
    return ctx.sqlite.transaction(() => {
      // Read again after the PDF was drawn: an edit or a finalize in between wins, and this one is refused.
      const { row, patientId } = readPackage(ctx, id);
      if (row.state !== 'draft') refuseFinal(ctx, row);
      if (row.version !== first.row.version) throw stale();
      const name = fileName(ctx, patientId, false);
      const doc = saveGeneratedDocument(ctx, {
        patientId,
        docType: 'payer_letter',
        title: `Prior authorization request package for ${src.request.payerName} (${pages} pages)`,
        mimeType: 'application/pdf',
        extension: 'pdf',
        bytes,
      });
      // Only the enclosures as sent are kept (not the chart's other records offered on a draft).
      // The enclosures with the page counts as printed (a generated document has none indexed).
      const enclosures = pkg.enclosures.map((e) => (counted.has(e.documentId) ? { ...e, pages: counted.get(e.documentId)! } : e));
      const content = { ...pkg, enclosures, fileName: name, pages };
      const final = updateRow(
        ctx,
        authorizationLetters,
        id,
        { state: 'final', content: content as unknown as Record<string, unknown>, documentId: doc.id, finalizedAt: ctx.now(), finalizedBy: ctx.userId ? ctx.user.displayName : null },
        { expectedVersion: row.version, what: 'This package' },
      );
      recordFiledStep(ctx, row.authorizationId, { what: `Request package (${pages} pages)`, documentId: doc.id });
      return { package: packageOut(ctx, final, patientId), fileName: name, pages };
    })();
  },
};
