/**
 * Filling a template's {placeholders} for one session. Pure. Dates and times are written in
 * the clinic's zone (that is where the patient will be), in US English.
 */
import { parseTemplate, type PlaceholderKey } from '../../../../src-shared/api/schemas/reminders';
import { formatPhone } from '../../../../src-shared/domain/contact';
import { arrivalAt } from './due';
import { keptDateTimeFormat } from '../../../../src-shared/domain/dates';

export interface SessionFacts {
  startsAt: number;
  endsAt: number;
  seq: number;
  /** Sessions in the series: "3 of 6". */
  total: number;
}

export interface PatientFacts {
  firstName: string;
  lastName: string;
}

export interface ClinicFacts {
  timeZone: string;
  clinicName: string;
  clinicAddress: string | null;
  /** E.164 */
  clinicPhone: string | null;
  arrivalLeadMinutes: number;
  fastingInstructions: string;
  driverRequirement: string;
}

export type PlaceholderValues = Record<PlaceholderKey, string | null>;

function format(timeZone: string, kind: 'date' | 'time'): Intl.DateTimeFormat {
  return keptDateTimeFormat(
    'en-US',
    kind === 'date' ? { timeZone, weekday: 'long', month: 'long', day: 'numeric' } : { timeZone, hour: 'numeric', minute: '2-digit' },
  );
}

// ICU writes "9:45\u202fAM"; one character outside GSM-7 makes a text message use UCS-2 and
// cuts each part from 160 characters to 70, so messages use plain spaces.
const plainSpaces = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

/** "Monday, December 7" in the zone. */
export function messageDate(timeZone: string, instant: number): string {
  return plainSpaces(format(timeZone, 'date').format(instant));
}

/** "9:45 AM" in the zone. */
export function messageTime(timeZone: string, instant: number): string {
  return plainSpaces(format(timeZone, 'time').format(instant));
}

const blankToNull = (s: string | null) => (s && s.trim() ? s.trim() : null);

export function placeholderValues(session: SessionFacts, patient: PatientFacts, clinic: ClinicFacts): PlaceholderValues {
  const z = clinic.timeZone;
  return {
    firstName: blankToNull(patient.firstName),
    lastName: blankToNull(patient.lastName),
    date: messageDate(z, session.startsAt),
    time: messageTime(z, session.startsAt),
    arrivalTime: messageTime(z, arrivalAt(session.startsAt, clinic.arrivalLeadMinutes)),
    dischargeTime: messageTime(z, session.endsAt),
    sessionNumber: `${session.seq} of ${session.total}`,
    clinicName: blankToNull(clinic.clinicName),
    address: blankToNull(clinic.clinicAddress),
    clinicPhone: clinic.clinicPhone ? formatPhone(clinic.clinicPhone) : null,
    fastingInstructions: blankToNull(clinic.fastingInstructions),
    driverRequirement: blankToNull(clinic.driverRequirement),
  };
}

export interface Rendered {
  text: string;
  /** Placeholders used in the text that have no value (the clinic address is not set). */
  missing: PlaceholderKey[];
  /** Problems in the template itself (a placeholder this version does not know). */
  problems: string[];
}

/** Fill the placeholders; one with no value is left as written and named in `missing`. */
export function renderTemplate(template: string, values: PlaceholderValues): Rendered {
  const { parts, problems } = parseTemplate(template);
  const missing = new Set<PlaceholderKey>();
  let text = '';
  for (const part of parts) {
    if ('text' in part) {
      text += part.text;
      continue;
    }
    const v = values[part.placeholder];
    if (v === null) {
      missing.add(part.placeholder);
      text += `{${part.placeholder}}`;
    } else {
      text += v;
    }
  }
  return { text, missing: [...missing], problems };
}

const MISSING_WORDS: Partial<Record<PlaceholderKey, string>> = {
  address: 'the clinic address',
  clinicPhone: 'the clinic phone number',
  clinicName: 'the clinic name',
  fastingInstructions: 'the fasting instructions',
  driverRequirement: 'the driver requirement',
};

/** "The clinic address is not set: add it in Settings → Reminders, and this reminder will be written." */
export function missingReason(missing: readonly PlaceholderKey[]): string {
  const clinicSide = missing.filter((k) => MISSING_WORDS[k]).map((k) => MISSING_WORDS[k]!);
  const other = missing.filter((k) => !MISSING_WORDS[k]).map((k) => `{${k}}`);
  const parts: string[] = [];
  if (clinicSide.length) {
    const list = clinicSide.length === 1 ? clinicSide[0]! : `${clinicSide.slice(0, -1).join(', ')} and ${clinicSide.at(-1)!}`;
    parts.push(`${list.charAt(0).toUpperCase()}${list.slice(1)} ${clinicSide.length === 1 ? 'is' : 'are'} not set: add ${clinicSide.length === 1 ? 'it' : 'them'} in Settings → Reminders.`);
  }
  if (other.length) parts.push(`The patient’s record has nothing for ${other.join(', ')}.`);
  return parts.join(' ');
}
