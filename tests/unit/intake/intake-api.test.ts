import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../../src-shared/api/transport';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';
import { allNo, completeCrpsIntake, count, crpsFindings, snapshot } from './helpers';

let b: TestBackend;
let pid: string;
let events: BackendEvent[];
// 2026-11-26 23:30 in Chicago is already 2026-11-27 in UTC: "today" is the clinic's.
const NOW = Date.parse('2026-11-27T05:30:00Z');
beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', { name: 'Lakeside Pain & Infusion', timeZone: 'America/Chicago', openingHours: [] });
  pid = (await b.ok('patients.create', validPatient)).id; // born 1984-03-07
  events = [];
  b.subscribe((e) => events.push(e));
});
afterEach(() => b.dispose());

const screeningItems = async () => (await b.ok('intake.reference', {})).screening.items;

describe('intake.reference', () => {
  it('gives the renderer every list and label it shows', async () => {
    const r = await b.ok('intake.reference', {});
    expect(r.icd10.codes.find((c) => c.code === 'G90.512')).toMatchObject({ title: 'Complex regional pain syndrome I of left upper limb', group: 'crps' });
    expect(r.icd10.groups.map((g) => g.id)).toEqual(['crps', 'fibromyalgia', 'neuropathic', 'post_surgical', 'other_chronic_pain']);
    expect(r.budapest.categories.map((c) => c.id)).toEqual(['sensory', 'vasomotor', 'sudomotor', 'motor_trophic']);
    expect(r.screening.items).toHaveLength(8);
    expect(r.treatments.kinds.find((k) => k.id === 'nerve_block')?.label).toBe('Nerve block');
    expect(r.treatments.outcomes.map((o) => o.id)).toEqual(['failed', 'intolerant', 'partial_relief', 'stopped_cost', 'helped', 'unknown']);
    expect(r.instruments.map((i) => i.id)).toEqual(['nrs', 'vas', 'peg', 'bpi_interference']);
    expect(r.completeness.withoutDiagnosis[0]).toBe('diagnosis');
    expect(r.interactions.rules.length).toBeGreaterThan(10);
  });
});

describe('intake.searchIcd10 and intake.checkInteractions', () => {
  it('searches by words or code', async () => {
    expect((await b.ok('intake.searchIcd10', { q: 'crps left arm' })).items.map((c) => c.code)).toEqual(['G90.512', 'G56.42']);
    expect((await b.ok('intake.searchIcd10', { q: 'fibro' })).items.map((c) => c.code)).toEqual(['M79.7']);
    const r = await b.ok('intake.searchIcd10', { q: 'G90.5', limit: 3 });
    expect(r.items.map((c) => c.code)).toEqual(['G90.5', 'G90.50', 'G90.51']);
    expect(r.more).toBe(true);
  });

  it('flags a drug as it is typed', async () => {
    const r = await b.ok('intake.checkInteractions', { drug: 'Ativan 1 mg' });
    expect(r.flags).toEqual([expect.objectContaining({ ruleId: 'benzodiazepines', why: "Benzodiazepines can blunt ketamine's effect and add to sedation." })]);
    expect((await b.ok('intake.checkInteractions', { drug: 'acetaminophen' })).flags).toEqual([]);
  });
});

