import { describe, expect, it } from 'vitest';
import { checkPlacement } from '../../../src-shared/domain/series/placement';
import { planSeries, SEARCH_BUDGET } from '../../../src-main/backend/series/rules/planner';
import type { BookedSession, PlannerInput, SeriesTemplateSpec } from '../../../src-shared/domain/series/planner-types';
import { addDays, localDateAt, zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';

const TZ = 'America/Chicago';
const at = (d: string, t: string) => zonedToInstant(TZ, d, t);
// Short sessions keep the hand-made days small: 30 + 120 + 30 minutes.
const template: SeriesTemplateSpec = { sessionCount: 3, windowDays: 7, minGapDays: 1, maxGapDays: 3, prepMinutes: 30, infusionMinutes: 120, recoveryMinutes: 30, supervisorRole: 'rn' };
const weekdayHours = [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '11:00' }));
const shifts = (maxConcurrent = 1) =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '08:00', endTime: '11:00', validFrom: null, validTo: null, maxConcurrent }));

function clinic(over: Partial<PlannerInput> = {}): PlannerInput {
  return {
    timeZone: TZ, patientId: 'p1', template, from: at('2026-12-07', '00:00'), horizonDays: 7, stepMinutes: 60,
    clinicHours: weekdayHours,
    suites: [{ id: 's1', name: 'Suite 1', openingHours: null }],
    closures: [], booked: [],
    staff: [{ id: 'n1', name: 'Nurse Ann', role: 'rn', shifts: shifts() }],
    authorization: null,
    ...over,
  };
}

/** Another patient's 08:00-11:00 session in a suite on a day. */
const taken = (date: string, suiteId = 's1', supervisorId: string | null = null, patientId = 'p9'): BookedSession => ({
  sessionId: `${suiteId}-${date}-${patientId}`, patientId, suiteId, supervisorId,
  startsAt: at(date, '08:00'), infusionStartsAt: at(date, '08:30'), recoveryStartsAt: at(date, '10:30'), endsAt: at(date, '11:00'),
});

const days = (r: ReturnType<typeof planSeries>, i = 0) => r.proposals[i]!.sessions.map((s) => localDateAt(TZ, s.startsAt));

