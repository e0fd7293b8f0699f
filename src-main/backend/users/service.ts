import { asc, eq, isNull, and } from 'drizzle-orm';
import type { UserRole } from '../../../src-shared/api/permissions';
import type { ActingUser } from '../api/context';
import { insertDefaultRow, type WriteContext } from '../db/mutate';
import { users } from './schema';

/**
 * Until sign-in exists, every call acts as the one local administrator, created on first
 * start. The registry already checks each method's permission against this user's role.
 */
export function ensureLocalAdmin(w: WriteContext): ActingUser {
  const existing = w.db
    .select()
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.deletedAt)))
    .orderBy(asc(users.createdAt))
    .get();
  const row = existing ?? insertDefaultRow(w, users, 'local-admin', { displayName: 'Clinic administrator', role: 'admin' });
  return { id: row.id, displayName: row.displayName, role: row.role as UserRole };
}
