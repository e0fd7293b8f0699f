import { z } from 'zod';
import { formatCalendarDate, isCalendarDate } from '../../domain/dates';

export const idSchema = z.string().uuid({ error: 'That record id is not valid.' });

/**
 * The range of dates the app accepts anywhere (visits, periods, searches, birth dates). Outside it
 * a date is a typing slip, and 9999-12-31 reached code that steps a day past it into year 10000.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';
const SHOWN_RANGE = `${formatCalendarDate(EARLIEST_DATE)} and ${formatCalendarDate(LATEST_DATE)}`;

export const calendarDate = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    // abort: a blank date is one mistake, not also "not a real date"; a 10 MB "date" stops here.
    .min(1, { error: `Enter the ${label}.`, abort: true })
    .max(10, { error: `Enter the ${label} as a real date (YYYY-MM-DD).`, abort: true })
    .refine(isCalendarDate, { error: `Enter the ${label} as a real date (YYYY-MM-DD).`, abort: true })
    .refine((d) => d >= EARLIEST_DATE && d <= LATEST_DATE, { error: `Enter the ${label} between ${SHOWN_RANGE}.` });

/**
 * Instants (epoch milliseconds) for things the clinic schedules or looks up: from 2000 to the end
 * of 2100. Negative or far-future times are never meant, and date arithmetic past year 9999 throws.
 */
export const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
export const LATEST_INSTANT = Date.UTC(2101, 0, 1) - 1;
/** The earliest instant of EARLIEST_DATE, for times that may be long past (a score from an old record). */
export const EARLIEST_PAST_INSTANT = Date.UTC(1900, 0, 1);
export const instantSchema = (label: string, earliest: number = EARLIEST_INSTANT) =>
  z
    .number({ error: `Enter the ${label}.` })
    .int({ error: `The ${label} must be a whole millisecond time.` })
    .min(earliest, { error: `The ${label} must be in the year ${new Date(earliest).getUTCFullYear()} or later.` })
    .max(LATEST_INSTANT, { error: `The ${label} must be before the year 2101.` });

/**
 * Control characters (C0, DEL, C1) and the Unicode line/paragraph separators: invisible, they
 * came in by pasting and then broke PDFs, CSV, FHIR and text messages. Multi-line text keeps
 * line breaks and tabs (carriage returns become plain line breaks first).
 */
const SINGLE_LINE_BAD = /[\p{Cc}\u2028\u2029]/u;
// Cc except tab and line feed (a double negation: not non-Cc, not tab, not LF).
const MULTI_LINE_BAD = /[^\P{Cc}\t\n]|[\u2028\u2029]/u;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** Plain-words problem with the characters of a text field, or null when it is fine. */
export function textCharacterProblem(text: string, subject: string, multiline: boolean): string | null {
  if (!multiline && LINE_BREAK.test(text)) return `${subject} must be on one line.`;
  if ((multiline ? MULTI_LINE_BAD : SINGLE_LINE_BAD).test(text)) {
    return `${subject} has a hidden control character in it (often from copying and pasting). Type it again.`;
  }
  return null;
}

/**
 * A text field's checks, cheapest first and each stopping the rest: the length before anything
 * that reads every character (a 10 MB paste is refused at once), then the characters. `subject`
 * starts the messages ("The first name", "Note").
 */
function textField(subject: string, max: number, multiline: boolean, required: string | null) {
  let s = z.string(required ? { error: required } : undefined).trim();
  if (required) s = s.min(1, { error: required, abort: true });
  s = s.max(max, { error: `${subject} can be at most ${max} characters.`, abort: true });
  if (multiline) s = s.overwrite((v) => v.replace(/\r\n?/g, '\n'));
  return s.superRefine((v, ctx) => {
    const problem = textCharacterProblem(v, subject, multiline);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
  });
}

/** Optional free text on one line: blank becomes null so "cleared" and "never entered" look the same. */
export const optionalText = (label: string, max = 200) =>
  textField(label, max, false, null)
    .nullish()
    .transform((v) => (v ? v : null));

/** Optional text that may run over several lines (notes, reasons, instructions, addresses). */
export const optionalMultilineText = (label: string, max = 2000) =>
  textField(label, max, true, null)
    .nullish()
    .transform((v) => (v ? v : null));

export const requiredText = (label: string, max = 100) => textField(`The ${label}`, max, false, `Enter the ${label}.`);

export const requiredMultilineText = (label: string, max = 2000) => textField(`The ${label}`, max, true, `Enter the ${label}.`);

/** Text that is not stored (a search box): one line, no control characters, bounded. */
export const searchText = (max = 100) =>
  z
    .string()
    .max(max, { error: `Search text can be at most ${max} characters.`, abort: true })
    .superRefine((v, ctx) => {
      const problem = textCharacterProblem(v, 'Search text', false);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
    });

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const weekdaySchema = z.number().int().min(0).max(6);

/** Opening hours: one or more intervals per weekday (0 = Sunday), clinic-local times. */
export const openingHoursSchema = z
  .array(
    z.object({
      day: weekdaySchema,
      open: z.string().regex(HHMM, { error: 'Use 24-hour time such as 08:00.' }),
      close: z.string().regex(HHMM, { error: 'Use 24-hour time such as 17:30.' }),
    }),
  )
  .max(28)
  .superRefine((hours, ctx) => {
    hours.forEach((h, i) => {
      if (h.close <= h.open) {
        ctx.addIssue({ code: 'custom', path: [i, 'close'], message: 'Closing time must be after opening time.' });
      }
    });
    for (let i = 0; i < hours.length; i++) {
      for (let j = i + 1; j < hours.length; j++) {
        const a = hours[i]!;
        const b = hours[j]!;
        if (a.day === b.day && a.open < b.close && b.open < a.close) {
          ctx.addIssue({ code: 'custom', path: [j, 'open'], message: 'These hours overlap other hours on the same day.' });
        }
      }
    }
  });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export const emptyInput = z.object({}).strict();