describe('diagnoses', () => {
  it('adds diagnoses with ICD titles; the first is primary; choosing another primary clears it', async () => {
    const first = await b.ok('intake.addDiagnosis', { patientId: pid, fields: { code: 'g90512', onsetDate: '2025-02-14' } });
    expect(first).toMatchObject({ code: 'G90.512', title: 'Complex regional pain syndrome I of left upper limb', group: 'crps', laterality: 'left', site: 'upper limb', billable: true, isPrimary: true, onsetDate: '2025-02-14', version: 1 });
    const second = await b.ok('intake.addDiagnosis', { patientId: pid, fields: { code: 'M79.7' } });
    expect(second.isPrimary).toBe(false);
    const third = await b.ok('intake.addDiagnosis', { patientId: pid, fields: { code: 'G89.29', isPrimary: true, note: 'widespread' } });
    expect(third.isPrimary).toBe(true);

    const rec = await b.ok('intake.get', { patientId: pid });
    expect(rec.diagnoses.map((d) => [d.code, d.isPrimary])).toEqual([
      ['G89.29', true],
      ['G90.512', false],
      ['M79.7', false],
    ]);
    expect(rec.primaryDiagnosisId).toBe(third.id);
    // the cleared primary went through the one write path
    const cleared = b.store.sqlite.prepare(`SELECT value FROM change_log WHERE row_id = ? AND field = 'is_primary' ORDER BY seq`).all(first.id);
    expect(cleared.length).toBeGreaterThanOrEqual(2);
    expect(events.map((e) => e.topic)).toEqual(['intake.changed', 'intake.changed', 'intake.changed']);
  });

  it('update keeps isPrimary when left out, sets it when true, and checks the version', async () => {
    const a = await b.ok('intake.addDiagnosis', { patientId: pid, fields: { code: 'G90.512' } });
    const c = await b.ok('intake.addDiagnosis', { patientId: pid, fields: { code: 'M79.7' } });
    const a2 = await b.ok('intake.updateDiagnosis', { id: a.id, expectedVersion: 1, fields: { code: 'G90.513', onsetDate: '2024-12-01' } });
    expect(a2).toMatchObject({ code: 'G90.513', isPrimary: true, version: 2, title: 'Complex regional pain syndrome I of upper limb, bilateral' });
    const c2 = await b.ok('intake.updateDiagnosis', { id: c.id, expectedVersion: 1, fields: { code: 'M79.7', isPrimary: true } });
    expect(c2.isPrimary).toBe(true);
    const rec = await b.ok('intake.get', { patientId: pid });
    expect(rec.diagnoses.filter((d) => d.isPrimary).map((d) => d.code)).toEqual(['M79.7']);
    expect((await b.fail('intake.updateDiagnosis', { id: a.id, expectedVersion: 1, fields: { code: 'G90.513' } })).code).toBe('CONFLICT');
  });

  it('removes a diagnosis (kept, no longer shown)', async () => {
    const a = await b.ok('intake.addDiagnosis', { patientId: pid, fields: { code: 'M79.7' } });
    await b.ok('intake.removeDiagnosis', { id: a.id, expectedVersion: 1 });
    expect((await b.ok('intake.get', { patientId: pid })).diagnoses).toEqual([]);
    expect(count(b, 'diagnoses')).toBe(1);
    expect((await b.fail('intake.removeDiagnosis', { id: a.id })).code).toBe('NOT_FOUND');
    // the same code can be added again once the old one is removed
    await b.ok('intake.addDiagnosis', { patientId: pid, fields: { code: 'M79.7' } });
  });

  it.each([
    ['an unknown ICD-10 code', { code: 'G90.99' }, 'VALIDATION', 'code', "G90.99 is not in the clinic's ICD-10 list."],
    ['a category header', { code: 'G90.51' }, 'VALIDATION', 'code', 'G90.51 is a category, not a billable code. Choose a more specific code, such as G90.511.'],
    ['acute postprocedural pain', { code: 'G89.18' }, 'VALIDATION', 'code', "G89.18 is not in the clinic's ICD-10 list."],
    ['an onset in the future', { code: 'M79.7', onsetDate: '2026-11-27' }, 'VALIDATION', 'onsetDate', 'The onset date cannot be in the future.'],
    ['an onset before birth', { code: 'M79.7', onsetDate: '1984-03-06' }, 'VALIDATION', 'onsetDate', "The onset date cannot be before the patient's date of birth (1984-03-07)."],
    ['an impossible onset date', { code: 'M79.7', onsetDate: '2025-02-30' }, 'VALIDATION', 'fields.onsetDate', 'Enter the onset date as a real date (YYYY-MM-DD).'],
    ['no code', { code: '' }, 'VALIDATION', 'fields.code', 'Choose an ICD-10 code.'],
  ])('refuses %s, naming the field, and saves nothing', async (_n, fields, code, field, message) => {
    const before = snapshot(b);
    const err = await b.fail('intake.addDiagnosis', { patientId: pid, fields });
    expect(err).toMatchObject({ code, field, message });
    expect(snapshot(b)).toEqual(before);
    expect(events).toEqual([]);
  });

  it('accepts an onset of the clinic\'s today (already tomorrow in UTC)', async () => {
    await b.ok('intake.addDiagnosis', { patientId: pid, fields: { code: 'M79.7', onsetDate: '2026-11-26' } });
  });

  it('refuses the same code twice as a CONFLICT on the code, and a removed patient as NOT_FOUND', async () => {
    await b.ok('intake.addDiagnosis', { patientId: pid, fields: { code: 'M79.7' } });
    const before = snapshot(b);
    expect(await b.fail('intake.addDiagnosis', { patientId: pid, fields: { code: 'm79.7' } })).toMatchObject({ code: 'CONFLICT', field: 'code' });
    expect(snapshot(b)).toEqual(before);
    const other = await b.ok('patients.create', { ...validPatient, firstName: 'Luis' });
    await b.ok('patients.remove', { id: other.id });
    expect((await b.fail('intake.addDiagnosis', { patientId: other.id, fields: { code: 'M79.7' } })).code).toBe('NOT_FOUND');
    expect((await b.fail('intake.get', { patientId: other.id })).code).toBe('NOT_FOUND');
  });
});

