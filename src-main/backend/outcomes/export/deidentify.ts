/**
 * The de-identified registry CSV. Pure apart from the per-export secret it is given.
 *
 * Left out: names, MRN, phone, date of birth, the internal patient and score ids (a UUIDv7
 * carries the moment it was made), the time of day and who took the score. In their place:
 * - patient_code: a keyed hash of the patient id under a secret made for this export alone, so
 *   one patient has one code throughout the file, and another export's codes do not link to it;
 * - age_band: the age when the score was taken, in five-year bands, 90 and over together
 *   (HIPAA Safe Harbor: ages over 89 are one group);
 * - observed_date: the clinic-local date, moved by a per-patient number of days (derived from
 *   the same secret, 1 to 365 days back) unless the clinic keeps real dates. One patient's
 *   dates move together, so the time between their scores stays true.
 */
import { createHmac } from 'node:crypto';
import type { OutcomeScore } from '../rules/types';
// A formatter cached per zone: the rules' localDate builds one per call, most of a 100,000-row file's time.
import { localDateAt } from '../../../../src-shared/domain/zoned-time';
import { csvField, type CsvSessionRef } from './csv';

export type DateHandling = 'shift' | 'keep';

export const DEIDENTIFIED_COLUMNS = [
  { name: 'patient_code', description: 'A code for the patient, the same on every row of this export and unrelated to any other export.' },
  { name: 'age_band', description: 'Age when the score was taken, in five-year bands (e.g. 45-49); 90 and over as "90+".' },
  { name: 'instrument', description: 'nrs | vas | peg | bpi_interference | pgic.' },
  { name: 'value', description: 'Score value, as in the identified export.' },
  { name: 'items', description: 'Item answers separated by ";" for multi-item instruments, else empty.' },
  { name: 'time_point', description: 'baseline | pre_session | post_session | follow_up.' },
  { name: 'session_seq', description: 'Session number in the series (1..n), empty if none.' },
  { name: 'follow_up', description: 'Follow-up label (e.g. "1 month"), empty if none.' },
  { name: 'observed_date', description: 'Clinic-local date the score was taken; moved back by a per-patient number of days unless real dates were chosen.' },
  { name: 'date_shifted', description: 'yes when observed_date is moved, no when it is the real date.' },
  { name: 'source', description: 'staff | patient_questionnaire.' },
] as const;

export interface DeidPatient {
  id: string;
  dateOfBirth: string;
}

export class Deidentifier {
  // One patient has many rows: each patient's code and shift are worked out once.
  private readonly codes = new Map<string, string>();
  private readonly shifts = new Map<string, number>();

  constructor(
    private readonly secret: Buffer,
    readonly dates: DateHandling,
  ) {}

  private digest(kind: string, patientId: string): Buffer {
    return createHmac('sha256', this.secret).update(`${kind}:${patientId}`).digest();
  }

  /** "P-7F3A9C21B04E": 48 bits, so a clinic's patients do not collide by chance. */
  code(patientId: string): string {
    let c = this.codes.get(patientId);
    if (c === undefined) this.codes.set(patientId, (c = `P-${this.digest('code', patientId).subarray(0, 6).toString('hex').toUpperCase()}`));
    return c;
  }

  /** Days this patient's dates move back: 1 to 365, or 0 when real dates are kept. */
  shiftDays(patientId: string): number {
    if (this.dates === 'keep') return 0;
    let d = this.shifts.get(patientId);
    if (d === undefined) this.shifts.set(patientId, (d = (this.digest('shift', patientId).readUInt32BE(0) % 365) + 1));
    return d;
  }
}

/** Whole years from a YYYY-MM-DD birth date to a YYYY-MM-DD day. */
export function ageOnDate(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function ageBand(age: number): string {
  if (age >= 90) return '90+';
  if (age < 0) return '';
  const lo = Math.floor(age / 5) * 5;
  return `${lo}-${lo + 4}`;
}

function shiftDate(day: string, days: number): string {
  if (!days) return day;
  const t = Date.parse(`${day}T00:00:00Z`) - days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function deidentifiedHeader(): string {
  return DEIDENTIFIED_COLUMNS.map((c) => c.name).join(',') + '\r\n';
}

/** Rows for some of the export's scores (already the current ones, in the order to write), CRLF-ended. */
export function deidentifiedRows(
  d: Deidentifier,
  patients: ReadonlyMap<string, DeidPatient>,
  sessions: readonly CsvSessionRef[],
  scores: readonly OutcomeScore[],
  timeZone: string,
  followUpLabel: (key: string) => string,
): string {
  const seq = new Map(sessions.map((s) => [s.id, s.seq]));
  let out = '';
  for (const s of scores) {
    const p = patients.get(s.patientId);
    const day = localDateAt(timeZone, s.observedAt);
    const row: Record<(typeof DEIDENTIFIED_COLUMNS)[number]['name'], string | number> = {
      patient_code: d.code(s.patientId),
      age_band: p ? ageBand(ageOnDate(p.dateOfBirth, day)) : '',
      instrument: s.instrument,
      value: s.value,
      items: s.items?.join(';') ?? '',
      time_point: s.timePoint,
      session_seq: s.sessionId ? (seq.get(s.sessionId) ?? '') : '',
      follow_up: s.followUp ? followUpLabel(s.followUp) : '',
      observed_date: shiftDate(day, d.shiftDays(s.patientId)),
      date_shifted: d.dates === 'shift' ? 'yes' : 'no',
      source: s.source ?? '',
    };
    out += DEIDENTIFIED_COLUMNS.map((c) => csvField(row[c.name])).join(',') + '\r\n';
  }
  return out;
}
