import { describe, expect, it } from 'vitest';
import { LocalDays } from '../../../src-shared/domain/series/local-days';
import {
  authorizationReasons,
  checkPlacement,
  patientFreeAt,
  patientReasons,
  preparePlacement,
  suiteFreeAt,
  suiteReasons,
  supervisorFreeAt,
  supervisorReasons,
} from '../../../src-shared/domain/series/placement';
import { plannedSession } from '../../../src-shared/domain/series/occupancy';
import { addDays, localDateAt, localTimeAt, weekdayOf, zonedToInstant } from '../../../src-shared/domain/zoned-time';
import { rngFor } from '../../../scripts/lib/prng';
import { referenceCheckPlacement } from './planner-reference';
import { randomClinic, randomSession } from './planner-random-clinic';

describe('the local-day calendar answers exactly as zoned-time does', () => {
  // Zones with 1-hour, 30-minute and midnight DST changes, a whole-day skip (Apia, 2011),
  // and none at all.
  const zones = ['America/Chicago', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'America/Havana', 'Pacific/Apia', 'Asia/Kolkata', 'UTC'];
  it.each(zones)('%s: dates, times and instants across two years and the days around each change', (zone) => {
    const days = new LocalDays(zone);
    const rng = rngFor(7, zone);
    const from = Date.UTC(2010, 0, 1);
    const instants = [
      ...Array.from({ length: 3000 }, () => from + rng.int(0, 17 * 365 * 24 * 60) * 60_000 + rng.int(0, 59_999)),
      // Every 20 minutes through the weeks around the 2011 and 2026 changes.
      ...Array.from({ length: 24 * 3 * 7 * 4 }, (_, i) => Date.UTC(2026, 2, 1) + i * 20 * 60_000),
      ...Array.from({ length: 24 * 3 * 7 * 4 }, (_, i) => Date.UTC(2026, 9, 20) + i * 20 * 60_000),
      ...Array.from({ length: 24 * 3 * 7 }, (_, i) => Date.UTC(2011, 11, 26) + i * 20 * 60_000),
      ...Array.from({ length: 24 * 3 * 7 }, (_, i) => Date.UTC(2026, 3, 1) + i * 20 * 60_000),
      ...Array.from({ length: 24 * 3 * 7 }, (_, i) => Date.UTC(2026, 8, 1) + i * 20 * 60_000),
    ];
    for (const t of instants) {
      expect([t, days.dateAt(t), days.timeAt(t)]).toEqual([t, localDateAt(zone, t), localTimeAt(zone, t)]);
    }
    const dates = [...new Set(instants.map((t) => localDateAt(zone, t)))];
    for (const date of dates) {
      expect(days.weekday(date)).toBe(weekdayOf(date));
      expect(days.shift(date, 3)).toBe(addDays(date, 3));
      for (const m of [0, 30, 60, 90, 120, 150, 180, 420, 750, 1439]) {
        expect([date, m, days.instant(date, m)]).toEqual([date, m, zonedToInstant(zone, date, m)]);
      }
    }
  });
});

describe('checkPlacement through its index gives exactly the reasons of a full scan', () => {
  it('on 300 random clinics, 20 sessions each, with and without other new sessions', () => {
    let checked = 0;
    let refused = 0;
    for (let c = 0; c < 300; c++) {
      const rng = rngFor(11, 'placement', c);
      const clinic = randomClinic(rng);
      for (let k = 0; k < 20; k++) {
        const session = randomSession(rng, clinic, 1);
        const others = Array.from({ length: rng.int(0, 3) }, (_, i) => randomSession(rng, clinic, i + 2));
        if (rng.chance(0.2)) others.push(session); // the session itself is skipped among the others
        const asked = rng.chance(0.2) ? { ...session, patientId: rng.pick(['p1', 'p2', 'p9']) } : session;
        const fast = checkPlacement(clinic, asked, others);
        expect(fast).toEqual(referenceCheckPlacement(clinic, asked, others));
        checked++;
        if (!fast.ok) refused++;
      }
    }
    // The random clinics exercise both answers.
    expect(checked).toBe(6000);
    expect(refused).toBeGreaterThan(3000);
    expect(checked - refused).toBeGreaterThan(300);
  });

  it('sees bookings added to the same input (the index is rebuilt when the list changes)', () => {
    const rng = rngFor(3, 'stale');
    const clinic = randomClinic(rng);
    const session = randomSession(rng, clinic);
    const before = checkPlacement(clinic, session);
    clinic.booked.push({ ...session, sessionId: 'late', patientId: 'p7', supervisorId: null });
    const after = checkPlacement(clinic, session);
    expect(after).toEqual(referenceCheckPlacement(clinic, session));
    if (clinic.suites.some((s) => s.id === session.suiteId)) expect(after.reasons.length).toBeGreaterThan(before.reasons.length);
    // And a replaced list, of the same length.
    const replaced = { ...clinic, booked: clinic.booked.map((b) => (b.sessionId === 'late' ? { ...b, suiteId: 'elsewhere' } : b)) };
    expect(checkPlacement(replaced, session)).toEqual(referenceCheckPlacement(replaced, session));
  });
});

