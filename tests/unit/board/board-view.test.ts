import { describe, expect, it } from 'vitest';
import { buildBoard, type BoardFloor, type BoardSessionRow } from '../../../src-shared/domain/board/board-view';
import { entryWords, lateWords, utilizationWords } from '../../../src-shared/domain/board/board-words';
import { candidateCode, dayCodes } from '../../../src-shared/domain/board/day-code';
import { dayUtilization } from '../../../src-shared/domain/board/day-utilization';
import { sessionPhase } from '../../../src-shared/domain/board/session-phase';
import { zonedToInstant } from '../../../src-shared/domain/zoned-time';

const ZONE = 'America/Chicago';
const DATE = '2026-12-07'; // a Monday
const at = (time: string) => zonedToInstant(ZONE, DATE, time);
const MIN = 60_000;
const suiteId = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const patientId = (n: number) => `00000000-0000-4000-9000-0000000000${String(n).padStart(2, '0')}`;

/** A 4-hour session (30 min prep, 3 h infusion, 30 min recovery) starting at `start`. */
function session(suite: number, start: string, status: BoardSessionRow['status'] = 'scheduled', statusTimes: Record<string, number> = {}, patient = suite): BoardSessionRow {
  const startsAt = at(start);
  return {
    suiteId: suiteId(suite),
    patientId: patientId(patient),
    patientInitials: 'AR',
    position: '3 of 6',
    startsAt,
    infusionStartsAt: startsAt + 30 * MIN,
    recoveryStartsAt: startsAt + 210 * MIN,
    endsAt: startsAt + 240 * MIN,
    status,
    statusTimes,
  };
}

/** Eight suites open 07:00-18:00 on weekdays; suite 8 closed all day for a pump service. */
const floor: BoardFloor = {
  timeZone: ZONE,
  clinicHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' })),
  suites: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ id: suiteId(n), name: `Suite ${n}`, openingHours: null })),
  closures: [{ suiteId: suiteId(8), startsAt: at('00:00'), endsAt: at('23:59'), reason: 'Pump service' }],
};

