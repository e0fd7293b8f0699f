import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openBackend, type Backend, type BackendOptions } from '../../src-main/backend/backend';
import { setQuietLogs } from '../../src-main/backend/log';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import type { ApiErrorShape } from '../../src-shared/api/errors';
import type { UserRole } from '../../src-shared/api/permissions';
import type { WriteContext } from '../../src-main/backend/db/mutate';
import type { InvokeResult } from '../../src-shared/api/transport';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
export const MIGRATIONS = join(PROJECT_ROOT, 'drizzle');
/** The fixed store key of the test suite: every test store is encrypted with it (SQLCipher 4, raw key). */
export const TEST_STORE_KEY = Buffer.from('7e57'.repeat(16), 'hex');

export function tempDir(prefix = 'desk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A copy of the app's migrations folder (drizzle/) in a new temp dir, its journal cut after the
 * migration tagged `tag`: a store opened on it is the store an older version of the app made
 * (the later migrations run when the test opens it with MIGRATIONS). Returns the folder; the
 * test removes it (rmSync recursive) when done. Throws if no migration has that tag.
 */
export function migrationsUpTo(tag: string, prefix = 'desk-migrations-'): string {
  const folder = tempDir(prefix);
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === tag);
  if (last < 0) {
    rmSync(folder, { recursive: true, force: true });
    throw new Error(`migrationsUpTo: no migration tagged ${tag} in ${MIGRATIONS}`);
  }
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

export interface TestBackend extends Backend {
  dir: string;
  /** Call a method and return its result; fails the test with the error if it fails. */
  ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Call a method that must fail and return its error. */
  fail<M extends MethodName>(method: M, input: unknown): Promise<ApiErrorShape>;
  /**
   * A person with this role, created by the administrator and signed in through the API
   * (auth.signIn with a real password): calls made through the returned `invoke` act as them.
   */
  signedInAs(role: UserRole, displayName?: string): Promise<SignedInUser>;
  /** Writes straight into the store as the clinic's first administrator (set-up a test does not test). */
  asAdmin(): WriteContext;
  dispose(): void;
}

export interface SignedInUser {
  userId: string;
  username: string;
  password: string;
  session: string;
  invoke(method: MethodName, input: unknown): Promise<InvokeResult>;
}

export const TEST_PASSWORD = 'correct horse battery';

export function tempBackend(opts: Partial<BackendOptions> = {}): TestBackend {
  setQuietLogs(true);
  const dir = opts.dataDir ?? tempDir();
  // In-process calls without a session act as the clinic's administrator (as scripts do);
  // tests of sign-in and roles use signedInAs() or the auth API with real sessions.
  const backend = openBackend({ dataDir: dir, migrationsFolder: MIGRATIONS, transport: 'http', inProcessAdmin: true, ...opts, storeKey: opts.storeKey === undefined ? TEST_STORE_KEY : opts.storeKey });
  let userCount = 0;
  return Object.assign(backend, {
    dir,
    async ok<M extends MethodName>(method: M, input: MethodInput<M>) {
      const r = await backend.invoke(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.result as MethodOutput<M>;
    },
    async fail(method: MethodName, input: unknown) {
      const r = await backend.invoke(method, input);
      if (r.ok) throw new Error(`${method} unexpectedly succeeded`);
      return r.error;
    },
    async signedInAs(role: UserRole, displayName = `Test ${role}`) {
      const username = `${role.replace('_', '')}${++userCount}`;
      const created = await backend.invoke('users.create', { displayName, username, role, password: TEST_PASSWORD });
      if (!created.ok) throw new Error(`users.create failed: ${JSON.stringify(created.error)}`);
      const signed = await backend.invoke('auth.signIn', { username, password: TEST_PASSWORD });
      if (!signed.ok) throw new Error(`auth.signIn failed: ${JSON.stringify(signed.error)}`);
      const session = (signed.result as { session: string }).session;
      return {
        userId: (created.result as { id: string }).id,
        username,
        password: TEST_PASSWORD,
        session,
        invoke: (method: MethodName, input: unknown) => backend.invoke(method, input, session),
      };
    },
    asAdmin(): WriteContext {
      const id = backend.store.sqlite.prepare(`SELECT id FROM users WHERE role = 'admin' AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1`).pluck().get() as string;
      return { ...backend.system, userId: id };
    },
    dispose() {
      backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

export const validPatient = {
  firstName: 'Ana',
  lastName: 'Ramirez',
  dateOfBirth: '1984-03-07',
  sex: 'female' as const,
  phone: '(312) 555-0147',
  email: 'ana.ramirez@example.com',
  preferredContact: 'sms' as const,
};
