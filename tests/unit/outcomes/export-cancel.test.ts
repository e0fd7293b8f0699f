/**
 * Clinic-wide exports read, build and write in slices: the FHIR bundle made that way is whole and
 * checked, and an export cancelled while it runs stops at its next slice with words that say so,
 * no file made. 260 patients: more than one slice of 250.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirBundleSchema, unresolvedReferences } from '../../../src-main/backend/outcomes/export/fhir-check';
import { at, DAY, OutcomesClinic } from './api-clinic';

const PATIENTS = 260;
let c: OutcomesClinic;

beforeAll(async () => {
  c = await OutcomesClinic.open(at('2026-05-20', '10:00'));
  for (let i = 0; i < PATIENTS; i++) {
    const id = await c.patient(`P${i}`, 'Slice');
    await c.record({ patientId: id, instrument: 'nrs', timePoint: 'baseline', value: i % 11, observedAt: at('2026-05-01', '09:00') - (i % 30) * DAY });
  }
}, 60_000);
afterAll(() => c.dispose());

describe('clinic-wide exports in slices', () => {
  it('the FHIR bundle holds every patient and score, passes the R4 check, and says it is done', async () => {
    const exportId = uuidv7();
    const out = await c.b.ok('outcomes.exportFhir', { exportId });
    const bundle = JSON.parse(out.text);
    expect(fhirBundleSchema.safeParse(bundle).success).toBe(true);
    expect(unresolvedReferences(bundle)).toEqual([]);
    const kinds = (bundle.entry as { resource: { resourceType: string } }[]).map((e) => e.resource.resourceType);
    expect([kinds.filter((k) => k === 'Patient').length, kinds.filter((k) => k === 'Observation').length, out.count]).toEqual([PATIENTS, PATIENTS, PATIENTS]);
    // Written a slice at a time, it is the text one JSON.stringify of the bundle gives.
    expect(out.text).toBe(JSON.stringify(bundle));
    expect((await c.b.ok('outcomes.exportProgress', { exportId })).progress).toEqual({ phase: 'done', done: 2 * PATIENTS, total: 2 * PATIENTS });
    // Finished: nothing left to cancel.
    expect(await c.b.ok('outcomes.exportCancel', { exportId })).toEqual({ cancelled: false });
  });

  it.each(['outcomes.exportFhir', 'outcomes.exportCsv'] as const)('%s cancelled while it runs: refused in words, no file, progress gone', async (method) => {
    const exportId = uuidv7();
    const running = c.b.invoke(method, { exportId });
    // The first slice has been read and the export has given way: Cancel is answered at once.
    expect(await c.b.ok('outcomes.exportCancel', { exportId })).toEqual({ cancelled: true });
    const r = await running;
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'The export was cancelled. No file was made.' } });
    expect((await c.b.ok('outcomes.exportProgress', { exportId })).progress).toBeNull();
    // The next export runs to the end.
    expect((await c.b.ok(method, { exportId: uuidv7() })).count).toBe(PATIENTS);
  });
});