describe('Budapest evaluations', () => {
  it('records an evaluation and explains clinical and research results separately', async () => {
    const e = await b.ok('intake.recordBudapest', { patientId: pid, fields: crpsFindings });
    expect(e.result).toMatchObject({
      clinicalMet: true,
      researchMet: false,
      clinicalExplanation: 'clinical criteria met: symptoms in 3 of 4 categories, signs in 2 of 4',
      symptomCategories: ['sensory', 'vasomotor', 'sudomotor'],
      signCategories: ['sensory', 'motor_trophic'],
    });
    expect(e.result.researchExplanation).toMatch(/^research criteria not met/);
    expect(e.symptoms).toEqual({ sensory: ['allodynia'], vasomotor: ['temperature_asymmetry', 'skin_colour_changes'], sudomotor: ['oedema'], motor_trophic: [] });
    expect(e).toMatchObject({ evaluatorName: 'Dr. Priya Natarajan', evaluatedOn: '2026-10-01', isCurrent: true });
  });

  it('the latest evaluation is the current one; evaluations are listed latest first', async () => {
    const older = await b.ok('intake.recordBudapest', { patientId: pid, fields: crpsFindings });
    const newer = await b.ok('intake.recordBudapest', {
      patientId: pid,
      fields: { ...crpsFindings, evaluatedOn: '2026-11-20', symptoms: { ...crpsFindings.symptoms, motor_trophic: ['motor_dysfunction'] } },
    });
    // entered later but examined earlier: not current
    await b.ok('intake.recordBudapest', { patientId: pid, fields: { ...crpsFindings, evaluatedOn: '2026-09-01', signs: {} } });
    const rec = await b.ok('intake.get', { patientId: pid });
    expect(rec.budapestEvaluations.map((e) => [e.evaluatedOn, e.isCurrent, e.result.researchMet])).toEqual([
      ['2026-11-20', true, true],
      ['2026-10-01', false, false],
      ['2026-09-01', false, false],
    ]);
    expect(rec.budapestEvaluations[0]!.id).toBe(newer.id);

    const upd = await b.ok('intake.updateBudapest', { id: older.id, expectedVersion: 1, fields: { ...crpsFindings, noBetterDiagnosis: false } });
    expect(upd.result.clinicalMet).toBe(false);
    expect(upd.result.clinicalMissing).toEqual(['D: "no other diagnosis better explains it" is not confirmed']);
    await b.ok('intake.removeBudapest', { id: newer.id });
    expect((await b.ok('intake.get', { patientId: pid })).budapestEvaluations[0]).toMatchObject({ id: older.id, isCurrent: true });
  });

  it.each([
    ['an unknown symptom id', { symptoms: { sensory: ['burning'] } }, 'symptoms.sensory', '"burning" is not a sensory symptom on the Budapest checklist.'],
    ['a sign id from another category', { signs: { vasomotor: ['oedema'] } }, 'signs.vasomotor', '"oedema" is not a vasomotor sign on the Budapest checklist.'],
    ['a symptom id used as a sign', { signs: { sensory: ['hyperesthesia'] } }, 'signs.sensory', '"hyperesthesia" is not a sensory sign on the Budapest checklist.'],
    ['an unknown category', { symptoms: { autonomic: ['x'] } }, 'fields.symptoms', 'Only sensory, vasomotor, sudomotor and motor_trophic symptoms can be ticked.'],
    ['an evaluation date in the future', { evaluatedOn: '2026-12-01' }, 'evaluatedOn', 'The evaluation date cannot be in the future.'],
    ['no evaluator', { evaluatorName: ' ' }, 'fields.evaluatorName', "Enter the evaluator's name."],
    ['an unknown evaluator staff id', { evaluatorStaffId: '0190a3c2-0000-7000-8000-000000000000' }, 'evaluatorStaffId', 'Choose the evaluator from the staff list.'],
    ['A left unanswered', { disproportionatePain: undefined }, 'fields.disproportionatePain', 'Answer A: is the pain disproportionate to any inciting event?'],
  ])('refuses %s and saves nothing', async (_n, change, field, message) => {
    const before = snapshot(b);
    const err = await b.fail('intake.recordBudapest', { patientId: pid, fields: { ...crpsFindings, ...change } });
    expect(err).toMatchObject({ code: 'VALIDATION', field, message });
    expect(snapshot(b)).toEqual(before);
  });

  it('accepts an evaluator from the staff list', async () => {
    const s = await b.ok('staff.create', { name: 'Dr. Priya Natarajan', role: 'physician' });
    const e = await b.ok('intake.recordBudapest', { patientId: pid, fields: { ...crpsFindings, evaluatorStaffId: s.id } });
    expect(e.evaluatorStaffId).toBe(s.id);
  });
});

