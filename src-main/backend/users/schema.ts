import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Permission, UserRole } from '../../../src-shared/api/permissions';
import { syncedColumns } from '../db/columns';

/**
 * People who sign in to the app. Synced: every computer of the clinic knows its users, so a
 * person can sign in on any of them, also offline. Before the first administrator is set up
 * there is one placeholder administrator (stable id 'local-admin') without a user name.
 */
export const users = sqliteTable(
  'users',
  {
    ...syncedColumns,
    displayName: text('display_name').notNull(),
    role: text('role').$type<UserRole>().notNull(),
    /** Lower-case sign-in name; null only for the placeholder before set-up. */
    username: text('username'),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('users_username_idx').on(t.username)],
);

/**
 * A user's password verifier (scrypt; see users/password.ts), apart from the user row so
 * screens that list users never load it. Synced with the users, inside the encrypted store.
 * id = the user's id.
 */
export const userCredentials = sqliteTable('user_credentials', {
  ...syncedColumns,
  passwordHash: text('password_hash').notNull(),
  /** Set by an administrator's reset: the person chooses their own at the next sign-in. */
  mustChange: integer('must_change', { mode: 'boolean' }).notNull().default(false),
});

/**
 * An administrator's change to what a role may do (the defaults live in
 * src-shared/api/permissions.ts). id = stableId('role', role), so two computers that change
 * the same role merge into one row.
 */
export const rolePermissions = sqliteTable('role_permissions', {
  ...syncedColumns,
  role: text('role').$type<UserRole>().notNull(),
  permissions: text('permissions', { mode: 'json' }).$type<Permission[]>().notNull(),
});

/**
 * Failed sign-ins on this computer (not synced): after repeated failures the name is locked
 * for a while, longer after each further failure.
 */
export const signInFailures = sqliteTable('sign_in_failures', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: integer('locked_until'),
  lastFailureAt: integer('last_failure_at').notNull(),
});

/** Who signed in on this computer and when (not synced): the quick-switch list. */
export const deviceSignIns = sqliteTable('device_sign_ins', {
  userId: text('user_id').primaryKey(),
  lastAt: integer('last_at').notNull(),
});
