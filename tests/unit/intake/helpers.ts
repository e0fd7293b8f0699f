import type { MethodInput } from '../../../src-shared/api/contract';
import type { TestBackend } from '../../support/temp-backend';

export const count = (b: TestBackend, table: string) =>
  (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Row counts of the intake tables and the change log, to prove a refused request saved nothing. */
export const snapshot = (b: TestBackend) =>
  Object.fromEntries(
    ['diagnoses', 'budapest_evaluations', 'prior_treatments', 'current_medications', 'screenings', 'scores', 'change_log'].map((t) => [
      t,
      count(b, t),
    ]),
  );

/** Symptoms in 3 categories, signs in 2: clinical criteria met, research not. */
export const crpsFindings = {
  evaluatedOn: '2026-10-01',
  evaluatorName: 'Dr. Priya Natarajan',
  disproportionatePain: true,
  noBetterDiagnosis: true,
  symptoms: { sensory: ['allodynia'], vasomotor: ['temperature_asymmetry', 'skin_colour_changes'], sudomotor: ['oedema'] },
  signs: { sensory: ['allodynia_light_touch'], motor_trophic: ['decreased_rom'] },
} satisfies MethodInput<'intake.recordBudapest'>['fields'];

export const allNo = (items: { id: string }[]) => Object.fromEntries(items.map((i) => [i.id, { answer: 'no' as const }]));

/** Fill in everything a CRPS payer package needs. */
export async function completeCrpsIntake(b: TestBackend, patientId: string): Promise<void> {
  await b.ok('intake.addDiagnosis', { patientId, fields: { code: 'G90.512', onsetDate: '2025-02-14' } });
  await b.ok('intake.recordBudapest', { patientId, fields: crpsFindings });
  await b.ok('intake.addTreatment', { patientId, fields: { kind: 'medication', name: 'Gabapentin', dose: '600 mg TID', startDate: '2025-03-01', endDate: '2025-07-01', outcome: 'failed' } });
  await b.ok('intake.addTreatment', { patientId, fields: { kind: 'medication', name: 'Duloxetine', dose: '60 mg', startDate: '2025-07-15', outcome: 'intolerant' } });
  await b.ok('intake.addTreatment', { patientId, fields: { kind: 'nerve_block', name: 'Stellate ganglion block', sessions: 3, startDate: '2025-09-01', outcome: 'partial_relief', response: 'relief for 3 days after each block' } });
  await b.ok('scores.record', { patientId, instrument: 'nrs', value: 8, observedAt: Date.parse('2026-11-20T15:00:00Z') });
  await b.ok('scores.record', { patientId, instrument: 'peg', items: [8, 7, 6], observedAt: Date.parse('2026-11-20T15:05:00Z') });
  const ref = await b.ok('intake.reference', {});
  await b.ok('intake.recordScreening', { patientId, screenedOn: '2026-11-20', answers: allNo(ref.screening.items) });
}
