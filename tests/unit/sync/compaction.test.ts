/**
 * Log growth: the server's change log compacted below a floor (who/what/when kept for the
 * audit), a device behind the floor catching up from a snapshot with its own unsent changes
 * kept; the device's own log compacted once the server acknowledged it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLINIC_ID } from '../../../src-server/devices/enrolment';
import { clinicHead, compact } from '../../../src-server/sync/change-log';
import { SERVER_KINDS, startTestServer, type TestClinicServer } from '../../support/clinic-server';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

describe.each(SERVER_KINDS)('compaction and snapshots (%s)', (kind) => {
  let server: TestClinicServer;
  const backends: TestBackend[] = [];
  afterEach(async () => {
    for (const b of backends.splice(0)) b.dispose();
    await server?.dispose();
  });
  const urls: string[] = [];
  const device = () => {
    const b = tempBackend({ sync: { autoStart: false, pullLimit: 7, fetch: (u, i) => (urls.push(u), fetch(u, i)) } });
    backends.push(b);
    return b;
  };

  it('a device behind the floor gets a snapshot in pages, keeps its own unsent work, and ends equal to the others', async () => {
    server = await startTestServer(kind);
    const a = device();
    const late = device();
    await a.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode(), deviceName: 'Front desk', allowInsecure: false });
    await late.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode(), deviceName: 'Laptop back from holiday', allowInsecure: false });
    await late.sync.round();
    const patients: string[] = [];
    for (let i = 0; i < 6; i++) patients.push((await a.ok('patients.create', { ...validPatient, firstName: `Pat${i}`, phone: `(312) 555-01${10 + i}` })).id);
    await a.ok('patients.update', { id: patients[0]!, fields: { ...validPatient, firstName: 'Renamed', phone: '(312) 555-0110' } });
    await a.sync.round();

    // The device's own log: acknowledged changes are gone from it.
    expect(a.store.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(0);

    // The server keeps only the newest 3 changes; the rest move to the history.
    const head = await clinicHead(server.db, DEFAULT_CLINIC_ID);
    const moved = await compact(server.db, DEFAULT_CLINIC_ID, head - 3);
    expect(moved.moved).toBeGreaterThan(20);
    const history = (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM change_history`)).rows[0]!.n;
    expect(history).toBe(moved.moved);

    // Meanwhile the late laptop made a change of its own, not yet sent.
    const mine = await late.ok('patients.create', { ...validPatient, firstName: 'Offline', lastName: 'Entry', phone: '(312) 555-0177' });
    await late.sync.round();

    for (const d of [a, late]) await d.sync.round();
    const names = (d: TestBackend) => d.store.sqlite.prepare(`SELECT first_name FROM patients ORDER BY id`).pluck().all();
    expect(names(late)).toEqual(names(a));
    expect(names(late)).toContain('Renamed');
    expect(names(late)).toContain('Offline');
    expect((await a.ok('patients.get', { id: mine.id })).lastName).toBe('Entry');
    expect((await late.ok('sync.status', {})).waiting).toBe(0);

    // A brand-new device joins after compaction: a snapshot, then the live log.
    urls.length = 0;
    const fresh = device();
    await fresh.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode(), deviceName: 'New nurse laptop', allowInsecure: false });
    await fresh.sync.round();
    expect(names(fresh)).toEqual(names(a));
    // It came as a snapshot, in pages of 7 fields.
    expect(urls.filter((u) => u.includes('snapshot=')).length).toBeGreaterThan(3);
    expect(fresh.store.sqlite.prepare('SELECT count(*) FROM clinic_settings').pluck().get()).toBe(1);
    const fk = fresh.store.sqlite.prepare('PRAGMA foreign_key_check').all();
    expect(fk).toEqual([]);
  });
});
