import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openBackend, type Backend, type BackendOptions } from '../../src-main/backend/backend';
import { setQuietLogs } from '../../src-main/backend/log';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import type { ApiErrorShape } from '../../src-shared/api/errors';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
export const MIGRATIONS = join(PROJECT_ROOT, 'drizzle');

export function tempDir(prefix = 'desk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestBackend extends Backend {
  dir: string;
  /** Call a method and return its result; fails the test with the error if it fails. */
  ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Call a method that must fail and return its error. */
  fail<M extends MethodName>(method: M, input: unknown): Promise<ApiErrorShape>;
  dispose(): void;
}

export function tempBackend(opts: Partial<BackendOptions> = {}): TestBackend {
  setQuietLogs(true);
  const dir = opts.dataDir ?? tempDir();
  const backend = openBackend({ dataDir: dir, migrationsFolder: MIGRATIONS, transport: 'http', ...opts });
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