describe('the board shows the recorded status, not the clock', () => {
  it('counts a suite whose patient is recorded infusing as in use, though the clock says prep', () => {
    // Infusion recorded at 08:25, before its planned 08:30: the clock alone would still say IV preparation.
    const board = buildBoard(floor, [session(1, '08:00', 'infusing', { arrived: at('07:55'), iv_placed: at('08:15'), infusing: at('08:25') })], DATE, at('08:27'), 'initials');
    expect(board.inUse).toBe(1);
    expect(board.tiles[0]!.state).toBe('in_use');
    expect(entryWords(board.tiles[0]!.now!, ZONE)).toEqual({ status: 'Infusing', when: 'since 08:25', plan: 'planned 08:30–11:30', late: null });
    expect(board.tiles.slice(1, 7).every((t) => t.state === 'free')).toBe(true);
  });

  it('says Arrived (not Infusing) for a patient only checked in, with the planned infusion beside it', () => {
    const board = buildBoard(floor, [session(2, '08:00', 'arrived', { arrived: at('08:05') })], DATE, at('09:30'), 'initials');
    const words = entryWords(board.tiles[1]!.now!, ZONE);
    expect(words.status).toBe('Arrived');
    expect(words.when).toBe('at 08:05');
    expect(words.plan).toBe('infusion due 08:30');
    // The infusion was due at 08:30 and has not started: an hour behind.
    expect(words.late).toBe('60 min late');
    expect(board.tiles[1]!.now!.phase.lateWhat).toBe('infusion start');
    expect(board.inUse).toBe(1);
  });

  it('keeps the suite out of use while the patient has not arrived, and calls them late after the planned start', () => {
    const onTime = buildBoard(floor, [session(3, '10:00')], DATE, at('10:05'), 'initials').tiles[2]!;
    expect(onTime.state).toBe('waiting');
    expect(entryWords(onTime.now!, ZONE)).toMatchObject({ status: 'Expected', when: 'due 10:00', late: null });
    const late = buildBoard(floor, [session(3, '10:00')], DATE, at('10:25'), 'initials');
    expect(late.inUse).toBe(0);
    expect(entryWords(late.tiles[2]!.now!, ZONE)).toMatchObject({ status: 'Not arrived', late: '25 min late' });
    // Before the planned start the suite is free and the session is next.
    const early = buildBoard(floor, [session(3, '10:00')], DATE, at('09:00'), 'initials').tiles[2]!;
    expect(early).toMatchObject({ state: 'free', now: null, next: { label: 'AR', position: '3 of 6', startsAt: at('10:00') } });
  });

  it('leaves a suite free once the patient is recorded discharged, before the planned end', () => {
    const s = session(4, '07:00', 'discharged', { arrived: at('07:00'), infusing: at('07:30'), recovery: at('10:30'), discharged: at('10:40') });
    const board = buildBoard(floor, [s, session(4, '12:00', 'scheduled', {}, 40)], DATE, at('10:50'), 'initials');
    expect(board.tiles[3]).toMatchObject({ state: 'free', now: null, next: { startsAt: at('12:00') } });
  });

  it('shows a session still infusing past its planned end as late, not as in recovery', () => {
    const s = session(5, '07:00', 'infusing', { arrived: at('07:00'), iv_placed: at('07:20'), infusing: at('07:30') });
    const tile = buildBoard(floor, [s], DATE, at('10:45'), 'initials').tiles[4]!;
    expect(entryWords(tile.now!, ZONE)).toEqual({ status: 'Infusing', when: 'since 07:30', plan: 'planned 07:30–10:30', late: '15 min late' });
    expect(tile.now!.phase.lateWhat).toBe('end of infusion');
  });

  it('counts a step recorded late as behind plan from the moment it was recorded', () => {
    // Infusion started 20 minutes after its planned time; at 09:00 the clock has not passed the planned end.
    const p = sessionPhase(session(6, '08:00', 'infusing', { arrived: at('08:00'), infusing: at('08:50') }), at('09:00'));
    expect(p).toMatchObject({ phase: 'infusing', since: at('08:50'), behindMinutes: 20, late: true, lateWhat: 'infusion start' });
    // Within ten minutes is on time.
    expect(sessionPhase(session(6, '08:00', 'infusing', { infusing: at('08:39') }), at('09:00')).late).toBe(false);
  });

  it('shows recovery with the planned discharge, and the closed suite with its reason', () => {
    const s = session(7, '07:00', 'recovery', { arrived: at('07:00'), infusing: at('07:30'), recovery: at('10:30') });
    const board = buildBoard(floor, [s], DATE, at('10:40'), 'initials');
    expect(entryWords(board.tiles[6]!.now!, ZONE)).toEqual({ status: 'In recovery', when: 'since 10:30', plan: 'discharge due 11:00', late: null });
    expect(board.tiles[7]).toMatchObject({ state: 'closed', closedReason: 'Pump service' });
  });

  it('writes times in the clinic’s 12-hour format when it has chosen it, the span shortened on a shared AM/PM', () => {
    const s = session(5, '09:00', 'infusing', { infusing: at('09:35') });
    const tile = buildBoard(floor, [s], DATE, at('09:40'), 'initials', '12h').tiles[4]!;
    const words = entryWords(tile.now!, ZONE, '12h');
    expect(words.when?.replace(/\s/g, ' ')).toBe('since 9:35 AM');
    expect(words.plan.replace(/\s/g, ' ')).toBe('planned 9:30 AM–12:30 PM');
    const early = entryWords(buildBoard(floor, [session(5, '07:00', 'infusing', { infusing: at('07:30') })], DATE, at('08:00'), 'initials', '12h').tiles[4]!.now!, ZONE, '12h');
    expect(early.plan.replace(/\s/g, ' ')).toBe('planned 7:30–10:30 AM');
    expect(buildBoard(floor, [], DATE, at('06:00'), 'initials', '12h').tiles[0]!.closedReason?.replace(/\s/g, ' ')).toBe('opens 7:00 AM');
  });

  it('says when a suite opens and that it has closed for the day', () => {
    expect(buildBoard(floor, [], DATE, at('06:00'), 'initials').tiles[0]).toMatchObject({ state: 'closed', closedReason: 'opens 07:00' });
    expect(buildBoard(floor, [], DATE, at('19:00'), 'initials').tiles[0]).toMatchObject({ state: 'closed', closedReason: 'closed for the day' });
  });

  it('flags two patients recorded in one suite at once', () => {
    const a = session(1, '08:00', 'infusing', { infusing: at('08:30') });
    const b = session(1, '09:00', 'arrived', { arrived: at('09:00') }, 11);
    expect(buildBoard(floor, [a, b], DATE, at('09:05'), 'initials').tiles[0]!.alsoInSuite).toBe(1);
  });
});

