import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDateAt, zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { checkMove } from '../../../src-shared/domain/series/move';
import { checkPlacement } from '../../../src-shared/domain/series/placement';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

// The patient's own consultations are part of infusion placement, through the one rule the
// planner (series.propose), the save (series.book) and a move (drag / series.reschedule) use.
const ZONE = 'America/Chicago';
const NOW = zonedToInstant(ZONE, '2026-11-27', '10:00'); // a Friday
const at = (date: string, time = '08:00') => zonedToInstant(ZONE, date, time);
const MIN = 60_000;

let b: TestBackend;
let suite1: string;
let rn: string;
let doctor: string;
let templateId: string;
let patient: string;

const planned = (startsAt: number, seq: number) => ({
  seq,
  suiteId: suite1,
  supervisorId: rn,
  startsAt,
  infusionStartsAt: startsAt + 30 * MIN,
  recoveryStartsAt: startsAt + 270 * MIN,
  endsAt: startsAt + 330 * MIN,
});

async function consultation(startsAt: number, kind: 'initial_consultation' | 'follow_up_consultation' = 'initial_consultation') {
  return b.ok('consultations.book', { patientId: patient, staffId: doctor, startsAt, minutes: 60, kind });
}

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' })),
  });
  suite1 = (await b.ok('suites.create', { name: 'Suite 1' })).id;
  rn = (await b.ok('staff.create', { name: 'Carla Diaz, RN', role: 'rn' })).id;
  await b.ok('shifts.setWeekly', { staffId: rn, shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00', maxConcurrent: 2 })) });
  doctor = (await b.ok('staff.create', { name: 'Dr Lee', role: 'physician' })).id;
  await b.ok('availability.setWeekly', { staffId: doctor, hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00' })) });
  templateId = (await b.ok('series.templates.list', {})).find((t) => t.sessionCount === 6 && t.windowDays === 14)!.id;
  patient = (await b.ok('patients.create', { ...validPatient, firstName: 'Ana', lastName: 'Rivera' })).id;
});
afterEach(() => b.dispose());

describe("the patient's consultations in infusion placement", () => {
  it('propose: the first infusion comes after the clearing consultation, and none sits on a consultation', async () => {
    await consultation(at('2026-12-01', '09:00'));
    await consultation(at('2026-12-03', '12:00'), 'follow_up_consultation');
    const r = await b.ok('series.propose', { patientId: patient, templateId, selfPay: true });
    const sessions = r.proposals[0]!.sessions;
    // Before: the planner started on Mon 11/30 07:00, a day before the consultation that clears her.
    expect(sessions[0]!.startsAt).toBeGreaterThanOrEqual(at('2026-12-01', '10:00'));
    for (const s of sessions) {
      const overlapsFollowUp = s.startsAt < at('2026-12-03', '13:00') && at('2026-12-03', '12:00') < s.endsAt;
      expect(overlapsFollowUp, localDateAt(ZONE, s.startsAt)).toBe(false);
    }
  });

  it('propose says why when the consultation is after the horizon', async () => {
    await consultation(at('2027-03-01', '09:00'));
    const r = await b.ok('series.propose', { patientId: patient, templateId, selfPay: true });
    expect(r.proposals).toEqual([]);
    expect(r.noFit!.reasons.join(' ')).toContain("Infusions come after the patient's initial consultation (9:00 AM–10:00 AM on 03/01)");
  });

  it('book: refuses a series over the consultation or before it, and saves nothing', async () => {
    await consultation(at('2026-12-01', '09:00'));
    const dates = ['2026-12-01', '2026-12-03', '2026-12-07', '2026-12-09', '2026-12-10', '2026-12-11'];
    const over = await b.fail('series.book', { patientId: patient, templateId, selfPay: true, sessions: dates.map((d, i) => planned(at(d, '07:00'), i + 1)) });
    expect(over.code).toBe('CONFLICT');
    expect(over.message).toContain('Session 1: The patient has their initial consultation 9:00 AM–10:00 AM on 12/01.');
    const before = ['2026-11-30', '2026-12-02', '2026-12-04', '2026-12-07', '2026-12-09', '2026-12-11'];
    const early = await b.fail('series.book', { patientId: patient, templateId, selfPay: true, sessions: before.map((d, i) => planned(at(d), i + 1)) });
    expect(early.message).toContain("Session 1: Infusions come after the patient's initial consultation (9:00 AM–10:00 AM on 12/01), which clears them for treatment.");
    expect(await b.ok('series.listForPatient', { patientId: patient })).toEqual([]);
  });

  it('move: a drag onto a consultation or before the clearing one is refused by the save, and the calendar check says the same', async () => {
    await consultation(at('2026-12-01', '09:00'));
    const dates = ['2026-12-02', '2026-12-04', '2026-12-07', '2026-12-09', '2026-12-11', '2026-12-14'];
    const series = await b.ok('series.book', { patientId: patient, templateId, selfPay: true, sessions: dates.map((d, i) => planned(at(d), i + 1)) });
    await consultation(at('2026-12-04', '12:00'), 'follow_up_consultation');
    const s2 = series.sessions[1]!;
    const onto = await b.fail('series.reschedule', { moves: [{ sessionId: s2.id, suiteId: suite1, startsAt: at('2026-12-04', '09:00') }], reason: 'x' });
    expect(onto.message).toContain('The patient has their follow-up consultation 12:00 PM–1:00 PM on 12/04');
    const cal = await b.ok('sessions.calendar', { from: '2026-12-04', days: 1 });
    const mine = cal.sessions.find((s) => s.id === s2.id)!;
    const local = checkMove(cal.floor, mine, { suiteId: suite1, startsAt: at('2026-12-04', '09:00') }, NOW);
    expect(local.ok).toBe(false);
    expect(onto.issues!.map((i) => i.message)).toEqual(local.reasons);

    const s1 = series.sessions[0]!;
    const early = await b.fail('series.reschedule', { moves: [{ sessionId: s1.id, suiteId: suite1, startsAt: at('2026-11-30') }], reason: 'x' });
    expect(early.message).toContain("Infusions come after the patient's initial consultation (9:00 AM–10:00 AM on 12/01)");
    const cal2 = await b.ok('sessions.calendar', { from: '2026-11-30', days: 3 });
    const first = cal2.sessions.find((s) => s.id === s1.id)!;
    expect(checkMove(cal2.floor, first, { suiteId: suite1, startsAt: at('2026-11-30') }, NOW).reasons).toEqual(early.issues!.map((i) => i.message));
    // A cancelled consultation no longer holds the place.
    const follow = (await b.ok('consultations.listForPatient', { patientId: patient })).find((c) => c.kind === 'follow_up_consultation')!;
    await b.ok('consultations.cancel', { id: follow.id, reason: 'patient asked', expectedVersion: follow.version });
    await b.ok('series.reschedule', { moves: [{ sessionId: s2.id, suiteId: suite1, startsAt: at('2026-12-04', '09:00') }], reason: 'x' });
  });

  it('the rule itself: a consultation only matters for its own patient', () => {
    const template = { sessionCount: 1, windowDays: 1, minGapDays: 0, maxGapDays: 0, prepMinutes: 30, infusionMinutes: 60, recoveryMinutes: 30, supervisorRole: 'rn' };
    const input = {
      timeZone: ZONE, patientId: 'p1', template, from: at('2026-12-07', '00:00'), horizonDays: 1, stepMinutes: 15,
      clinicHours: [{ day: 1, open: '07:00', close: '18:00' }],
      suites: [{ id: 's1', name: 'Suite 1', openingHours: null }], closures: [], booked: [],
      appointments: [{ patientId: 'p2', startsAt: at('2026-12-07', '09:00'), endsAt: at('2026-12-07', '10:00'), what: 'initial consultation', clears: true }],
      staff: [{ id: 'n1', name: 'Nurse Ann', role: 'rn', shifts: [{ weekday: 1, startTime: '07:00', endTime: '18:00', validFrom: null, validTo: null, maxConcurrent: 1 }] }],
      authorization: null,
    };
    const s = { seq: 1, suiteId: 's1', supervisorId: 'n1', startsAt: at('2026-12-07', '08:00'), infusionStartsAt: at('2026-12-07', '08:30'), recoveryStartsAt: at('2026-12-07', '09:30'), endsAt: at('2026-12-07', '10:00') };
    expect(checkPlacement(input, s).ok).toBe(true);
    expect(checkPlacement({ ...input, patientId: 'p2' }, s).reasons).toEqual(['The patient has their initial consultation 09:00-10:00 on 12/07']);
    // The reasons follow the clinic's clock; the opening hours in a refusal too.
    expect(checkPlacement({ ...input, patientId: 'p2', timeFormat: '12h' as const }, s).reasons).toEqual([
      'The patient has their initial consultation 9:00 AM–10:00 AM on 12/07',
    ]);
    const late = { ...s, startsAt: at('2026-12-07', '17:00'), infusionStartsAt: at('2026-12-07', '17:30'), recoveryStartsAt: at('2026-12-07', '18:30'), endsAt: at('2026-12-07', '19:00') };
    expect(checkPlacement({ ...input, timeFormat: '12h' as const }, late).reasons).toContain('Suite 1 is open 7:00 AM–6:00 PM on 12/07; the session runs 5:00 PM–7:00 PM');
    expect(checkPlacement({ ...input, timeFormat: '24h' as const }, late).reasons).toContain('Suite 1 is open 07:00-18:00 on 12/07; the session runs 17:00-19:00');
  });
});
