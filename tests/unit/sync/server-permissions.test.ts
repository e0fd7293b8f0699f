/**
 * The clinic server checks every pushed change against the role table, as the desktop's
 * dispatcher does: a computer whose app was bypassed (a change written straight into its store
 * as a nurse, or with no person at all) cannot spread that change to the clinic. Refused
 * changes are kept on the server with the reason and reported to the computer that sent them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { updateRow } from '../../../src-main/backend/db/mutate';
import { patients } from '../../../src-main/backend/patients/schema';
import { SERVER_KINDS, startTestServer, type TestClinicServer } from '../../support/clinic-server';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

describe.each(SERVER_KINDS)('the server checks who made each change (%s)', (kind) => {
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

  async function clinicOfTwo() {
    server = await startTestServer(kind);
    const a = device();
    const b = device();
    await a.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode({ canAdmin: true }), deviceName: 'Front desk PC', allowInsecure: false });
    await b.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode(), deviceName: 'Nurse laptop', allowInsecure: false });
    const patient = await a.ok('patients.create', validPatient);
    const nurse = await a.ok('users.create', { displayName: 'Nia Nurse', username: 'nia', role: 'nurse', password: 'a long enough password' });
    await a.sync.round();
    await b.sync.round();
    return { a, b, patient, nurseId: nurse.id };
  }

  it('a nurse signed in on another computer records a score; the clinic receives it', async () => {
    const { a, b, patient } = await clinicOfTwo();
    const signed = await b.invoke('auth.signIn', { username: 'nia', password: 'a long enough password' });
    expect(signed.ok).toBe(true);
    const session = (signed as { ok: true; result: { session: string } }).result.session;
    const scored = await b.invoke('outcomes.recordScore', { patientId: patient.id, instrument: 'nrs', value: 6, timePoint: 'baseline', observedAt: Date.now() - 60_000 }, session);
    expect(scored).toMatchObject({ ok: true });
    await b.sync.round();
    await a.sync.round();
    expect((await a.ok('scores.listForPatient', { patientId: patient.id })).items.map((s) => s.value)).toContain(6);
    expect((await b.ok('sync.status', {})).refused).toBeNull();
  });

  it('a change to a chart written as a nurse behind the app is refused, kept aside and reported', async () => {
    const { a, b, patient, nurseId } = await clinicOfTwo();
    // What a tampered laptop could do: write straight into its store as the nurse.
    updateRow({ ...b.system, userId: nurseId }, patients, patient.id, { lastName: 'Tampered' }, { what: 'This patient' });
    await b.sync.round();
    await a.sync.round();
    expect((await a.ok('patients.get', { id: patient.id })).lastName).toBe('Ramirez');
    const status = await b.ok('sync.status', {});
    expect(status.refused?.count).toBeGreaterThan(0);
    expect(status.refused?.reason).toBe('a change to patients by someone whose role (nurse) does not allow it');
    expect(status.waiting).toBe(0);
    const kept = await server.db.query<{ field: string; user_id: string; reason: string }>(`SELECT field, user_id, reason FROM refused_changes WHERE row_id = $1`, [patient.id]);
    expect(kept.rows.map((r) => r.field)).toContain('last_name');
    expect(kept.rows.every((r) => r.user_id === nurseId)).toBe(true);
    // The rest of the clinic's work still flows both ways.
    await a.ok('patients.update', { id: patient.id, fields: { ...validPatient, phone: '(312) 555-0199' } });
    await a.sync.round();
    await b.sync.round();
    expect((await b.ok('patients.get', { id: patient.id })).phone).toBe('+13125550199');
  });

  it('a change with no person behind it is refused for a patient chart', async () => {
    const { a, b, patient } = await clinicOfTwo();
    updateRow({ ...b.system, userId: null }, patients, patient.id, { firstName: 'Nobody' }, { what: 'This patient' });
    await b.sync.round();
    await a.sync.round();
    expect((await a.ok('patients.get', { id: patient.id })).firstName).toBe('Ana');
    expect((await b.ok('sync.status', {})).refused?.reason).toBe('a change to patients with no signed-in person behind it');
  });

  it('work done before an account was switched off still counts; work after it does not', async () => {
    const { a, b, patient, nurseId } = await clinicOfTwo();
    const signed = await b.invoke('auth.signIn', { username: 'nia', password: 'a long enough password' });
    const session = (signed as { ok: true; result: { session: string } }).result.session;
    // Offline on the laptop: a score before the administrator switches the account off...
    expect(await b.invoke('outcomes.recordScore', { patientId: patient.id, instrument: 'nrs', value: 7, timePoint: 'baseline', observedAt: Date.now() - 60_000 }, session)).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 5));
    const list = await a.ok('users.list', {});
    await a.ok('users.update', { id: nurseId, disabled: true, expectedVersion: list.find((u) => u.id === nurseId)!.version });
    await a.sync.round();
    await new Promise((r) => setTimeout(r, 5));
    // ...and one written behind the app after it (the laptop has not heard yet).
    updateRow({ ...b.system, userId: nurseId }, patients, patient.id, { email: 'after@example.com' }, { what: 'This patient' });
    await b.sync.round();
    await a.sync.round();
    const onA = await a.ok('scores.listForPatient', { patientId: patient.id });
    expect(onA.items.map((s) => s.value)).toContain(7);
    expect((await a.ok('patients.get', { id: patient.id })).email).toBe(validPatient.email);
    expect((await b.ok('sync.status', {})).refused?.reason).toBe('a change to patients by a switched-off account');
  });
});