describe('prior treatments', () => {
  const block = {
    kind: 'nerve_block' as const,
    name: 'Lumbar sympathetic block',
    dose: null,
    sessions: 2,
    startDate: '2025-05-01',
    endDate: '2025-05-29',
    outcome: 'partial_relief' as const,
    response: 'relief for 3 days after each block',
  };

  it('adds, updates and removes a treatment', async () => {
    const t = await b.ok('intake.addTreatment', { patientId: pid, fields: block });
    expect(t).toMatchObject({ ...block, documentId: null, note: null, version: 1 });
    const docId = '0190a3c2-1111-7000-8000-000000000001';
    const u = await b.ok('intake.updateTreatment', { id: t.id, expectedVersion: 1, fields: { ...block, outcome: 'failed', documentId: docId } });
    expect(u).toMatchObject({ outcome: 'failed', documentId: docId, version: 2 });
    await b.ok('intake.addTreatment', { patientId: pid, fields: { kind: 'medication', name: 'Pregabalin', startDate: '2024-01-10', outcome: 'intolerant' } });
    await b.ok('intake.addTreatment', { patientId: pid, fields: { kind: 'psychological', name: 'CBT', outcome: 'helped' } });
    const rec = await b.ok('intake.get', { patientId: pid });
    expect(rec.priorTreatments.map((x) => x.name)).toEqual(['Pregabalin', 'Lumbar sympathetic block', 'CBT']);
    await b.ok('intake.removeTreatment', { id: t.id, expectedVersion: 2 });
    expect((await b.ok('intake.get', { patientId: pid })).priorTreatments).toHaveLength(2);
  });

  it.each([
    ['an end date before the start date', { endDate: '2025-04-30' }, 'fields.endDate', 'The end date cannot be before the start date.'],
    ['a start date in the future', { startDate: '2026-12-01', endDate: null }, 'startDate', 'The start date cannot be in the future.'],
    ['an end date in the future', { endDate: '2027-01-01' }, 'endDate', 'The end date cannot be in the future.'],
    ['a start before birth', { startDate: '1980-01-01' }, 'startDate', "The start date cannot be before the patient's date of birth (1984-03-07)."],
    ['an unknown kind', { kind: 'acupuncture' }, 'fields.kind', 'Choose what kind of treatment it was.'],
    ['an unknown outcome', { outcome: 'great' }, 'fields.outcome', expect.stringMatching(/^Choose the outcome/)],
    ['no name', { name: '' }, 'fields.name', 'Enter the treatment name (drug, block type or therapy).'],
    ['zero sessions', { sessions: 0 }, 'fields.sessions', 'Sessions is at least 1; leave it blank when unknown.'],
  ])('refuses %s, naming the field, and saves nothing', async (_n, change, field, message) => {
    const before = snapshot(b);
    expect(await b.fail('intake.addTreatment', { patientId: pid, fields: { ...block, ...change } })).toMatchObject({ code: 'VALIDATION', field, message });
    expect(snapshot(b)).toEqual(before);
  });

  it('refuses an end date before the start date on update too', async () => {
    const t = await b.ok('intake.addTreatment', { patientId: pid, fields: block });
    const before = snapshot(b);
    const err = await b.fail('intake.updateTreatment', { id: t.id, fields: { ...block, endDate: '2025-01-01' } });
    expect(err.field).toBe('fields.endDate');
    expect(snapshot(b)).toEqual(before);
  });
});

