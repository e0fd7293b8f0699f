import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ageOn,
  formatCalendarDate,
  isCalendarDate,
  isValidTimeZone,
  parseTypedDate,
  todayInZone,
} from '../../../src-shared/domain/dates';
import { formatPhone, isEmail, normalizePhone } from '../../../src-shared/domain/contact';
import { formatDualTime } from '../../../src-shared/domain/clock-display';

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true], // leap year
    ['2023-02-29', false], // not a leap year
    ['2000-02-29', true], // divisible by 400
    ['1900-02-29', false], // divisible by 100, not 400
    ['2100-02-29', false],
    ['2400-02-29', true],
    ['2024-02-28', true],
    ['2024-02-30', false],
    ['2024-01-31', true],
    ['2024-04-30', true],
    ['2024-04-31', false],
    ['2024-06-31', false],
    ['2024-12-31', true],
    ['2024-12-32', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['1984-03-07', true],
    ['2024-1-05', false],
    ['24-01-05', false],
    ['2024/01/05', false],
    [' 2024-01-05', false],
    ['2024-01-05 ', false],
    ['2024-01-05T00:00', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });
});

describe('parseTypedDate', () => {
  it.each([
    ['3/7/1984', '1984-03-07'],
    ['03/07/1984', '1984-03-07'],
    ['03-07-1984', '1984-03-07'],
    ['3-7-1984', '1984-03-07'],
    ['3.7.1984', '1984-03-07'],
    ['1984-03-07', '1984-03-07'],
    ['  3/7/1984  ', '1984-03-07'],
    ['12/31/1999', '1999-12-31'],
    ['2/29/2024', '2024-02-29'],
    ['1/1/2000', '2000-01-01'],
  ])('reads %j as %s (month first, US style)', (typed, iso) => {
    expect(parseTypedDate(typed)).toBe(iso);
  });

  it.each([
    '3/7/84', // two-digit year is ambiguous for a date of birth
    '03-07-84',
    '2/30/1984',
    '2/29/2023',
    '4/31/1984',
    '13/1/1984', // month 13 (a day-first date)
    '0/7/1984',
    '3/0/1984',
    '1984-02-30',
    '1984-3-7',
    '3/7/19845',
    '123/7/1984',
    'March 7, 1984',
    '3 7 1984',
    '',
    '   ',
  ])('refuses %j', (typed) => {
    expect(parseTypedDate(typed)).toBeNull();
  });
});

describe('formatCalendarDate', () => {
  it.each([
    ['1984-03-07', '03/07/1984'],
    ['2024-12-31', '12/31/2024'],
    ['not a date', 'not a date'],
  ])('%s → %s', (iso, shown) => {
    expect(formatCalendarDate(iso)).toBe(shown);
  });

  it('round-trips with parseTypedDate', () => {
    expect(parseTypedDate(formatCalendarDate('1984-03-07'))).toBe('1984-03-07');
  });
});

describe('todayInZone', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    // 23:30 in Chicago is already 00:30 the next day in New York.
    { instant: Date.UTC(2026, 0, 15, 5, 30), zone: 'America/Chicago', today: '2026-01-14' },
    { instant: Date.UTC(2026, 0, 15, 5, 30), zone: 'America/New_York', today: '2026-01-15' },
    // One millisecond before and at midnight in New York (EST, UTC−5).
    { instant: Date.UTC(2026, 0, 15, 4, 59, 59, 999), zone: 'America/New_York', today: '2026-01-14' },
    { instant: Date.UTC(2026, 0, 15, 5, 0, 0, 0), zone: 'America/New_York', today: '2026-01-15' },
    { instant: Date.UTC(2026, 0, 15, 5, 0, 0, 0), zone: 'America/Chicago', today: '2026-01-14' },
    // Midnight in Chicago (CST, UTC−6).
    { instant: Date.UTC(2026, 0, 15, 5, 59, 59, 999), zone: 'America/Chicago', today: '2026-01-14' },
    { instant: Date.UTC(2026, 0, 15, 6, 0, 0, 0), zone: 'America/Chicago', today: '2026-01-15' },
    // Summer time moves midnight by an hour (EDT UTC−4, CDT UTC−5).
    { instant: Date.UTC(2026, 6, 4, 4, 30), zone: 'America/New_York', today: '2026-07-04' },
    { instant: Date.UTC(2026, 6, 4, 4, 30), zone: 'America/Chicago', today: '2026-07-03' },
    // New Year's Eve.
    { instant: Date.UTC(2026, 0, 1, 5, 30), zone: 'America/New_York', today: '2026-01-01' },
    { instant: Date.UTC(2026, 0, 1, 5, 30), zone: 'America/Chicago', today: '2025-12-31' },
    // Half-hour offset and UTC.
    { instant: Date.UTC(2026, 0, 14, 18, 30), zone: 'Asia/Kolkata', today: '2026-01-15' },
    { instant: Date.UTC(2026, 0, 14, 18, 30), zone: 'UTC', today: '2026-01-14' },
  ])('$zone at $instant is $today', ({ instant, zone, today }) => {
    expect(todayInZone(zone, instant)).toBe(today);
  });

  it('defaults to the current time', () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 0, 15, 5, 30));
    expect(todayInZone('America/Chicago')).toBe('2026-01-14');
    expect(todayInZone('America/New_York')).toBe('2026-01-15');
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['America/Chicago', true],
    ['America/New_York', true],
    ['UTC', true],
    ['', false],
    ['Mars/Olympus_Mons', false],
    ['EST', false],
  ])('%j → %s', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});

