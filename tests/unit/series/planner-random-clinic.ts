/**
 * Random small clinics for comparing the fast placement rule and planner with the plain
 * reference (planner-reference.ts): time zones with DST changes near the days planned
 * (including one whose clocks change by 30 minutes and one that changes at midnight),
 * suites with their own or the clinic's hours (some split into back-to-back intervals),
 * staff of every role with shifts that start or stop on a date, bookings that overlap,
 * cross midnight or have no supervisor, closures, authorizations, sessions being moved.
 */
import type { OpeningHours } from '../../../src-shared/api/schemas/common';
import { plannedSession } from '../../../src-shared/domain/series/occupancy';
import type { BookedSession, PlannedSession, PlannerInput, SeriesTemplateSpec, StaffSpec } from '../../../src-shared/domain/series/planner-types';
import { addDays, zonedToInstant } from '../../../src-shared/domain/zoned-time';
import type { Rng } from '../../../scripts/lib/prng';

const ZONES = ['America/Chicago', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'America/Havana'] as const;
/** First days to plan from: around the spring and autumn changes of those zones, and plain weeks. */
const FIRST_DAYS = ['2026-03-05', '2026-03-26', '2026-04-02', '2026-09-03', '2026-10-22', '2026-10-29', '2026-06-15', '2026-11-16'];
const ROLES = ['rn', 'crna', 'anesthesiologist'] as const;

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function hours(rng: Rng): OpeningHours {
  const out: OpeningHours = [];
  for (let day = 0; day <= 6; day++) {
    if (day === 0 && !rng.chance(0.2)) continue;
    if (day === 6 && rng.chance(0.5)) continue;
    const open = rng.int(24, 36) * 15;
    const close = Math.min(24 * 60 - 15, open + rng.int(28, 56) * 15);
    if (rng.chance(0.2)) {
      // Back to back: a session may not straddle the two.
      const mid = open + Math.floor((close - open) / 30) * 15;
      out.push({ day, open: hhmm(open), close: hhmm(mid) }, { day, open: hhmm(mid), close: hhmm(close) });
    } else out.push({ day, open: hhmm(open), close: hhmm(close) });
  }
  return out;
}

export function randomTemplate(rng: Rng): SeriesTemplateSpec {
  const sessionCount = rng.int(1, 4);
  const minGapDays = rng.int(0, 2);
  const maxGapDays = Math.max(minGapDays, 1) + rng.int(0, 2);
  return {
    sessionCount,
    windowDays: Math.max(1, (sessionCount - 1) * Math.max(1, minGapDays) + 1) + rng.int(0, 4),
    minGapDays,
    maxGapDays,
    prepMinutes: rng.pick([0, 15, 30]),
    infusionMinutes: rng.pick([60, 120, 180, 240]),
    recoveryMinutes: rng.pick([0, 30, 60]),
    supervisorRole: rng.pick(ROLES),
  };
}

export function randomClinic(rng: Rng): PlannerInput & { firstDay: string; days: number } {
  const timeZone = rng.pick(ZONES);
  const firstDay = rng.pick(FIRST_DAYS);
  const days = 10;
  const at = (date: string, minutes: number) => zonedToInstant(timeZone, date, minutes);
  const someDay = () => addDays(firstDay, rng.int(0, days - 1));
  const suites = Array.from({ length: rng.int(1, 4) }, (_, i) => ({ id: `s${i + 1}`, name: `Suite ${i + 1}`, openingHours: rng.chance(0.4) ? hours(rng) : null }));
  const staff: StaffSpec[] = Array.from({ length: rng.int(1, 4) }, (_, i) => ({
    id: `n${i + 1}`,
    name: `Staff ${i + 1}`,
    role: rng.pick(ROLES),
    // Most weekdays covered by a long shift, some not at all, some shifts only from or until a date.
    shifts: [0, 1, 2, 3, 4, 5, 6]
      .filter(() => rng.chance(0.7))
      .map((weekday) => {
        const start = rng.int(22, 36) * 15;
        return {
          weekday,
          startTime: hhmm(start),
          endTime: hhmm(Math.min(24 * 60 - 15, start + rng.int(24, 56) * 15)),
          validFrom: rng.chance(0.15) ? someDay() : null,
          validTo: rng.chance(0.15) ? someDay() : null,
          maxConcurrent: rng.int(1, 3),
        };
      }),
  }));
  const patients = ['p1', 'p2', 'p3', 'p4', 'p5'];
  const booked: BookedSession[] = Array.from({ length: rng.int(0, 40) }, (_, i) => {
    const startsAt = at(someDay(), rng.chance(0.9) ? rng.int(24, 64) * 15 : rng.int(0, 95) * 15);
    const infusionStartsAt = startsAt + rng.pick([0, 15, 30]) * 60_000;
    const recoveryStartsAt = infusionStartsAt + rng.pick([30, 60, 120, 240]) * 60_000;
    return {
      sessionId: `b${i}`,
      patientId: rng.pick(patients),
      suiteId: rng.pick([...suites.map((s) => s.id), 'gone']),
      supervisorId: rng.chance(0.15) ? null : rng.pick(staff).id,
      startsAt,
      infusionStartsAt,
      recoveryStartsAt,
      endsAt: recoveryStartsAt + rng.pick([0, 30, 60, 90]) * 60_000,
    };
  });
  const closures = Array.from({ length: rng.int(0, 2) }, () => {
    const date = someDay();
    const from = rng.int(0, 80) * 15;
    return { suiteId: rng.chance(0.3) ? null : rng.pick(suites).id, startsAt: at(date, from), endsAt: at(date, Math.min(from + rng.int(4, 60) * 15, 24 * 60 - 15)), reason: rng.pick(['maintenance', 'deep clean']) };
  });
  const authStart = addDays(firstDay, rng.int(-3, 4));
  return {
    timeZone,
    patientId: 'p1',
    template: randomTemplate(rng),
    from: at(firstDay, rng.int(0, 60) * 15),
    horizonDays: rng.int(2, 7),
    stepMinutes: rng.pick([15, 30, 60]),
    clinicHours: hours(rng),
    suites,
    closures,
    booked,
    staff,
    authorization: rng.chance(0.3) ? { startDate: authStart, endDate: addDays(authStart, rng.int(2, 12)), sessionsRemaining: rng.int(1, 6) } : null,
    ...(rng.chance(0.3) ? { ignoreSessionIds: booked.filter(() => rng.chance(0.3)).map((b) => b.sessionId) } : {}),
    ...(rng.chance(0.4)
      ? {
          preferences: rng.pick([
            { weekdays: [rng.int(0, 6), rng.int(0, 6)] },
            { timeOfDay: rng.pick(['morning', 'afternoon'] as const) },
            { suiteId: rng.pick(suites).id },
            { weekdays: [1, 3, 5], timeOfDay: 'afternoon' as const, suiteId: 's1' },
          ]),
        }
      : {}),
    firstDay,
    days,
  };
}

/** A session somewhere in the clinic's days (its suite or supervisor may not exist). */
export function randomSession(rng: Rng, c: ReturnType<typeof randomClinic>, seq = 1): PlannedSession {
  const date = addDays(c.firstDay, rng.int(0, c.days - 1));
  const suiteId = rng.chance(0.05) ? 'nowhere' : rng.pick(c.suites).id;
  const supervisorId = rng.chance(0.05) ? 'nobody' : rng.pick(c.staff).id;
  const minutes = rng.chance(0.8) ? rng.int(28, 52) * 15 : rng.int(0, 95) * 15;
  return plannedSession(seq, suiteId, supervisorId, zonedToInstant(c.timeZone, date, minutes), c.template);
}