describe('current medications', () => {
  it('each medication carries its interaction flags with the reason', async () => {
    const m = await b.ok('intake.addMedication', { patientId: pid, fields: { drug: 'Lorazepam', dose: '1 mg', frequency: 'at night' } });
    expect(m.flags).toEqual([
      expect.objectContaining({ ruleId: 'benzodiazepines', severity: 'review', why: "Benzodiazepines can blunt ketamine's effect and add to sedation.", matched: 'lorazepam' }),
    ]);
    await b.ok('intake.addMedication', { patientId: pid, fields: { drug: 'Lamictal', dose: '100 mg' } });
    await b.ok('intake.addMedication', { patientId: pid, fields: { drug: 'Vitamin D3' } });
    const rec = await b.ok('intake.get', { patientId: pid });
    expect(rec.medications.map((x) => [x.drug, x.flags.map((f) => f.ruleId)])).toEqual([
      ['Lamictal', ['lamotrigine']],
      ['Lorazepam', ['benzodiazepines']],
      ['Vitamin D3', []],
    ]);
    const u = await b.ok('intake.updateMedication', { id: m.id, expectedVersion: 1, fields: { drug: 'Ibuprofen' } });
    expect(u.flags).toEqual([]);
    await b.ok('intake.removeMedication', { id: m.id });
    expect((await b.ok('intake.get', { patientId: pid })).medications).toHaveLength(2);
  });

  it('refuses a future start date and a blank drug, saving nothing', async () => {
    const before = snapshot(b);
    expect(await b.fail('intake.addMedication', { patientId: pid, fields: { drug: 'Ativan', startDate: '2026-11-27' } })).toMatchObject({ field: 'startDate', message: 'The start date cannot be in the future.' });
    expect(await b.fail('intake.addMedication', { patientId: pid, fields: { drug: '  ' } })).toMatchObject({ field: 'fields.drug', message: 'Enter the drug name.' });
    expect(snapshot(b)).toEqual(before);
  });
});

