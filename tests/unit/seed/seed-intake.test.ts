import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../../src-main/backend/db/cipher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  budapestFieldsSchema,
  diagnosisFieldsSchema,
  INSTRUMENTS,
  medicationFieldsSchema,
  scoreInputSchema,
  screeningInputSchema,
  treatmentFieldsSchema,
  type ScoreInstrument,
} from '../../../src-shared/api/schemas/intake';
import { intakeResources } from '../../../src-main/backend/intake/resources';
import { interactionFlags } from '../../../src-main/backend/intake/rules/interactions';
import { firstUnanswered } from '../../../src-main/backend/intake/rules/screening';
import { RECENT_PATIENT_DAYS } from '../../../src-main/backend/intake/worklist';
import { seedClinic } from '../../../scripts/lib/seed-clinic';
import { INTAKE_SHARE, intakeGenerator, rowCount, type PatientIntake } from '../../../scripts/lib/seed-intake';
import { generateClinic, SEED_REFERENCE_DATE, SEED_REFERENCE_INSTANT, type PatientSeed } from '../../../scripts/lib/synthetic-clinic';
import { TEST_STORE_KEY, tempBackend, type TestBackend } from '../../support/temp-backend';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DAY = 86_400_000;
const res = intakeResources();
const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);

function generate(seed: number, patients: number) {
  const clinic = generateClinic({ seed, patients });
  const gen = intakeGenerator({ seed, clinic });
  const all = [...clinic.patients()].map((p) => ({ p, intake: gen.forPatient(p) }));
  return { clinic, gen, all, intakes: all.filter((x): x is { p: PatientSeed; intake: PatientIntake } => x.intake !== null) };
}

