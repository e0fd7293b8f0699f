import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDateAt, zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { checkMove } from '../../../src-shared/domain/series/move';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

// A tight hand-made floor: two suites, one RN who may supervise two infusions at once,
// the default 6-in-14-days template (1-4 days apart, 30 + 240 + 60 minutes).
const ZONE = 'America/Chicago';
const NOW = zonedToInstant(ZONE, '2026-11-27', '10:00');
const at = (date: string, time = '08:00') => zonedToInstant(ZONE, date, time);
const DATES = ['2026-11-30', '2026-12-02', '2026-12-04', '2026-12-07', '2026-12-09', '2026-12-11'];

let b: TestBackend;
let clock = NOW;
let suite1: string;
let suite2: string;
let rn: string;
let templateId: string;
let boosterId: string;
let patient: string;
let seriesId: string;
let sessionIds: string[];

const count = (t: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
const planned = (suiteId: string, startsAt: number, seq = 1) => ({
  seq,
  suiteId,
  supervisorId: rn,
  startsAt,
  infusionStartsAt: startsAt + 30 * 60_000,
  recoveryStartsAt: startsAt + 270 * 60_000,
  endsAt: startsAt + 330 * 60_000,
});

beforeEach(async () => {
  clock = NOW;
  b = tempBackend({ now: () => clock });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' })),
  });
  suite1 = (await b.ok('suites.create', { name: 'Suite 1' })).id;
  suite2 = (await b.ok('suites.create', { name: 'Suite 2' })).id;
  rn = (await b.ok('staff.create', { name: 'Carla Diaz, RN', role: 'rn' })).id;
  await b.ok('shifts.setWeekly', {
    staffId: rn,
    shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00', maxConcurrent: 2 })),
  });
  const templates = await b.ok('series.templates.list', {});
  templateId = templates.find((t) => t.sessionCount === 6 && t.windowDays === 14)!.id;
  boosterId = templates.find((t) => t.sessionCount === 1)!.id;
  patient = (await b.ok('patients.create', { ...validPatient, firstName: 'Ana', lastName: 'Rivera' })).id;
  const series = await b.ok('series.book', {
    patientId: patient,
    templateId,
    selfPay: true,
    sessions: DATES.map((d, i) => planned(suite1, at(d), i + 1)),
  });
  seriesId = series.id;
  sessionIds = series.sessions.map((s) => s.id);
});
afterEach(() => b.dispose());

async function bookOther(suiteId: string, startsAt: number) {
  const other = (await b.ok('patients.create', { ...validPatient, firstName: 'Luis', lastName: 'Ortega', mrn: `X-${startsAt}` })).id;
  return b.ok('series.book', { patientId: other, templateId: boosterId, selfPay: true, sessions: [planned(suiteId, startsAt)] });
}

