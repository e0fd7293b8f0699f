/**
 * Settings → Users and roles, the parts with no screen in them: how a user's state reads, which
 * roles a draft of the permission table changes, and what a role's permissions miss (a role
 * that may change patients but not open them would see nothing to change).
 */
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { DEFAULT_ROLE_PERMISSIONS, PERMISSIONS, type Permission, type UserRole } from '../../../../src-shared/api/permissions';

export type UserRow = MethodOutput<'users.list'>[number];
export type RolesData = MethodOutput<'roles.list'>;
export type RoleRow = RolesData['roles'][number];

export interface Badge {
  text: string;
  tone: 'success' | 'neutral' | 'warning' | 'info';
}

/** A user's state in words: switched on or off, and whether they still have to set a password. */
export function userBadges(u: Pick<UserRow, 'disabled' | 'hasPassword' | 'mustChangePassword' | 'username'>): Badge[] {
  const out: Badge[] = [u.disabled ? { text: 'Switched off', tone: 'neutral' } : { text: 'Active', tone: 'success' }];
  if (!u.username || !u.hasPassword) out.push({ text: 'Cannot sign in yet', tone: 'warning' });
  else if (u.mustChangePassword) out.push({ text: 'Must set a password', tone: 'warning' });
  return out;
}

/** The table as the screen holds it: each role's permissions. */
export type Draft = Record<UserRole, ReadonlySet<Permission>>;

export function draftFrom(roles: readonly RoleRow[]): Draft {
  const out = {} as Record<UserRole, ReadonlySet<Permission>>;
  for (const r of roles) out[r.role] = new Set(r.permissions);
  return out;
}

export function toggle(draft: Draft, role: UserRole, permission: Permission, on: boolean): Draft {
  const next = new Set(draft[role]);
  if (on) next.add(permission);
  else next.delete(permission);
  return { ...draft, [role]: next };
}

function sameSet(a: ReadonlySet<Permission>, b: readonly Permission[]): boolean {
  return a.size === b.length && b.every((p) => a.has(p));
}

/** The editable roles whose permissions in the draft differ from the saved ones. */
export function changedRoles(saved: readonly RoleRow[], draft: Draft): UserRole[] {
  return saved.filter((r) => r.editable && draft[r.role] && !sameSet(draft[r.role], r.permissions)).map((r) => r.role);
}

/** A draft role's permissions in the order the table lists them (what roles.update sends). */
export function permissionsOf(draft: Draft, role: UserRole): Permission[] {
  return PERMISSIONS.filter((p) => draft[role]?.has(p));
}

export function isDefault(role: UserRole, permissions: ReadonlySet<Permission>): boolean {
  return sameSet(permissions, [...DEFAULT_ROLE_PERMISSIONS[role]]);
}

/** What each permission is of no use without: the screens it is used on read this first. */
const NEEDS: Partial<Record<Permission, Permission>> = {
  'settings.write': 'clinic.read',
  'patients.write': 'patients.read',
  'patients.merge': 'patients.write',
  'schedule.write': 'schedule.read',
  'sessions.dayof': 'schedule.read',
  'outcomes.record': 'patients.read',
  'outcomes.review': 'patients.read',
  'intake.signoff': 'patients.read',
};

/**
 * Sentences about a role's permissions that cannot work as ticked, e.g. "Book, move and
 * cancel ... needs See the schedule ...". Words come from the screen's permission list.
 */
export function roleWarnings(permissions: ReadonlySet<Permission>, words: (p: Permission) => string): string[] {
  const out: string[] = [];
  for (const p of PERMISSIONS) {
    const need = NEEDS[p];
    if (need && permissions.has(p) && !permissions.has(need)) out.push(`“${words(p)}” needs “${words(need)}” to be of use.`);
  }
  if (permissions.size > 0 && !permissions.has('clinic.read') && [...permissions].some((p) => p !== 'board.read')) {
    out.push(`Without “${words('clinic.read')}”, the screens lack the clinic’s suites, staff and time zone.`);
  }
  return out;
}
