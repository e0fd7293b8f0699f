import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../../src-shared/api/transport';
import { tempBackend, validPatient, type SignedInUser, type TestBackend } from '../../support/temp-backend';
import { allNo, completeCrpsIntake, count } from './helpers';

let b: TestBackend;
let pid: string;
let doctor: SignedInUser;
let events: BackendEvent[];
const NOW = Date.parse('2026-11-27T15:30:00Z');

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', { name: 'Lakeside Pain & Infusion', timeZone: 'America/Chicago', openingHours: [] });
  pid = (await b.ok('patients.create', validPatient)).id;
  doctor = await b.signedInAs('physician', 'Dr. Priya Natarajan');
  events = [];
  b.subscribe((e) => events.push(e));
});
afterEach(() => b.dispose());

/** A complete CRPS intake whose screening has an "unsure" on pregnancy, and a benzodiazepine. */
async function flaggedIntake(): Promise<void> {
  await completeCrpsIntake(b, pid);
  const items = (await b.ok('intake.reference', {})).screening.items;
  await b.ok('intake.recordScreening', { patientId: pid, screenedOn: '2026-11-21', answers: { ...allNo(items), pregnancy: { answer: 'unsure', note: 'LMP uncertain' } } });
  await b.ok('intake.addMedication', { patientId: pid, fields: { drug: 'Lorazepam', dose: '1 mg' } });
}

const keysOf = async () => (await b.ok('intake.get', { patientId: pid })).review.items.map((i) => i.key);
const signOff = (input: unknown, as: SignedInUser = doctor) => as.invoke('intake.signOff', input);

