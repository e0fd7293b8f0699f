import { integer, text } from 'drizzle-orm/sqlite-core';

/**
 * Columns every synced table carries. Instants are epoch milliseconds (UTC) everywhere in
 * the store; calendar dates (a date of birth) are `YYYY-MM-DD` text.
 */
export const syncedColumns = {
  id: text('id').primaryKey(),
  /** Bumped by every write through the mutation helper; the UI sends it back to detect stale edits. */
  version: integer('version').notNull().default(1),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** Soft delete: clinical history is never hard-deleted. */
  deletedAt: integer('deleted_at'),
};

/** A weekly block of clinic-local hours (consultation hours, infusion-floor shifts). */
export const weeklyHoursColumns = () => ({
  /** 0 = Sunday ... 6 = Saturday */
  weekday: integer('weekday').notNull(),
  /** HH:MM clinic-local */
  startTime: text('start_time').notNull(),
  endTime: text('end_time').notNull(),
  /** Optional calendar-date bounds for a rota that changes. */
  validFrom: text('valid_from'),
  validTo: text('valid_to'),
});