describe('the intake generator', () => {
  it('gives the same rows for the same seed, whatever else is generated, and other rows for another seed', () => {
    const a = generate(7, 1500);
    const b = generate(7, 1500);
    expect(b.all.map((x) => x.intake)).toEqual(a.all.map((x) => x.intake));
    // Patient i's intake depends only on the seed and the patient.
    const p = a.clinic.patient(1234);
    expect(intakeGenerator({ seed: 7, clinic: a.clinic }).forPatient(p)).toEqual(a.all[1234]!.intake);
    const c = generate(8, 1500);
    const sameCodes = a.intakes.filter((x, i) => c.intakes[i] && x.intake.diagnoses[0]!.fields.code === c.intakes[i]!.intake.diagnoses[0]!.fields.code);
    expect(sameCodes.length).toBeLessThan(a.intakes.length / 2);
  });

  it('makes only rows the app itself would accept', () => {
    const { clinic, all, intakes } = generate(11, 3000);
    const today = SEED_REFERENCE_DATE;
    const physicians = new Map(clinic.staff.filter((s) => s.fields.role === 'physician').map((s) => [s.id, s.fields.name]));
    const staffNames = new Set(clinic.staff.map((s) => s.fields.name));
    const ids = new Set<string>();
    let rows = 0;
    for (const { p, intake } of intakes) {
      const dob = p.fields.dateOfBirth;
      const pastDate = (d: string | null | undefined) => {
        if (d == null) return;
        expect(d >= dob && d <= today, `${d} for a patient born ${dob}`).toBe(true);
      };
      const every = [...intake.diagnoses, ...intake.budapest, ...intake.treatments, ...intake.medications, ...intake.screenings, ...intake.scores];
      for (const r of every) {
        expect(r.id).toMatch(UUID_V7);
        ids.add(r.id);
        expect(r.createdAt).toBeGreaterThan(p.createdAt);
        expect(r.createdAt).toBeLessThanOrEqual(SEED_REFERENCE_INSTANT);
      }
      rows += every.length;

      // Diagnoses: billable codes from the list, one primary, no repeats, plausible onset.
      expect(intake.diagnoses.length).toBeGreaterThanOrEqual(1);
      expect(intake.diagnoses.length).toBeLessThanOrEqual(2);
      expect(intake.diagnoses.filter((d) => d.fields.isPrimary)).toHaveLength(1);
      expect(new Set(intake.diagnoses.map((d) => d.fields.code)).size).toBe(intake.diagnoses.length);
      for (const d of intake.diagnoses) {
        expect(diagnosisFieldsSchema.parse(d.fields)).toEqual(d.fields);
        expect(res.icd10ByCode.get(d.fields.code)?.billable, d.fields.code).toBe(true);
        if (d.fields.onsetDate) {
          expect(d.fields.onsetDate >= daysBefore(today, 3653) && d.fields.onsetDate <= daysBefore(today, 182)).toBe(true);
          const twelve = `${Number(dob.slice(0, 4)) + 12}${dob.slice(4)}`;
          expect(d.fields.onsetDate >= twelve).toBe(true);
        }
      }
      expect(res.icd10ByCode.get(intake.diagnoses[0]!.fields.code)!.group).toBe(intake.primaryGroup);

      // Budapest: checklist ids only, by a physician, in the last six months.
      for (const b of intake.budapest) {
        const parsed = budapestFieldsSchema.parse(b.fields);
        for (const kind of ['symptoms', 'signs'] as const) {
          for (const [category, ticked] of Object.entries(parsed[kind])) {
            for (const id of ticked) expect(res.budapestIds[category]?.[kind].has(id), `${kind}.${category}.${id}`).toBe(true);
          }
        }
        expect(physicians.get(b.fields.evaluatorStaffId!)).toBe(b.fields.evaluatorName);
        expect(b.fields.evaluatedOn >= daysBefore(today, 183) && b.fields.evaluatedOn < today).toBe(true);
        pastDate(b.fields.evaluatedOn);
      }

      // Prior treatments: suggested names, end on or after start, before today.
      expect(intake.treatments.length).toBeLessThanOrEqual(5);
      if (!intake.gaps.includes('diagnosis_only')) expect(intake.treatments.length).toBeGreaterThanOrEqual(1);
      for (const t of intake.treatments) {
        const parsed = treatmentFieldsSchema.safeParse(t.fields);
        if (!parsed.success) throw new Error(`${JSON.stringify(t.fields)}: ${JSON.stringify(parsed.error.issues)}`);
        expect(parsed.data).toEqual(t.fields);
        expect(res.treatments.suggestions[t.fields.kind as keyof typeof res.treatments.suggestions], t.fields.name).toContain(t.fields.name);
        if (t.fields.startDate && t.fields.endDate) expect(t.fields.endDate >= t.fields.startDate).toBe(true);
        pastDate(t.fields.startDate);
        pastDate(t.fields.endDate);
      }

      expect(intake.medications.length).toBeLessThanOrEqual(4);
      for (const m of intake.medications) {
        expect(medicationFieldsSchema.parse(m.fields)).toEqual(m.fields);
        pastDate(m.fields.startDate);
      }
      expect(new Set(intake.medications.map((m) => m.fields.drug)).size).toBe(intake.medications.length);

      for (const s of intake.screenings) {
        const parsed = screeningInputSchema.parse({ patientId: p.id, ...s.fields });
        expect(firstUnanswered(res.screening.items, parsed.answers)).toBeNull();
        expect(Object.keys(parsed.answers).sort()).toEqual(res.screening.items.map((i) => i.id).sort());
        for (const a of Object.values(parsed.answers)) if (a.answer !== 'no') expect(a.note).toBeTruthy();
        if (p.fields.sex !== 'female') expect(parsed.answers.pregnancy?.answer).toBe('no');
        expect(staffNames.has(s.fields.screenedBy)).toBe(true);
        pastDate(s.fields.screenedOn);
      }

      for (const s of intake.scores) {
        const f = s.fields;
        const info = INSTRUMENTS[f.instrument as ScoreInstrument];
        const input = scoreInputSchema.safeParse({
          patientId: p.id,
          instrument: f.instrument,
          ...(f.items ? { items: f.items } : {}),
          value: f.value,
          observedAt: f.observedAt,
          recordedBy: f.recordedBy,
        });
        if (!input.success) throw new Error(`${JSON.stringify(f)}: ${JSON.stringify(input.error.issues)}`);
        expect(f.value).toBeGreaterThanOrEqual(info.min);
        expect(f.value).toBeLessThanOrEqual(info.max);
        if (f.instrument === 'nrs') expect(Number.isInteger(f.value) && f.value >= 4 && f.value <= 10).toBe(true);
        expect(f).toMatchObject({ timePoint: 'baseline', source: 'staff', sessionId: null, supersedesId: null });
        expect(f.observedAt).toBeLessThan(SEED_REFERENCE_INSTANT);
        expect(f.observedAt).toBeGreaterThan(Date.parse(`${dob}T00:00:00Z`));
        expect(s.createdAt).toBeGreaterThanOrEqual(f.observedAt);
        expect(staffNames.has(f.recordedBy)).toBe(true);
      }
    }
    expect(ids.size).toBe(rows);
    expect(all.reduce((n, x) => n + (x.intake ? rowCount(x.intake) : 0), 0)).toBe(rows);
  });

  it('has the mix of a chronic-pain infusion clinic, with about one intake in seven incomplete in different ways', () => {
    const { all, intakes } = generate(3, 6000);
    const n = intakes.length;
    const share = (k: number) => k / n;
    expect(n / all.length).toBeGreaterThan(INTAKE_SHARE - 0.03);
    expect(n / all.length).toBeLessThan(INTAKE_SHARE + 0.03);
    const group = (g: string) => share(intakes.filter((x) => x.intake.primaryGroup === g).length);
    expect(group('crps')).toBeGreaterThan(0.31);
    expect(group('crps')).toBeLessThan(0.39);
    expect(group('fibromyalgia')).toBeGreaterThan(0.21);
    expect(group('other_chronic_pain')).toBeLessThan(0.08);
    const crps = intakes.filter((x) => x.intake.primaryGroup === 'crps');
    const evaluated = crps.filter((x) => x.intake.budapest.length > 0).length / crps.length;
    expect(evaluated).toBeGreaterThan(0.75);
    expect(evaluated).toBeLessThan(0.85);

    const incomplete = intakes.filter((x) => !x.intake.completeness.complete);
    expect(share(incomplete.length)).toBeGreaterThan(0.1);
    expect(share(incomplete.length)).toBeLessThan(0.22);
    // Every planned gap shows as incomplete; every intake without one is complete.
    for (const { intake } of intakes) expect(intake.completeness.complete).toBe(intake.gaps.length === 0);
    const firstMissing = new Set(incomplete.map((x) => x.intake.completeness.items.find((i) => !i.done)!.id));
    expect(firstMissing.size).toBeGreaterThanOrEqual(6);

    // Medications: some raise interaction flags, most do not.
    const meds = intakes.flatMap((x) => x.intake.medications);
    const flagged = meds.filter((m) => interactionFlags(m.fields.drug, res.interactions.rules).length > 0);
    expect(flagged.length / meds.length).toBeGreaterThan(0.2);
    expect(flagged.length / meds.length).toBeLessThan(0.5);
    for (const drug of ['Lorazepam', 'Lamotrigine', 'Levothyroxine']) expect(flagged.some((m) => m.fields.drug === drug)).toBe(true);
    for (const drug of ['Acetaminophen', 'Omeprazole', 'Vitamin D3']) {
      expect(interactionFlags(drug, res.interactions.rules)).toEqual([]);
      expect(meds.some((m) => m.fields.drug === drug)).toBe(true);
    }

    // Screenings: mostly "no", about 8 % with a yes or unsure.
    const screenings = intakes.flatMap((x) => x.intake.screenings);
    const raised = screenings.filter((s) => Object.values(s.fields.answers).some((a) => a.answer !== 'no')).length / screenings.length;
    expect(raised).toBeGreaterThan(0.05);
    expect(raised).toBeLessThan(0.11);

    const withScore = (i: string) => share(intakes.filter((x) => x.intake.scores.some((s) => s.fields.instrument === i)).length);
    expect(withScore('nrs')).toBeGreaterThan(0.64);
    expect(withScore('nrs')).toBeLessThan(0.76);
    expect(withScore('vas')).toBeGreaterThan(0.44);
    expect(withScore('vas')).toBeLessThan(0.56);
    expect(withScore('peg')).toBeGreaterThan(0.54);
    expect(withScore('peg')).toBeLessThan(0.66);
    const outcomes = intakes.flatMap((x) => x.intake.treatments.map((t) => t.fields.outcome));
    expect(outcomes.filter((o) => o === 'failed' || o === 'intolerant' || o === 'partial_relief').length / outcomes.length).toBeGreaterThan(0.85);
  });
});

