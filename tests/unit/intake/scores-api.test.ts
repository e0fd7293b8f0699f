import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';
import { snapshot } from './helpers';

let b: TestBackend;
let pid: string;
const NOW = Date.parse('2026-11-27T05:30:00Z');
const AT = Date.parse('2026-11-20T15:00:00Z');
beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', { name: 'Lakeside Pain & Infusion', timeZone: 'America/Chicago', openingHours: [] });
  pid = (await b.ok('patients.create', validPatient)).id;
});
afterEach(() => b.dispose());

describe('scores.record (baseline)', () => {
  it('records NRS and VAS as given, attributed and dated', async () => {
    const nrs = await b.ok('scores.record', { patientId: pid, instrument: 'nrs', value: 7, observedAt: AT, recordedBy: 'RN Kim' });
    expect(nrs).toMatchObject({ instrument: 'nrs', value: 7, items: null, timePoint: 'baseline', observedAt: AT, recordedBy: 'RN Kim', source: 'staff', supersedesId: null, supersededById: null });
    const vas = await b.ok('scores.record', { patientId: pid, instrument: 'vas', value: 72.5, observedAt: '2026-11-20T09:05:00-06:00' });
    expect(vas).toMatchObject({ value: 72.5, observedAt: Date.parse('2026-11-20T15:05:00Z'), recordedBy: 'Clinic administrator' });
  });

  it('computes PEG and BPI interference as the mean of their items', async () => {
    const peg = await b.ok('scores.record', { patientId: pid, instrument: 'peg', items: [8, 6, 7], observedAt: AT });
    expect(peg).toMatchObject({ value: 7, items: [8, 6, 7] });
    const bpi = await b.ok('scores.record', { patientId: pid, instrument: 'bpi_interference', items: [5, 6, 7, 8, 4, 3, 2], observedAt: AT });
    expect(bpi.value).toBe(5);
    const odd = await b.ok('scores.record', { patientId: pid, instrument: 'peg', items: [8, 8, 7], observedAt: AT });
    expect(odd.value).toBe(7.67);
  });

  it.each([
    ['NRS 11', { instrument: 'nrs', value: 11 }, 'value', 'NRS is a whole number from 0 to 10.'],
    ['NRS -1', { instrument: 'nrs', value: -1 }, 'value', 'NRS is a whole number from 0 to 10.'],
    ['NRS 5.5', { instrument: 'nrs', value: 5.5 }, 'value', 'NRS is a whole number from 0 to 10.'],
    ['NRS without a value', { instrument: 'nrs' }, 'value', 'Enter the NRS score (0 to 10).'],
    ['VAS -1', { instrument: 'vas', value: -1 }, 'value', 'VAS is from 0 to 100.'],
    ['VAS 101', { instrument: 'vas', value: 101 }, 'value', 'VAS is from 0 to 100.'],
    ['VAS 50.25', { instrument: 'vas', value: 50.25 }, 'value', 'VAS is measured in mm, at most one decimal place.'],
    ['PEG with 2 answers', { instrument: 'peg', items: [5, 5] }, 'items', 'PEG has 3 answers; 2 were given.'],
    ['PEG with an answer of 11', { instrument: 'peg', items: [5, 11, 5] }, 'items.1', 'Each PEG answer is a whole number from 0 to 10.'],
    ['BPI with 3 answers', { instrument: 'bpi_interference', items: [1, 2, 3] }, 'items', 'BPI interference has 7 answers; 3 were given.'],
    ['PEG with a value that is not the mean', { instrument: 'peg', items: [3, 3, 3], value: 5 }, 'value', expect.stringMatching(/mean of its answers \(3\)/)],
    ['an unknown instrument', { instrument: 'fiqr', value: 3 }, 'instrument', 'Choose NRS, VAS, PEG or BPI interference.'],
    ['a time in the future', { instrument: 'nrs', value: 5, observedAt: NOW + 3_600_000 }, 'observedAt', 'The time the score was taken cannot be in the future.'],
    ['a time before birth', { instrument: 'nrs', value: 5, observedAt: Date.parse('1980-01-01T00:00:00Z') }, 'observedAt', "The time the score was taken is before the patient's date of birth."],
    ['a time that is not a date', { instrument: 'nrs', value: 5, observedAt: 'yesterday' }, 'observedAt', 'Enter the time the score was taken as a date and time.'],
  ])('refuses %s, naming the field, and saves nothing', async (_n, change, field, message) => {
    const before = snapshot(b);
    const err = await b.fail('scores.record', { patientId: pid, observedAt: AT, ...change });
    expect(err).toMatchObject({ code: 'VALIDATION', field, message });
    expect(snapshot(b)).toEqual(before);
  });

  it('refuses a score for an unknown patient', async () => {
    expect((await b.fail('scores.record', { patientId: '0190a3c2-0000-7000-8000-000000000000', instrument: 'nrs', value: 5, observedAt: AT })).code).toBe('NOT_FOUND');
  });
});

