/**
 * The server keeps no state a second process could not rebuild from the database: two
 * server processes (each with its own connection pool) on one PostgreSQL answer the same
 * clinic, and a long-poll on one is answered by a push through the other.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startClinicServer, type ClinicServer } from '../../../src-server/http/app';
import { PG_URL, startTestServer, type TestClinicServer } from '../../support/clinic-server';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

describe.skipIf(!PG_URL)('two server processes on one PostgreSQL', () => {
  let first: TestClinicServer;
  let second: ClinicServer | null = null;
  const backends: TestBackend[] = [];
  afterEach(async () => {
    for (const b of backends.splice(0)) b.dispose();
    await second?.close();
    await first?.dispose();
  });

  it('a change pushed through one reaches a device waiting on the other', async () => {
    first = await startTestServer('postgres');
    second = await startClinicServer({ db: await first.store.reopen(), pollMs: 100 });
    const a = tempBackend({ sync: { autoStart: false } });
    const b = tempBackend({ sync: { autoStart: false } });
    backends.push(a, b);
    await a.ok('sync.connect', { serverUrl: first.url, enrolCode: await first.enrolCode(), deviceName: 'Through the first', allowInsecure: false });
    await b.ok('sync.connect', { serverUrl: second.url, enrolCode: await first.enrolCode(), deviceName: 'Through the second', allowInsecure: false });
    await a.sync.round();
    await b.sync.round();

    // B waits on the second process (a long-poll); A pushes through the first.
    const waiting = b.sync.round(10_000);
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    const made = await a.ok('patients.create', { ...validPatient, lastName: 'Across' });
    await a.sync.round();
    await waiting;
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect((await b.ok('patients.get', { id: made.id })).lastName).toBe('Across');
  });
});
