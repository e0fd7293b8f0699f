/**
 * The audit trail: who read or changed which patient's data (or the clinic's set-up), when,
 * on which computer. Rows hold ids, never the data; names are looked up when a row is shown.
 */
import { z } from 'zod';
import { method } from '../method';
import { calendarDate, emptyInput, idSchema } from '../schemas/common';

export const AUDIT_KINDS = [
  'chartOpened',
  'patientRead',
  'recordOpened',
  'documentOpened',
  'documentGenerated',
  'export',
  'search',
  'change',
  'userAdmin',
  'signIn',
  'signInFailed',
  'signOut',
  'lock',
  'unlock',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** Kinds whose subject is an account (or, for roles.update, a role), not a patient's record. */
export const ACCOUNT_KINDS: readonly AuditKind[] = ['userAdmin', 'signIn', 'signInFailed', 'signOut', 'lock', 'unlock'];

/** Kinds in words, as the audit screen and the CSV say them. */
export const AUDIT_KIND_WORDS: Record<AuditKind, string> = {
  chartOpened: 'Chart opened',
  patientRead: 'Patient data viewed',
  recordOpened: 'Prior record opened',
  documentOpened: 'Document opened',
  documentGenerated: 'PDF generated',
  export: 'Export',
  search: 'Records searched',
  change: 'Change',
  userAdmin: 'Users and roles changed',
  signIn: 'Signed in',
  signInFailed: 'Failed sign-in',
  signOut: 'Signed out',
  lock: 'Screen locked',
  unlock: 'Screen unlocked',
};

/** Where a chain broke: `missing` (a row removed), `changed` (a row edited), `link` (rows reordered or re-hashed), ... */
export const AUDIT_BREAK_PROBLEMS = ['missing', 'changed', 'link', 'duplicate', 'unreadable'] as const;
export const auditBreakSchema = z.object({
  /** The computer's node id. */
  device: z.string(),
  seq: z.number().int(),
  /** When the row at the break was made (for a missing row: the row after the gap); null when unknown. */
  at: z.number().int().nullable(),
  problem: z.enum(AUDIT_BREAK_PROBLEMS),
});
export type AuditBreak = z.infer<typeof auditBreakSchema>;

export const AUDIT_BREAK_WORDS: Record<AuditBreak['problem'], string> = {
  missing: 'a row is missing',
  changed: 'a row was changed after it was written',
  link: 'a row does not follow the one before it (rows reordered or rewritten)',
  duplicate: 'two rows claim the same place',
  unreadable: 'a row cannot be read',
};

const filters = {
  patientId: idSchema.optional(),
  userId: z.string().min(1).max(64).optional(),
  kinds: z.array(z.enum(AUDIT_KINDS)).max(AUDIT_KINDS.length).optional(),
  /** Clinic-local calendar dates, both days included. */
  from: calendarDate('first day').optional(),
  to: calendarDate('last day').optional(),
};
const datesInOrder = (p: { from?: string | undefined; to?: string | undefined }) => !p.from || !p.to || p.from <= p.to;
const datesMessage = { path: ['to'], error: 'The last day must be on or after the first day.' };

export const auditListInput = z
  .object({
    ...filters,
    /** From the previous page's `nextCursor`. */
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine(datesInOrder, datesMessage);

export const auditExportInput = z.object(filters).refine(datesInOrder, datesMessage);

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.number().int(),
  kind: z.enum(AUDIT_KINDS),
  method: z.string().nullable(),
  userId: z.string().nullable(),
  /** As it was at the time (for a failed sign-in, the user name typed). */
  userName: z.string().nullable(),
  role: z.string().nullable(),
  patientId: z.string().nullable(),
  /** "Ramirez, Ana", looked up now; null when the patient is not on this computer. */
  patientName: z.string().nullable(),
  subjectId: z.string().nullable(),
  /** For users administration and sign-in events: the account's name (or the role's), looked up now. */
  subjectName: z.string().nullable(),
  device: z.string(),
  /** The computer's name from the clinic server's enrolment; null when not known. */
  deviceName: z.string().nullable(),
  thisDevice: z.boolean(),
  seq: z.number().int(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditStatusSchema = z.object({
  ok: z.boolean(),
  checkedRows: z.number().int(),
  /** When the chains were last walked (at start-up, or on request). */
  checkedAt: z.number().int(),
  /** A long trail is walked in slices after start-up: still going, these are the figures so far. */
  checking: z.boolean(),
  brokenAt: auditBreakSchema.extend({ deviceName: z.string().nullable(), thisDevice: z.boolean() }).nullable(),
});
export type AuditStatus = z.infer<typeof auditStatusSchema>;

export const auditMethods = {
  /** Events newest first, filtered by patient, user, kind and dates; paged with a cursor. */
  'audit.list': method({
    input: auditListInput,
    output: z.object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() }),
    permission: 'audit.read',
  }),
  /** The same filters as a CSV file (header row; ids, names and times, never clinical data). */
  'audit.exportCsv': method({
    input: auditExportInput,
    output: z.object({ fileName: z.string(), mimeType: z.string(), text: z.string(), count: z.number().int() }),
    permission: 'audit.read',
  }),
  /** Whether every computer's chain verified at start-up (or when checked again). */
  'audit.status': method({ input: z.object({ recheck: z.boolean().default(false) }), output: auditStatusSchema, permission: 'audit.read' }),
  /** People for the user filter: every account, removed and disabled ones too (their events stay). */
  'audit.users': method({
    input: emptyInput,
    output: z.array(z.object({ id: z.string(), displayName: z.string(), role: z.string().nullable() })),
    permission: 'audit.read',
  }),
};
