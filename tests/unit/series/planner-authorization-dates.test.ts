import { describe, expect, it } from 'vitest';
import { planSeries } from '../../../src-main/backend/series/rules/planner';
import type { PlannerInput, SeriesTemplateSpec } from '../../../src-shared/domain/series/planner-types';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';

// series.propose names the authorization's dates when they are what rules a series out,
// as series.book does, instead of "No day in the next 60 days has opening hours long enough".
const TZ = 'America/Chicago';
const at = (d: string, t: string) => zonedToInstant(TZ, d, t);
const template: SeriesTemplateSpec = { sessionCount: 3, windowDays: 7, minGapDays: 1, maxGapDays: 3, prepMinutes: 30, infusionMinutes: 120, recoveryMinutes: 30, supervisorRole: 'rn' };

function clinic(over: Partial<PlannerInput> = {}): PlannerInput {
  return {
    timeZone: TZ, patientId: 'p1', template, from: at('2026-12-07', '00:00'), horizonDays: 60, stepMinutes: 60,
    clinicHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '11:00' })),
    suites: [{ id: 's1', name: 'Suite 1', openingHours: null }],
    closures: [], booked: [],
    staff: [{ id: 'n1', name: 'Nurse Ann', role: 'rn', shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '08:00', endTime: '11:00', validFrom: null, validTo: null, maxConcurrent: 1 })) }],
    authorization: null,
    ...over,
  };
}

const auth = (startDate: string, endDate: string) => ({ startDate, endDate, sessionsRemaining: 6 });

describe("series.propose names the authorization's dates", () => {
  it('an authorization too short for the sessions with their gaps', () => {
    const r = planSeries(clinic({ authorization: auth('2026-12-01', '2026-12-08') }));
    expect(r.proposals).toEqual([]);
    expect(r.noFit!.reasons).toEqual(['The authorization covers 12/01-12/08; 3 sessions at least 1 day apart from 12/07 run to 12/09 at the earliest, past its end.']);
    expect(r.noFit!.reasons.join(' ')).not.toContain('opening hours');
    expect(r.noFit!.suggestions[0]).toContain('extend the authorization');
  });

  it('an authorization that ended before the earliest start, with its year when it is not this one', () => {
    const r = planSeries(clinic({ authorization: auth('2020-01-06', '2020-03-31') }));
    expect(r.noFit!.reasons).toEqual(['The authorization covers 01/06/2020-03/31/2020; it ended before 12/07, the earliest start.']);
  });

  it('an authorization that starts after the days searched', () => {
    const r = planSeries(clinic({ horizonDays: 14, authorization: auth('2027-02-01', '2027-04-30') }));
    expect(r.noFit!.reasons).toEqual(['The authorization covers 02/01/2027-04/30/2027; it starts after the 14 days searched (to 12/20).']);
  });

  it('dates long enough on paper, but the days inside them are taken: the dates are still named', () => {
    // Tue-Thu inside the authorization; Wednesday's suite is closed, so no 3 sessions fit.
    const r = planSeries(
      clinic({
        from: at('2026-12-08', '00:00'),
        authorization: auth('2026-12-08', '2026-12-10'),
        closures: [{ suiteId: null, startsAt: at('2026-12-09', '00:00'), endsAt: at('2026-12-10', '00:00'), reason: 'deep clean' }],
      }),
    );
    expect(r.proposals).toEqual([]);
    expect(r.noFit!.reasons).toEqual(['The clinic is closed 12/09 for deep clean.']);
  });

  it('without an authorization problem the planner proposes as before', () => {
    expect(planSeries(clinic({ authorization: auth('2026-12-01', '2026-12-31') })).proposals.length).toBeGreaterThan(0);
  });
});
