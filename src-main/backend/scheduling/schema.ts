/**
 * Provider availability and appointments (the first consultation now; infusion sessions
 * come with the series work). Weekly hours are clinic-local wall-clock times; instants are
 * epoch ms UTC.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { staff } from '../clinic/schema';
import { syncedColumns, weeklyHoursColumns } from '../db/columns';
import { patients } from '../patients/schema';

export const providerAvailability = sqliteTable(
  'provider_availability',
  {
    ...syncedColumns,
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    ...weeklyHoursColumns(),
  },
  (t) => [index('provider_availability_staff').on(t.staffId)],
);

/** Leave, holidays, meetings: time a provider is not available inside their weekly hours. */
export const availabilityExceptions = sqliteTable(
  'availability_exceptions',
  {
    ...syncedColumns,
    /** null: the whole clinic (a public holiday). */
    staffId: text('staff_id').references(() => staff.id),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('availability_exceptions_time').on(t.startsAt)],
);

export const appointments = sqliteTable(
  'appointments',
  {
    ...syncedColumns,
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    /** initial_consultation | follow_up_consultation */
    kind: text('kind').notNull(),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    /** booked | cancelled | completed | no_show */
    status: text('status').notNull(),
    note: text('note'),
  },
  (t) => [index('appointments_staff_time').on(t.staffId, t.startsAt), index('appointments_patient').on(t.patientId)],
);