describe('a seeded clinic with intake', () => {
  const PATIENTS = 400;
  const SEED = 9;
  const dirs: string[] = [];
  let b: TestBackend;
  const expected = generate(SEED, PATIENTS);

  const seedInto = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-intake-'));
    dirs.push(dir);
    const lines: string[] = [];
    await seedClinic({ dataDir: dir, patients: PATIENTS, seed: SEED, batchSize: 100, log: (l) => lines.push(l) });
    return { dir, lines };
  };
  const intakeTables = ['diagnoses', 'budapest_evaluations', 'prior_treatments', 'current_medications', 'screenings', 'scores'];

  let first: { dir: string; lines: string[] };
  beforeAll(async () => {
    first = await seedInto();
    b = tempBackend({ dataDir: first.dir, now: () => SEED_REFERENCE_INSTANT });
  });
  afterAll(() => {
    b?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('writes the generated rows through the mutation helper, the same on every run', async () => {
    expect(first.lines.some((l) => /intake for \d+ patients \(\d+% incomplete\).* rows\/s/.test(l))).toBe(true);
    const second = await seedInto();
    const read = (dir: string) => {
      const db = openSqlite(join(dir, 'clinic.sqlite'), { key: TEST_STORE_KEY, readonly: true });
      try {
        return Object.fromEntries(intakeTables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY id`).all()]));
      } finally {
        db.close();
      }
    };
    const a = read(first.dir);
    expect(read(second.dir)).toEqual(a);
    const sqlite = b.store.sqlite;
    const n = (sql: string, ...p: unknown[]) => (sqlite.prepare(sql).get(...p) as { n: number }).n;
    const generated = expected.intakes.reduce((k, x) => k + rowCount(x.intake), 0);
    expect(Object.values(a).reduce((k, rows) => k + rows.length, 0)).toBe(generated);
    for (const t of intakeTables) {
      expect(n(`SELECT count(DISTINCT row_id) AS n FROM change_log WHERE table_name = ?`, t)).toBe(n(`SELECT count(*) AS n FROM ${t}`));
      expect(n(`SELECT count(*) AS n FROM field_clocks WHERE table_name = ? AND field = 'patient_id'`, t)).toBe(n(`SELECT count(*) AS n FROM ${t}`));
    }
    // The device clock only moves forward: the change log's timestamps follow its order.
    const hlcs = (sqlite.prepare(`SELECT hlc FROM change_log ORDER BY seq`).pluck().all() as string[]).filter((_, i, xs) => i === 0 || xs[i] !== xs[i - 1]);
    expect(hlcs.every((h, i) => i === 0 || h > hlcs[i - 1]!)).toBe(true);
  });

  it('reads back through intake.get as generated, with the completeness the generator expected', async () => {
    const sample = expected.intakes.filter((_, i) => i % 3 === 0);
    expect(sample.length).toBeGreaterThan(30);
    for (const { p, intake } of sample) {
      const r = await b.ok('intake.get', { patientId: p.id });
      expect(r.asOf).toBe(SEED_REFERENCE_DATE);
      expect(r.diagnoses.map((d) => [d.code, d.isPrimary, d.billable]).sort()).toEqual(intake.diagnoses.map((d) => [d.fields.code, d.fields.isPrimary, true]).sort());
      expect(r.primaryDiagnosisId).toBe(intake.diagnoses.find((d) => d.fields.isPrimary)!.id);
      expect(r.budapestEvaluations.map((e) => e.id)).toEqual(intake.budapest.map((e) => e.id));
      expect(r.priorTreatments).toHaveLength(intake.treatments.length);
      expect(r.medications.map((m) => m.id).sort()).toEqual(intake.medications.map((m) => m.id).sort());
      expect(r.screening?.id ?? null).toBe(intake.screenings[0]?.id ?? null);
      expect(r.baseline.all.map((s) => s.id).sort()).toEqual(intake.scores.map((s) => s.id).sort());
      expect(r.completeness).toEqual(intake.completeness);
    }
    const none = expected.all.find((x) => x.intake === null)!;
    const r = await b.ok('intake.get', { patientId: none.p.id });
    expect(r).toMatchObject({ diagnoses: [], priorTreatments: [], medications: [], screening: null });
  });

  it('puts the incomplete intakes and the new patients without one on the work list, and no complete intake', async () => {
    const list = await b.ok('intake.worklist', { limit: 500 });
    const recentSince = Math.floor(SEED_REFERENCE_INSTANT / 60_000) * 60_000 - RECENT_PATIENT_DAYS * DAY;
    const want = expected.all.filter(({ p, intake }) => (intake ? !intake.completeness.complete : p.createdAt >= recentSince)).map(({ p }) => p.id);
    expect(list.total).toBe(want.length);
    expect(list.items.map((i) => i.patientId).sort()).toEqual([...want].sort());
    const incompleteIntakes = list.items.filter((i) => i.primaryCode !== null);
    expect(incompleteIntakes.length).toBeGreaterThan(5);
    expect(new Set(incompleteIntakes.map((i) => i.firstMissing.split(':')[0]!.split(' (')[0])).size).toBeGreaterThanOrEqual(3);
    expect(list.items.some((i) => i.primaryCode === null && i.firstMissing === 'Add a diagnosis')).toBe(true);
  });
});
