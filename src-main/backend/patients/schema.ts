import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { payers } from '../clinic/schema';
import type { CONTACT_CHANNELS, SEXES } from '../../../src-shared/api/schemas/patients';
import { syncedColumns } from '../db/columns';

type Sex = (typeof SEXES)[number];
type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const patients = sqliteTable(
  'patients',
  {
    ...syncedColumns,
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** Folded for search (accents off, lower case): see src-shared/domain/names.ts. */
    firstNameKey: text('first_name_key').notNull(),
    lastNameKey: text('last_name_key').notNull(),
    /** Calendar date YYYY-MM-DD. */
    dateOfBirth: text('date_of_birth').notNull(),
    sex: text('sex').$type<Sex>().notNull(),
    /** E.164, e.g. +15552014477. */
    phone: text('phone'),
    email: text('email'),
    preferredContact: text('preferred_contact').$type<ContactChannel>().notNull(),
    mrn: text('mrn').notNull(),
    referringProvider: text('referring_provider'),
    referringProviderPhone: text('referring_provider_phone'),
    emergencyContactName: text('emergency_contact_name'),
    emergencyContactPhone: text('emergency_contact_phone'),
    emergencyContactRelation: text('emergency_contact_relation'),
    emergencyContactIsDriver: integer('emergency_contact_is_driver', { mode: 'boolean' }).notNull().default(false),
  },
  // Search as you type runs on every keystroke: each way of finding a patient has an index
  // that answers a prefix range without scanning (see patients/search.ts).
  (t) => [
    index('patients_last_name').on(t.lastNameKey, t.firstNameKey),
    index('patients_first_name').on(t.firstNameKey),
    index('patients_dob').on(t.dateOfBirth),
    index('patients_mrn').on(t.mrn),
    index('patients_phone').on(t.phone),
    index('patients_phone_last4').on(sql`substr(${t.phone}, -4)`),
    index('patients_phone_last7').on(sql`substr(${t.phone}, -7)`),
  ],
);

export const coverages = sqliteTable(
  'coverages',
  {
    ...syncedColumns,
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    payerId: text('payer_id')
      .notNull()
      .references(() => payers.id),
    planName: text('plan_name'),
    memberId: text('member_id').notNull(),
    groupNumber: text('group_number'),
    /** primary | secondary | tertiary */
    priority: text('priority').$type<'primary' | 'secondary' | 'tertiary'>().notNull(),
    subscriberName: text('subscriber_name'),
    subscriberRelation: text('subscriber_relation').$type<'self' | 'spouse' | 'child' | 'other'>().notNull().default('self'),
  },
  (t) => [index('coverages_patient').on(t.patientId)],
);

/**
 * Two records of one person made one: every row that pointed at the merged-away patient now
 * points at the kept one, and the merged-away record stays (soft-deleted) with this row as its
 * "merged into" pointer and the history of what moved. Append-only; synced.
 */
export const patientMerges = sqliteTable(
  'patient_merges',
  {
    ...syncedColumns,
    keptPatientId: text('kept_patient_id')
      .notNull()
      .references(() => patients.id),
    mergedPatientId: text('merged_patient_id')
      .notNull()
      .references(() => patients.id),
    mergedBy: text('merged_by'),
    mergedAt: integer('merged_at').notNull(),
    /** SQL table name → how many rows moved. */
    moved: text('moved', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    /** SQL table name → the ids of the rows moved (to tell exactly what came from where). */
    movedRows: text('moved_rows', { mode: 'json' }).$type<Record<string, string[]>>().notNull(),
    /** The sync conflict this merge resolved, if it came from one. */
    conflictId: text('conflict_id'),
  },
  (t) => [index('patient_merges_merged').on(t.mergedPatientId), index('patient_merges_kept').on(t.keptPatientId)],
);
