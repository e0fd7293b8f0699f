import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { insertRow, softDeleteRow, updateRow, type WriteContext } from '../../../src-main/backend/db/mutate';
import { coverages, patients } from '../../../src-main/backend/patients/schema';
import { HybridLogicalClock, parseHlc } from '../../../src-shared/hlc';
import { tempBackend, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
afterEach(() => b?.dispose());

function writeContext(backend: TestBackend, now = () => Date.parse('2026-11-26T15:00:00Z')): WriteContext {
  return {
    db: backend.store.db,
    sqlite: backend.store.sqlite,
    clock: new HybridLogicalClock({ node: '00000000000000aa', now }),
    userId: 'test-user',
    now,
  };
}

const logFor = (backend: TestBackend, rowId: string) =>
  backend.store.sqlite
    .prepare(`SELECT table_name, field, value, hlc, op_id, user_id FROM change_log WHERE row_id = ? ORDER BY seq`)
    .all(rowId) as { table_name: string; field: string; value: string | null; hlc: string; op_id: string; user_id: string }[];

const patientFields = {
  firstName: 'Ana',
  lastName: 'Ramirez',
  dateOfBirth: '1984-03-07',
  sex: 'female' as const,
  preferredContact: 'none' as const,
  mrn: '000042',
  firstNameKey: 'ana',
  lastNameKey: 'ramirez',
};

describe('the one write path', () => {
  it('writes the row and logs every field, and when it was created, with one HLC timestamp and op id', () => {
    b = tempBackend();
    const w = writeContext(b);
    const row = insertRow(w, patients, patientFields);
    expect(row.version).toBe(1);
    const log = logFor(b, row.id);
    expect(log.map((l) => l.field).sort()).toEqual(
      ['created_at', 'date_of_birth', 'first_name', 'first_name_key', 'last_name', 'last_name_key', 'mrn', 'preferred_contact', 'sex'].sort(),
    );
    // created_at travels with the row, so every device lists rows in the same order.
    expect(JSON.parse(log.find((l) => l.field === 'created_at')!.value!)).toBe(row.createdAt);
    expect(new Set(log.map((l) => l.hlc)).size).toBe(1);
    expect(new Set(log.map((l) => l.op_id)).size).toBe(1);
    expect(log.every((l) => l.table_name === 'patients' && l.user_id === 'test-user')).toBe(true);
    expect(JSON.parse(log.find((l) => l.field === 'last_name')!.value!)).toBe('Ramirez');
    expect(parseHlc(log[0]!.hlc).node).toBe('00000000000000aa');
  });

  it('an update logs only the fields that changed, bumps the version and the field clock', () => {
    b = tempBackend();
    const w = writeContext(b);
    const row = insertRow(w, patients, patientFields);
    const firstHlc = logFor(b, row.id)[0]!.hlc;
    const updated = updateRow(w, patients, row.id, { ...patientFields, lastName: 'Ramírez-Soto' }, { what: 'This patient', expectedVersion: 1 });
    expect(updated.version).toBe(2);
    expect(updated.lastName).toBe('Ramírez-Soto');
    const log = logFor(b, row.id);
    const second = log.slice(9);
    expect(second.map((l) => l.field)).toEqual(['last_name']);
    expect(second[0]!.hlc > firstHlc).toBe(true);
    const clocks = b.store.sqlite
      .prepare(`SELECT field, hlc FROM field_clocks WHERE row_id = ?`)
      .all(row.id) as { field: string; hlc: string }[];
    expect(clocks.find((c) => c.field === 'last_name')!.hlc).toBe(second[0]!.hlc);
    expect(clocks.find((c) => c.field === 'first_name')!.hlc).toBe(firstHlc);
  });

  it('an update that changes nothing writes nothing', () => {
    b = tempBackend();
    const w = writeContext(b);
    const row = insertRow(w, patients, patientFields);
    const same = updateRow(w, patients, row.id, patientFields, { what: 'This patient' });
    expect(same.version).toBe(1);
    expect(logFor(b, row.id)).toHaveLength(9);
  });

  it('a stale version is a CONFLICT and changes nothing', () => {
    b = tempBackend();
    const w = writeContext(b);
    const row = insertRow(w, patients, patientFields);
    updateRow(w, patients, row.id, { firstName: 'Anna' }, { what: 'This patient', expectedVersion: 1 });
    expect(() => updateRow(w, patients, row.id, { firstName: 'Ann' }, { what: 'This patient', expectedVersion: 1 })).toThrow(
      /changed by someone else/,
    );
    expect(b.store.db.select().from(patients).where(eq(patients.id, row.id)).get()!.firstName).toBe('Anna');
    expect(logFor(b, row.id)).toHaveLength(10);
  });

  it('a failing write leaves neither the row nor its change log (foreign key)', () => {
    b = tempBackend();
    const w = writeContext(b);
    const before = (b.store.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    expect(() =>
      insertRow(w, coverages, {
        patientId: '01900000-0000-7000-8000-000000000000',
        payerId: '01900000-0000-7000-8000-000000000001',
        memberId: 'X1',
        priority: 'primary',
      }),
    ).toThrow(/FOREIGN KEY/);
    expect((b.store.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBe(before);
    expect(b.store.db.select().from(coverages).all()).toHaveLength(0);
  });

  it('a failing change-log write rolls the row back too', () => {
    b = tempBackend();
    const w = writeContext(b);
    // Make the change log refuse writes: the row insert that precedes it must not survive.
    b.store.sqlite.exec(
      `CREATE TRIGGER refuse_log BEFORE INSERT ON change_log BEGIN SELECT RAISE(ABORT, 'log refused'); END`,
    );
    expect(() => insertRow(w, patients, patientFields)).toThrow(/log refused/);
    expect(b.store.db.select().from(patients).where(eq(patients.mrn, '000042')).all()).toHaveLength(0);
  });

  it('soft delete keeps the row, sets deletedAt and logs it', () => {
    b = tempBackend();
    const w = writeContext(b);
    const row = insertRow(w, patients, patientFields);
    softDeleteRow(w, patients, row.id, { what: 'This patient' });
    const stored = b.store.db.select().from(patients).where(eq(patients.id, row.id)).get()!;
    expect(stored.deletedAt).toBe(Date.parse('2026-11-26T15:00:00Z'));
    expect(logFor(b, row.id).at(-1)!.field).toBe('deleted_at');
    expect(() => updateRow(w, patients, row.id, { firstName: 'X' }, { what: 'This patient' })).toThrow(/not found/);
  });

  it('ids are UUIDv7 and sort by creation time', () => {
    b = tempBackend();
    const w = writeContext(b);
    const ids = Array.from({ length: 20 }, (_, i) => insertRow(w, patients, { ...patientFields, mrn: `M${i}` }).id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });
});
