import type { OpeningHours } from '../../../src-shared/api/schemas/common';
import { isValidTimeZone } from '../../../src-shared/domain/dates';

/** Monday to Friday 07:00-18:00: a common outpatient infusion day, to be edited in Settings. */
export const DEFAULT_OPENING_HOURS: OpeningHours = [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' }));

/** A new store starts in the machine's own zone, which is where most clinics install it. */
export function defaultTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'America/Chicago';
}
