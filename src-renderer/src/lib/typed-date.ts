/** Dates as the front desk types them: MM/DD/YYYY (or YYYY-MM-DD), read before anything is sent. */
import { parseTypedDate } from '../../../src-shared/domain/dates';

export type DateReading = { ok: true; value: string | null } | { ok: false; message: string };

/** Blank is allowed (value null) unless required. */
export function readTypedDate(text: string, label: string, required = false): DateReading {
  const t = text.trim();
  if (!t) return required ? { ok: false, message: `Enter the ${label}.` } : { ok: true, value: null };
  const iso = parseTypedDate(t);
  return iso ? { ok: true, value: iso } : { ok: false, message: `Enter the ${label} as MM/DD/YYYY, for example 03/07/2024.` };
}
