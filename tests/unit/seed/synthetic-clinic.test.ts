import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../../src-main/backend/db/cipher';
import { TEST_STORE_KEY } from '../../support/temp-backend';
import { afterAll, describe, expect, it } from 'vitest';
import { clinicSettingsUpdate, payerFields, staffFields, suiteFields } from '../../../src-shared/api/schemas/clinic';
import { coverageFieldsSchema, patientFieldsSchema } from '../../../src-shared/api/schemas/patients';
import { normalizePhone } from '../../../src-shared/domain/contact';
import { ageOn } from '../../../src-shared/domain/dates';
import { parsePatientQuery } from '../../../src-main/backend/patients/search-query';
import { percentile, summarize } from '../../../scripts/lib/bench-kit';
import { buildQueryMix, QUERY_SHAPES } from '../../../scripts/lib/bench-patient-search';
import { rngFor, uuidV7 } from '../../../scripts/lib/prng';
import { seedClinic } from '../../../scripts/lib/seed-clinic';
import { generateClinic, MAX_AGE, MIN_AGE, SEED_REFERENCE_DATE } from '../../../scripts/lib/synthetic-clinic';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the synthetic clinic generator', () => {
  const first200 = (seed: number, patients = 1000) => [...generateClinic({ seed, patients }).patients(0, 200)];

  it('gives the same clinic for the same seed and size', () => {
    expect(first200(7)).toEqual(first200(7));
    const a = generateClinic({ seed: 7, patients: 1000 });
    const b = generateClinic({ seed: 7, patients: 1000 });
    expect({ ...a, patient: null, patients: null }).toEqual({ ...b, patient: null, patients: null });
  });

  it('gives a different clinic for a different seed', () => {
    const a = first200(7);
    const b = first200(8);
    const same = a.filter((p, i) => p.fields.lastName === b[i]!.fields.lastName && p.fields.dateOfBirth === b[i]!.fields.dateOfBirth);
    expect(same.length).toBeLessThan(10);
    expect(generateClinic({ seed: 7, patients: 10 }).staff).not.toEqual(generateClinic({ seed: 8, patients: 10 }).staff);
  });

  it('makes patient i the same whether generated alone or in sequence', () => {
    const clinic = generateClinic({ seed: 3, patients: 500 });
    const all = [...clinic.patients()];
    expect(clinic.patient(321)).toEqual(all[321]);
  });

  it('generates only what the API would accept, unchanged by its validation', () => {
    const clinic = generateClinic({ seed: 11, patients: 3000 });
    expect(clinicSettingsUpdate.parse(clinic.settings)).toEqual(clinic.settings);
    for (const s of clinic.suites) {
      // The API numbers suites itself; the seed sets sortOrder directly.
      const { sortOrder: _sortOrder, ...fields } = s.fields;
      expect(suiteFields.parse(fields)).toEqual(fields);
    }
    for (const s of clinic.staff) expect(staffFields.parse(s.fields)).toEqual(s.fields);
    for (const p of clinic.payers) expect(payerFields.parse(p.fields)).toEqual(p.fields);

    const ids = new Set<string>();
    const mrns = new Set<string>();
    for (const p of clinic.patients()) {
      const parsed = patientFieldsSchema.safeParse(p.fields);
      if (!parsed.success) throw new Error(`patient ${p.index}: ${JSON.stringify(parsed.error.issues)}`);
      // Already in stored form: E.164 phones, lower-case e-mail, trimmed text.
      expect(parsed.data).toEqual(p.fields);
      for (const phone of [p.fields.phone, p.fields.emergencyContactPhone, p.fields.referringProviderPhone]) {
        if (phone) {
          expect(normalizePhone(phone)).toBe(phone);
          expect(phone).toMatch(/^\+1(312|773|630|847)555\d{4}$/);
        }
      }
      if (p.fields.email) expect(p.fields.email).toMatch(/@example\.(com|org)$/);
      expect(p.id).toMatch(UUID_V7);
      ids.add(p.id);
      mrns.add(p.fields.mrn);
      for (const c of p.coverages) {
        expect(coverageFieldsSchema.parse(c.fields)).toEqual(c.fields);
        expect(clinic.payers.map((x) => x.id)).toContain(c.fields.payerId);
        expect(c.id).toMatch(UUID_V7);
        ids.add(c.id);
      }
    }
    expect(mrns.size).toBe(3000);
    expect([...mrns][0]).toBe('000001');
    expect(ids.size).toBe(3000 + [...clinic.patients()].reduce((n, p) => n + p.coverages.length, 0));
  });

  it('draws ages and sexes like a chronic-pain clinic', () => {
    const patients = [...generateClinic({ seed: 5, patients: 4000 }).patients()];
    const ages = patients.map((p) => ageOn(p.fields.dateOfBirth, SEED_REFERENCE_DATE));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(MIN_AGE);
    expect(Math.max(...ages)).toBeLessThanOrEqual(MAX_AGE);
    const mean = summarize(ages).mean;
    expect(mean).toBeGreaterThan(46);
    expect(mean).toBeLessThan(54);
    const women = patients.filter((p) => p.fields.sex === 'female').length / patients.length;
    expect(women).toBeGreaterThan(0.6);
    expect(women).toBeLessThan(0.7);
    const primary = patients.filter((p) => p.coverages.some((c) => c.fields.priority === 'primary')).length / patients.length;
    const secondary = patients.filter((p) => p.coverages.some((c) => c.fields.priority === 'secondary')).length / patients.length;
    expect(primary).toBeGreaterThan(0.87);
    expect(primary).toBeLessThan(0.93);
    expect(secondary).toBeGreaterThan(0.2);
    expect(secondary).toBeLessThan(0.3);
    // Names worth searching for are there: hyphens and accents.
    expect(patients.some((p) => p.fields.lastName.includes('-'))).toBe(true);
    expect(patients.some((p) => /[^\p{ASCII}]/u.test(p.fields.lastName + p.fields.firstName))).toBe(true);
  });
});

