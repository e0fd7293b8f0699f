import { describe, expect, it } from 'vitest';
import { calendarText, escapeText, foldLine } from '../../../src-main/backend/reminders/rules/ics';
import { icsUtc, parseIcs } from './ics-parse';

const T0 = Date.UTC(2026, 11, 7, 16, 0, 0);

describe('the iCalendar writer', () => {
  it('escapes backslash, semicolon, comma and line breaks (RFC 5545 3.3.11)', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets with a leading space, never inside a UTF-8 character (3.1)', () => {
    const line = `DESCRIPTION:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
  });

  it('writes a calendar that reads back to the same events', () => {
    const description = 'Please arrive by 9:45 AM.\nFasting: no food for 6 h; clear fluids, such as water, until 2 h before.\nDriver: a responsible adult — “required”.';
    const text = calendarText({
      name: 'Infusions at Lakeside, Pain; Infusion',
      stamp: T0 - 86_400_000,
      events: [
        { uid: 's1@infusion-desk', sequence: 3, startsAt: T0, endsAt: T0 + 5.5 * 3_600_000, summary: 'Infusion 1 of 2', location: 'Lakeside, 1200 Lake Shore Dr, Chicago', description },
        { uid: 's2@infusion-desk', sequence: 1, startsAt: T0 + 2 * 86_400_000, endsAt: T0 + 2 * 86_400_000 + 3_600_000, summary: 'Infusion 2 of 2', location: null, description: null },
      ],
    });
    const cal = parseIcs(text);
    expect(cal.name).toBe('VCALENDAR');
    expect(cal.props['VERSION']).toEqual(['2.0']);
    expect(cal.props['PRODID']![0]).toMatch(/Infusion Desk/);
    expect(cal.props['X-WR-CALNAME']).toEqual(['Infusions at Lakeside, Pain; Infusion']);
    const events = cal.children.filter((c) => c.name === 'VEVENT');
    expect(events).toHaveLength(2);
    const [a, b] = events;
    expect(a!.props['UID']).toEqual(['s1@infusion-desk']);
    expect(a!.props['SEQUENCE']).toEqual(['3']);
    expect(icsUtc(a!.props['DTSTART']![0]!)).toBe(T0);
    expect(icsUtc(a!.props['DTEND']![0]!)).toBe(T0 + 5.5 * 3_600_000);
    expect(icsUtc(a!.props['DTSTAMP']![0]!)).toBe(T0 - 86_400_000);
    expect(a!.props['SUMMARY']).toEqual(['Infusion 1 of 2']);
    expect(a!.props['LOCATION']).toEqual(['Lakeside, 1200 Lake Shore Dr, Chicago']);
    expect(a!.props['DESCRIPTION']).toEqual([description]);
    expect(b!.props['LOCATION']).toBeUndefined();
    expect(b!.props['DESCRIPTION']).toBeUndefined();
    // The raw text really is folded and escaped, not just readable.
    expect(text).toContain('LOCATION:Lakeside\\, 1200 Lake Shore Dr\\, Chicago\r\n');
    expect(text.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);
  });
});

describe('the test reader itself', () => {
  it('refuses what RFC 5545 forbids', () => {
    expect(() => parseIcs('BEGIN:VCALENDAR\nEND:VCALENDAR\n')).toThrow(/CRLF/);
    expect(() => parseIcs(`BEGIN:VCALENDAR\r\nX:${'a'.repeat(80)}\r\nEND:VCALENDAR\r\n`)).toThrow(/octets/);
    expect(() => parseIcs('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n')).toThrow(/does not close/);
  });
});