describe('ageOn', () => {
  it.each([
    { dob: '1984-03-07', today: '2026-03-06', age: 41 }, // day before the birthday
    { dob: '1984-03-07', today: '2026-03-07', age: 42 }, // on the birthday
    { dob: '1984-03-07', today: '2026-03-08', age: 42 },
    { dob: '1984-03-07', today: '2026-02-28', age: 41 }, // earlier month
    { dob: '1984-03-07', today: '2026-04-01', age: 42 }, // later month, earlier day
    { dob: '1984-12-31', today: '2026-01-01', age: 41 },
    { dob: '1984-12-31', today: '2026-12-31', age: 42 },
    { dob: '2000-02-29', today: '2024-02-29', age: 24 },
    { dob: '2000-02-29', today: '2024-02-28', age: 23 },
    { dob: '2000-02-29', today: '2026-02-28', age: 25 },
    { dob: '2000-02-29', today: '2026-03-01', age: 26 },
    { dob: '2026-01-15', today: '2026-01-15', age: 0 },
    { dob: '2025-01-16', today: '2026-01-15', age: 0 },
    { dob: '2025-01-15', today: '2026-01-15', age: 1 },
  ])('born $dob is $age on $today', ({ dob, today, age }) => {
    expect(ageOn(dob, today)).toBe(age);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['(555) 201-4477', '+15552014477'],
    ['555-201-4477', '+15552014477'],
    ['555.201.4477', '+15552014477'],
    ['555 201 4477', '+15552014477'],
    ['5552014477', '+15552014477'],
    ['  (555) 201-4477  ', '+15552014477'],
    ['1-555-201-4477', '+15552014477'],
    ['1 (555) 201-4477', '+15552014477'],
    ['15552014477', '+15552014477'],
    ['+1 555 201 4477', '+15552014477'],
    ['+1 (555) 201-4477', '+15552014477'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+49 (30) 1234-5678', '+493012345678'],
    ['+61 2 9374 4000', '+61293744000'],
  ])('%j → %s', (typed, e164) => {
    expect(normalizePhone(typed)).toBe(e164);
  });

  it.each([
    ['123', 'too short'],
    ['201-4477', 'no area code'],
    ['055-201-4477', 'area code starting with 0'],
    ['155-201-4477', 'area code starting with 1'],
    ['1-055-201-4477', 'area code starting with 0 after the country code'],
    ['555-001-4477', 'exchange starting with 0'],
    ['555-101-4477', 'exchange starting with 1'],
    ['555-201-44770', 'eleven digits not starting with 1'],
    ['2-555-201-4477', 'eleven digits starting with 2'],
    ['555-CALL-NOW', 'letters'],
    ['555-201-447x', 'a letter'],
    ['555 201 4477 ext 2', 'an extension'],
    ['phone', 'only letters'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['()-.', 'punctuation only'],
    ['+1234567', 'E.164 with 7 digits'],
    ['+1234567890123456', 'E.164 with 16 digits'],
    ['+0 20 7946 0958', 'E.164 with country code 0'],
  ])('refuses %j (%s)', (typed) => {
    expect(normalizePhone(typed)).toBeNull();
  });
});

describe('formatPhone', () => {
  it.each([
    ['+15552014477', '(555) 201-4477'],
    ['+12125550123', '(212) 555-0123'],
    ['+442079460958', '+442079460958'],
    ['+1555201447', '+1555201447'],
    ['not a phone', 'not a phone'],
  ])('%s → %s', (e164, shown) => {
    expect(formatPhone(e164)).toBe(shown);
  });

  it.each(['(555) 201-4477', '1-555-201-4477', '555.201.4477'])('normalize then format gives the US form for %j', (typed) => {
    const e164 = normalizePhone(typed);
    expect(e164).not.toBeNull();
    expect(formatPhone(e164!)).toBe('(555) 201-4477');
    expect(normalizePhone(formatPhone(e164!))).toBe(e164);
  });
});

describe('isEmail', () => {
  it.each([
    ['name@example.com', true],
    ['Name@Example.COM', true],
    ['first.last+tag@sub.example.co.uk', true],
    ['a@b.c', true],
    [`${'a'.repeat(242)}@example.com`, true], // 254 characters
    [`${'a'.repeat(243)}@example.com`, false], // 255 characters
    ['', false],
    ['name', false],
    ['name@', false],
    ['@example.com', false],
    ['name@example', false],
    ['name@@example.com', false],
    ['na me@example.com', false],
    ['name@exa mple.com', false],
    ['name@example..com', false],
    ['name@.example.com', false],
    ['name@example.com.', false],
    [' name@example.com', false],
  ])('%j → %s', (text, expected) => {
    expect(isEmail(text)).toBe(expected);
  });
});

describe('formatDualTime', () => {
  // ICU versions differ on the space before AM/PM (U+0020, U+00A0 or U+202F).
  const plain = (s: string | undefined) => s?.replace(/[\u00a0\u202f]/g, ' ');
  const MAR_7_15UTC = Date.UTC(2026, 2, 7, 15, 0); // winter time in the US
  const JAN_15_17UTC = Date.UTC(2026, 0, 15, 17, 0);
  const JUL_15_17UTC = Date.UTC(2026, 6, 15, 17, 0);

  it.each([
    {
      name: 'same zone',
      instant: MAR_7_15UTC,
      clinic: 'America/Chicago',
      viewer: 'America/Chicago',
      expected: { clinic: 'Sat, Mar 7, 9:00 AM CST' },
    },
    {
      name: 'two zone names on one wall clock (New York, Detroit)',
      instant: MAR_7_15UTC,
      clinic: 'America/New_York',
      viewer: 'America/Detroit',
      expected: { clinic: 'Sat, Mar 7, 10:00 AM EST' },
    },
    {
      name: 'same reading, different zone label (UTC, London in winter)',
      instant: JAN_15_17UTC,
      clinic: 'UTC',
      viewer: 'Europe/London',
      expected: { clinic: 'Thu, Jan 15, 5:00 PM UTC' },
    },
    {
      name: 'Phoenix and Denver agree in winter',
      instant: JAN_15_17UTC,
      clinic: 'America/Phoenix',
      viewer: 'America/Denver',
      expected: { clinic: 'Thu, Jan 15, 10:00 AM MST' },
    },
    {
      name: 'Chicago clinic, New York viewer',
      instant: MAR_7_15UTC,
      clinic: 'America/Chicago',
      viewer: 'America/New_York',
      expected: { clinic: 'Sat, Mar 7, 9:00 AM CST', viewer: 'Sat, Mar 7, 10:00 AM EST' },
    },
    {
      name: 'Phoenix and Denver differ in summer',
      instant: JUL_15_17UTC,
      clinic: 'America/Phoenix',
      viewer: 'America/Denver',
      expected: { clinic: 'Wed, Jul 15, 10:00 AM MST', viewer: 'Wed, Jul 15, 11:00 AM MDT' },
    },
    {
      name: 'same time of day, different date',
      instant: JAN_15_17UTC,
      clinic: 'Pacific/Kiritimati',
      viewer: 'Pacific/Honolulu',
      expected: { clinic: 'Fri, Jan 16, 7:00 AM GMT+14', viewer: 'Thu, Jan 15, 7:00 AM HST' },
    },
  ])('$name', ({ instant, clinic, viewer, expected }) => {
    const r = formatDualTime(instant, clinic, viewer);
    expect({ clinic: plain(r.clinic), ...(r.viewer !== undefined ? { viewer: plain(r.viewer) } : {}) }).toEqual(expected);
    expect('viewer' in r).toBe('viewer' in expected);
  });

  it.each([
    { clinic: 'America/Chicago', viewer: 'America/New_York', expected: { clinic: '9:00 AM CST', viewer: '10:00 AM EST' } },
    { clinic: 'America/Chicago', viewer: 'America/Chicago', expected: { clinic: '9:00 AM CST' } },
  ])('without the date: $clinic / $viewer', ({ clinic, viewer, expected }) => {
    const r = formatDualTime(MAR_7_15UTC, clinic, viewer, { withDate: false });
    expect({ clinic: plain(r.clinic), ...(r.viewer !== undefined ? { viewer: plain(r.viewer) } : {}) }).toEqual(expected);
  });

  it('a viewer in India sees a half-hour offset reading', () => {
    const r = formatDualTime(MAR_7_15UTC, 'America/Chicago', 'Asia/Kolkata');
    expect(plain(r.viewer)).toMatch(/^Sat, Mar 7, 8:30 PM /);
  });
});