describe('contraindication screening', () => {
  it('all "no" is clear; the screener defaults to the signed-in user', async () => {
    const s = await b.ok('intake.recordScreening', { patientId: pid, screenedOn: '2026-11-20', answers: allNo(await screeningItems()) });
    expect(s.result).toEqual({ status: 'clear', label: 'clear', reasons: [] });
    expect(s.screenedBy).toBe('Clinic administrator');
    expect(s.answers).toHaveLength(8);
    expect(s.answers[0]).toMatchObject({ itemId: 'cardiovascular', answer: 'no', question: expect.stringMatching(/blood pressure/) });
  });

  it('"yes" or "unsure" needs physician review with the reasons; the latest screening counts', async () => {
    const items = await screeningItems();
    await b.ok('intake.recordScreening', {
      patientId: pid,
      screenedOn: '2026-11-01',
      screenedBy: 'Maria (front desk)',
      answers: { ...allNo(items), intraocular_pressure: { answer: 'yes', note: 'glaucoma, on drops' }, pregnancy: { answer: 'unsure' } },
    });
    let rec = await b.ok('intake.get', { patientId: pid });
    expect(rec.screening?.result.status).toBe('needs_review');
    expect(rec.screening?.result.label).toBe('needs physician review');
    expect(rec.screening?.result.reasons.map((r) => [r.itemId, r.answer, r.note])).toEqual([
      ['pregnancy', 'unsure', null],
      ['intraocular_pressure', 'yes', 'glaucoma, on drops'],
    ]);
    await b.ok('intake.recordScreening', { patientId: pid, screenedOn: '2026-11-20', answers: allNo(items) });
    rec = await b.ok('intake.get', { patientId: pid });
    expect(rec.screening).toMatchObject({ screenedOn: '2026-11-20', result: { status: 'clear' } });
  });

  it('every item must be answered: the first missing one is named, nothing saved', async () => {
    const { psychosis: _p, substance_misuse: _s, ...partial } = allNo(await screeningItems());
    const before = snapshot(b);
    const err = await b.fail('intake.recordScreening', { patientId: pid, screenedOn: '2026-11-20', answers: partial });
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'answers.psychosis' });
    expect(err.message).toBe('Answer every screening question. Not answered yet: "Does the patient have active psychosis, or a history of schizophrenia?"');
    expect(snapshot(b)).toEqual(before);
  });

  it.each([
    ['an unknown item', (a: Record<string, unknown>) => ({ ...a, seizures: { answer: 'no' } }), 'answers.seizures', '"seizures" is not on the screening checklist.'],
    ['an answer other than yes/no/unsure', (a: Record<string, unknown>) => ({ ...a, hepatic: { answer: 'maybe' } }), 'answers.hepatic.answer', 'Answer yes, no or unsure.'],
  ])('refuses %s', async (_n, change, field, message) => {
    const before = snapshot(b);
    const err = await b.fail('intake.recordScreening', { patientId: pid, screenedOn: '2026-11-20', answers: change(allNo(await screeningItems())) });
    expect(err).toMatchObject({ code: 'VALIDATION', field, message });
    expect(snapshot(b)).toEqual(before);
  });

  it('refuses a screening date in the future', async () => {
    const err = await b.fail('intake.recordScreening', { patientId: pid, screenedOn: '2026-11-27', answers: allNo(await screeningItems()) });
    expect(err).toMatchObject({ field: 'screenedOn', message: 'The screening date cannot be in the future.' });
  });
});

describe('intake.get', () => {
  it('a new patient: empty sections and "Add a diagnosis" first', async () => {
    const rec = await b.ok('intake.get', { patientId: pid });
    expect(rec).toMatchObject({
      patient: { id: pid, firstName: 'Ana', lastName: 'Ramirez', dateOfBirth: '1984-03-07', mrn: '000001' },
      asOf: '2026-11-26',
      diagnoses: [],
      primaryDiagnosisId: null,
      budapestEvaluations: [],
      priorTreatments: [],
      medications: [],
      screening: null,
      baseline: { nrs: null, vas: null, peg: null, bpiInterference: null, all: [] },
    });
    expect(rec.completeness.items[0]).toMatchObject({ id: 'diagnosis', done: false, missingReason: 'Add a diagnosis' });
    expect(rec.completeness.percent).toBe(0);
  });

  it('a complete CRPS intake: everything for the chart and 100 % complete', async () => {
    await completeCrpsIntake(b, pid);
    const rec = await b.ok('intake.get', { patientId: pid });
    expect(rec.completeness).toMatchObject({ groups: ['crps'], done: 7, total: 7, percent: 100, complete: true });
    expect(rec.diagnoses[0]).toMatchObject({ code: 'G90.512', isPrimary: true });
    expect(rec.budapestEvaluations[0]?.result.clinicalMet).toBe(true);
    expect(rec.priorTreatments.map((t) => t.name)).toEqual(['Gabapentin', 'Duloxetine', 'Stellate ganglion block']);
    expect(rec.baseline.nrs?.value).toBe(8);
    expect(rec.baseline.peg).toMatchObject({ value: 7, items: [8, 7, 6] });
    expect(rec.screening?.result.status).toBe('clear');
  });

  it('names what is missing as intake is filled in', async () => {
    await b.ok('intake.addDiagnosis', { patientId: pid, fields: { code: 'G57.72' } });
    const rec = await b.ok('intake.get', { patientId: pid });
    expect(rec.completeness.items.filter((i) => !i.done).map((i) => [i.id, i.section])).toEqual([
      ['budapest', 'budapest'],
      ['failed_medications', 'treatments'],
      ['block_or_therapy', 'treatments'],
      ['baseline_pain', 'scores'],
      ['baseline_function', 'scores'],
      ['screening', 'screening'],
    ]);
    expect(rec.completeness.percent).toBe(14);
  });
});
