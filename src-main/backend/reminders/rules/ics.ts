/**
 * An iCalendar file (RFC 5545) of a patient's infusion sessions. Written here rather than
 * with a package: the file needs one VCALENDAR of plain VEVENTs in UTC, which is a page of
 * code, and the three rules that trip people up are below with the section they come from.
 *
 *   3.1    lines end in CRLF and are folded at 75 octets (UTF-8 bytes, not characters): the
 *          rest continues on the next line after one space;
 *   3.3.11 in TEXT values a backslash, semicolon and comma are escaped with a backslash and a
 *          line break is written as \n;
 *   3.3.5  DATE-TIME in UTC is YYYYMMDDTHHMMSSZ.
 */

export interface CalendarEvent {
  /** Globally unique and stable for the session, so re-importing updates instead of duplicating. */
  uid: string;
  /** Rises with every change to the session, so calendars take the newer copy. */
  sequence: number;
  startsAt: number;
  endsAt: number;
  summary: string;
  location: string | null;
  description: string | null;
  /** A session that was booked and then cancelled: STATUS:CANCELLED, so a calendar that imported it drops it. */
  cancelled?: boolean;
}

export interface Calendar {
  /** Shown by some calendar apps as the calendar's name (X-WR-CALNAME). */
  name: string;
  /** DTSTAMP: when this file was made. */
  stamp: number;
  events: readonly CalendarEvent[];
}

/** 3.3.5: 20261207T154500Z */
export function utcDateTime(instant: number): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** 3.3.11 TEXT escaping. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * 3.1 folding: at most 75 octets per line, continuation lines start with one space (which
 * counts towards their 75). Never splits a UTF-8 character: a character is whole on one line.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (bytes + size > 75) {
      out.push(current);
      current = ' ';
      bytes = 1;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n');
}

const prop = (name: string, value: string) => foldLine(`${name}:${value}`);

export function calendarText(cal: Calendar): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Infusion Desk//Infusion series//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    prop('X-WR-CALNAME', escapeText(cal.name)),
  ];
  const stamp = utcDateTime(cal.stamp);
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      prop('UID', e.uid),
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTART:${utcDateTime(e.startsAt)}`,
      `DTEND:${utcDateTime(e.endsAt)}`,
      prop('SUMMARY', escapeText(e.summary)),
    );
    if (e.location) lines.push(prop('LOCATION', escapeText(e.location)));
    if (e.description) lines.push(prop('DESCRIPTION', escapeText(e.description)));
    lines.push(e.cancelled ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED', e.cancelled ? 'TRANSP:TRANSPARENT' : 'TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}