describe('corrections (append-only)', () => {
  it('a correction is a new row; the superseded score stops counting but stays in history', async () => {
    const wrong = await b.ok('scores.record', { patientId: pid, instrument: 'nrs', value: 3, observedAt: AT });
    const fixed = await b.ok('scores.record', { patientId: pid, instrument: 'nrs', value: 8, observedAt: AT, supersedesId: wrong.id });
    expect(fixed.supersedesId).toBe(wrong.id);
    const current = await b.ok('scores.listForPatient', { patientId: pid });
    expect(current.items.map((s) => s.value)).toEqual([8]);
    const history = await b.ok('scores.listForPatient', { patientId: pid, includeSuperseded: true });
    expect(history.items.map((s) => [s.value, s.supersededById])).toEqual([
      [8, null],
      [3, fixed.id],
    ]);
    const rec = await b.ok('intake.get', { patientId: pid });
    expect(rec.baseline.nrs?.value).toBe(8);
    expect(rec.baseline.all).toHaveLength(1);
    // nothing was edited in place
    expect((b.store.sqlite.prepare(`SELECT version FROM scores WHERE id = ?`).get(wrong.id) as { version: number }).version).toBe(1);
  });

  it('refuses a second correction of the same score, and a correction across patients', async () => {
    const s = await b.ok('scores.record', { patientId: pid, instrument: 'nrs', value: 3, observedAt: AT });
    await b.ok('scores.record', { patientId: pid, instrument: 'nrs', value: 4, observedAt: AT, supersedesId: s.id });
    const before = snapshot(b);
    expect(await b.fail('scores.record', { patientId: pid, instrument: 'nrs', value: 5, observedAt: AT, supersedesId: s.id })).toMatchObject({ code: 'CONFLICT', field: 'supersedesId' });
    const other = await b.ok('patients.create', { ...validPatient, firstName: 'Luis' });
    const before2 = snapshot(b);
    expect(await b.fail('scores.record', { patientId: other.id, instrument: 'nrs', value: 5, observedAt: AT, supersedesId: s.id })).toMatchObject({ code: 'VALIDATION', field: 'supersedesId' });
    expect(snapshot(b)).toEqual(before2);
    expect(before.scores).toBe(2);
  });

  it('the latest current score per instrument is the baseline', async () => {
    await b.ok('scores.record', { patientId: pid, instrument: 'nrs', value: 6, observedAt: AT - 86_400_000 });
    await b.ok('scores.record', { patientId: pid, instrument: 'nrs', value: 7, observedAt: AT });
    await b.ok('scores.record', { patientId: pid, instrument: 'vas', value: 65, observedAt: AT - 3_600_000 });
    const rec = await b.ok('intake.get', { patientId: pid });
    expect(rec.baseline.nrs?.value).toBe(7);
    expect(rec.baseline.vas?.value).toBe(65);
    expect(rec.baseline.all.map((s) => s.value)).toEqual([7, 65, 6]);
  });
});
