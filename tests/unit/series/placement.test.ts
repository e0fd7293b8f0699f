import { describe, expect, it } from 'vitest';
import { plannedSession } from '../../../src-shared/domain/series/occupancy';
import { checkPlacement, roleSatisfies } from '../../../src-shared/domain/series/placement';
import type { PlannerInput } from '../../../src-shared/domain/series/planner-types';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';

const TZ = 'America/Chicago';
const at = (d: string, t: string) => zonedToInstant(TZ, d, t);
const template = { sessionCount: 6, windowDays: 14, minGapDays: 1, maxGapDays: 4, prepMinutes: 30, infusionMinutes: 240, recoveryMinutes: 60, supervisorRole: 'rn' };
const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '19:00' }));

function clinic(over: Partial<PlannerInput> = {}): PlannerInput {
  return {
    timeZone: TZ, patientId: 'p1', template, from: at('2026-12-07', '00:00'), horizonDays: 14, stepMinutes: 15,
    clinicHours: weekdays,
    suites: [{ id: 's1', name: 'Suite 1', openingHours: null }, { id: 's2', name: 'Suite 2', openingHours: null }],
    closures: [], booked: [],
    staff: [{ id: 'n1', name: 'Nurse Ann', role: 'rn', shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '19:00', validFrom: null, validTo: null, maxConcurrent: 1 })) }],
    authorization: null,
    ...over,
  };
}

const s = (date: string, time: string, suiteId = 's2') => plannedSession(1, suiteId, 'n1', at(date, time), template);

describe('checkPlacement', () => {
  const cases: { name: string; input: PlannerInput; session: ReturnType<typeof s>; reasons: string[] }[] = [
    { name: 'free suite, nurse on shift', input: clinic(), session: s('2026-12-08', '08:00'), reasons: [] },
    {
      name: 'suite booked by someone else',
      input: clinic({ booked: [{ sessionId: 'b1', patientId: 'p9', suiteId: 's2', supervisorId: null, startsAt: at('2026-12-08', '10:00'), infusionStartsAt: at('2026-12-08', '10:30'), recoveryStartsAt: at('2026-12-08', '14:30'), endsAt: at('2026-12-08', '14:30') }] }),
      session: s('2026-12-08', '08:00'),
      reasons: ['Suite 2 is booked 10:00-14:30'],
    },
    {
      name: 'suite closure',
      input: clinic({ closures: [{ suiteId: 's2', startsAt: at('2026-12-08', '00:00'), endsAt: at('2026-12-09', '00:00'), reason: 'maintenance' }] }),
      session: s('2026-12-08', '08:00'),
      reasons: ['Suite 2 is closed 12/08 for maintenance'],
    },
    {
      name: 'outside authorization',
      input: clinic({ authorization: { startDate: '2026-12-01', endDate: '2026-12-07', sessionsRemaining: 6 } }),
      session: s('2026-12-08', '08:00'),
      reasons: ['The authorization covers 12/01-12/07, not 12/08'],
    },
  ];
  it.each(cases)('$name', ({ input, session, reasons }) => {
    expect(checkPlacement(input, session).reasons).toEqual(reasons);
  });

  it('nurse at capacity in another suite blocks the infusion', () => {
    const other = s('2026-12-08', '08:00', 's1');
    const r = checkPlacement(clinic(), s('2026-12-08', '09:00'), [other]);
    expect(r.ok).toBe(false);
    expect(r.reasons).toContain('Nurse Ann would supervise 2 infusions at once (at most 1)');
  });

  it('role table: anesthesiologist > crna > rn', () => {
    expect(roleSatisfies('anesthesiologist', 'rn')).toBe(true);
    expect(roleSatisfies('rn', 'crna')).toBe(false);
  });
});
