/**
 * What the audit trail records, through the API as the app calls it: a row for each kind of
 * read (chart, chart parts, documents, prior records, searches), each export and PDF, each
 * change, users administration and sign-in events — with who, which patient (id), which
 * record or document (id), when and where, and never the patient's name, date of birth or a
 * typed password.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runtimeFor } from '../../../src-main/backend/records/runtime';
import type { AuditEvent, AuditKind } from '../../../src-shared/api/methods/audit';
import { tempBackend, tempDir, validPatient, type TestBackend } from '../../support/temp-backend';
import { waitFor } from '../records/fixtures';

const open: TestBackend[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) {
    await runtimeFor(b.store.sqlite)?.close();
    b.dispose();
  }
});

function backend(opts: Parameters<typeof tempBackend>[0] = {}): TestBackend {
  const b = tempBackend({ sync: { autoStart: false }, records: { progressThrottleMs: 20, rescanIntervalMs: 60_000 }, ...opts });
  open.push(b);
  return b;
}

/** Every audit row, oldest first. */
async function events(b: TestBackend): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await b.ok('audit.list', { limit: 200, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out.reverse();
}

/** What the chart calls as it opens, besides patients.get. */
const CHART_PARTS = (patientId: string) =>
  [
    ['intake.get', { patientId }],
    ['outcomes.patientSummary', { patientId }],
    ['series.listForPatient', { patientId }],
    ['scores.listForPatient', { patientId }],
    ['documents.listForPatient', { patientId }],
    ['records.listForPatient', { patientId }],
    ['consultations.listForPatient', { patientId }],
    ['authorizations.listForPatient', { patientId }],
  ] as const;

const lastOf = async (b: TestBackend, kind?: AuditKind) => {
  const all = await events(b);
  const found = kind ? all.filter((e) => e.kind === kind) : all;
  return found[found.length - 1];
};

/** Everything of the trail as stored: the rows and what the change log sends to other computers. */
function storedText(b: TestBackend): string {
  const rows = b.store.sqlite.prepare(`SELECT * FROM audit_events`).all();
  const log = b.store.sqlite.prepare(`SELECT * FROM change_log WHERE table_name = 'audit_events'`).all();
  return JSON.stringify([rows, log]);
}

describe('reads of a patient’s data', () => {
  it('records the chart opened, with the patient’s id and who read it, and the parts of the chart read with it in one row', async () => {
    const b = backend();
    const p = await b.ok('patients.create', validPatient);
    await b.ok('patients.get', { id: p.id });
    expect(await lastOf(b)).toMatchObject({
      kind: 'chartOpened',
      method: 'patients.get',
      patientId: p.id,
      patientName: 'Ramirez, Ana',
      userName: 'Clinic administrator',
      role: 'admin',
      thisDevice: true,
    });
    const before = (await events(b)).length;
    for (const [method, input] of CHART_PARTS(p.id)) await b.ok(method, input as never);
    expect((await events(b)).length, 'the chart’s parts read as it opens are covered by "Chart opened"').toBe(before);
  });

  it('records each part of a chart read on its own (from another screen), once per look', async () => {
    let t = Date.parse('2026-12-01T15:00:00Z');
    const b = backend({ now: () => t });
    const p = await b.ok('patients.create', validPatient);
    for (const [method, input] of CHART_PARTS(p.id)) {
      t += 5 * 60_000;
      await b.ok(method, input as never);
      expect(await lastOf(b), method).toMatchObject({ kind: 'patientRead', method, patientId: p.id, at: t });
    }
    const before = (await events(b)).length;
    await b.ok('intake.get', { patientId: p.id });
    expect((await events(b)).length).toBe(before);
  });

  it('records a signed-in person as themselves, with their role', async () => {
    const b = backend();
    const p = await b.ok('patients.create', validPatient);
    const carla = await b.signedInAs('front_desk', 'Carla Mendes');
    const r = await carla.invoke('patients.get', { id: p.id });
    expect(r.ok).toBe(true);
    expect(await lastOf(b, 'chartOpened')).toMatchObject({ userId: carla.userId, userName: 'Carla Mendes', role: 'front_desk', patientId: p.id });
  });

  it('does not write the same read by the same person again within five minutes (screens re-read on every change)', async () => {
    let t = Date.parse('2026-12-01T15:00:00Z');
    const b = backend({ now: () => t });
    const p = await b.ok('patients.create', validPatient);
    const other = await b.ok('patients.create', { ...validPatient, firstName: 'Luis', lastName: 'Ramos', email: 'luis@example.com' });
    const opened = async () => (await events(b)).filter((e) => e.kind === 'chartOpened').length;
    await b.ok('patients.get', { id: p.id });
    await b.ok('patients.get', { id: p.id });
    expect(await opened()).toBe(1);
    await b.ok('patients.get', { id: other.id });
    expect(await opened()).toBe(2);
    t += 4 * 60_000;
    await b.ok('patients.get', { id: p.id });
    expect(await opened()).toBe(2);
    t += 60_000 + 1;
    await b.ok('patients.get', { id: p.id });
    expect(await opened()).toBe(3);
    // Changes are always written.
    await b.ok('patients.update', { id: p.id, fields: { ...validPatient, phone: '(312) 555-0199' } });
    await b.ok('patients.update', { id: p.id, fields: { ...validPatient, phone: '(312) 555-0198' } });
    expect((await events(b)).filter((e) => e.method === 'patients.update')).toHaveLength(2);
  });

  it('records a generated PDF and opening it, with the document’s id', async () => {
    const b = backend();
    const p = await b.ok('patients.create', validPatient);
    const doc = await b.ok('documents.generateIntakeSummary', { patientId: p.id });
    expect(await lastOf(b)).toMatchObject({ kind: 'documentGenerated', method: 'documents.generateIntakeSummary', patientId: p.id, subjectId: doc.id });
    await b.ok('documents.read', { id: doc.id });
    expect(await lastOf(b)).toMatchObject({ kind: 'documentOpened', method: 'documents.read', patientId: p.id, subjectId: doc.id });
  });

  it('records exports: one patient’s, and the whole clinic’s (no patient)', async () => {
    const b = backend();
    const p = await b.ok('patients.create', validPatient);
    await b.ok('outcomes.exportCsv', { patientId: p.id });
    expect(await lastOf(b)).toMatchObject({ kind: 'export', method: 'outcomes.exportCsv', patientId: p.id });
    await b.ok('outcomes.exportFhir', {});
    expect(await lastOf(b)).toMatchObject({ kind: 'export', method: 'outcomes.exportFhir', patientId: null });
    await b.ok('audit.exportCsv', { patientId: p.id });
    expect(await lastOf(b)).toMatchObject({ kind: 'export', method: 'audit.exportCsv', patientId: p.id });
  });

  it('records a prior record opened (preview and file) with the record’s and the patient’s ids, and a records search without its words', async () => {
    const b = backend();
    const p = await b.ok('patients.create', validPatient);
    const folder = tempDir('audit-records-');
    await b.ok('records.folders.add', { path: folder, stabilitySeconds: 0.2 });
    writeFileSync(join(folder, 'referral.txt'), `Referral letter\nPatient: Ana Ramirez\nDOB: 03/07/1984\nMRN: ${p.mrn}\nReason for referral: CRPS of the left arm.`);
    const id = await waitFor(
      async () => (b.store.sqlite.prepare(`SELECT id FROM record_files WHERE status = 'indexed' AND patient_id IS NOT NULL`).pluck().get() as string | undefined),
      'the record to be read and matched',
    );
    await b.ok('records.get', { id });
    expect(await lastOf(b)).toMatchObject({ kind: 'recordOpened', method: 'records.get', patientId: p.id, subjectId: id });
    await b.ok('records.open', { id });
    expect(await lastOf(b)).toMatchObject({ kind: 'recordOpened', method: 'records.open', patientId: p.id, subjectId: id });
    await b.ok('records.search', { q: 'CRPS left arm' });
    expect(await lastOf(b)).toMatchObject({ kind: 'search', method: 'records.search', patientId: null });
    expect(storedText(b)).not.toMatch(/CRPS|left arm/);
  });
});

describe('changes', () => {
  it('records each change with the patient it was about and the row changed, also a removal (patient from the row)', async () => {
    const b = backend();
    const p = await b.ok('patients.create', validPatient);
    expect(await lastOf(b)).toMatchObject({ kind: 'change', method: 'patients.create', patientId: p.id });
    const dx = await b.ok('intake.addDiagnosis', { patientId: p.id, fields: { code: 'G90.512' } });
    expect(await lastOf(b)).toMatchObject({ kind: 'change', method: 'intake.addDiagnosis', patientId: p.id, subjectId: dx.id });
    await b.ok('intake.updateDiagnosis', { id: dx.id, fields: { code: 'G90.512', note: 'left arm' } });
    expect(await lastOf(b)).toMatchObject({ kind: 'change', method: 'intake.updateDiagnosis', patientId: p.id, subjectId: dx.id });
    await b.ok('intake.removeDiagnosis', { id: dx.id });
    expect(await lastOf(b)).toMatchObject({ kind: 'change', method: 'intake.removeDiagnosis', patientId: p.id, subjectId: dx.id });
    const settings = await b.ok('settings.get', {});
    await b.ok('settings.update', { name: 'Sunrise Pain Clinic', timeZone: settings.timeZone, openingHours: settings.openingHours });
    expect(await lastOf(b)).toMatchObject({ kind: 'change', method: 'settings.update', patientId: null });
  });

  it('credits the first administrator’s set-up (made before anyone is signed in) to them', async () => {
    const b = backend();
    // As the window sends it: a session token that is no sign-in (nobody is signed in yet).
    const r = await b.invoke('auth.setup', { displayName: 'Eve Admin', username: 'eve', password: 'a long enough password' }, 'not-signed-in');
    expect(r.ok).toBe(true);
    const setup = (await events(b)).find((e) => e.method === 'auth.setup');
    expect(setup).toMatchObject({ kind: 'userAdmin', userName: 'Eve Admin', role: 'admin', subjectName: 'Eve Admin' });
    expect(await lastOf(b, 'signIn')).toMatchObject({ userName: 'Eve Admin' });
  });

  it('records users administration with the account changed', async () => {
    const b = backend();
    const created = await b.ok('users.create', { displayName: 'Nia Okafor', username: 'nia', role: 'nurse', password: 'a long enough password' });
    expect(await lastOf(b)).toMatchObject({ kind: 'userAdmin', method: 'users.create', subjectId: created.id, subjectName: 'Nia Okafor', userName: 'Clinic administrator' });
    await b.ok('users.resetPassword', { id: created.id, password: 'another long password' });
    expect(await lastOf(b)).toMatchObject({ kind: 'userAdmin', method: 'users.resetPassword', subjectId: created.id });
    // Recorded once, by the dispatcher's hook (the handlers' own "userChanged" report adds nothing).
    expect((await events(b)).filter((e) => e.kind === 'userAdmin')).toHaveLength(2);
    expect(storedText(b)).not.toContain('long enough password');
  });
});

describe('sign-in events', () => {
  it('records sign-in, a failed sign-in (the name typed, never the password), lock, unlock and sign-out', async () => {
    const b = backend();
    const nia = await b.signedInAs('nurse', 'Nia Okafor');
    expect(await lastOf(b, 'signIn')).toMatchObject({ userId: nia.userId, userName: 'Nia Okafor', role: 'nurse', subjectId: nia.userId });

    const wrong = await b.invoke('auth.signIn', { username: nia.username, password: 'not-the-password-123' });
    expect(wrong.ok).toBe(false);
    expect(await lastOf(b, 'signInFailed')).toMatchObject({ userId: null, userName: nia.username, role: null, subjectId: nia.userId });
    await b.invoke('auth.signIn', { username: 'nobody-here', password: 'guess-guess-guess' });
    expect(await lastOf(b, 'signInFailed')).toMatchObject({ userId: null, userName: 'nobody-here', subjectId: null });

    expect((await nia.invoke('auth.lock', {})).ok).toBe(true);
    expect(await lastOf(b, 'lock')).toMatchObject({ userId: nia.userId });
    expect((await nia.invoke('auth.unlock', { password: nia.password })).ok).toBe(true);
    expect(await lastOf(b, 'unlock')).toMatchObject({ userId: nia.userId });
    expect((await nia.invoke('auth.signOut', {})).ok).toBe(true);
    expect(await lastOf(b, 'signOut')).toMatchObject({ userId: nia.userId, userName: 'Nia Okafor' });

    const text = storedText(b);
    expect(text).not.toContain('not-the-password-123');
    expect(text).not.toContain('guess-guess-guess');
    expect(text).not.toContain(nia.password);
  });
});

describe('no patient data in the trail', () => {
  it('holds ids only: no name, date of birth, phone, e-mail or MRN in the rows or in what they send', async () => {
    const b = backend();
    const p = await b.ok('patients.create', validPatient);
    await b.ok('patients.get', { id: p.id });
    await b.ok('intake.get', { patientId: p.id });
    await b.ok('intake.addDiagnosis', { patientId: p.id, fields: { code: 'G90.512', note: 'Ramirez reports burning pain' } });
    await b.ok('documents.generateIntakeSummary', { patientId: p.id });
    await b.ok('outcomes.exportCsv', { patientId: p.id });
    const text = storedText(b);
    expect((await events(b)).length).toBeGreaterThanOrEqual(5);
    for (const data of ['Ramirez', 'Ana', '1984-03-07', '03/07/1984', '555-0147', '5550147', 'ana.ramirez@example.com', 'burning pain']) {
      expect(text, data).not.toContain(data);
    }
    expect(text).not.toContain(`"${p.mrn}"`);
  });
});

describe('audit.list, audit.exportCsv and audit.users', () => {
  it('filters by patient, person, kind and dates, newest first, in pages', async () => {
    let t = Date.parse('2026-12-01T15:00:00Z');
    const b = backend({ now: () => t });
    const ana = await b.ok('patients.create', validPatient);
    const luis = await b.ok('patients.create', { ...validPatient, firstName: 'Luis', lastName: 'Ramos', email: 'luis@example.com' });
    const carla = await b.signedInAs('front_desk', 'Carla Mendes');
    for (let i = 0; i < 7; i++) {
      t += 10 * 60_000;
      await carla.invoke('patients.get', { id: i % 2 ? luis.id : ana.id });
    }
    t = Date.parse('2026-12-03T15:00:00Z');
    await b.ok('patients.get', { id: ana.id });

    const anas = await b.ok('audit.list', { patientId: ana.id, kinds: ['chartOpened'] });
    expect(anas.items.map((e) => e.patientName)).toEqual(Array(5).fill('Ramirez, Ana'));
    expect(anas.items.map((e) => e.at)).toEqual([...anas.items.map((e) => e.at)].sort((x, y) => y - x));
    const carlas = await b.ok('audit.list', { userId: carla.userId, kinds: ['chartOpened'] });
    expect(carlas.items).toHaveLength(7);
    expect(new Set(carlas.items.map((e) => e.userName))).toEqual(new Set(['Carla Mendes']));
    const third = await b.ok('audit.list', { from: '2026-12-03', to: '2026-12-03' });
    expect(third.items.map((e) => [e.kind, e.patientId])).toEqual([['chartOpened', ana.id]]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await b.ok('audit.list', { kinds: ['chartOpened'], limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect((await b.fail('audit.list', { cursor: 'not-a-cursor' })).code).toBe('VALIDATION');
    expect((await b.fail('audit.list', { from: '2026-12-03', to: '2026-12-01' })).field).toBe('to');

    const people = await b.ok('audit.users', {});
    expect(people.map((u) => u.displayName)).toContain('Carla Mendes');
  });

  it('exports the same filters as CSV with a header row, names looked up, no clinical data', async () => {
    const b = backend();
    const ana = await b.ok('patients.create', validPatient);
    await b.ok('patients.get', { id: ana.id });
    await b.ok('intake.addDiagnosis', { patientId: ana.id, fields: { code: 'G90.512' } });
    const csv = await b.ok('audit.exportCsv', { patientId: ana.id });
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('at_utc,at_clinic_local,kind,what,method,user_id,user_name,role,patient_id,patient_name,subject_id,subject_name,computer,computer_id,seq');
    expect(lines).toHaveLength(4); // header, the diagnosis, the chart, the patient created
    expect(csv.count).toBe(3);
    expect(lines[1]).toContain(',change,Change,intake.addDiagnosis,');
    expect(lines[2]).toContain(',chartOpened,Chart opened,patients.get,');
    expect(lines[2]).toContain('"Ramirez, Ana"');
    expect(lines[2]).toContain('This computer');
    expect(csv.text).not.toContain('G90.512');
    expect(csv.fileName).toMatch(/^audit-trail-patient-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('is for people whose role may read the audit trail only', async () => {
    const b = backend();
    const carla = await b.signedInAs('front_desk');
    for (const m of ['audit.list', 'audit.exportCsv', 'audit.status', 'audit.users'] as const) {
      const r = await carla.invoke(m, {});
      expect(r.ok ? 'allowed' : r.error.code, m).toBe('FORBIDDEN');
    }
  });
});