describe('patients on the board are de-identified', () => {
  it('shows initials by default, and the day code when the clinic chose codes', () => {
    const s = session(1, '08:00', 'arrived', { arrived: at('08:00') });
    expect(buildBoard(floor, [s], DATE, at('08:10'), 'initials').tiles[0]!.now!.label).toBe('AR');
    const coded = buildBoard(floor, [s], DATE, at('08:10'), 'code').tiles[0]!.now!.label;
    expect(coded).toMatch(/^[A-HJ-NP-Z][1-9][0-9]$/);
    expect(coded).toBe(dayCodes(DATE, [s]).get(s.patientId));
  });

  it('gives a patient the same code all day and a different one another day, and no two patients one code', () => {
    const sessions = Array.from({ length: 60 }, (_, i) => ({ patientId: patientId(i), startsAt: at('07:00') + i * MIN, status: 'scheduled' }));
    const codes = dayCodes(DATE, sessions);
    expect(new Set(codes.values()).size).toBe(60);
    // Two sessions of one patient: one code.
    expect(dayCodes(DATE, [...sessions, { patientId: patientId(3), startsAt: at('15:00'), status: 'scheduled' }]).get(patientId(3))).toBe(codes.get(patientId(3)));
    const tomorrow = dayCodes('2026-12-08', sessions);
    const same = [...codes].filter(([id, c]) => tomorrow.get(id) === c).length;
    expect(same).toBeLessThan(3);
  });

  it('tells apart two patients whose first code is the same, the later first session trying again', () => {
    // Find a patient whose first code on DATE equals patient 1's.
    let other = '';
    for (let i = 0; i < 200_000 && !other; i++) {
      const id = `p-${i}`;
      if (candidateCode(DATE, id) === candidateCode(DATE, patientId(1))) other = id;
    }
    expect(other).not.toBe('');
    const codes = dayCodes(DATE, [
      { patientId: other, startsAt: at('11:00'), status: 'scheduled' },
      { patientId: patientId(1), startsAt: at('08:00'), status: 'scheduled' },
    ]);
    expect(codes.get(patientId(1))).toBe(candidateCode(DATE, patientId(1)));
    expect(codes.get(other)).not.toBe(codes.get(patientId(1)));
  });
});

describe("today's utilization, scheduled and actual, each with its denominator", () => {
  it('counts booked suite time against open suite time, and recorded occupancy against open time so far', () => {
    const sessions = [
      // Suite 1: 07:00-11:00 booked, checked in 07:10, discharged 10:40 (3.5 h occupied).
      session(1, '07:00', 'discharged', { arrived: at('07:10'), discharged: at('10:40') }),
      // Suite 2: 08:00-12:00 booked, checked in 08:30, still infusing at 12:00 (3.5 h so far).
      session(2, '08:00', 'infusing', { arrived: at('08:30'), infusing: at('09:00') }),
      // Suite 3: 09:00-13:00 booked, never came: booked, not occupied.
      session(3, '09:00', 'no_show', { no_show: at('10:00') }),
      // Cancelled: neither.
      session(4, '09:00', 'cancelled', { cancelled: at('06:00') }),
    ];
    const u = dayUtilization(floor, sessions, DATE, at('12:00'));
    // Seven suites open 11 h (suite 8 closed): 77 suite-hours; booked 4 + 4 + 4 = 12 h.
    expect(u).toMatchObject({ openMinutes: 77 * 60, bookedMinutes: 12 * 60, openSoFarMinutes: 7 * 5 * 60, occupiedMinutes: 7 * 60 });
    expect(u.scheduledShare).toBeCloseTo(12 / 77, 5);
    expect(u.actualShare).toBeCloseTo(7 / 35, 5);
    expect(utilizationWords(u)).toEqual({
      scheduled: 'Scheduled 16% · 12 of 77 suite-hours booked',
      actual: 'Actual 20% · 7 of 35 open suite-hours so far',
    });
  });

  it('says so when no suite is open', () => {
    const u = dayUtilization(floor, [], '2026-12-06', at('12:00')); // a Sunday
    expect(utilizationWords(u)).toEqual({ scheduled: 'Scheduled — no suite open today', actual: 'Actual — no suite open yet' });
  });
});

describe('lateness in words', () => {
  it('is in minutes up to an hour and a half, then in hours and minutes', () => {
    expect([1, 25, 60, 89].map(lateWords)).toEqual(['1 min late', '25 min late', '60 min late', '89 min late']);
    expect([90, 95, 120, 1317].map(lateWords)).toEqual(['1 h 30 min late', '1 h 35 min late', '2 h late', '21 h 57 min late']);
  });
});
