import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { OpeningHours } from '../../../src-shared/api/schemas/common';
import type { STAFF_ROLES } from '../../../src-shared/api/schemas/clinic';
import type { TimeFormat } from '../../../src-shared/domain/clock-display';
import { syncedColumns } from '../db/columns';

export const clinicSettings = sqliteTable('clinic_settings', {
  ...syncedColumns,
  name: text('name').notNull(),
  /** IANA zone, e.g. America/Chicago: every schedule is shown in it. */
  timeZone: text('time_zone').notNull(),
  openingHours: text('opening_hours', { mode: 'json' }).$type<OpeningHours>().notNull(),
  /** Length of an initial consultation, minutes. */
  consultationMinutes: integer('consultation_minutes').notNull().default(60),
  /** Minutes without use after which a signed-in screen locks and asks for the password. */
  idleLockMinutes: integer('idle_lock_minutes').notNull().default(10),
  /**
   * How the wall board names patients: 'initials' or 'code' (a code per patient per day). The
   * board never shows more than this; the clinic chooses in Settings.
   */
  boardIdentification: text('board_identification').$type<'initials' | 'code'>().notNull().default('initials'),
  /** How every screen writes a time: '12h' ("9:00 AM", the default) or '24h' ("09:00"). */
  timeFormat: text('time_format').$type<TimeFormat>().notNull().default('12h'),
});

export const suites = sqliteTable('suites', {
  ...syncedColumns,
  name: text('name').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** null: the clinic's opening hours apply. */
  openingHours: text('opening_hours', { mode: 'json' }).$type<OpeningHours>(),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const staff = sqliteTable(
  'staff',
  {
    ...syncedColumns,
    name: text('name').notNull(),
    role: text('role').$type<(typeof STAFF_ROLES)[number]>().notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** National Provider Identifier (10 digits): the ordering provider on an authorization request. */
    npi: text('npi'),
  },
  (t) => [index('staff_name').on(sql`lower(${t.name})`)],
);

export const payers = sqliteTable('payers', {
  ...syncedColumns,
  name: text('name').notNull(),
  payerCode: text('payer_code'),
  phone: text('phone'),
  /** payer_rule_sets / resources payer template key its requests are checked against (null: 'other'). */
  ruleSetKey: text('rule_set_key'),
  fax: text('fax'),
});