describe('intake.signOff', () => {
  it('a physician signs off what needs review: kept with who, when and the comment, and the intake reaches 100 %', async () => {
    await flaggedIntake();
    const before = await b.ok('intake.get', { patientId: pid });
    expect(before.review).toMatchObject({ status: 'open', openCount: 2, blockedReason: null });
    expect(before.review.items.map((i) => i.label)).toEqual(['Pregnancy or possible pregnancy (answered unsure)', 'Lorazepam: Benzodiazepines']);
    expect(before.completeness).toMatchObject({ done: 7, total: 8, percent: 87, complete: false });
    expect(before.completeness.items.at(-1)).toMatchObject({ id: 'physician_signoff', done: false });

    const r = await signOff({ patientId: pid, reviewed: await keysOf(), comment: '  Pregnancy test before the first infusion.\r\nThen proceed.  ' });
    expect(r.ok).toBe(true);
    const after = await b.ok('intake.get', { patientId: pid });
    expect(after.completeness).toMatchObject({ done: 8, total: 8, percent: 100, complete: true });
    expect(after.review).toMatchObject({ status: 'signed_off', openCount: 0, summary: 'Signed off by Dr. Priya Natarajan.' });
    expect(after.review.signOffs).toHaveLength(1);
    expect(after.review.signOffs[0]).toMatchObject({
      signedAt: NOW,
      signedByUserId: doctor.userId,
      signedByName: 'Dr. Priya Natarajan',
      signedByRole: 'physician',
      // Kept on its lines, as typed in the box.
      comment: 'Pregnancy test before the first infusion.\nThen proceed.',
    });
    expect(after.review.signOffs[0]!.reviewed.map((i) => i.label)).toEqual(before.review.items.map((i) => i.label));
    expect(events.map((e) => e.topic)).toContain('intake.changed');
  });

  it('a new review item after the sign-off reopens it (not 100 %), and a second sign-off is added to the history', async () => {
    await flaggedIntake();
    expect((await signOff({ patientId: pid, reviewed: await keysOf() })).ok).toBe(true);
    await b.ok('intake.addMedication', { patientId: pid, fields: { drug: 'Theophylline' } });
    const reopened = await b.ok('intake.get', { patientId: pid });
    expect(reopened.completeness.complete).toBe(false);
    expect(reopened.review).toMatchObject({ status: 'open', openCount: 1 });
    expect(reopened.review.summary).toMatch(/again: 1 item new since the last sign-off/);
    expect(reopened.completeness.items.at(-1)!.missingReason).toMatch(/again \(1 item new since the last sign-off\)$/);
    const list = await b.ok('intake.worklist', {});
    expect(list.items.find((i) => i.patientId === pid)).toMatchObject({ percent: 87, openReview: [{ kind: 'interaction', label: 'Theophylline: Theophylline / aminophylline' }] });

    // Signing only what was open before the new item is refused and names the new one.
    const stale = await signOff({ patientId: pid, reviewed: reopened.review.items.filter((i) => !i.open).map((i) => i.key) });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'reviewed' } });
    expect(!stale.ok && stale.error.message).toMatch(/Something new needs review since this chart was loaded: Theophylline/);

    expect((await signOff({ patientId: pid, reviewed: await keysOf() })).ok).toBe(true);
    const again = await b.ok('intake.get', { patientId: pid });
    expect(again.completeness.complete).toBe(true);
    expect(again.review.signOffs).toHaveLength(2);
    expect(count(b, 'intake_signoffs')).toBe(2);
    expect((await b.ok('intake.worklist', {})).items.some((i) => i.patientId === pid)).toBe(false);
  });

  it('the work list agrees with the chart: an otherwise complete intake waits there for the sign-off, with the items', async () => {
    await flaggedIntake();
    const item = (await b.ok('intake.worklist', {})).items.find((i) => i.patientId === pid)!;
    const chart = await b.ok('intake.get', { patientId: pid });
    expect(item).toMatchObject({ done: chart.completeness.done, total: chart.completeness.total, percent: chart.completeness.percent });
    expect(item.firstMissing).toBe(chart.completeness.items.find((i) => !i.done)!.missingReason);
    expect(item.openReview.map((i) => i.label)).toEqual(['Pregnancy or possible pregnancy (answered unsure)', 'Lorazepam: Benzodiazepines']);
  });

  it('is refused before the screening, and when nothing needs review, saying why; nothing is written', async () => {
    await b.ok('intake.addMedication', { patientId: pid, fields: { drug: 'Xanax' } });
    const early = await signOff({ patientId: pid, reviewed: await keysOf() });
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Record the contraindication screening first: the sign-off covers its answers.' } });
    expect((await b.ok('intake.get', { patientId: pid })).review.blockedReason).toMatch(/screening first/);

    const other = (await b.ok('patients.create', { ...validPatient, firstName: 'Bo', email: 'bo@example.com' })).id;
    const items = (await b.ok('intake.reference', {})).screening.items;
    await b.ok('intake.recordScreening', { patientId: other, screenedOn: '2026-11-21', answers: allNo(items) });
    const nothing = await signOff({ patientId: other, reviewed: ['screening:pregnancy:yes'] });
    expect(nothing).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!nothing.ok && nothing.error.message).toMatch(/^Nothing needs the physician’s review/);
    expect(count(b, 'intake_signoffs')).toBe(0);
  });

  it('front desk and nurses may not sign off (FORBIDDEN from the role table); an administrator may', async () => {
    await flaggedIntake();
    const reviewed = await keysOf();
    for (const role of ['front_desk', 'nurse', 'assistant'] as const) {
      const someone = await b.signedInAs(role);
      expect(await signOff({ patientId: pid, reviewed }, someone)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(count(b, 'intake_signoffs')).toBe(0);
    const admin = await b.signedInAs('admin', 'Clinic Admin');
    expect((await signOff({ patientId: pid, reviewed }, admin)).ok).toBe(true);
    expect((await b.ok('intake.get', { patientId: pid })).review.signOffs[0]).toMatchObject({ signedByName: 'Clinic Admin', signedByRole: 'admin' });
  });

  it.each([
    ['nothing', {}, 'patientId'],
    ['no review items listed', { reviewed: [] }, 'reviewed'],
    ['review items as a string', { reviewed: 'screening:pregnancy:unsure' }, 'reviewed'],
    ['a review item that is not text', { reviewed: [42] }, 'reviewed.0'],
    ['an endless key', { reviewed: ['x'.repeat(301)] }, 'reviewed.0'],
    ['too many keys', { reviewed: Array.from({ length: 101 }, (_, i) => `k${i}`) }, 'reviewed'],
    ['a comment of 2001 characters', { comment: 'x'.repeat(2001) }, 'comment'],
    ['a comment with a hidden control character', { comment: 'OK\u0007 to proceed' }, 'comment'],
    ['a patient id that is not an id', { patientId: "1' OR '1'='1" }, 'patientId'],
  ])('refuses %s with a message beside the field, writing nothing', async (_n, change, field) => {
    await flaggedIntake();
    const input = { patientId: pid, reviewed: await keysOf(), ...change };
    if (_n === 'nothing') for (const k of Object.keys(input)) delete (input as Record<string, unknown>)[k];
    const r = await signOff(input);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!r.ok) expect(r.error.issues?.map((i) => i.field)).toContain(field);
    expect(count(b, 'intake_signoffs')).toBe(0);
  });

  it('an unknown patient is NOT_FOUND', async () => {
    const r = await signOff({ patientId: '01900000-0000-7000-8000-00000000abcd', reviewed: ['screening:pregnancy:yes'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
