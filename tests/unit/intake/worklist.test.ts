import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';
import { CANDIDATES_SQL, worklistComputations, worklistRefreshes } from '../../../src-main/backend/intake/worklist';
import { allNo, completeCrpsIntake } from './helpers';

let b: TestBackend;
let now: number;
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-27T05:30:00Z');
beforeEach(async () => {
  now = NOW - 200 * DAY;
  b = tempBackend({ now: () => now });
  await b.ok('settings.update', { name: 'Lakeside Pain & Infusion', timeZone: 'America/Chicago', openingHours: [] });
});
afterEach(() => b.dispose());

const patient = async (firstName: string) => (await b.ok('patients.create', { ...validPatient, firstName })).id;

describe('intake.worklist', () => {
  it('lists incomplete intakes least complete first, with missing counts, and leaves out the complete and the idle', async () => {
    const oldIdle = await patient('OldIdle'); // created 200 days ago, no intake: not on the list
    const oldFibro = await patient('OldFibro'); // old, but has a diagnosis
    await b.ok('intake.addDiagnosis', { patientId: oldFibro, fields: { code: 'M79.7' } });
    const oldMeds = await patient('OldMeds'); // old, only a medication: has intake data
    await b.ok('intake.addMedication', { patientId: oldMeds, fields: { drug: 'Gabapentin' } });
    now = NOW - 10 * DAY;
    const fresh = await patient('Fresh'); // recent, no diagnosis
    const done = await patient('Done');
    now = NOW;
    await completeCrpsIntake(b, done);
    const half = await patient('Half');
    await b.ok('intake.addDiagnosis', { patientId: half, fields: { code: 'G90.512' } });
    await b.ok('scores.record', { patientId: half, instrument: 'nrs', value: 6, observedAt: NOW - DAY });
    await b.ok('scores.record', { patientId: half, instrument: 'bpi_interference', items: [5, 5, 5, 5, 5, 5, 5], observedAt: NOW - DAY });

    const r = await b.ok('intake.worklist', {});
    expect(r.total).toBe(4);
    expect(r.items.map((i) => [i.firstName, i.percent, i.missingCount, i.firstMissing])).toEqual([
      // Gabapentin is flagged for the physician's review: the sign-off is on its checklist too.
      ['OldMeds', 0, 6, 'Add a diagnosis'],
      ['Fresh', 0, 5, 'Add a diagnosis'],
      ['OldFibro', 16, 5, 'Record at least two medications that failed or were not tolerated, with their start dates (0 of 2 so far)'],
      ['Half', 42, 4, 'Record a Budapest evaluation that meets the clinical criteria'],
    ]);
    expect(r.items.map((i) => i.patientId)).not.toContain(oldIdle);
    expect(r.items.map((i) => i.patientId)).not.toContain(done);
    const h = r.items.find((i) => i.patientId === half)!;
    expect(h).toMatchObject({ primaryCode: 'G90.512', groups: ['crps'], done: 3, total: 7, lastName: 'Ramirez', mrn: expect.any(String) });
    expect(r.items.find((i) => i.patientId === fresh)).toMatchObject({ primaryCode: null, groups: [], openReview: [] });
    expect(r.items.find((i) => i.patientId === oldMeds)!.openReview).toEqual([{ kind: 'interaction', label: expect.stringMatching(/^Gabapentin: /) }]);
  });

  it('agrees with the chart\'s completeness for each patient', async () => {
    now = NOW - 5 * DAY;
    const ids = [await patient('A'), await patient('B'), await patient('C')];
    now = NOW;
    await b.ok('intake.addDiagnosis', { patientId: ids[0]!, fields: { code: 'G56.41' } });
    await b.ok('intake.addDiagnosis', { patientId: ids[1]!, fields: { code: 'G89.28' } });
    await b.ok('intake.addTreatment', { patientId: ids[1]!, fields: { kind: 'physical_therapy', name: 'PT', outcome: 'failed' } });
    const list = await b.ok('intake.worklist', { limit: 500 });
    for (const id of ids) {
      const chart = (await b.ok('intake.get', { patientId: id })).completeness;
      const row = list.items.find((i) => i.patientId === id)!;
      expect([row.done, row.total, row.percent]).toEqual([chart.done, chart.total, chart.percent]);
    }
  });

  it('filters by diagnosis group, pages with limit and offset, and drops removed patients', async () => {
    now = NOW;
    const crps = await patient('Crps');
    await b.ok('intake.addDiagnosis', { patientId: crps, fields: { code: 'G90.522' } });
    const fibro = await patient('Fibro');
    await b.ok('intake.addDiagnosis', { patientId: fibro, fields: { code: 'M79.7' } });
    const gone = await patient('Gone');
    await b.ok('intake.addDiagnosis', { patientId: gone, fields: { code: 'G90.511' } });
    await b.ok('patients.remove', { id: gone });

    expect((await b.ok('intake.worklist', { group: 'crps' })).items.map((i) => i.patientId)).toEqual([crps]);
    const all = await b.ok('intake.worklist', {});
    expect(all.total).toBe(2);
    const page2 = await b.ok('intake.worklist', { limit: 1, offset: 1 });
    expect(page2).toMatchObject({ total: 2, items: [{ patientId: all.items[1]!.patientId }] });
    expect((await b.ok('intake.worklist', { offset: 5 })).items).toEqual([]);
  });

  it('a correction that supersedes a score keeps the instrument counted', async () => {
    now = NOW;
    const p = await patient('P');
    await b.ok('intake.addDiagnosis', { patientId: p, fields: { code: 'M79.7' } });
    const s = await b.ok('scores.record', { patientId: p, instrument: 'nrs', value: 3, observedAt: NOW - DAY });
    await b.ok('scores.record', { patientId: p, instrument: 'nrs', value: 4, observedAt: NOW - DAY, supersedesId: s.id });
    const row = (await b.ok('intake.worklist', {})).items[0]!;
    expect(row.done).toBe(2); // diagnosis + baseline pain
  });

  it('patients with the same screening answers and medications each have their own review: a sign-off covers only its patient', async () => {
    now = NOW;
    const ids = [await patient('Signed'), await patient('Waiting'), await patient('Unsure')];
    for (const id of ids) {
      await completeCrpsIntake(b, id);
      await b.ok('intake.addMedication', { patientId: id, fields: { drug: 'Lorazepam', dose: '1 mg' } });
    }
    const items = (await b.ok('intake.reference', {})).screening.items;
    await b.ok('intake.recordScreening', { patientId: ids[2]!, screenedOn: '2026-11-21', answers: { ...allNo(items), pregnancy: { answer: 'unsure', note: null } } });
    const doctor = await b.signedInAs('physician', 'Dr. Priya Natarajan');
    const keys = (await b.ok('intake.get', { patientId: ids[0]! })).review.items.map((i) => i.key);
    expect((await doctor.invoke('intake.signOff', { patientId: ids[0]!, reviewed: keys })).ok).toBe(true);

    const list = await b.ok('intake.worklist', {});
    expect(list.items.map((i) => i.patientId)).toEqual([ids[1], ids[2]]);
    expect(list.items[0]!.openReview).toEqual([{ kind: 'interaction', label: expect.stringMatching(/^Lorazepam: /) }]);
    expect(list.items[1]!.openReview.map((r) => r.kind)).toEqual(['screening', 'interaction']);
    for (const id of ids) {
      const chart = (await b.ok('intake.get', { patientId: id })).completeness;
      const row = list.items.find((i) => i.patientId === id);
      expect(row ? [row.done, row.total] : 'complete').toEqual(chart.complete ? 'complete' : [chart.done, chart.total]);
    }
  });

  it('reads baseline instruments and corrections from their indexes', () => {
    const plan = (b.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${CANDIDATES_SQL}`).all({ since: 0 }) as { detail: string }[]).map((r) => r.detail);
    expect(plan).toContain('SEARCH s USING INDEX scores_baseline (patient_id=?)');
    expect(plan).toContain('SEARCH c USING INDEX scores_supersedes (supersedes_id=?)');
  });

  it('sees every change at once, even when the list was just read (kept list is dropped on writes)', async () => {
    now = NOW;
    const p = await patient('P');
    expect((await b.ok('intake.worklist', {})).items[0]).toMatchObject({ patientId: p, done: 0 });
    await b.ok('intake.addDiagnosis', { patientId: p, fields: { code: 'M79.7' } });
    expect((await b.ok('intake.worklist', {})).items[0]).toMatchObject({ patientId: p, done: 1, groups: ['fibromyalgia'] });
    await b.ok('patients.remove', { id: p });
    expect(await b.ok('intake.worklist', {})).toEqual({ items: [], total: 0 });
  });

  it('keeps the list through writes it does not read (clinic settings), and brings only the changed patient up to date on one it reads', async () => {
    now = NOW;
    const p = await patient('P');
    expect((await b.ok('intake.worklist', {})).items.map((i) => i.patientId)).toEqual([p]);
    const computed = worklistComputations();
    const refreshed = worklistRefreshes();
    await b.ok('settings.update', { name: 'Lakeside Pain & Infusion Center', timeZone: 'America/Chicago', openingHours: [] });
    expect((await b.ok('intake.worklist', {})).items[0]).toMatchObject({ patientId: p, done: 0 });
    expect([worklistComputations(), worklistRefreshes()]).toEqual([computed, refreshed]);
    await b.ok('intake.addMedication', { patientId: p, fields: { drug: 'Gabapentin' } });
    expect((await b.ok('intake.worklist', {})).items[0]!.openReview).toEqual([{ kind: 'interaction', label: expect.stringMatching(/^Gabapentin: /) }]);
    expect([worklistComputations(), worklistRefreshes()]).toEqual([computed, refreshed + 1]);
  });

  it('kept up to date patient by patient, the list is the one a fresh computation gives, after every kind of change', async () => {
    now = NOW - 30 * DAY;
    const ids = [await patient('Ann'), await patient('Bea'), await patient('Cal'), await patient('Dee')];
    now = NOW;
    for (const id of ids.slice(0, 3)) await b.ok('intake.addDiagnosis', { patientId: id, fields: { code: 'G90.511' } });
    await b.ok('intake.worklist', {});
    const computed = worklistComputations();
    const refreshed = worklistRefreshes();
    const items = (await b.ok('intake.reference', {})).screening.items;
    const doctor = await b.signedInAs('physician', 'Dr. Priya Natarajan');
    const steps: [string, () => Promise<unknown>][] = [
      ['a whole intake filled in (leaves the list)', () => completeCrpsIntake(b, ids[0]!)],
      ['a baseline score', () => b.ok('scores.record', { patientId: ids[1]!, instrument: 'nrs', value: 7, observedAt: NOW - DAY })],
      ['a medication flagged for review', () => b.ok('intake.addMedication', { patientId: ids[1]!, fields: { drug: 'Lorazepam' } })],
      ['a screening with an unsure answer', () => b.ok('intake.recordScreening', { patientId: ids[1]!, screenedOn: '2026-11-21', answers: { ...allNo(items), pregnancy: { answer: 'unsure', note: null } } })],
      ['the physician signs off', async () => {
        const keys = (await b.ok('intake.get', { patientId: ids[1]! })).review.items.map((i) => i.key);
        expect((await doctor.invoke('intake.signOff', { patientId: ids[1]!, reviewed: keys })).ok).toBe(true);
      }],
      ['a diagnosis removed', async () => {
        const d = (await b.ok('intake.get', { patientId: ids[2]! })).diagnoses[0]!;
        await b.ok('intake.removeDiagnosis', { id: d.id, expectedVersion: d.version });
      }],
      ['a patient removed', () => b.ok('patients.remove', { id: ids[3]! })],
      ['a new patient', () => patient('Eve')],
      ['a treatment in two patients at once', async () => {
        for (const id of ids.slice(1, 3)) await b.ok('intake.addTreatment', { patientId: id, fields: { kind: 'physical_therapy', name: 'PT', outcome: 'failed' } });
      }],
    ];
    for (const [what, step] of steps) {
      await step();
      const kept = await b.ok('intake.worklist', { limit: 500 });
      // A second connection to the same file computes the list from nothing.
      const fresh = tempBackend({ dataDir: b.dir, now: () => now });
      try {
        expect(kept, what).toEqual(await fresh.ok('intake.worklist', { limit: 500 }));
      } finally {
        fresh.close();
      }
      // The other connection's reads may write the read trail: that moves data_version here, so
      // the next step's list is computed whole once; bring this one up to date before the next.
      await b.ok('intake.worklist', {});
    }
    expect(worklistRefreshes() - refreshed).toBeGreaterThanOrEqual(steps.length);
    expect(worklistComputations() - computed).toBeLessThanOrEqual(2 * steps.length);
  });

  it('a write rolled back after the list was read is not kept in it', async () => {
    now = NOW;
    const p = await patient('P');
    expect((await b.ok('intake.worklist', {})).items[0]).toMatchObject({ patientId: p, done: 0 });
    const sqlite = b.store.sqlite;
    sqlite.exec('BEGIN');
    await b.ok('intake.addDiagnosis', { patientId: p, fields: { code: 'M79.7' } });
    expect((await b.ok('intake.worklist', {})).items[0]).toMatchObject({ patientId: p, done: 1 });
    sqlite.exec('ROLLBACK');
    expect((await b.ok('intake.worklist', {})).items[0]).toMatchObject({ patientId: p, done: 0, groups: [] });
  });

  it('sees a write by another connection (the sync applier has its own)', async () => {
    now = NOW;
    const p = await patient('P');
    expect((await b.ok('intake.worklist', {})).items[0]).toMatchObject({ patientId: p, done: 0 });
    const other = tempBackend({ dataDir: b.dir, now: () => now });
    try {
      await other.ok('intake.addDiagnosis', { patientId: p, fields: { code: 'M79.7' } });
    } finally {
      other.close();
    }
    expect((await b.ok('intake.worklist', {})).items[0]).toMatchObject({ patientId: p, done: 1, groups: ['fibromyalgia'] });
  });

  it('a new patient without intake leaves the list after 90 days', async () => {
    now = NOW;
    const p = await patient('New');
    expect((await b.ok('intake.worklist', {})).items.map((i) => i.patientId)).toEqual([p]);
    now = NOW + 89 * DAY;
    expect((await b.ok('intake.worklist', {})).total).toBe(1);
    now = NOW + 91 * DAY;
    expect((await b.ok('intake.worklist', {})).total).toBe(0);
  });

  it('a new patient leaves the list at the minute their 90 days are up, without recomputing the kept list that day', async () => {
    now = NOW; // 05:30 UTC
    const p = await patient('New');
    now = NOW + 90 * DAY - 60 * 60_000; // 04:30 UTC on the day the 90 days end
    expect((await b.ok('intake.worklist', {})).items.map((i) => i.patientId)).toEqual([p]);
    const computed = worklistComputations();
    now = NOW + 90 * DAY - 60_000;
    expect((await b.ok('intake.worklist', {})).total).toBe(1);
    now = NOW + 90 * DAY + 60_000;
    expect(await b.ok('intake.worklist', {})).toEqual({ items: [], total: 0 });
    expect(worklistComputations()).toBe(computed);
  });
});
