/**
 * For every API method: is a successful call recorded in the audit trail, as what, and how the
 * patient (and the record, document, series ... it was about) is found: from the call's input,
 * from its result, or from the row the input names. A test fails when a method is added to the
 * contract without an entry here, so nobody adds a method and forgets the trail.
 *
 * Recorded: every read of one patient's data (the chart and its parts, a record, a document),
 * every export and generated PDF, every change, and users/roles administration. Sign-in, sign-out,
 * lock and unlock are recorded by the sign-in handlers themselves (recordAuthEvent), failures
 * included, which never reach the dispatcher's after-call hook. Not recorded, each with its
 * reason: reference data, the clinic's set-up as read, and lists across many patients (search
 * results, work lists, the day's schedule) — opening a patient from them is what is recorded.
 */
import type { MethodName } from '../../../src-shared/api/contract';
import type { AuditKind } from '../../../src-shared/api/methods/audit';
import type { Sqlite } from '../db/open';
import { preparedSql } from '../db/prepared';

export interface AuditCall {
  input: unknown;
  result: unknown;
  /** The acting user's id (null before sign-in). */
  userId: string | null;
}

/** Finds an id for an event, and says where from (for the table's readers and its test). */
export interface Locator {
  from: string;
  get(call: AuditCall, sqlite: Sqlite): string | null;
}

export type Classification =
  | { kind: AuditKind; patient?: Locator; subject?: Locator }
  /** Recorded by the sign-in handlers (recordAuthEvent), not by the after-call hook. */
  | { kind: null; by: 'auth handlers'; why: string }
  | { kind: null; why: string };

const pick = (value: unknown, path: string): string | null => {
  let v: unknown = value;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[key];
  }
  return typeof v === 'string' && v.length > 0 ? v : null;
};

/** `input.<path>` */
export const input = (path: string): Locator => ({ from: `input.${path}`, get: (c) => pick(c.input, path) });
/** `result.<path>` */
export const result = (path: string): Locator => ({ from: `result.${path}`, get: (c) => pick(c.result, path) });
/** The first of several that has a value. */
const either = (...ls: Locator[]): Locator => ({
  from: ls.map((l) => l.from).join(' ?? '),
  get: (c, db) => {
    for (const l of ls) {
      const v = l.get(c, db);
      if (v) return v;
    }
    return null;
  },
});
/** `<table>.patient_id` of the row whose id the locator gives (soft-deleted rows too). */
export const patientOf = (table: string, id: Locator): Locator => ({
  from: `${table}.patient_id of ${id.from}`,
  get: (c, db) => {
    const rowId = id.get(c, db);
    if (!rowId) return null;
    return (preparedSql(db, `SELECT patient_id FROM "${table}" WHERE id = ?`).pluck().get(rowId) as string | null | undefined) ?? null;
  },
});
/** The acting user (changing their own password). */
const actor: Locator = { from: 'the acting user', get: (c) => c.userId };

// Shorthands for the common shapes.
const chartPart = (patient: Locator = input('patientId')): Classification => ({ kind: 'patientRead', patient });
/** A new row for a patient named in the input: patient from the input, subject the new row. */
const addFor = (): Classification => ({ kind: 'change', patient: input('patientId'), subject: result('id') });
/** An edit of a row by id whose result carries its patient. */
const editOf = (idPath = 'id'): Classification => ({ kind: 'change', patient: result('patientId'), subject: input(idPath) });
/** A removal by id (the result is only the id): the patient from the row itself. */
const removeOf = (table: string): Classification => ({ kind: 'change', patient: patientOf(table, input('id')), subject: input('id') });
/** A change to the clinic's set-up (no patient). */
const setup = (subject?: Locator): Classification => ({ kind: 'change', ...(subject ? { subject } : {}) });
const userAdmin = (subject?: Locator): Classification => ({ kind: 'userAdmin', ...(subject ? { subject } : {}) });
const none = (why: string): Classification => ({ kind: null, why });
const byAuth = (why: string): Classification => ({ kind: null, by: 'auth handlers', why });

const REFERENCE = 'reference data or the clinic’s set-up, no patient data';
const ACROSS = 'a list across many patients (names, times): the chart opened from it is recorded';
const SCHEDULE = 'the schedule or free times, read to plan; bookings and changes are recorded';

