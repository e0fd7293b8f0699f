import { describe, expect, it } from 'vitest';
import { canOpen, effectiveRoute } from '../../../src-renderer/src/app/access';
import { parseHash, paths } from '../../../src-renderer/src/app/router';
import { SETTINGS_SECTIONS } from '../../../src-renderer/src/features/settings/sections/keys';
import { ROLE_PERMISSIONS } from '../../../src-shared/api/permissions';

describe('Settings, one section a page', () => {
  it('#/settings opens the clinic section; each section has its own address', () => {
    expect(parseHash('#/settings')).toEqual({ screen: 'settings', section: 'clinic' });
    expect(parseHash('#/settings/')).toEqual({ screen: 'settings', section: 'clinic' });
    for (const s of SETTINGS_SECTIONS) {
      expect(parseHash(paths.settingsSection(s.key))).toEqual({ screen: 'settings', section: s.key });
    }
    expect(parseHash('#/settings/payers')).toEqual({ screen: 'settings', section: 'payers' });
  });

  it('Users and roles keeps its address; an unknown section is not found', () => {
    expect(parseHash('#/settings/users')).toEqual({ screen: 'users' });
    expect(parseHash('#/settings/nowhere')).toEqual({ screen: 'notFound', path: 'settings/nowhere' });
    expect(parseHash('#/settings/payers/extra').screen).toBe('notFound');
  });

  it('every section page opens for the roles that can open Settings, and for no other', () => {
    for (const [role, perms] of Object.entries(ROLE_PERMISSIONS)) {
      const settings = canOpen(parseHash('#/settings'), perms);
      for (const s of SETTINGS_SECTIONS) expect(canOpen(parseHash(paths.settingsSection(s.key)), perms), `${role} ${s.key}`).toBe(settings);
    }
    expect(canOpen(parseHash('#/settings/staff'), ROLE_PERMISSIONS.admin)).toBe(true);
    expect(canOpen(parseHash('#/settings/staff'), ROLE_PERMISSIONS.viewer)).toBe(false);
  });

  it('the section list has no key twice and every label says something', () => {
    const keys = SETTINGS_SECTIONS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('users');
    for (const s of SETTINGS_SECTIONS) expect(s.label.length && s.hint.length).toBeTruthy();
  });

  it('a role whose first screen is Settings lands on its first section', () => {
    expect(effectiveRoute(parseHash(''), '', ['clinic.read', 'settings.write'])).toEqual({ screen: 'settings', section: 'clinic' });
  });
});
