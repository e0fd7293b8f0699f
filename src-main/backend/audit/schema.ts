import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncedColumns } from '../db/columns';

/**
 * The audit trail: who read or changed what, when, on which computer. Append-only and
 * hash-chained, one chain per computer: each row's `body` is its canonical text (the fields
 * below plus the previous row's hash, see audit/chain.ts) and `hash` is SHA-256 of it.
 *
 * Synced like every other table (inserted through db/mutate.ts), but only `body` and `hash`
 * travel: everything else is read out of the body by generated columns, so an event costs
 * the clinic server two field changes, not twelve. Nothing ever updates or deletes a row:
 * triggers in the migration ignore UPDATE and DELETE (so a change received by sync cannot
 * alter one either), and the chain shows any edit made around them.
 *
 * Never patient data: ids only (patient, record, document), the method, the kind of event.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    ...syncedColumns,
    /** Canonical JSON text of the event, the previous hash included; what `hash` is taken over. */
    body: text('body').notNull(),
    /** SHA-256 (hex) of `body`. */
    hash: text('hash').notNull(),
    /** The computer (its clock's node id) whose chain the row belongs to. */
    device: text('device').generatedAlwaysAs(sql`"body" ->> '$.device'`, { mode: 'virtual' }),
    /** 1, 2, 3 ... per computer. */
    seq: integer('seq').generatedAlwaysAs(sql`"body" ->> '$.seq'`, { mode: 'virtual' }),
    /** When (epoch ms). */
    at: integer('at').generatedAlwaysAs(sql`"body" ->> '$.at'`, { mode: 'virtual' }),
    /** Who (null for a failed sign-in: the name typed is in userName). */
    userId: text('user_id').generatedAlwaysAs(sql`"body" ->> '$.user'`, { mode: 'virtual' }),
    /** AuditKind (src-shared/api/methods/audit.ts). */
    kind: text('kind').generatedAlwaysAs(sql`"body" ->> '$.kind'`, { mode: 'virtual' }),
    /** The API method, when the event came from one. */
    method: text('method').generatedAlwaysAs(sql`"body" ->> '$.method'`, { mode: 'virtual' }),
    patientId: text('patient_id').generatedAlwaysAs(sql`"body" ->> '$.patient'`, { mode: 'virtual' }),
    /** The record, document, series, user ... the event was about. */
    subjectId: text('subject_id').generatedAlwaysAs(sql`"body" ->> '$.subject'`, { mode: 'virtual' }),
  },
  (t) => [
    index('audit_events_chain').on(t.device, t.seq, t.id),
    index('audit_events_at').on(t.at, t.id),
    index('audit_events_patient').on(t.patientId, t.at, t.id),
    index('audit_events_user').on(t.userId, t.at, t.id),
    index('audit_events_kind').on(t.kind, t.at, t.id),
  ],
);
