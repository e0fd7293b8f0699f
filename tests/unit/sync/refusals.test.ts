/**
 * What the server refuses, and that a refused device keeps its work: a clock too far ahead,
 * a revoked device, an app older than the clinic's, plain http to another computer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clockAheadMessage, SCHEMA_TOO_OLD_MESSAGE } from '../../../src-shared/sync/protocol';
import { revokeDevice, DEFAULT_CLINIC_ID } from '../../../src-server/devices/enrolment';
import { SERVER_KINDS, startTestServer, type TestClinicServer } from '../../support/clinic-server';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const MINUTE = 60_000;

describe.each(SERVER_KINDS)('the clinic server refuses, and nothing is lost (%s)', (kind) => {
  let server: TestClinicServer;
  const backends: TestBackend[] = [];
  afterEach(async () => {
    for (const b of backends.splice(0)) b.dispose();
    await server?.dispose();
  });
  const device = (opts: Parameters<typeof tempBackend>[0] = {}) => {
    const b = tempBackend({ ...opts, sync: { autoStart: false, ...opts.sync } });
    backends.push(b);
    return b;
  };
  const link = async (b: TestBackend, name: string, canAdmin = false) =>
    b.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode({ canAdmin }), deviceName: name, allowInsecure: false });

  it('a computer whose clock is 6 minutes fast is told so, keeps its changes, and sends them once the time is right', async () => {
    server = await startTestServer(kind);
    let skew = 6 * MINUTE + 20_000;
    const fast = device({ now: () => Date.now() + skew });
    await link(fast, 'Laptop with a fast clock');
    await fast.ok('patients.create', validPatient);
    await expect(fast.sync.round()).rejects.toMatchObject({ code: 'CLOCK_AHEAD' });
    const waiting = (await fast.ok('sync.status', {})).waiting;
    expect(waiting).toBeGreaterThan(0);
    expect(clockAheadMessage(6 * MINUTE + 20_000)).toBe("This computer's clock is 6 minutes fast; fix the time, nothing was lost.");
    // The loop shows the server's words.
    fast.sync.start();
    await expect.poll(async () => (await fast.ok('sync.status', {})).lastError?.message, { timeout: 5000 }).toMatch(/^This computer's clock is \d minutes fast; fix the time, nothing was lost\.$/);
    expect((await fast.ok('sync.status', {})).state).toBe('error');
    await fast.sync.stop();
    // Time fixed: the changes stamped while it was fast are within bounds once real time catches up
    // (here: the server's clock is moved on instead of waiting six minutes).
    skew = 0;
    await server.kill();
    const later = await startTestServer(kind, { now: () => Date.now() + 2 * MINUTE }, server.store);
    const ok = device();
    try {
      fast.store.sqlite.prepare(`UPDATE device_meta SET value = json_set(value, '$.serverUrl', ?) WHERE key = 'sync.link'`).run(later.url);
      await fast.sync.round();
      expect((await fast.ok('sync.status', {})).waiting).toBe(0);
      await ok.ok('sync.connect', { serverUrl: later.url, enrolCode: await later.enrolCode(), deviceName: 'Front desk', allowInsecure: false });
      await ok.sync.round();
      const found = await ok.ok('patients.search', { q: 'Ramirez' } as never);
      expect(JSON.stringify(found)).toContain('Ramirez');
    } finally {
      await later.kill();
    }
  });

  it('a revoked computer is refused at its next call and nothing it sends is applied', async () => {
    server = await startTestServer(kind);
    const admin = device();
    const lost = device();
    await link(admin, 'Front desk PC', true);
    await link(lost, 'Stolen laptop');
    const devices = await admin.ok('sync.devices', {});
    const lostId = devices.devices.find((d) => d.name === 'Stolen laptop')!.id;
    const after = await admin.ok('sync.revokeDevice', { deviceId: lostId });
    expect(after.devices.find((d) => d.id === lostId)!.revokedAt).not.toBeNull();

    await lost.ok('patients.create', { ...validPatient, lastName: 'Okafor' });
    await expect(lost.sync.round()).rejects.toMatchObject({ code: 'REVOKED' });
    const changes = (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM changes WHERE value = '"Okafor"'`)).rows[0]!.n;
    expect(changes).toBe(0);
    // Its work stays on the computer, waiting.
    expect((await lost.ok('sync.status', {})).waiting).toBeGreaterThan(0);
    // A non-admin device cannot manage devices.
    const other = device();
    await link(other, 'Assistant laptop');
    const refused = await other.fail('sync.devices', {});
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/not enrolled as an administrator device/);
    // Revoking from the command line works the same way.
    await revokeDevice(server.db, DEFAULT_CLINIC_ID, (await other.ok('sync.status', {})).deviceId!);
    await expect(other.sync.round()).rejects.toMatchObject({ code: 'REVOKED' });
  });

  it('an app older than the one the clinic now runs is asked to update, and keeps its outbox', async () => {
    server = await startTestServer(kind);
    const newer = device({ sync: { autoStart: false, schemaVersion: 99 } });
    const older = device();
    await link(newer, 'Updated PC');
    await link(older, 'Old PC');
    await newer.ok('patients.create', { ...validPatient, lastName: 'Nguyen' });
    await newer.sync.round();
    await older.ok('patients.create', { ...validPatient, lastName: 'Lindqvist' });
    await expect(older.sync.round()).rejects.toMatchObject({ code: 'SCHEMA_TOO_OLD', message: SCHEMA_TOO_OLD_MESSAGE });
    expect((await older.ok('sync.status', {})).waiting).toBeGreaterThan(0);
  });

  it('plain http to another computer is refused before anything is sent, unless the administrator allows it', async () => {
    server = await startTestServer(kind);
    const d = device();
    const err = await d.fail('sync.connect', { serverUrl: 'http://192.0.2.10:8443', enrolCode: 'AAAA-BBBB-CCCC', deviceName: 'PC', allowInsecure: false });
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'serverUrl' });
    expect(err.message).toMatch(/https/);
    const wrongCode = await d.fail('sync.connect', { serverUrl: server.url, enrolCode: 'AAAA-BBBB-CCCC', deviceName: 'PC', allowInsecure: false });
    expect(wrongCode).toMatchObject({ field: 'enrolCode' });
    expect((await d.ok('sync.status', {})).state).toBe('off');
  });
});
