/**
 * Reads about users that the dispatcher and the sign-in screens need on every call: who a
 * session's user is, what each role may do here, whether this computer still needs its first
 * administrator. Raw statements prepared once (db/prepared.ts): they run before every call.
 */
import {
  DEFAULT_ROLE_PERMISSIONS,
  PERMISSIONS,
  USER_ROLES,
  type Permission,
  type RoleGrants,
  type UserRole,
} from '../../../src-shared/api/permissions';
import type { ActingUser } from '../api/context';
import { preparedSql } from '../db/prepared';
import type { Sqlite } from '../db/open';

export interface UserRecord extends ActingUser {
  username: string | null;
  disabled: boolean;
}

interface UserRow {
  id: string;
  display_name: string;
  role: string;
  username: string | null;
  disabled: number;
}

function toRecord(r: UserRow): UserRecord {
  return {
    id: r.id,
    displayName: r.display_name,
    role: (USER_ROLES as readonly string[]).includes(r.role) ? (r.role as UserRole) : 'viewer',
    username: r.username,
    disabled: r.disabled === 1,
  };
}

export function userById(sqlite: Sqlite, id: string): UserRecord | null {
  const r = preparedSql(
    sqlite,
    `SELECT id, display_name, role, username, disabled FROM users WHERE id = ? AND deleted_at IS NULL`,
  ).get(id) as UserRow | undefined;
  return r ? toRecord(r) : null;
}

/** Live users with this sign-in name (more than one only after two computers made one apart). */
export function usersByUsername(sqlite: Sqlite, username: string): UserRecord[] {
  const rows = preparedSql(
    sqlite,
    `SELECT id, display_name, role, username, disabled FROM users WHERE username = ? AND deleted_at IS NULL ORDER BY created_at, id`,
  ).all(username) as UserRow[];
  return rows.map(toRecord);
}

export function credentialOf(sqlite: Sqlite, userId: string): { passwordHash: string; mustChange: boolean } | null {
  const r = preparedSql(sqlite, `SELECT password_hash, must_change FROM user_credentials WHERE id = ? AND deleted_at IS NULL`).get(userId) as
    | { password_hash: string; must_change: number }
    | undefined;
  return r ? { passwordHash: r.password_hash, mustChange: r.must_change === 1 } : null;
}

/** No one can sign in yet: the first run, where the set-up screen creates the administrator. */
export function setupNeeded(sqlite: Sqlite): boolean {
  const r = preparedSql(
    sqlite,
    `SELECT 1 FROM users u JOIN user_credentials c ON c.id = u.id AND c.deleted_at IS NULL
      WHERE u.deleted_at IS NULL AND u.disabled = 0 AND u.role = 'admin' AND u.username IS NOT NULL LIMIT 1`,
  ).get();
  return !r;
}

/** What each role may do in this clinic: the defaults with the administrator's changes. */
export function roleGrants(sqlite: Sqlite): RoleGrants {
  const rows = preparedSql(
    sqlite,
    `SELECT role, permissions FROM role_permissions WHERE deleted_at IS NULL ORDER BY updated_at`,
  ).all() as { role: string; permissions: string }[];
  if (rows.length === 0) return DEFAULT_ROLE_PERMISSIONS;
  const out: Record<UserRole, readonly Permission[]> = { ...DEFAULT_ROLE_PERMISSIONS };
  for (const r of rows) {
    if (!(USER_ROLES as readonly string[]).includes(r.role) || r.role === 'admin') continue;
    try {
      const list = JSON.parse(r.permissions) as unknown;
      if (Array.isArray(list)) out[r.role as UserRole] = PERMISSIONS.filter((p) => list.includes(p));
    } catch {
      /* a damaged row keeps the role's defaults */
    }
  }
  return out;
}

export function permissionsOf(role: UserRole, grants: RoleGrants): Permission[] {
  return role === 'admin' ? [...PERMISSIONS] : [...grants[role]];
}

/** Active administrators who can sign in: the last one cannot be disabled or demoted. */
export function activeAdminCount(sqlite: Sqlite): number {
  return (
    preparedSql(
      sqlite,
      `SELECT count(*) AS n FROM users u JOIN user_credentials c ON c.id = u.id AND c.deleted_at IS NULL
        WHERE u.deleted_at IS NULL AND u.disabled = 0 AND u.role = 'admin'`,
    ).get() as { n: number }
  ).n;
}