describe('planSeries on tight clinics', () => {
  it('finds the one series that fits when only one day pattern is free', () => {
    // Mon 12/07 .. Fri 12/11; Tue and Thu are taken: Mon, Wed, Fri is the only series.
    const r = planSeries(clinic({ booked: [taken('2026-12-08'), taken('2026-12-10')] }));
    expect(r.noFit).toBeNull();
    expect(days(r)).toEqual(['2026-12-07', '2026-12-09', '2026-12-11']);
    expect(r.proposals[0]!.kind).toBe('earliest_finish');
    expect(r.proposals[0]!.label).toMatch(/^Earliest finish: Mon, Dec 7 - Fri, Dec 11, Suite 1$/);
  });

  it('says why when nothing fits, and what would', () => {
    const week = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];
    const r = planSeries(clinic({ booked: week.map((d) => taken(d)) }));
    expect(r.proposals).toEqual([]);
    expect(r.noFit!.reasons[0]).toMatch(/^Suite 1 is booked 08:00-11:00\.$/);
    expect(r.noFit!.suggestions[0]).toMatch(/starts a week later: Mon, Dec 14 - /);
  });

  it('supervision can be the only limit: a second suite does not help a nurse at capacity', () => {
    const twoSuites = [{ id: 's1', name: 'Suite 1', openingHours: null }, { id: 's2', name: 'Suite 2', openingHours: null }];
    // Suite 2 is free all week, but Nurse Ann supervises a patient in Suite 1 on Mon-Thu.
    const busy = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'].map((d) => taken(d, 's1', 'n1'));
    const r = planSeries(clinic({ suites: twoSuites, booked: busy, horizonDays: 3 }));
    expect(r.proposals).toEqual([]);
    expect(r.noFit!.reasons.join(' ')).toMatch(/Nurse Ann would supervise 2 infusions at once|Nurse Ann is starting another IV/);
    // With capacity for two and an hour more in the day, Suite 2 fits at 09:00: one IV start
    // at a time (hers at 08:00), two infusions at once.
    const longer = [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '12:00' }));
    const wide = shifts(2).map((x) => ({ ...x, endTime: '12:00' }));
    const ok = planSeries(clinic({ suites: twoSuites, booked: busy, horizonDays: 3, clinicHours: longer, staff: [{ id: 'n1', name: 'Nurse Ann', role: 'rn', shifts: wide }] }));
    expect(ok.proposals[0]!.sessions.map((x) => [x.suiteId, new Date(x.startsAt).toISOString().slice(11, 16)])).toEqual([
      ['s2', '15:00'],
      ['s2', '15:00'],
      ['s2', '15:00'],
    ]);
  });

  it('keeps out of a closure in the window', () => {
    const r = planSeries(clinic({ closures: [{ suiteId: null, startsAt: at('2026-12-08', '00:00'), endsAt: at('2026-12-09', '00:00'), reason: 'deep clean' }] }));
    expect(days(r)).toEqual(['2026-12-07', '2026-12-09', '2026-12-10']);
  });

  it('authorization as the only limit: too few sessions, or dates that end too soon', () => {
    const few = planSeries(clinic({ authorization: { startDate: '2026-12-01', endDate: '2026-12-31', sessionsRemaining: 2 } }));
    expect(few.noFit!.reasons).toEqual(['The authorization has 2 sessions left; the series needs 3.']);
    const short = planSeries(clinic({ authorization: { startDate: '2026-12-01', endDate: '2026-12-08', sessionsRemaining: 6 } }));
    expect(short.proposals).toEqual([]);
  });

  it('respects the gaps: no two sessions on one day, at most maxGap days apart, inside the window', () => {
    const r = planSeries(clinic({ template: { ...template, minGapDays: 2, maxGapDays: 2 } }));
    expect(days(r)).toEqual(['2026-12-07', '2026-12-09', '2026-12-11']);
  });

  it('honours preferred weekdays as a separate proposal', () => {
    const r = planSeries(clinic({ horizonDays: 14, preferences: { weekdays: [2, 3, 4] } }));
    const preferred = r.proposals.find((p) => p.kind === 'preferred')!;
    expect(preferred.sessions.map((s) => localDateAt(TZ, s.startsAt))).toEqual(['2026-12-08', '2026-12-09', '2026-12-10']);
  });

  it('every session of every proposal passes the placement rule with the others', () => {
    const twoSuites = [{ id: 's1', name: 'Suite 1', openingHours: null }, { id: 's2', name: 'Suite 2', openingHours: null }];
    const input = clinic({ suites: twoSuites, booked: [taken('2026-12-07', 's1'), taken('2026-12-09', 's2')], staff: [{ id: 'n1', name: 'Nurse Ann', role: 'rn', shifts: shifts(2) }] });
    const r = planSeries(input);
    expect(r.proposals.length).toBeGreaterThan(0);
    for (const p of r.proposals) for (const s of p.sessions) expect(checkPlacement(input, s, p.sessions).reasons).toEqual([]);
  });

  it('finds the first week with room on a floor booked solid for eight weeks (the old limit of 200,000 tries gave up)', () => {
    // 8 suites, 20 nurses, six-session series of 5.5 hours: a day is 23 start times x 8
    // suites x 20 nurses = 3,680 candidates. Every weekday is booked in every suite for
    // eight weeks, except one suite on Monday mornings: a first session fits each Monday
    // and then no second one does.
    const six: SeriesTemplateSpec = { sessionCount: 6, windowDays: 14, minGapDays: 1, maxGapDays: 4, prepMinutes: 30, infusionMinutes: 240, recoveryMinutes: 60, supervisorRole: 'rn' };
    const hours = [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' }));
    const suites = Array.from({ length: 8 }, (_, i) => ({ id: `s${i + 1}`, name: `Suite ${i + 1}`, openingHours: null }));
    const staff = Array.from({ length: 20 }, (_, i) => ({
      id: `n${i + 1}`,
      name: `Nurse ${i + 1}`,
      role: 'rn',
      shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00', validFrom: null, validTo: null, maxConcurrent: 2 })),
    }));
    const booked: BookedSession[] = [];
    for (let d = 0; d < 56; d++) {
      const date = addDays('2026-12-07', d);
      for (const suite of suites) {
        const mondayGap = d % 7 === 0 && suite.id === 's8';
        const from = mondayGap ? '12:30' : '07:00';
        booked.push({ sessionId: `${suite.id}-${date}`, patientId: 'p9', suiteId: suite.id, supervisorId: null, startsAt: at(date, from), infusionStartsAt: at(date, from), recoveryStartsAt: at(date, '18:00'), endsAt: at(date, '18:00') });
      }
    }
    const input: PlannerInput = { ...clinic(), template: six, stepMinutes: 15, horizonDays: 70, clinicHours: hours, suites, staff, booked };
    const stopped = planSeries(input, { budget: 200_000 });
    expect(stopped.proposals).toEqual([]);
    expect(stopped.noFit!.reasons.at(-1)).toBe('The search stopped at its limit before trying every time; try a later start date.');
    expect(SEARCH_BUDGET).toBeGreaterThan(1_000_000);
    const found = planSeries(input);
    expect(found.noFit).toBeNull();
    // Mon Feb 1, 2027: the ninth week, the first with room.
    expect(days(found)).toEqual(['2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04', '2027-02-05', '2027-02-08']);
    for (const p of found.proposals) for (const x of p.sessions) expect(checkPlacement(input, x, p.sessions).reasons).toEqual([]);
  });
});
