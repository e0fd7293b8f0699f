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
