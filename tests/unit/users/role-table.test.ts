/**
 * Every role against every API method, generated from the registry: a method the role may
 * use answers (OK, or a domain error such as VALIDATION for the empty input sent here); a
 * method it may not use is refused with FORBIDDEN before its input is even read, and the
 * store is not touched. A new method is covered the day it is added to the contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../../src-shared/api/contract';
import { roleAllows, USER_ROLES, type UserRole } from '../../../src-shared/api/permissions';
import { tempBackend, type SignedInUser, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
const people = new Map<UserRole, SignedInUser>();

beforeAll(async () => {
  b = tempBackend();
  for (const role of USER_ROLES) people.set(role, await b.signedInAs(role));
});
afterAll(() => b?.dispose());

/** Answers that mean "you may, but not like this" — never a refusal of the person. */
const DOMAIN_ERRORS = ['VALIDATION', 'NOT_FOUND', 'CONFLICT'];

function allowed(role: UserRole, method: MethodName): boolean {
  const p = contract[method].permission;
  return p === 'public' || p === 'signedIn' || roleAllows(role, p);
}

const writes = () => (b.store.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

describe.each(USER_ROLES)('%s', (role) => {
  it('each method answers or refuses as the role table says', async () => {
    const person = people.get(role)!;
    const wrong: string[] = [];
    for (const method of METHOD_NAMES) {
      const before = writes();
      const r = await person.invoke(method, {});
      if (allowed(role, method)) {
        if (!r.ok && !DOMAIN_ERRORS.includes(r.error.code)) wrong.push(`${method}: expected an answer, got ${r.error.code} (${r.error.message})`);
      } else {
        if (r.ok || r.error.code !== 'FORBIDDEN') wrong.push(`${method}: expected FORBIDDEN, got ${r.ok ? 'OK' : r.error.code}`);
        if (writes() !== before) wrong.push(`${method}: refused but the store was written`);
      }
      // Signing out or locking ends this person's use of the session: start a fresh one.
      if (method === 'auth.signOut' || method === 'auth.lock') {
        const again = await b.invoke('auth.signIn', { username: person.username, password: person.password });
        if (!again.ok) throw new Error(`signing in again failed: ${again.error.message}`);
        const session = (again.result as { session: string }).session;
        person.session = session;
        person.invoke = (m, input) => b.invoke(m, input, session);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('without a sign-in', () => {
  it('only the sign-in methods answer; everything else asks to sign in', async () => {
    const wrong: string[] = [];
    for (const method of METHOD_NAMES) {
      const r = await b.invoke(method, {}, 'not-a-session');
      const open = contract[method].permission === 'public';
      if (open) continue;
      if (r.ok || r.error.code !== 'UNAUTHENTICATED') wrong.push(`${method}: ${r.ok ? 'OK' : r.error.code}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the board role reads the board and nothing of a patient', async () => {
    const board = people.get('viewer')!;
    expect((await board.invoke('patients.search', { q: '' })).ok).toBe(false);
    expect(METHOD_NAMES.filter((m) => allowed('viewer', m) && !['public', 'signedIn'].includes(contract[m].permission))).toEqual(
      METHOD_NAMES.filter((m) => contract[m].permission === 'board.read'),
    );
  });
});
