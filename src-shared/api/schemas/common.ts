import { z } from 'zod';
import { isCalendarDate } from '../../domain/dates';

export const idSchema = z.string().uuid({ error: 'That record id is not valid.' });

export const calendarDate = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    // abort: a blank date is one mistake, not also "not a real date".
    .min(1, { error: `Enter the ${label}.`, abort: true })
    .refine(isCalendarDate, { error: `Enter the ${label} as a real date (YYYY-MM-DD).` });

/** Optional free text: blank becomes null so "cleared" and "never entered" look the same. */
export const optionalText = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} can be at most ${max} characters.` })
    .nullish()
    .transform((v) => (v ? v : null));

export const requiredText = (label: string, max = 100) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, { error: `Enter the ${label}.` })
    .max(max, { error: `The ${label} can be at most ${max} characters.` });

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
