/**
 * How the front desk's search box is read. Pure: no database.
 *
 * One box finds a patient by any of: part of a name ("rami", "ana rami", "Ramirez, Ana"),
 * a date of birth as typed (03/07/1984 or 1984-03-07), an MRN, or a phone number (all of
 * it, or the last 4 or 7 digits, however it is punctuated). Several parts narrow together:
 * "smith 3/7/1984".
 */
import { parseTypedDate } from '../../../src-shared/domain/dates';
import { foldName } from '../../../src-shared/domain/names';

export interface PatientQuery {
  dateOfBirth: string | null;
  /** Digits typed (phone or MRN), punctuation removed. */
  digits: string | null;
  /** Folded name prefixes (see foldName); each must start the first or the last name. */
  names: string[];
}

const PHONE_LIKE = /^[+\d\s().-]+$/;

export function parsePatientQuery(q: string): PatientQuery {
  const text = q.trim();
  const out: PatientQuery = { dateOfBirth: null, digits: null, names: [] };
  if (!text) return out;
  // A whole box of phone punctuation is one number: "(555) 201-4477".
  if (PHONE_LIKE.test(text) && !parseTypedDate(text)) {
    const digits = text.replace(/\D/g, '');
    if (digits) out.digits = digits;
    return out;
  }
  for (const token of text.split(/[\s,;]+/)) {
    if (!token) continue;
    const date = parseTypedDate(token);
    if (date) {
      out.dateOfBirth = date;
      continue;
    }
    if (/^[\d().+-]+$/.test(token)) {
      const digits = token.replace(/\D/g, '');
      if (digits) out.digits = (out.digits ?? '') + digits;
      continue;
    }
    // MRNs may carry letters ("KC-004512"): a token with digits in it is an MRN.
    if (/\d/.test(token)) {
      out.digits = token.toUpperCase();
      continue;
    }
    const name = foldName(token).replace(/[^\p{L}'-]/gu, '');
    if (name) out.names.push(name);
  }
  return out;
}

export function isEmptyQuery(q: PatientQuery): boolean {
  return !q.dateOfBirth && !q.digits && q.names.length === 0;
}
