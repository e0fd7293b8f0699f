import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_KINDS, startTestServer, type TestClinicServer } from '../../support/clinic-server';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

describe.each(SERVER_KINDS)('two devices through a clinic server (%s)', (kind) => {
  let server: TestClinicServer;
  const backends: TestBackend[] = [];
  const device = () => {
    const b = tempBackend({ sync: { autoStart: false } });
    backends.push(b);
    return b;
  };
  afterEach(async () => {
    for (const b of backends.splice(0)) b.dispose();
    await server?.dispose();
  });

  it('a patient created on one computer appears on the other, with the clinic settings merged into one row', async () => {
    server = await startTestServer(kind);
    const a = device();
    const b = device();
    await a.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode({ canAdmin: true }), deviceName: 'Front desk PC', allowInsecure: false });
    await b.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode(), deviceName: 'Nurse laptop', allowInsecure: false });
    const settings = await a.ok('settings.get', {});
    await a.ok('settings.update', { name: 'Sunrise Pain Clinic', timeZone: settings.timeZone, openingHours: settings.openingHours });
    const created = await a.ok('patients.create', validPatient);
    await a.sync.round();
    await b.sync.round();
    await a.sync.round();

    const found = await b.ok('patients.get', { id: created.id });
    expect(found.lastName).toBe('Ramirez');
    expect((await b.ok('settings.get', {})).name).toBe('Sunrise Pain Clinic');
    // One settings row on both: the defaults each device made at first start are the same row.
    for (const d of [a, b]) {
      expect(d.store.sqlite.prepare('SELECT count(*) FROM clinic_settings').pluck().get()).toBe(1);
      expect(d.store.sqlite.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);
    }
    expect((await a.ok('sync.status', {})).waiting).toBe(0);
    expect((await b.ok('sync.status', {})).state).toBe('online');
  });
});

describe.each(SERVER_KINDS)('a restart resumes exactly where sync stopped (%s)', (kind) => {
  let server: TestClinicServer;
  const open: TestBackend[] = [];
  afterEach(async () => {
    for (const b of open.splice(0)) b.dispose();
    await server?.dispose();
  });

  it('changes made before a restart are sent after it, once, and the cursor is kept', async () => {
    server = await startTestServer(kind);
    const first = tempBackend({ sync: { autoStart: false } });
    const dir = first.dir;
    await first.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode(), deviceName: 'Front desk PC', allowInsecure: false });
    await first.sync.round();
    const made = await first.ok('patients.create', { ...validPatient, lastName: 'Beforerestart' });
    const cursor = first.store.sqlite.prepare(`SELECT value FROM device_meta WHERE key = 'sync.pullCursor'`).pluck().get();
    // The computer is switched off before it could send (no cleanup of its folder).
    first.close();
    const again = tempBackend({ dataDir: dir, sync: { autoStart: false } });
    open.push(again);
    expect(again.store.sqlite.prepare(`SELECT value FROM device_meta WHERE key = 'sync.pullCursor'`).pluck().get()).toBe(cursor);
    expect((await again.ok('sync.status', {})).waiting).toBeGreaterThan(0);
    await again.sync.round();
    await again.sync.round();
    expect((await again.ok('sync.status', {})).waiting).toBe(0);
    const onServer = (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM changes WHERE row_id = $1 AND field = 'last_name'`, [made.id])).rows[0]!.n;
    expect(onServer).toBe(1);
    const other = tempBackend({ sync: { autoStart: false } });
    open.push(other);
    await other.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode(), deviceName: 'Laptop', allowInsecure: false });
    await other.sync.round();
    expect((await other.ok('patients.get', { id: made.id })).lastName).toBe('Beforerestart');
  });
});
