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