export const AUDIT_CLASSIFICATION: Record<MethodName, Classification> = {
  // system, clinic set-up
  'system.whoami': none('who is signed in, no patient data'),
  'settings.get': none(REFERENCE),
  'settings.update': setup(),
  'settings.timeZoneImpact': none(REFERENCE),
  'settings.changeTimeZone': setup(),
  'setup.status': none('where this computer’s first-run setup is, no patient data'),
  'setup.save': none('where the first-run setup is; what each step saves is recorded by its own method'),
  'suites.list': none(REFERENCE),
  'suites.create': setup(result('id')),
  'suites.update': setup(input('id')),
  'staff.list': none(REFERENCE),
  'staff.create': setup(result('id')),
  'staff.update': setup(input('id')),
  'payers.list': none(REFERENCE),
  'payers.create': setup(result('id')),
  'payers.update': setup(input('id')),
  'payerRules.list': none(REFERENCE),
  'payerRules.get': none(REFERENCE),
  'payerRules.save': setup(input('key')),
  'payerRules.assign': setup(input('payerId')),
  'payerRules.confirm': setup(input('key')),
  'letterTemplates.list': none(REFERENCE),
  'letterTemplates.save': setup(input('kind')),
  'letterTemplates.reset': setup(input('kind')),

  // patients
  'patients.search': none(ACROSS),
  'patients.get': { kind: 'chartOpened', patient: input('id') },
  'patients.create': { kind: 'change', patient: result('id') },
  'patients.update': { kind: 'change', patient: input('id') },
  'patients.remove': { kind: 'change', patient: input('id') },
  'patients.addCoverage': addFor(),
  'patients.updateCoverage': editOf(),
  'patients.findLikelyDuplicates': none('the likely duplicates of a patient being registered, like a search: the record opened from it is recorded'),
  'patients.mergePreview': { kind: 'patientRead', patient: input('keepId'), subject: input('mergeId') },
  'patients.merge': { kind: 'change', patient: input('keepId'), subject: input('mergeId') },
  'patients.removeCoverage': removeOf('coverages'),

  // intake
  'intake.reference': none(REFERENCE),
  'intake.searchIcd10': none(REFERENCE),
  'intake.checkInteractions': none('a drug name checked against the interaction table, before anything is saved'),
  'intake.get': chartPart(),
  'intake.worklist': none(ACROSS),
  'intake.addDiagnosis': addFor(),
  'intake.updateDiagnosis': editOf(),
  'intake.removeDiagnosis': removeOf('diagnoses'),
  'intake.recordBudapest': addFor(),
  'intake.updateBudapest': editOf(),
  'intake.removeBudapest': removeOf('budapest_evaluations'),
  'intake.addTreatment': addFor(),
  'intake.updateTreatment': editOf(),
  'intake.removeTreatment': removeOf('prior_treatments'),
  'intake.addMedication': addFor(),
  'intake.updateMedication': editOf(),
  'intake.removeMedication': removeOf('current_medications'),
  'intake.recordScreening': addFor(),
  'intake.signOff': addFor(),
  'scores.record': addFor(),
  'scores.listForPatient': chartPart(),

  // consultations and availability
  'availability.list': none(SCHEDULE),
  'availability.setWeekly': setup(input('staffId')),
  'availability.addException': setup(result('exception.id')),
  'availability.removeException': setup(input('id')),
  'consultations.freeSlots': none(SCHEDULE),
  'consultations.book': addFor(),
  'consultations.listForPatient': chartPart(),
  'consultations.cancel': editOf(),
  'consultations.recordAttendance': editOf(),

  // documents
  'documents.listForPatient': chartPart(),
  'documents.generateIntakeSummary': { kind: 'documentGenerated', patient: input('patientId'), subject: result('id') },
  'documents.read': { kind: 'documentOpened', patient: either(result('patientId'), patientOf('documents', input('id'))), subject: input('id') },

  // infusion series, the floor, authorizations
  'series.propose': none('free times proposed for a series; the booking is recorded'),
  'series.book': addFor(),
  'series.templates.list': none(REFERENCE),
  'series.templates.create': setup(result('id')),
  'series.templates.update': setup(input('id')),
  'shifts.list': none(SCHEDULE),
  'shifts.setWeekly': setup(input('staffId')),
  'closures.list': none(SCHEDULE),
  'closures.add': setup(result('id')),
  'closures.remove': setup(input('id')),
  'sessions.listByDay': none(ACROSS),
  'sessions.conflicts': none(ACROSS),
  'sessions.setStatus': editOf('sessionId'),
  'sessions.undoStatus': editOf('sessionId'),
  'sessions.updateChecklist': editOf('sessionId'),
  'sessions.history': chartPart(patientOf('infusion_sessions', input('sessionId'))),
  'series.get': { kind: 'patientRead', patient: result('patientId'), subject: input('seriesId') },
  'series.listForPatient': chartPart(),
  'series.confirm': editOf('seriesId'),
  'series.cancel': editOf('seriesId'),
  'authorizations.listForPatient': chartPart(),
  'authorizations.list': none(ACROSS),
  'authorizations.create': addFor(),
  'authorizations.update': editOf(),
  'authorizations.changeStatus': editOf(),
  'authorizations.history': { kind: 'patientRead', patient: patientOf('authorizations', input('id')), subject: input('id') },
  'authorizations.due': none(ACROSS),
  'authorizations.report': none('counts and rates across many patients; the approvals ending carry names, like the work list'),
  'authorizations.reportCsv': { kind: 'export' },
  'authorizations.letters.draft': { kind: 'change', patient: result('patientId'), subject: result('id') },
  'authorizations.letters.get': { kind: 'patientRead', patient: result('patientId'), subject: input('id') },
  'authorizations.letters.list': { kind: 'patientRead', patient: patientOf('authorizations', input('authorizationId')), subject: input('authorizationId') },
  'authorizations.letters.update': editOf(),
  'authorizations.letters.pdf': { kind: 'export', patient: result('patientId'), subject: input('id') },
  'authorizations.letters.text': { kind: 'export', patient: result('patientId'), subject: input('id') },
  'authorizations.letters.finalize': { kind: 'documentGenerated', patient: result('letter.patientId'), subject: result('letter.documentId') },
  'authorizations.package.draft': { kind: 'change', patient: result('patientId'), subject: result('id') },
  'authorizations.package.get': { kind: 'patientRead', patient: result('patientId'), subject: input('authorizationId') },
  'authorizations.package.update': editOf(),
  'authorizations.package.preview': { kind: 'export', patient: result('patientId'), subject: input('id') },
  'authorizations.package.finalize': { kind: 'documentGenerated', patient: result('package.patientId'), subject: result('package.documentId') },
  'authorizations.exportPas': { kind: 'export', patient: patientOf('authorizations', input('id')), subject: input('id') },
  'authorizations.importClaimResponse': { kind: 'change', patient: result('authorization.patientId'), subject: input('authorizationId') },
  'authorizations.get': { kind: 'patientRead', patient: result('patientId'), subject: input('id') },
  'authorizations.readiness': { kind: 'patientRead', patient: result('patientId'), subject: input('id') },
  'authorizations.waitingList': none(ACROSS),
  'authorizations.createRequest': addFor(),
  'authorizations.updateRequest': editOf(),
  'sessions.calendar': none(ACROSS),
  'board.today': none('the wall board: today’s suites, patients by initials or the day’s code only'),
  'board.settings.get': none(REFERENCE),
  'board.settings.update': setup(),
  'sessions.rescheduleOptions': none(SCHEDULE),
  'series.repairProposal': none(SCHEDULE),
  'series.reschedule': { kind: 'change', patient: result('patientId'), subject: result('id') },

  // reminders
  'reminders.templates.list': none(REFERENCE),
  'reminders.templates.create': setup(result('id')),
  'reminders.templates.update': setup(input('id')),
  'reminders.settings.get': none(REFERENCE),
  'reminders.settings.update': setup(),
  'reminders.outbox.list': none(ACROSS),
  'reminders.outbox.markSent': editOf(),
  'reminders.outbox.markFailed': editOf(),
  'reminders.sync': setup(),
  'reminders.seriesIcs': { kind: 'export', patient: patientOf('infusion_series', input('seriesId')), subject: input('seriesId') },

  // outcomes
  'outcomes.reference': none(REFERENCE),
  'outcomes.recordScore': addFor(),
  'outcomes.patientSummary': chartPart(),
  'outcomes.due': none(ACROSS),
  'outcomes.reviewQueue': none(ACROSS),
  'outcomes.recordDisposition': addFor(),
  'outcomes.dashboard': none('rates and counts across the clinic, no patient named'),
  'outcomes.reportPdf': { kind: 'documentGenerated', patient: input('patientId'), subject: result('id') },
  // Without a patient: every patient with scores in the period (patient left empty).
  'outcomes.exportCsv': { kind: 'export', patient: input('patientId') },
  'outcomes.exportFhir': { kind: 'export', patient: input('patientId') },

  'outcomes.exportProgress': none('how far an export has got (counts only); the export itself is recorded'),
  'outcomes.exportCancel': none('stops an export before any file is made; the export itself is recorded'),
  // prior records
  'records.folders.list': none(REFERENCE),
  'records.folders.add': setup(result('id')),
  'records.folders.update': setup(input('id')),
  'records.folders.remove': setup(input('id')),
  'records.rescan': none('folders walked again; nothing of a patient is shown'),
  'records.inbox': none(ACROSS),
  'records.get': { kind: 'recordOpened', patient: either(result('match.patientId'), patientOf('record_files', input('id'))), subject: input('id') },
  'records.confirm': { kind: 'change', patient: either(result('match.patientId'), input('patientId')), subject: input('id') },
  'records.reject': { kind: 'change', patient: patientOf('record_files', input('id')), subject: input('id') },
  'records.reopen': { kind: 'change', patient: result('match.patientId'), subject: input('id') },
  'records.setType': { kind: 'change', patient: result('match.patientId'), subject: input('id') },
  'records.retry': { kind: 'change', patient: result('match.patientId'), subject: input('id') },
  // The text of many records: recorded without the words searched for (they may be clinical).
  'records.search': { kind: 'search', patient: input('patientId') },
  'records.listForPatient': chartPart(),
  'records.open': { kind: 'recordOpened', patient: patientOf('record_files', input('id')), subject: input('id') },
  'records.progress': none('counts of files being read'),
  'records.typeRules': none(REFERENCE),
  'records.linkTreatment': { kind: 'change', patient: result('patientId'), subject: input('treatmentId') },

  // sync between computers
  'sync.status': none('this computer’s sync state'),
  'sync.connect': setup(),
  'sync.disconnect': setup(),
  'sync.now': none('a sync round started by hand; what it brings is recorded where it was made'),
  'sync.devices': none('the clinic’s computers'),
  'sync.revokeDevice': setup(input('deviceId')),
  'sync.conflicts': none(ACROSS),
  'sync.dismissConflict': setup(input('id')),
  'sync.createEnrolCode': setup(),

  // sign-in, users and roles
  'auth.status': none('the sign-in screen’s state'),
  'auth.setup': userAdmin(result('user.id')),
  'auth.signIn': byAuth('sign-ins and failed sign-ins'),
  'auth.signOut': byAuth('sign-outs, by the sign-in handlers'),
  'auth.lock': byAuth('the screen lock, by the sign-in handlers'),
  'auth.unlock': byAuth('unlocking, and failed attempts'),
  'auth.changePassword': userAdmin(actor),
  'users.list': none('the accounts, no patient data'),
  'users.create': userAdmin(result('id')),
  'users.update': userAdmin(input('id')),
  'users.resetPassword': userAdmin(input('id')),
  'roles.list': none('the permission table'),
  'roles.update': userAdmin(input('role')),
  'auth.settings.update': userAdmin(),

  // the audit trail itself
  'audit.list': none('reading the trail (its export is recorded)'),
  'audit.exportCsv': { kind: 'export', patient: input('patientId') },
  'audit.status': none('whether the chains verify'),
  'audit.users': none('the accounts, for the filter'),
};

/** Reads of one patient's data: a repeat by the same person soon after is not written again. */
export const READ_KINDS: ReadonlySet<AuditKind> = new Set<AuditKind>(['chartOpened', 'patientRead', 'recordOpened', 'documentOpened']);