describe('prng and bench helpers', () => {
  it('keys streams by seed and keys', () => {
    const draw = (seed: number, key: number) => Array.from({ length: 4 }, ((r) => () => r.nextUint32())(rngFor(seed, 'k', key)));
    expect(draw(1, 2)).toEqual(draw(1, 2));
    expect(draw(1, 2)).not.toEqual(draw(1, 3));
    expect(draw(1, 2)).not.toEqual(draw(2, 2));
    expect(uuidV7(Date.UTC(2026, 0, 1), rngFor(1))).toMatch(UUID_V7);
  });

  it('interpolates percentiles', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(xs, 50)).toBe(5.5);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile(xs, 100)).toBe(10);
    expect(percentile([4], 95)).toBe(4);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('the patient search benchmark query mix', () => {
  const sample = [...generateClinic({ seed: 1, patients: 2000 }).patients()].map((p) => ({ id: p.id, ...p.fields }));

  it('is fixed for a seed and exercises the search branch each shape names', () => {
    const mix = buildQueryMix(sample, 1, 20);
    expect(buildQueryMix(sample, 1, 20)).toEqual(mix);
    expect(buildQueryMix(sample, 2, 20)).not.toEqual(mix);
    expect(new Set(mix.map((q) => q.shape))).toEqual(new Set(QUERY_SHAPES.map((s) => s.name)));
    for (const { shape, q } of mix) {
      const parsed = parsePatientQuery(q);
      if (shape.startsWith('surname')) expect(parsed.names).toHaveLength(1);
      if (shape === 'first + last prefixes' || shape === 'full name') expect(parsed.names.length).toBeGreaterThanOrEqual(2);
      if (shape.startsWith('surname') || shape.includes('name')) expect(parsed.digits ?? parsed.dateOfBirth).toBeNull();
      if (shape === 'date of birth MM/DD/YYYY') expect(parsed.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (shape === 'MRN') expect(parsed.digits).toMatch(/^\d{6}$/);
      if (shape === 'phone, last 4') expect(parsed.digits).toMatch(/^\d{4}$/);
      if (shape === 'phone, full') expect(parsed.digits).toMatch(/^\d{10}$/);
    }
  });
});

describe('seeding a store', () => {
  const dirs: string[] = [];
  const temp = () => {
    const d = mkdtempSync(join(tmpdir(), 'desk-seed-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('writes patients, coverages and their change log through the mutation helper, the same every time', async () => {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const dir = temp();
      const report = await seedClinic({ dataDir: dir, patients: 300, seed: 42, batchSize: 100, log: () => {} });
      expect(report.patients).toBe(300);
      const db = openSqlite(report.file, { key: TEST_STORE_KEY, readonly: true });
      try {
        const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
        expect(one(`SELECT count(*) AS n FROM patients WHERE deleted_at IS NULL`)).toBe(300);
        const coverageCount = one(`SELECT count(*) AS n FROM coverages`);
        expect(coverageCount).toBe(report.coverages);
        expect(coverageCount).toBeGreaterThan(250);
        // Every coverage points at an existing payer and patient.
        expect(one(`SELECT count(*) AS n FROM coverages c JOIN payers p ON p.id = c.payer_id JOIN patients x ON x.id = c.patient_id`)).toBe(coverageCount);
        expect(one(`SELECT count(*) AS n FROM payers`)).toBe(10);
        expect(one(`SELECT count(*) AS n FROM suites`)).toBe(8);
        expect(one(`SELECT count(*) AS n FROM staff`)).toBe(17);
        // The change log has every patient and coverage, field by field.
        expect(one(`SELECT count(DISTINCT row_id) AS n FROM change_log WHERE table_name = 'patients'`)).toBe(300);
        expect(one(`SELECT count(DISTINCT row_id) AS n FROM change_log WHERE table_name = 'coverages'`)).toBe(coverageCount);
        expect(one(`SELECT count(*) AS n FROM change_log WHERE table_name = 'patients' AND field = 'last_name'`)).toBe(300);
        expect(one(`SELECT count(*) AS n FROM field_clocks WHERE table_name = 'patients' AND field = 'mrn'`)).toBe(300);
        const settings = db.prepare(`SELECT name, time_zone AS timeZone FROM clinic_settings`).all();
        expect(settings).toEqual([{ name: 'Lakeside Pain & Infusion Center', timeZone: 'America/Chicago' }]);
        runs.push({
          patients: db.prepare(`SELECT * FROM patients ORDER BY id`).all(),
          coverages: db.prepare(`SELECT * FROM coverages ORDER BY id`).all(),
        });
      } finally {
        db.close();
      }
    }
    expect(runs[0]).toEqual(runs[1]);
  });

  it('starts from a fresh database when the folder already has one', async () => {
    const dir = temp();
    const lines: string[] = [];
    await seedClinic({ dataDir: dir, patients: 20, seed: 1, log: (l) => lines.push(l) });
    const report = await seedClinic({ dataDir: dir, patients: 10, seed: 1, log: (l) => lines.push(l) });
    expect(lines.some((l) => l.startsWith('Deleting the existing clinic database'))).toBe(true);
    const db = openSqlite(report.file, { key: TEST_STORE_KEY, readonly: true });
    try {
      expect((db.prepare(`SELECT count(*) AS n FROM patients`).get() as { n: number }).n).toBe(10);
    } finally {
      db.close();
    }
  });
});
