import { describe, expect, it } from 'vitest';
import {
  checkSlot,
  findFreeSlots,
  type AppointmentBlock,
  type ExceptionBlock,
  type ScheduleData,
  type SlotSearch,
  type WeeklyBlock,
} from '../../../src-main/backend/scheduling/rules/free-slots';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import type { OpeningHours } from '../../../src-shared/api/schemas/common';

const ZONE = 'America/Chicago';
const ADA = 'ada';
const BEN = 'ben';
const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);
const iso = (t: number) => new Date(t).toISOString().replace(':00.000Z', 'Z');
const WEEKDAYS: OpeningHours = [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' }));
// 2026-06-08 is a Monday (CDT, UTC-5).
const MON = '2026-06-08';
const TUE = '2026-06-09';

const hours = (staffId: string, weekday: number, startTime: string, endTime: string, extra: Partial<WeeklyBlock> = {}): WeeklyBlock => ({
  staffId,
  weekday,
  startTime,
  endTime,
  validFrom: null,
  validTo: null,
  ...extra,
});

function search(over: Partial<SlotSearch> = {}): SlotSearch {
  return {
    timeZone: ZONE,
    openingHours: WEEKDAYS,
    providers: [
      { staffId: BEN, name: 'Dr. Ben Cole' },
      { staffId: ADA, name: 'Dr. Ada Osei' },
    ],
    availability: [],
    exceptions: [],
    appointments: [],
    from: at(MON, '00:00'),
    days: 1,
    minutes: 60,
    step: 15,
    ...over,
  };
}

/** "ada 09:00" in clinic time, for readable expectations. */
function show(q: SlotSearch) {
  const r = findFreeSlots(q);
  return r.slots.map((s) => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return `${s.staffId} ${fmt.format(s.startsAt).replace(',', '')}`;
  });
}