describe('moving a session on the suite calendar', () => {
  it('moves a session to another suite, keeps its phases and records who, when, from, to and why', async () => {
    const s3 = sessionIds[2]!;
    const series = await b.ok('series.reschedule', { moves: [{ sessionId: s3, suiteId: suite2, startsAt: at('2026-12-04') }], reason: 'Suite 1 pump service' });
    const moved = series.sessions.find((s) => s.id === s3)!;
    expect(moved).toMatchObject({ suiteId: suite2, suiteName: 'Suite 2', startsAt: at('2026-12-04'), endsAt: at('2026-12-04', '13:30'), version: 2 });
    const history = await b.ok('sessions.history', { sessionId: s3 });
    expect(history.map((h) => h.action)).toEqual(['booked', 'moved']);
    expect(history[1]).toMatchObject({
      fromValue: { suiteId: suite1, startsAt: at('2026-12-04') },
      toValue: { suiteId: suite2, startsAt: at('2026-12-04') },
      reason: 'Suite 1 pump service',
    });
  });

  it('refuses a drop onto a booked suite with the reason, saving nothing, and the calendar check says the same', async () => {
    await bookOther(suite2, at('2026-12-04', '09:00'));
    const before = count('change_log');
    const err = await b.fail('series.reschedule', { moves: [{ sessionId: sessionIds[2]!, suiteId: suite2, startsAt: at('2026-12-04') }], reason: 'x' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('Suite 2 is booked 9:00 AM–2:30 PM');
    expect(count('change_log')).toBe(before);

    // The calendar runs the shared rule over the snapshot it was sent: same verdict, same words.
    const cal = await b.ok('sessions.calendar', { from: '2026-12-04', days: 1 });
    const mine = cal.sessions.find((s) => s.id === sessionIds[2])!;
    expect(mine).toMatchObject({ patientLabel: 'A. Rivera', patientInitials: 'AR', position: '3 of 6' });
    const local = checkMove(cal.floor, mine, { suiteId: suite2, startsAt: at('2026-12-04') }, NOW);
    expect(local.ok).toBe(false);
    expect(err.issues!.map((i) => i.message)).toEqual(local.reasons);
  });

  it('refuses a move outside the series window and one onto a closed day', async () => {
    const err = await b.fail('series.reschedule', { moves: [{ sessionId: sessionIds[5]!, suiteId: suite1, startsAt: at('2026-12-14') }], reason: 'x' });
    expect(err.message).toContain('Session 6 (12/14) falls outside the 14-day series window, which ends 12/13.');
    const sat = await b.fail('series.reschedule', { moves: [{ sessionId: sessionIds[2]!, suiteId: suite1, startsAt: at('2026-12-05') }], reason: 'x' });
    expect(sat.message).toContain('Suite 1 is not open on 12/05');
    expect(count('session_history')).toBe(6);
  });

  it('offers reschedule slots that keep the series inside its timeline', async () => {
    // Session 3 sits between 12/02 and 12/07: only Thursday 12/03 and its own Friday keep a
    // day either side (the weekend is closed); never its current place.
    const r = await b.ok('sessions.rescheduleOptions', { sessionId: sessionIds[2]!, limit: 12 });
    expect(r.note).toBeNull();
    expect(r.slots.map((s) => localDateAt(ZONE, s.startsAt))).toEqual(['2026-12-03', '2026-12-03', '2026-12-04', '2026-12-04']);
    expect(r.slots.some((s) => s.startsAt === at('2026-12-04') && s.suiteId === suite1)).toBe(false);
    expect(r.slots[0]!.label).toMatch(/^Thu, Dec 3 08:00 · Suite \d · Carla Diaz, RN$/);
    // Every slot offered saves.
    await b.ok('series.reschedule', { moves: [{ sessionId: sessionIds[2]!, suiteId: r.slots[0]!.suiteId, startsAt: r.slots[0]!.startsAt }], reason: 'Patient asked' });
  });

  it('looks at one day at a time: the days that keep the series, and every free place on the day asked for', async () => {
    const all = await b.ok('sessions.rescheduleOptions', { sessionId: sessionIds[2]!, limit: 12 });
    // Before: at most two places a day and no list of days, so the desk could not look at another day.
    expect(all.days).toEqual(['2026-12-03', '2026-12-04']);
    expect(all.date).toBeNull();
    const thu = await b.ok('sessions.rescheduleOptions', { sessionId: sessionIds[2]!, limit: 60, date: '2026-12-03' });
    expect(thu.date).toBe('2026-12-03');
    expect(thu.slots.length).toBeGreaterThan(2);
    expect(new Set(thu.slots.map((s) => localDateAt(ZONE, s.startsAt)))).toEqual(new Set(['2026-12-03']));
    const mon = await b.ok('sessions.rescheduleOptions', { sessionId: sessionIds[2]!, limit: 12, date: '2026-12-07' });
    expect(mon.slots).toEqual([]);
    expect(mon.note).toBe('Mon, Dec 7 does not keep this series inside its 14-day window; look at another day.');
  });

  it('warns of a broken timeline and offers a repaired series with later sessions shifted, saved all together', async () => {
    // Session 2 onto session 3's day.
    const target = { sessionId: sessionIds[1]!, suiteId: suite2, startsAt: at('2026-12-04') };
    const err = await b.fail('series.reschedule', { moves: [target], reason: 'x' });
    expect(err.message).toMatch(/Sessions 2 and 3 would be 0 days apart/);

    const repair = await b.ok('series.repairProposal', target);
    expect(repair.ok).toBe(true);
    const bySeq = new Map(repair.moves.map((m) => [m.seq, localDateAt(ZONE, m.startsAt)]));
    expect(Object.fromEntries(bySeq)).toEqual({ 2: '2026-12-04', 3: '2026-12-07', 4: '2026-12-08' });
    expect(repair.moves[1]!.label).toBe('Session 3: Fri, Dec 4 08:00 Suite 1 → Mon, Dec 7 08:00 Suite 1');

    const series = await b.ok('series.reschedule', {
      moves: repair.moves.map((m) => ({ sessionId: m.sessionId, expectedVersion: m.expectedVersion, suiteId: m.suiteId, startsAt: m.startsAt, supervisorId: m.supervisorId })),
      reason: 'Patient unwell on 12/02',
    });
    expect(series.sessions.map((s) => localDateAt(ZONE, s.startsAt))).toEqual(['2026-11-30', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-11']);
    expect(count('session_history')).toBe(6 + 3);
  });

  it('says why no repair exists when the window cannot hold the rest', async () => {
    const r = await b.ok('series.repairProposal', { sessionId: sessionIds[3]!, suiteId: suite1, startsAt: at('2026-12-11') });
    expect(r.ok).toBe(false);
    expect(r.reasons.join(' ')).toMatch(/Session 5 cannot follow on 12\/12 or later inside the series window, which ends 12\/13|No suite and supervisor are free for session 5/);
    expect(r.moves).toEqual([]);
  });

  it('lengthens a recovery by resize but never below the template, and refuses an end before the start', async () => {
    const s1 = sessionIds[0]!;
    const longer = await b.ok('series.reschedule', { moves: [{ sessionId: s1, suiteId: suite1, startsAt: at('2026-11-30'), endsAt: at('2026-11-30', '14:00') }], reason: 'Slow to wake' });
    expect(longer.sessions[0]).toMatchObject({ endsAt: at('2026-11-30', '14:00'), recoveryStartsAt: at('2026-11-30', '12:30') });
    expect((await b.ok('sessions.history', { sessionId: s1 })).at(-1)!.action).toBe('resized');
    const short = await b.fail('series.reschedule', { moves: [{ sessionId: s1, suiteId: suite1, startsAt: at('2026-11-30'), endsAt: at('2026-11-30', '13:00') }], reason: 'x' });
    expect(short.message).toContain("Recovery can be no shorter than the template's 60 minutes.");
    const backwards = await b.fail('series.reschedule', { moves: [{ sessionId: s1, suiteId: suite1, startsAt: at('2026-11-30'), endsAt: at('2026-11-30', '07:00') }], reason: 'x' });
    expect(backwards.message).toContain('The end is before the start.');
  });

  it('refuses to move a session that has begun, a stale edit, and a move without a reason', async () => {
    // Monday's session: the patient has arrived (the clock is moved to that morning).
    const s1 = sessionIds[0]!;
    clock = at('2026-11-30', '07:50');
    await b.ok('sessions.setStatus', { sessionId: s1, status: 'arrived' });
    const begun = await b.fail('series.reschedule', { moves: [{ sessionId: s1, suiteId: suite2, startsAt: at('2026-11-30', '09:00') }], reason: 'x' });
    expect(begun.message).toContain('Session 1 is arrived; only a scheduled session can be moved.');
    const stale = await b.fail('series.reschedule', { moves: [{ sessionId: sessionIds[1]!, expectedVersion: 7, suiteId: suite2, startsAt: at('2026-12-02') }], reason: 'x' });
    expect(stale.code).toBe('CONFLICT');
    const noReason = await b.fail('series.reschedule', { moves: [{ sessionId: sessionIds[1]!, suiteId: suite2, startsAt: at('2026-12-02') }], reason: ' ' });
    expect(noReason).toMatchObject({ code: 'VALIDATION', field: 'reason' });
    expect(seriesId).toBeTruthy();
  });
});
