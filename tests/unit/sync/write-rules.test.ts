import { describe, expect, it } from 'vitest';
import { syncedTables } from '../../../src-main/backend/sync/tables';
import { DEFAULT_ROLE_PERMISSIONS } from '../../../src-shared/api/permissions';
import { refusalOf, TABLE_WRITERS } from '../../../src-shared/sync/write-rules';

const nurse = { id: 'n', role: 'nurse' as const, disabled: false };
const change = (table: string, user: string | null = 'n', row = 'r1') => ({ table, row, field: 'f', user, millis: 1_700_000_000_000 });

describe('which role may write which synced table', () => {
  it('every synced table is classified (a new table must say who may write it)', () => {
    expect([...syncedTables().keys()].filter((t) => !(t in TABLE_WRITERS))).toEqual([]);
  });

  it('a nurse records scores and the day of infusion, but cannot edit a chart, book, or manage users', () => {
    const g = DEFAULT_ROLE_PERMISSIONS;
    expect(refusalOf(change('scores'), nurse, g)).toBeNull();
    expect(refusalOf(change('infusion_sessions'), nurse, g)).toBeNull();
    expect(refusalOf(change('patients'), nurse, g)).toMatch(/role \(nurse\) does not allow/);
    expect(refusalOf(change('infusion_series'), nurse, g)).toMatch(/does not allow/);
    expect(refusalOf(change('users'), nurse, g)).toMatch(/does not allow/);
  });

  it('everyone may change their own password, nobody else’s', () => {
    expect(refusalOf(change('user_credentials', 'n', 'n'), nurse, DEFAULT_ROLE_PERMISSIONS)).toBeNull();
    expect(refusalOf(change('user_credentials', 'n', 'someone-else'), nurse, DEFAULT_ROLE_PERMISSIONS)).toMatch(/does not allow/);
  });

  it('an administrator’s change to a role applies', () => {
    const grants = { ...DEFAULT_ROLE_PERMISSIONS, nurse: [...DEFAULT_ROLE_PERMISSIONS.nurse, 'patients.write' as const] };
    expect(refusalOf(change('patients'), nurse, grants)).toBeNull();
  });

  it('changes with no person are only the app’s own bookkeeping; first-start defaults always pass', () => {
    expect(refusalOf(change('reminder_outbox', null), null, DEFAULT_ROLE_PERMISSIONS)).toBeNull();
    expect(refusalOf(change('patients', null), null, DEFAULT_ROLE_PERMISSIONS)).toMatch(/no signed-in person/);
    expect(refusalOf({ ...change('clinic_settings', null), millis: 0 }, null, DEFAULT_ROLE_PERMISSIONS)).toBeNull();
  });

  it('unknown and switched-off people are refused', () => {
    expect(refusalOf(change('scores', 'x'), null, DEFAULT_ROLE_PERMISSIONS)).toMatch(/does not know/);
    expect(refusalOf(change('scores'), { ...nurse, disabled: true }, DEFAULT_ROLE_PERMISSIONS)).toMatch(/switched-off/);
  });
});
