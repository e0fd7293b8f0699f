import { describe, expect, it } from 'vitest';
import {
  changedRoles,
  draftFrom,
  isDefault,
  permissionsOf,
  roleWarnings,
  toggle,
  userBadges,
  type RoleRow,
} from '../../../src-renderer/src/features/users/users-model';
import { DEFAULT_ROLE_PERMISSIONS, PERMISSION_WORDS, PERMISSIONS, ROLE_WORDS, USER_ROLES, type Permission } from '../../../src-shared/api/permissions';

const roles: RoleRow[] = USER_ROLES.map((role) => ({
  role,
  name: ROLE_WORDS[role].name,
  who: ROLE_WORDS[role].who,
  permissions: role === 'admin' ? [...PERMISSIONS] : [...DEFAULT_ROLE_PERMISSIONS[role]],
  editable: role !== 'admin',
  changedFromDefault: false,
}));
const words = (p: Permission) => PERMISSION_WORDS[p];

describe('userBadges', () => {
  const base = { disabled: false, hasPassword: true, mustChangePassword: false, username: 'ana' };
  it('says active or switched off, and a password still to set', () => {
    expect(userBadges(base).map((b) => b.text)).toEqual(['Active']);
    expect(userBadges({ ...base, disabled: true }).map((b) => b.text)).toEqual(['Switched off']);
    expect(userBadges({ ...base, mustChangePassword: true }).map((b) => b.text)).toEqual(['Active', 'Must set a password']);
    expect(userBadges({ ...base, hasPassword: false }).map((b) => b.text)).toEqual(['Active', 'Cannot sign in yet']);
    expect(userBadges({ ...base, username: null }).map((b) => b.text)).toEqual(['Active', 'Cannot sign in yet']);
  });
});

describe('the permission table draft', () => {
  it('starts unchanged; a tick changes that role only; ticking back undoes it', () => {
    const d0 = draftFrom(roles);
    expect(changedRoles(roles, d0)).toEqual([]);
    const d1 = toggle(d0, 'nurse', 'schedule.write', true);
    expect(changedRoles(roles, d1)).toEqual(['nurse']);
    expect(d0.nurse.has('schedule.write')).toBe(false);
    expect(changedRoles(roles, toggle(d1, 'nurse', 'schedule.write', false))).toEqual([]);
  });

  it('the administrator column never counts as changed', () => {
    const d = toggle(draftFrom(roles), 'admin', 'audit.read', false);
    expect(changedRoles(roles, d)).toEqual([]);
  });

  it('sends permissions in the table’s order', () => {
    const d = toggle(toggle(draftFrom(roles), 'viewer', 'patients.read', true), 'viewer', 'clinic.read', true);
    expect(permissionsOf(d, 'viewer')).toEqual(['clinic.read', 'patients.read', 'board.read']);
  });

  it('isDefault', () => {
    const d = draftFrom(roles);
    expect(isDefault('front_desk', d.front_desk)).toBe(true);
    expect(isDefault('front_desk', toggle(d, 'front_desk', 'audit.read', true).front_desk)).toBe(false);
  });
});

describe('roleWarnings', () => {
  it('no warnings for the default roles', () => {
    for (const r of roles.filter((x) => x.editable)) expect(roleWarnings(new Set(r.permissions), words)).toEqual([]);
  });
  it('a change without the matching read is named in words', () => {
    const w = roleWarnings(new Set<Permission>(['clinic.read', 'schedule.write']), words);
    expect(w).toEqual([`“${PERMISSION_WORDS['schedule.write']}” needs “${PERMISSION_WORDS['schedule.read']}” to be of use.`]);
  });
  it('no clinic read: said once', () => {
    const w = roleWarnings(new Set<Permission>(['patients.read']), words);
    expect(w).toHaveLength(1);
    expect(w[0]).toContain(PERMISSION_WORDS['clinic.read']);
    expect(roleWarnings(new Set<Permission>(['board.read']), words)).toEqual([]);
  });
});
