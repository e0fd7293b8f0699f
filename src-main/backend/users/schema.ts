import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { UserRole } from '../../../src-shared/api/permissions';
import { syncedColumns } from '../db/columns';

/** People who sign in to the app. Until sign-in exists there is one local administrator. */
export const users = sqliteTable('users', {
  ...syncedColumns,
  displayName: text('display_name').notNull(),
  role: text('role').$type<UserRole>().notNull(),
});
