/**
 * Prior authorizations. Minimal for the series gate now (payer, number, status, approved
 * sessions, dates); the authorization work adds packages, letters and status tracking.
 * Sessions used are counted from booked sessions, never stored as a counter.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { payers } from '../clinic/schema';
import { syncedColumns } from '../db/columns';
import { patients } from '../patients/schema';

export const authorizations = sqliteTable(
  'authorizations',
  {
    ...syncedColumns,
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    payerId: text('payer_id').references(() => payers.id),
    authNumber: text('auth_number'),
    /** draft | submitted | pending | approved | denied | expired | cancelled */
    status: text('status').notNull(),
    approvedSessions: integer('approved_sessions'),
    /** Calendar dates the approval covers, inclusive. */
    startDate: text('start_date'),
    endDate: text('end_date'),
    cptCodes: text('cpt_codes', { mode: 'json' }).$type<string[]>(),
    icd10Codes: text('icd10_codes', { mode: 'json' }).$type<string[]>(),
    decisionDate: text('decision_date'),
    denialReason: text('denial_reason'),
    note: text('note'),
  },
  (t) => [index('authorizations_patient').on(t.patientId)],
);
