import { describe, expect, it } from 'vitest';
import { suiteUtilization } from '../../../src-shared/domain/series/utilization';
import { zonedToInstant } from '../../../src-shared/domain/zoned-time';

const ZONE = 'America/Chicago';
const at = (time: string, date = '2026-12-07') => zonedToInstant(ZONE, date, time);
const S1 = '00000000-0000-4000-8000-000000000001';
const floor = {
  timeZone: ZONE,
  clinicHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '18:00' })),
  suites: [{ id: S1, name: 'Suite 1', openingHours: null }],
  closures: [] as { suiteId: string | null; startsAt: number; endsAt: number; reason: string }[],
};
const session = (from: string, to: string, status = 'scheduled') => ({ suiteId: S1, startsAt: at(from), endsAt: at(to), status });

describe('suite utilization', () => {
  it('is booked minutes over open minutes, counting overlaps once and only inside the hours', () => {
    const u = suiteUtilization(floor, [session('07:00', '12:00'), session('11:00', '13:00'), session('15:00', '17:00', 'cancelled')], S1, '2026-12-07');
    // Open 08:00-18:00 = 600 min; booked 08:00-13:00 inside the hours = 300 min.
    expect(u).toEqual({ openMinutes: 600, bookedMinutes: 300, share: 0.5 });
  });

  it('takes closures out of the open time', () => {
    const closed = { ...floor, closures: [{ suiteId: null, startsAt: at('13:00'), endsAt: at('18:00'), reason: 'Staff training' }] };
    expect(suiteUtilization(closed, [session('08:00', '13:00')], S1, '2026-12-07')).toEqual({ openMinutes: 300, bookedMinutes: 300, share: 1 });
  });

  it('says a closed day has no share rather than 0%', () => {
    expect(suiteUtilization(floor, [], S1, '2026-12-06')).toEqual({ openMinutes: 0, bookedMinutes: 0, share: null });
  });
});
