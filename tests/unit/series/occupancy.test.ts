import { describe, expect, it } from 'vitest';
import { scheduledUtilization, type UtilizationInput } from '../../../src-shared/domain/series/occupancy';
import { zonedToInstant } from '../../../src-shared/domain/zoned-time';

const TZ = 'America/Chicago';
const at = (d: string, t: string, zone = TZ) => zonedToInstant(zone, d, t);
// Mon 2026-12-07 and Tue 2026-12-08.
const base = (over: Partial<UtilizationInput> = {}): UtilizationInput => ({
  timeZone: TZ,
  clinicHours: [1, 2].map((day) => ({ day, open: '08:00', close: '12:00' })),
  suites: [{ id: 's1', name: 'Suite 1', openingHours: null }],
  closures: [],
  sessions: [],
  firstDate: '2026-12-07',
  days: 2,
  ...over,
});

describe('scheduled utilization: booked suite-hours over open suite-hours', () => {
  it('counts the open hours of every suite on every day, and the booked part of them', () => {
    const u = scheduledUtilization(base({ sessions: [{ suiteId: 's1', startsAt: at('2026-12-07', '09:00'), endsAt: at('2026-12-07', '11:00') }] }));
    expect(u).toEqual({ availableMinutes: 480, bookedMinutes: 120, share: 0.25 });
  });

  it("uses a suite's own hours, leaves closures out of the open hours, and counts a doubly booked minute once", () => {
    const u = scheduledUtilization(
      base({
        suites: [
          { id: 's1', name: 'Suite 1', openingHours: null },
          { id: 's2', name: 'Suite 2', openingHours: [{ day: 1, open: '10:00', close: '11:00' }] },
        ],
        closures: [
          { suiteId: 's1', startsAt: at('2026-12-08', '00:00'), endsAt: at('2026-12-09', '00:00'), reason: 'deep clean' },
          { suiteId: null, startsAt: at('2026-12-07', '11:30'), endsAt: at('2026-12-07', '13:00'), reason: 'fire drill' },
        ],
        sessions: [
          // Partly before opening: only 08:00-09:00 counts.
          { suiteId: 's1', startsAt: at('2026-12-07', '07:00'), endsAt: at('2026-12-07', '09:00') },
          // Overlapping the first: 08:30-09:30 adds 30 minutes.
          { suiteId: 's1', startsAt: at('2026-12-07', '08:30'), endsAt: at('2026-12-07', '09:30') },
          // In the closed day and another suite's booking outside its hours: nothing.
          { suiteId: 's1', startsAt: at('2026-12-08', '09:00'), endsAt: at('2026-12-08', '10:00') },
          { suiteId: 's2', startsAt: at('2026-12-07', '11:00'), endsAt: at('2026-12-07', '12:00') },
          { suiteId: 's9', startsAt: at('2026-12-07', '09:00'), endsAt: at('2026-12-07', '10:00') },
        ],
      }),
    );
    // Suite 1: Mon 08:00-11:30 (the drill cuts the rest), Tue closed = 210; Suite 2: Mon 10:00-11:00 = 60.
    expect(u.availableMinutes).toBe(270);
    expect(u.bookedMinutes).toBe(90);
    expect(u.share).toBeCloseTo(90 / 270, 12);
  });

  it('measures real minutes across a DST change, and is 0 when nothing is open', () => {
    // Sun 2026-03-29 in London: 00:00-06:00 on the clock is 5 real hours.
    const london = base({ timeZone: 'Europe/London', clinicHours: [{ day: 0, open: '00:00', close: '06:00' }], firstDate: '2026-03-29', days: 1 });
    expect(scheduledUtilization(london).availableMinutes).toBe(300);
    expect(scheduledUtilization(base({ firstDate: '2026-12-12', days: 2 }))).toEqual({ availableMinutes: 0, bookedMinutes: 0, share: 0 });
  });
});
