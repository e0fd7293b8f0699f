/** Quality-registry CSV (RFC 4180). Pure: rows in, text out. Columns documented below. */
import type { OutcomeScore } from '../rules/types';
import { currentScores } from '../rules/current-scores';
// A formatter cached per zone: the rules' localDate builds one per call, most of a 100,000-row file's time.
import { localDateAt } from '../../../../src-shared/domain/zoned-time';

export interface CsvPatient {
  id: string;
  /** Registry pseudonym or MRN, as the clinic chooses. */
  externalId: string;
  name: string;
}
export interface CsvSessionRef {
  id: string;
  seq: number;
}

/** The column list: header order, with descriptions (also in resources/outcomes/csv-columns.md). */
export const CSV_COLUMNS = [
  { name: 'patient_id', description: 'Internal patient id (UUID).' },
  { name: 'patient_external_id', description: 'Registry id / MRN chosen by the clinic.' },
  { name: 'patient_name', description: 'Patient display name (may contain commas, quotes, newlines; RFC 4180 quoted).' },
  { name: 'score_id', description: 'Score row id (UUID).' },
  { name: 'instrument', description: 'nrs | vas | peg | bpi_interference | pgic.' },
  { name: 'value', description: 'Score value (NRS 0-10 integer, VAS 0-100 mm, PEG/BPI 0-10 mean, PGIC 1-7 from very much improved to very much worse).' },
  { name: 'items', description: 'Item answers separated by ";" for multi-item instruments, else empty.' },
  { name: 'time_point', description: 'baseline | pre_session | post_session | follow_up.' },
  { name: 'session_seq', description: 'Session number in the series (1..n), empty if none.' },
  { name: 'follow_up', description: 'Follow-up label (e.g. "1 month"), empty if none.' },
  { name: 'observed_at_utc', description: 'When the score was taken, ISO-8601 UTC.' },
  { name: 'observed_local_date', description: 'Clinic-local date of observed_at (YYYY-MM-DD).' },
  { name: 'source', description: 'staff | patient_questionnaire.' },
  { name: 'recorded_by', description: 'Who took the score, as recorded (name).' },
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number]['name'];

// One quoting rule for every CSV the app writes (src-shared/domain/csv.ts).
import { csvField } from '../../../../src-shared/domain/csv';
export { csvField };

/** Only current (not superseded) scores are exported, oldest first. Lines end in CRLF. */
export function scoresCsv(
  patients: readonly CsvPatient[],
  sessions: readonly CsvSessionRef[],
  scores: readonly OutcomeScore[],
  timeZone: string,
  /** Follow-up key (followup_1m) → its label ("1 month"); keys are printed as they are without it. */
  followUpLabel: (key: string) => string = (k) => k,
): string {
  const pById = new Map(patients.map((p) => [p.id, p]));
  const seq = new Map(sessions.map((s) => [s.id, s.seq]));
  const lines = [CSV_COLUMNS.map((c) => c.name).join(',')];
  for (const s of [...currentScores(scores)].reverse()) {
    const p = pById.get(s.patientId);
    const row: Record<CsvColumn, string | number | null> = {
      patient_id: s.patientId,
      patient_external_id: p?.externalId ?? '',
      patient_name: p?.name ?? '',
      score_id: s.id,
      instrument: s.instrument,
      value: s.value,
      items: s.items?.join(';') ?? '',
      time_point: s.timePoint,
      session_seq: s.sessionId ? (seq.get(s.sessionId) ?? '') : '',
      follow_up: s.followUp ? followUpLabel(s.followUp) : '',
      observed_at_utc: new Date(s.observedAt).toISOString(),
      observed_local_date: localDateAt(timeZone, s.observedAt),
      source: s.source ?? '',
      recorded_by: s.recordedBy ?? '',
    };
    lines.push(CSV_COLUMNS.map((c) => csvField(row[c.name])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