describe("the planner's batch checks answer as the rule's parts do", () => {
  it('suite, supervisor and patient (with the authorization) for every start of a day, on 300 random clinics', () => {
    let free = 0;
    let total = 0;
    let supervised = 0;
    for (let c = 0; c < 300; c++) {
      const rng = rngFor(13, 'batch', c);
      const clinic = randomClinic(rng);
      const date = addDays(clinic.firstDay, rng.int(0, clinic.days - 1));
      const starts = Array.from({ length: 40 }, (_, i) => zonedToInstant(clinic.timeZone, date, i * 30 + rng.pick([0, 15])));
      const length = rng.pick([60, 180, 330]) * 60_000;
      const session = (s: number) => ({ seq: 1, suiteId: '', supervisorId: '', startsAt: s, infusionStartsAt: s, recoveryStartsAt: s, endsAt: s + length });
      for (const suite of [...clinic.suites, { id: 'gone', name: 'Gone', openingHours: null }]) {
        const batch = suiteFreeAt(clinic, suite.id, date, starts, length);
        const one = starts.map((s) => {
          const p = preparePlacement(clinic, { ...session(s), suiteId: suite.id });
          return !!p.suite && !suiteReasons(p, null);
        });
        expect(batch).toEqual(one);
        // And the same reasons, in the same words and order.
        if (suite.id !== 'gone') {
          const lists = starts.map((): string[] => []);
          expect(suiteFreeAt(clinic, suite.id, date, starts, length, lists)).toEqual(one);
          expect(lists).toEqual(
            starts.map((s) => {
              const out: string[] = [];
              suiteReasons(preparePlacement(clinic, { ...session(s), suiteId: suite.id }), out);
              return out;
            }),
          );
        }
        free += one.filter(Boolean).length;
        total += one.length;
      }
      // The supervisor part, with the template's phases, for each person and a stranger.
      const sessions = starts.map((t) => plannedSession(1, clinic.suites[0]!.id, '', t, clinic.template));
      for (const id of [...clinic.staff.map((x) => x.id), 'nobody']) {
        const lists = starts.map((): string[] => []);
        const batchOk = supervisorFreeAt(clinic, id, date, sessions, lists);
        const single = sessions.map((x) => {
          const out: string[] = [];
          const bad = supervisorReasons(preparePlacement(clinic, { ...x, supervisorId: id }), out);
          return { ok: !bad, out };
        });
        expect(batchOk).toEqual(single.map((x) => x.ok));
        expect(supervisorFreeAt(clinic, id, date, sessions)).toEqual(single.map((x) => x.ok));
        expect(lists).toEqual(single.map((x) => x.out));
        supervised += single.filter((x) => x.ok).length;
      }
      const batch = patientFreeAt(clinic, starts, length);
      const one = starts.map((s) => {
        const p = preparePlacement(clinic, session(s));
        return !authorizationReasons(p, null) && !patientReasons(p, null);
      });
      expect(batch).toEqual(one);
    }
    expect(free).toBeGreaterThan(total / 10);
    expect(free).toBeLessThan(total * 0.9);
    expect(supervised).toBeGreaterThan(500);
  });
});
