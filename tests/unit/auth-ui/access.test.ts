import { describe, expect, it } from 'vitest';
import { canOpen, canOpenScreen, effectiveRoute, homeScreen, isHomeHash, showsNavigation } from '../../../src-renderer/src/app/access';
import { parseHash, type ScreenKey } from '../../../src-renderer/src/app/router';
import { DEFAULT_ROLE_PERMISSIONS, PERMISSIONS, USER_ROLES, type UserRole } from '../../../src-shared/api/permissions';

const NAV: ScreenKey[] = ['today', 'patients', 'schedule', 'outcomes', 'authorizations', 'documents', 'board', 'settings', 'users'];
const perms = (role: UserRole) => (role === 'admin' ? PERMISSIONS : DEFAULT_ROLE_PERMISSIONS[role]);
const screensOf = (role: UserRole) => NAV.filter((s) => canOpenScreen(s, perms(role)));

describe('screens each default role can open', () => {
  it.each([
    ['admin', NAV],
    ['front_desk', ['today', 'patients', 'schedule', 'outcomes', 'authorizations', 'documents', 'board', 'settings']],
    ['assistant', ['today', 'patients', 'schedule', 'outcomes', 'authorizations', 'documents', 'board', 'settings']],
    // No change to the clinic's set-up or the schedule: Settings has nothing for them.
    ['nurse', ['today', 'patients', 'schedule', 'outcomes', 'authorizations', 'documents', 'board']],
    ['physician', ['today', 'patients', 'schedule', 'outcomes', 'authorizations', 'documents', 'board']],
    ['viewer', ['board']],
  ] as [UserRole, ScreenKey[]][])('%s', (role, expected) => {
    expect(screensOf(role)).toEqual(expected);
  });

  it('Users and roles only with users.manage', () => {
    for (const role of USER_ROLES) expect(canOpen(parseHash('#/settings/users'), perms(role))).toBe(role === 'admin');
    expect(canOpen(parseHash('#/settings/users'), ['users.manage'])).toBe(true);
  });

  it('registering or editing a patient needs patients.write; the chart does not', () => {
    const nurse = perms('nurse');
    expect(canOpen(parseHash('#/patients/abc'), nurse)).toBe(true);
    expect(canOpen(parseHash('#/patients/new'), nurse)).toBe(false);
    expect(canOpen(parseHash('#/patients/abc/edit'), nurse)).toBe(false);
    expect(canOpen(parseHash('#/patients/new'), perms('front_desk'))).toBe(true);
  });

  it('page not found is always shown as such', () => {
    expect(canOpen(parseHash('#/nowhere'), [])).toBe(true);
  });

  it('settings needs the clinic read and one thing to change there', () => {
    expect(canOpenScreen('settings', ['clinic.read'])).toBe(false);
    expect(canOpenScreen('settings', ['schedule.write'])).toBe(false);
    expect(canOpenScreen('settings', ['clinic.read', 'schedule.write'])).toBe(true);
    expect(canOpenScreen('settings', new Set(['clinic.read', 'settings.write'] as const))).toBe(true);
  });
});

describe('home screen and navigation', () => {
  it('opens Today for desk roles and the board for a wall display', () => {
    expect(homeScreen(perms('front_desk'))).toBe('today');
    expect(homeScreen(perms('viewer'))).toBe('board');
    expect(homeScreen([])).toBeNull();
    expect(homeScreen(['patients.read'])).toBe('patients');
  });

  it('an empty address becomes the role’s home; a typed one stays', () => {
    expect(effectiveRoute(parseHash(''), '', perms('viewer'))).toEqual({ screen: 'board' });
    expect(effectiveRoute(parseHash('#/'), '#/', perms('viewer'))).toEqual({ screen: 'board' });
    expect(effectiveRoute(parseHash('#/today'), '#/today', perms('viewer'))).toEqual({ screen: 'today' });
    expect(effectiveRoute(parseHash(''), '', perms('nurse'))).toEqual({ screen: 'today' });
    expect(effectiveRoute(parseHash(''), '', ['patients.read'])).toEqual({ screen: 'patients', view: 'list' });
  });

  it('isHomeHash', () => {
    expect(isHomeHash('')).toBe(true);
    expect(isHomeHash('#')).toBe(true);
    expect(isHomeHash('#/')).toBe(true);
    expect(isHomeHash('#/board')).toBe(false);
  });

  it('a one-screen role (the wall board) gets no navigation', () => {
    expect(showsNavigation(NAV, perms('viewer'))).toBe(false);
    expect(showsNavigation(NAV, perms('nurse'))).toBe(true);
    expect(showsNavigation(NAV, ['board.read', 'schedule.read'])).toBe(true);
  });
});

describe('router', () => {
  it('parses Settings → Users and roles', () => {
    expect(parseHash('#/settings/users')).toEqual({ screen: 'users' });
    expect(parseHash('#/settings/users/')).toEqual({ screen: 'users' });
    expect(parseHash('#/settings/other')).toEqual({ screen: 'notFound', path: 'settings/other' });
    expect(parseHash('#/settings')).toEqual({ screen: 'settings', section: 'clinic' });
  });
});
