/**
 * Sign-in as the clinic uses it: the first administrator at first run, people created by the
 * administrator signing in with their own password, lockout after repeated failures with a
 * growing wait, the screen lock, and what an administrator's changes do to open sign-ins.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { lockDurationMs, waitWords } from '../../../src-main/backend/users/lockout';
import { hashPassword, verifyPassword } from '../../../src-main/backend/users/password';
import { tempBackend, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
afterEach(() => b?.dispose());

let clock = Date.UTC(2026, 11, 4, 15, 0);
const now = () => clock;

async function result<T>(p: Promise<{ ok: boolean; result?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.result as T;
}

describe('password verifiers', () => {
  it('scrypt: the right password checks, a wrong one and a damaged verifier do not; the salt differs each time', async () => {
    const h = await hashPassword('a long enough password');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('a long enough password', h)).toBe(true);
    expect(await verifyPassword('a long enough passworD', h)).toBe(false);
    expect(await verifyPassword('a long enough password', h.slice(0, -4))).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
    expect(await hashPassword('a long enough password')).not.toBe(h);
  });

  it('lockout: four free mistakes, then 30 s doubling to at most 15 minutes', () => {
    expect([1, 2, 3, 4].map(lockDurationMs)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7].map(lockDurationMs)).toEqual([30_000, 60_000, 120_000]);
    expect(lockDurationMs(40)).toBe(15 * 60_000);
    expect(waitWords(30_000)).toBe('30 seconds');
    expect(waitWords(61_000)).toBe('2 minutes');
  });
});

describe('first run', () => {
  it('a new clinic needs its administrator; set-up signs them in and cannot be repeated', async () => {
    b = tempBackend({ now });
    const before = await result<{ setupNeeded: boolean; signedIn: unknown }>(b.invoke('auth.status', {}, 'none'));
    expect(before).toMatchObject({ setupNeeded: true, signedIn: null });
    // Nothing of the clinic answers before anyone has signed in.
    expect(await b.invoke('patients.search', { q: '' }, 'none')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const setup = await result<{ session: string; user: { role: string } }>(
      b.invoke('auth.setup', { displayName: 'Maria Lopez', username: 'Maria.Lopez', password: 'sunrise over the lake' }),
    );
    expect(setup.user).toMatchObject({ role: 'admin', username: 'maria.lopez', displayName: 'Maria Lopez' });
    const status = await result<{ setupNeeded: boolean; signedIn: { user: { displayName: string } } }>(b.invoke('auth.status', {}, setup.session));
    expect(status.setupNeeded).toBe(false);
    expect(status.signedIn.user.displayName).toBe('Maria Lopez');
    expect(await b.invoke('patients.search', { q: '' }, setup.session)).toMatchObject({ ok: true });
    expect(await b.invoke('auth.setup', { displayName: 'Eve', username: 'eve', password: 'another long password' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    // The set-up person is the placeholder administrator every computer starts with, renamed.
    expect(b.store.sqlite.prepare(`SELECT count(*) FROM users`).pluck().get()).toBe(1);
  });

  it('refuses a short password and one that contains the user name, beside the field', async () => {
    b = tempBackend({ now });
    expect(await b.invoke('auth.setup', { displayName: 'M', username: 'maria', password: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'password', message: 'A password needs at least 10 characters.' },
    });
    expect(await b.invoke('auth.setup', { displayName: 'M', username: 'maria', password: 'maria-1234567' })).toMatchObject({
      ok: false,
      error: { field: 'password', message: 'The password must not contain the user name.' },
    });
  });
});

describe('signing in', () => {
  it('a person created by the administrator signs in and must choose their own password first', async () => {
    b = tempBackend({ now });
    await b.ok('users.create', { displayName: 'Nia Nurse', username: 'nia', role: 'nurse', password: 'first password given' });
    const s = await result<{ session: string; mustChangePassword: boolean; permissions: string[] }>(
      b.invoke('auth.signIn', { username: 'NIA', password: 'first password given' }),
    );
    expect(s.mustChangePassword).toBe(true);
    expect(s.permissions).toContain('outcomes.record');
    expect(s.permissions).not.toContain('schedule.write');
    expect(await b.invoke('auth.changePassword', { currentPassword: 'wrong one', newPassword: 'my own new password' }, s.session)).toMatchObject({
      ok: false,
      error: { field: 'currentPassword' },
    });
    await result(b.invoke('auth.changePassword', { currentPassword: 'first password given', newPassword: 'my own new password' }, s.session));
    expect(await b.invoke('auth.signIn', { username: 'nia', password: 'first password given' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const again = await result<{ mustChangePassword: boolean }>(b.invoke('auth.signIn', { username: 'nia', password: 'my own new password' }));
    expect(again.mustChangePassword).toBe(false);
  });

  it('an unknown name and a wrong password get the same words', async () => {
    b = tempBackend({ now });
    await b.ok('users.create', { displayName: 'Nia Nurse', username: 'nia', role: 'nurse', password: 'first password given' });
    const wrong = await b.invoke('auth.signIn', { username: 'nia', password: 'not it at all' });
    const unknown = await b.invoke('auth.signIn', { username: 'nobody', password: 'not it at all' });
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'That user name and password do not match. Check both and try again.' } });
  });

  it('locks the name after repeated failures, longer each time, and the right password waits too', async () => {
    b = tempBackend({ now });
    await b.ok('users.create', { displayName: 'Nia Nurse', username: 'nia', role: 'nurse', password: 'first password given' });
    for (let i = 0; i < 4; i++) expect((await b.invoke('auth.signIn', { username: 'nia', password: `guess number ${i}` })).ok).toBe(false);
    const fifth = await b.invoke('auth.signIn', { username: 'nia', password: 'guess number 5' });
    expect(fifth).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Try again in 30 seconds') } });
    const during = await b.invoke('auth.signIn', { username: 'nia', password: 'first password given' });
    expect(during).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    clock += 31_000;
    const sixth = await b.invoke('auth.signIn', { username: 'nia', password: 'guess number 6' });
    expect(sixth).toMatchObject({ ok: false, error: { message: expect.stringContaining('Try again in 1 minute') } });
    clock += 61_000;
    expect((await b.invoke('auth.signIn', { username: 'nia', password: 'first password given' })).ok).toBe(true);
    // A success clears the count: the next mistake is free again.
    expect(await b.invoke('auth.signIn', { username: 'nia', password: 'one more guess' })).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('the screen lock: calls wait for the same person’s password; a wrong one is refused', async () => {
    b = tempBackend({ now });
    const nurse = await b.signedInAs('nurse');
    await result(nurse.invoke('auth.lock', {}));
    expect(await nurse.invoke('patients.search', { q: '' })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await result<{ signedIn: { locked: boolean } }>(nurse.invoke('auth.status', {}))).toMatchObject({ signedIn: { locked: true } });
    expect(await nurse.invoke('auth.unlock', { password: 'not my password' })).toMatchObject({ ok: false, error: { field: 'password' } });
    expect((await nurse.invoke('patients.search', { q: '' })).ok).toBe(false);
    await result(nurse.invoke('auth.unlock', { password: nurse.password }));
    expect(await nurse.invoke('patients.search', { q: '' })).toMatchObject({ ok: true });
  });

  it('switching an account off ends its sign-ins at once; a reset ends them and asks for a new password', async () => {
    b = tempBackend({ now });
    const desk = await b.signedInAs('front_desk');
    const version = (await b.ok('users.list', {})).find((u) => u.id === desk.userId)!.version;
    await b.ok('users.update', { id: desk.userId, disabled: true, expectedVersion: version });
    expect(await desk.invoke('patients.search', { q: '' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await b.invoke('auth.signIn', { username: desk.username, password: desk.password })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const nurse = await b.signedInAs('nurse');
    await b.ok('users.resetPassword', { id: nurse.userId, password: 'reset by the admin' });
    expect((await nurse.invoke('patients.search', { q: '' })).ok).toBe(false);
    expect(await result<{ mustChangePassword: boolean }>(b.invoke('auth.signIn', { username: nurse.username, password: 'reset by the admin' }))).toMatchObject({
      mustChangePassword: true,
    });
  });

  it('the last administrator cannot be switched off or demoted; nobody demotes themselves; user names are unique', async () => {
    b = tempBackend({ now });
    const setup = await result<{ session: string; user: { id: string } }>(
      b.invoke('auth.setup', { displayName: 'Maria Lopez', username: 'maria', password: 'sunrise over the lake' }),
    );
    const other = await b.signedInAs('admin');
    const third = await b.signedInAs('front_desk');
    const version = async (id: string) => (await result<{ id: string; version: number }[]>(other.invoke('users.list', {}))).find((u) => u.id === id)!.version;
    expect(await other.invoke('users.update', { id: other.userId, role: 'nurse' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'You cannot switch off or demote your own account. Ask another administrator.' },
    });
    // Someone else may demote Maria while another administrator remains...
    expect(await other.invoke('users.update', { id: setup.user.id, role: 'front_desk', expectedVersion: await version(setup.user.id) })).toMatchObject({ ok: true });
    // ...and Maria, now at the front desk, can no longer manage users.
    expect(await b.invoke('users.list', {}, setup.session)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The one administrator left who can sign in cannot be switched off (here by a front desk
    // the administrator allowed to manage users).
    await result(other.invoke('roles.update', { role: 'front_desk', permissions: ['clinic.read', 'users.manage'] }));
    expect(await third.invoke('users.update', { id: other.userId, disabled: true, expectedVersion: await version(other.userId) })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('only administrator') },
    });
    expect(await other.invoke('users.create', { displayName: 'Dup', username: 'maria', role: 'nurse', password: 'another long password' })).toMatchObject({
      ok: false,
      error: { field: 'username' },
    });
  });

  it('an administrator changes what a role may do; the administrator role cannot be changed', async () => {
    b = tempBackend({ now });
    const nurse = await b.signedInAs('nurse');
    expect(await nurse.invoke('consultations.book', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    await b.ok('roles.update', { role: 'nurse', permissions: ['clinic.read', 'patients.read', 'schedule.read', 'schedule.write', 'board.read'] });
    expect(await nurse.invoke('consultations.book', {})).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(await nurse.invoke('outcomes.recordScore', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const roles = await b.ok('roles.list', {});
    expect(roles.roles.find((r) => r.role === 'nurse')).toMatchObject({ changedFromDefault: true, editable: true });
    expect(roles.roles.find((r) => r.role === 'admin')).toMatchObject({ editable: false });
    expect(await b.invoke('roles.update', { role: 'admin', permissions: [] })).toMatchObject({ ok: false, error: { field: 'role' } });
  });
});