describe('findFreeSlots', () => {
  it('one free slot: a one-hour block gives one one-hour consultation', () => {
    const r = findFreeSlots(search({ availability: [hours(BEN, 1, '09:00', '10:00')] }));
    expect(r.slots).toEqual([{ staffId: BEN, startsAt: Date.parse('2026-06-08T14:00:00Z'), endsAt: Date.parse('2026-06-08T15:00:00Z') }]);
    expect(r.more).toBe(false);
  });

  it('none: hours only on a day the clinic is closed, or too short for the consultation', () => {
    expect(findFreeSlots(search({ availability: [hours(ADA, 0, '09:00', '12:00')], days: 7 })).slots).toEqual([]);
    expect(findFreeSlots(search({ availability: [hours(ADA, 1, '09:00', '09:45')] })).slots).toEqual([]);
    expect(findFreeSlots(search()).slots).toEqual([]);
  });

  it('slots on a 15-minute grid inside the hours, earliest first then by provider name', () => {
    const q = search({ availability: [hours(ADA, 1, '09:00', '10:30'), hours(BEN, 1, '09:00', '10:00')] });
    expect(show(q)).toEqual(['ada 06-08 09:00', 'ben 06-08 09:00', 'ada 06-08 09:15', 'ada 06-08 09:30']);
  });

  it('an exception blocks that provider for the day; the next day is unaffected', () => {
    const leave: ExceptionBlock = { staffId: ADA, startsAt: at(MON, '00:00'), endsAt: at(TUE, '00:00') };
    const q = search({
      availability: [hours(ADA, 1, '09:00', '10:00'), hours(ADA, 2, '09:00', '10:00'), hours(BEN, 1, '09:00', '10:00')],
      exceptions: [leave],
      days: 2,
    });
    expect(show(q)).toEqual(['ben 06-08 09:00', 'ada 06-09 09:00']);
  });

  it('a whole-clinic exception blocks every provider', () => {
    const q = search({
      availability: [hours(ADA, 1, '09:00', '12:00'), hours(BEN, 1, '09:00', '12:00')],
      exceptions: [{ staffId: null, startsAt: at(MON, '00:00'), endsAt: at(MON, '11:00') }],
    });
    expect(show(q)).toEqual(['ada 06-08 11:00', 'ben 06-08 11:00']);
  });

  it('a booking blocks the slots it overlaps; a cancelled one blocks nothing', () => {
    const booked: AppointmentBlock = { staffId: ADA, startsAt: at(MON, '10:00'), endsAt: at(MON, '11:00'), status: 'booked' };
    const q = search({ availability: [hours(ADA, 1, '09:00', '12:00')], appointments: [booked] });
    expect(show(q)).toEqual(['ada 06-08 09:00', 'ada 06-08 11:00']);
    expect(show({ ...q, appointments: [{ ...booked, status: 'cancelled' }] })).toHaveLength(9);
    // Another provider's booking does not matter.
    expect(show({ ...q, appointments: [{ ...booked, staffId: BEN }] })).toHaveLength(9);
  });

  it("the patient's own appointment (with anyone) blocks that time for every provider", () => {
    const q = search({
      availability: [hours(ADA, 1, '09:00', '11:00'), hours(BEN, 1, '09:00', '11:00')],
      patientAppointments: [{ staffId: 'someone-else', startsAt: at(MON, '09:00'), endsAt: at(MON, '10:00') }],
      step: 60,
    });
    expect(show(q)).toEqual(['ada 06-08 10:00', 'ben 06-08 10:00']);
  });

  it('a slot crossing closing time is left out', () => {
    // Provider until 18:00, clinic closes at 17:00: the last slot is 16:00-17:00.
    const q = search({ availability: [hours(ADA, 1, '15:00', '18:00')] });
    expect(show(q)).toEqual(['ada 06-08 15:00', 'ada 06-08 15:15', 'ada 06-08 15:30', 'ada 06-08 15:45', 'ada 06-08 16:00']);
    // The provider's own end counts the same way, and opening after their start too.
    expect(show(search({ availability: [hours(ADA, 1, '07:00', '09:30')], step: 30 }))).toEqual(['ada 06-08 08:00', 'ada 06-08 08:30']);
  });

  it('hours that start off the grid start at the next grid point', () => {
    expect(show(search({ availability: [hours(ADA, 1, '09:10', '10:30')] }))).toEqual(['ada 06-08 09:15', 'ada 06-08 09:30']);
  });

  it('"from" in the middle of a day: the first slot is the next grid point after it', () => {
    const q = search({ availability: [hours(ADA, 1, '09:00', '12:00')], from: at(MON, '10:07') });
    expect(show(q)).toEqual(['ada 06-08 10:15', 'ada 06-08 10:30', 'ada 06-08 10:45', 'ada 06-08 11:00']);
    // After the hours have ended: nothing that day.
    expect(show({ ...q, from: at(MON, '11:01') })).toEqual([]);
  });

  it('weekly hours apply only between their first and last dates', () => {
    const q = search({
      availability: [hours(ADA, 1, '09:00', '10:00', { validTo: '2026-06-08' }), hours(ADA, 1, '13:00', '14:00', { validFrom: '2026-06-15' })],
      days: 14,
    });
    expect(show(q)).toEqual(['ada 06-08 09:00', 'ada 06-15 13:00']);
  });

  it('limit: stops at the limit and says there are more', () => {
    const q = search({ availability: [hours(ADA, 1, '09:00', '12:00'), hours(ADA, 2, '09:00', '12:00')], days: 7, limit: 3 });
    const r = findFreeSlots(q);
    expect(r.slots).toHaveLength(3);
    expect(r.more).toBe(true);
    const all = findFreeSlots({ ...q, limit: 18 });
    expect(all.slots).toHaveLength(18);
    expect(all.more).toBe(false);
  });

  it('the window ends at the start of the clinic day after the last one searched', () => {
    const r = findFreeSlots(search({ from: at(MON, '10:00'), days: 3 }));
    expect(r.until).toBe(at('2026-06-11', '00:00'));
  });

  describe('DST days in Chicago', () => {
    const allWeek: OpeningHours = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '23:59' }));

    it('09:00 is 15:00Z before the change and 14:00Z the Monday after', () => {
      const q = search({ availability: [hours(ADA, 1, '09:00', '10:00')], from: at('2026-03-02', '00:00'), days: 8 });
      expect(findFreeSlots(q).slots.map((s) => iso(s.startsAt))).toEqual(['2026-03-02T15:00Z', '2026-03-09T14:00Z']);
    });

    it('spring forward: a 01:00-04:00 block is two real hours and offers no 02:xx time', () => {
      const q = search({ openingHours: allWeek, availability: [hours(ADA, 0, '01:00', '04:00')], from: at('2026-03-08', '00:00'), step: 60 });
      const r = findFreeSlots(q);
      expect(r.slots.map((s) => [iso(s.startsAt), iso(s.endsAt)])).toEqual([
        ['2026-03-08T07:00Z', '2026-03-08T08:00Z'], // 01:00 CST - 03:00 CDT: one real hour
        ['2026-03-08T08:00Z', '2026-03-08T09:00Z'], // 03:00 CDT - 04:00 CDT
      ]);
    });

    it('fall back: a 01:00-03:00 block is three real hours, 01:00 is offered twice', () => {
      const q = search({ openingHours: allWeek, availability: [hours(ADA, 0, '01:00', '03:00')], from: at('2026-11-01', '00:00'), step: 60 });
      expect(findFreeSlots(q).slots.map((s) => iso(s.startsAt))).toEqual([
        '2026-11-01T06:00Z', // 01:00 CDT
        '2026-11-01T07:00Z', // 01:00 CST
        '2026-11-01T08:00Z', // 02:00 CST
      ]);
    });

    it('every slot is exactly the consultation length in real time', () => {
      const q = search({ openingHours: allWeek, availability: [0, 1].map((d) => hours(ADA, d, '00:00', '23:59')), from: at('2026-03-07', '12:00'), days: 3, minutes: 45, step: 15 });
      for (const s of findFreeSlots(q).slots) expect(s.endsAt - s.startsAt).toBe(45 * 60_000);
    });
  });
});

