/** Clinic-local date formatting (pure; Intl with an explicit time zone). */
import { keptDateTimeFormat } from '../../../../src-shared/domain/dates';

const DAY = 86_400_000;
export const DAY_MS = DAY;

function parts(ms: number, timeZone: string): Record<string, string> {
  // Kept per zone: the due list words three dates per item, and building a formatter is the slow part.
  const f = keptDateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
}
/**
 * MM/DD in the clinic's zone, MM/DD/YYYY when `now` is given and falls in another year there
 * (a score owed from last July must not read as this July).
 */
export const shortDate = (ms: number, tz: string, now?: number) => {
  const p = parts(ms, tz);
  const year = now !== undefined && parts(now, tz).year !== p.year ? `/${p.year}` : '';
  return `${p.month}/${p.day}${year}`;
};
/** MM/DD HH:mm in the clinic's zone (with the year as for shortDate). */
export const shortDateTime = (ms: number, tz: string, now?: number) => {
  const p = parts(ms, tz);
  return `${shortDate(ms, tz, now)} ${p.hour}:${p.minute}`;
};
/** YYYY-MM-DD in the clinic's zone. */
export const localDate = (ms: number, tz: string) => {
  const p = parts(ms, tz);
  return `${p.year}-${p.month}-${p.day}`;
};
