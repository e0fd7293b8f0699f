import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertRow } from '../../../src-main/backend/db/mutate';
import { LOCAL_TABLES, MOVED_TABLES, NOT_MOVED } from '../../../src-main/backend/patients/merge';
import { syncConflicts } from '../../../src-main/backend/sync/schema';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
const NOW = Date.parse('2026-11-27T15:30:00Z');
beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', { name: 'Lakeside Pain & Infusion', timeZone: 'America/Chicago', openingHours: [] });
});
afterEach(() => b.dispose());

const count = (sql: string, ...params: unknown[]) => b.store.sqlite.prepare(sql).pluck().get(...params) as number;

describe('patients.findLikelyDuplicates', () => {
  it('finds the same name and date of birth (accents and case aside), the same phone and the same MRN, each with why', async () => {
    const ana = await b.ok('patients.create', { ...validPatient, firstName: 'José', lastName: 'Peña', mrn: 'KC-1' });
    const sister = await b.ok('patients.create', { ...validPatient, firstName: 'Maria', lastName: 'Peña', dateOfBirth: '1990-01-02' });
    await b.ok('patients.create', { ...validPatient, firstName: 'Someone', lastName: 'Else', phone: '(312) 555-0999' });
    const { matches } = await b.ok('patients.findLikelyDuplicates', {
      firstName: ' jose ',
      lastName: 'PENA',
      dateOfBirth: validPatient.dateOfBirth,
      phone: '312.555.0147',
      mrn: 'kc-1',
    });
    expect(matches.map((m) => [m.id, m.reasons])).toEqual([
      [ana.id, ['name_dob', 'mrn', 'phone']],
      [sister.id, ['phone']],
    ]);
  });

  it('leaves out the record being edited and removed records', async () => {
    const ana = await b.ok('patients.create', validPatient);
    const gone = await b.ok('patients.create', { ...validPatient, confirmedNotDuplicate: true });
    await b.ok('patients.remove', { id: gone.id, expectedVersion: gone.version });
    const probe = { firstName: 'Ana', lastName: 'Ramirez', dateOfBirth: validPatient.dateOfBirth };
    expect((await b.ok('patients.findLikelyDuplicates', probe)).matches.map((m) => m.id)).toEqual([ana.id]);
    expect((await b.ok('patients.findLikelyDuplicates', { ...probe, excludeId: ana.id })).matches).toEqual([]);
    expect((await b.ok('patients.findLikelyDuplicates', {})).matches).toEqual([]);
  });
});

describe('patients.create and likely duplicates', () => {
  it('refuses the same name, date of birth and phone without a word from the person, naming the record, and saves nothing', async () => {
    const ana = await b.ok('patients.create', validPatient);
    const before = count(`SELECT count(*) FROM change_log`);
    const err = await b.fail('patients.create', { ...validPatient, firstName: 'ANA', email: null });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain(`Ana Ramirez, MRN ${ana.mrn}`);
    expect(err.message).toMatch(/confirm this is a different person/);
    expect(count(`SELECT count(*) FROM patients`)).toBe(1);
    expect(count(`SELECT count(*) FROM change_log`)).toBe(before);
  });

  it('saves a second record when the person confirmed it is a different patient', async () => {
    await b.ok('patients.create', validPatient);
    const twin = await b.ok('patients.create', { ...validPatient, confirmedNotDuplicate: true });
    expect(twin.mrn).toBe('000002');
  });

  it('does not block on a shared phone alone (a household shares one), though it is shown as a likely match', async () => {
    const ana = await b.ok('patients.create', validPatient);
    const luis = await b.ok('patients.create', { ...validPatient, firstName: 'Luis' });
    const { matches } = await b.ok('patients.findLikelyDuplicates', { firstName: 'Luis', lastName: 'Ramirez', dateOfBirth: validPatient.dateOfBirth, phone: validPatient.phone, excludeId: luis.id });
    expect(matches).toEqual([expect.objectContaining({ id: ana.id, reasons: ['phone'] })]);
  });
});

/** A row in `table` for the patient, with every required column given a placeholder (foreign keys off). */
function placeholderRow(table: string, patientId: string, deleted: boolean): string {
  const cols = b.store.sqlite.prepare(`SELECT name, type, "notnull" AS nn, dflt_value AS dflt, pk FROM pragma_table_info(?)`).all(table) as {
    name: string;
    type: string;
    nn: number;
    dflt: string | null;
    pk: number;
  }[];
  const values: Record<string, unknown> = {};
  for (const c of cols) {
    if (c.name === 'patient_id') values[c.name] = patientId;
    else if (c.name === 'id') values[c.name] = uuidv7();
    else if (c.name === 'deleted_at') values[c.name] = deleted ? NOW - 1000 : null;
    else if (c.pk && /INT/i.test(c.type)) continue;
    else if (c.nn && c.dflt === null) values[c.name] = /INT|REAL/i.test(c.type) ? 1 : '[]';
  }
  const names = Object.keys(values);
  b.store.sqlite.prepare(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...Object.values(values));
  return String(values.id);
}