describe('checkSlot', () => {
  const data: ScheduleData = {
    timeZone: ZONE,
    openingHours: WEEKDAYS,
    providers: [{ staffId: ADA, name: 'Dr. Ada Osei' }],
    availability: [hours(ADA, 1, '09:00', '12:00')],
    exceptions: [{ staffId: ADA, startsAt: at(MON, '11:00'), endsAt: at(MON, '12:00') }],
    appointments: [{ staffId: ADA, startsAt: at(MON, '09:00'), endsAt: at(MON, '10:00'), status: 'booked' }],
    patientAppointments: [{ staffId: BEN, startsAt: at(MON, '10:30'), endsAt: at(MON, '11:00'), status: 'booked' }],
  };
  const now = at(MON, '08:00');
  const check = (time: string, minutes = 60, when = now) => checkSlot(data, { staffId: ADA, startsAt: at(MON, time), minutes, now: when });

  it.each([
    ['10:00', 30, 'ok'],
    ['10:07', 20, 'ok'], // off the grid is allowed when booking by hand
    ['09:30', 60, 'booked'],
    ['10:00', 60, 'patient_busy'],
    ['11:00', 30, 'exception'],
    ['11:30', 60, 'outside_hours'],
    ['08:00', 60, 'outside_hours'],
  ])('%s for %s minutes: %s', (time, minutes, expected) => {
    const r = check(time, minutes);
    expect(r.ok ? 'ok' : r.reason).toBe(expected);
  });

  it('refuses the past before anything else', () => {
    expect(check('10:00', 30, at(MON, '10:01'))).toEqual({ ok: false, reason: 'past' });
  });

  it('outside hours gives the hours of that day', () => {
    const r = check('11:30');
    expect(r).toEqual({ ok: false, reason: 'outside_hours', windows: [{ startsAt: at(MON, '09:00'), endsAt: at(MON, '12:00') }] });
    expect(checkSlot(data, { staffId: ADA, startsAt: at(TUE, '09:00'), minutes: 60, now })).toMatchObject({ windows: [] });
  });
});