describe('patients.merge moves everything', () => {
  it('knows every table of the store with a patient_id column (a new one fails here until the merge handles it)', () => {
    const withPatient = (b.store.sqlite
      .prepare(`SELECT m.name FROM sqlite_master m JOIN pragma_table_xinfo(m.name) c WHERE m.type = 'table' AND c.name = 'patient_id' ORDER BY m.name`)
      .pluck()
      .all() as string[]).filter((t) => !t.startsWith('sqlite_'));
    const handled = [...MOVED_TABLES.map((t) => t.name), ...LOCAL_TABLES.map((t) => t.name), ...Object.keys(NOT_MOVED)].sort();
    expect(handled).toEqual(withPatient);
    for (const why of Object.values(NOT_MOVED)) expect(why.length).toBeGreaterThan(20);
  });

  it('moves a live and a removed row of every table, each through the change log, in one merge', async () => {
    const keep = await b.ok('patients.create', validPatient);
    const gone = await b.ok('patients.create', { ...validPatient, phone: null, preferredContact: 'email', confirmedNotDuplicate: true });
    const tables = [...MOVED_TABLES.map((t) => t.name), ...LOCAL_TABLES.map((t) => t.name)];
    const made = new Map<string, string[]>();
    b.store.sqlite.pragma('foreign_keys = OFF');
    for (const t of tables) made.set(t, [placeholderRow(t, gone.id, false), placeholderRow(t, gone.id, true)]);
    b.store.sqlite.pragma('foreign_keys = ON');

    const preview = await b.ok('patients.mergePreview', { keepId: keep.id, mergeId: gone.id });
    expect(preview.total).toBe(tables.length * 2);
    expect(preview.moves.map((m) => m.table).sort()).toEqual([...tables].sort());

    const result = await b.ok('patients.merge', { keepId: keep.id, mergeId: gone.id });
    expect(result.total).toBe(tables.length * 2);
    for (const t of tables) {
      expect(count(`SELECT count(*) FROM "${t}" WHERE patient_id = ?`, gone.id), `${t} left behind`).toBe(0);
      expect(count(`SELECT count(*) FROM "${t}" WHERE patient_id = ?`, keep.id), `${t} moved`).toBe(2);
    }
    for (const t of MOVED_TABLES) {
      for (const id of made.get(t.name)!) {
        const logged = b.store.sqlite.prepare(`SELECT value FROM change_log WHERE table_name = ? AND row_id = ? AND field = 'patient_id'`).pluck().all(t.name, id);
        expect(logged, `${t.name} change logged for sync`).toEqual([JSON.stringify(keep.id)]);
      }
    }
    // The merged record stays, removed, with its pointer and the history of what moved.
    expect(count(`SELECT count(*) FROM patients WHERE id = ? AND deleted_at IS NOT NULL`, gone.id)).toBe(1);
    const history = b.store.sqlite.prepare(`SELECT * FROM patient_merges WHERE merged_patient_id = ?`).get(gone.id) as Record<string, string>;
    expect(history).toMatchObject({ kept_patient_id: keep.id, merged_at: NOW });
    expect(JSON.parse(history.moved!)).toEqual(Object.fromEntries(tables.map((t) => [t, 2])));
    expect(JSON.parse(history.moved_rows!).scores).toEqual(made.get('scores'));
    expect(history.merged_by).toBeTruthy();
    expect(count(`SELECT count(*) FROM change_log WHERE table_name = 'patient_merges'`)).toBeGreaterThan(0);
  });

  it('moves a coverage, removes the merged record with a "merged into" answer, records the audit event and closes the duplicate conflict', async () => {
    const payer = await b.ok('payers.create', { name: 'Blue Lake Health', payerCode: null });
    const keep = await b.ok('patients.create', validPatient);
    const dup = await b.ok('patients.create', { ...validPatient, confirmedNotDuplicate: true });
    const cov = await b.ok('patients.addCoverage', { patientId: dup.id, fields: { payerId: payer.id, memberId: 'M-77', priority: 'primary' } });
    const conflict = insertRow(b.asAdmin(), syncConflicts, {
      kind: 'duplicate_patient',
      subjectIds: [keep.id, dup.id].sort(),
      summary: 'Two records of one person?',
      startsAt: null,
      status: 'open',
      resolution: null,
      resolvedBy: null,
      resolvedAt: null,
    });

    await b.ok('patients.merge', { keepId: keep.id, mergeId: dup.id, conflictId: conflict.id });

    expect((await b.ok('patients.get', { id: keep.id })).coverages.map((c) => c.id)).toEqual([cov.id]);
    const err = await b.fail('patients.get', { id: dup.id });
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe(`This record was merged into Ana Ramirez (MRN ${keep.mrn}). Search for that patient to open the record.`);
    const c = b.store.sqlite.prepare(`SELECT status, resolution FROM sync_conflicts WHERE id = ?`).get(conflict.id) as { status: string; resolution: string };
    expect(c.status).toBe('resolved');
    expect(c.resolution).toContain(`Merged into Ana Ramirez (MRN ${keep.mrn})`);
    const audit = b.store.sqlite.prepare(`SELECT patient_id FROM audit_events WHERE body ->> '$.method' = 'patients.merge'`).pluck().all();
    expect(audit).toEqual([keep.id]);
    // Done once: the merged record cannot be merged again.
    expect((await b.fail('patients.merge', { keepId: keep.id, mergeId: dup.id })).code).toBe('NOT_FOUND');
  });

  it('refuses a record merged into itself, and anyone but an administrator, changing nothing', async () => {
    const keep = await b.ok('patients.create', validPatient);
    const dup = await b.ok('patients.create', { ...validPatient, confirmedNotDuplicate: true });
    expect(await b.fail('patients.merge', { keepId: keep.id, mergeId: keep.id })).toMatchObject({ code: 'VALIDATION', field: 'mergeId' });
    const desk = await b.signedInAs('front_desk');
    const r = await desk.invoke('patients.merge', { keepId: keep.id, mergeId: dup.id });
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
    expect(count(`SELECT count(*) FROM patients WHERE deleted_at IS NULL`)).toBe(2);
    expect(count(`SELECT count(*) FROM patient_merges`)).toBe(0);
  });
});
