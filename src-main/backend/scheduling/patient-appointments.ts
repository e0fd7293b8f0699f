/**
 * Patients' consultations as infusion placement sees them (PlannerInput.appointments): the
 * live ones (booked or completed) that meet a span of time, and each patient's clearing
 * consultation — their latest live initial consultation — when it ends after the span starts
 * (one that ended earlier cannot be after any session in the span, so it changes nothing).
 */
import type { PatientAppointment } from '../../../src-shared/domain/series/planner-types';
import type { Sqlite } from '../db/open';
import { preparedSql } from '../db/prepared';

const WORDS: Record<string, string> = {
  initial_consultation: 'initial consultation',
  follow_up_consultation: 'follow-up consultation',
};

interface Row {
  patientId: string;
  kind: string;
  startsAt: number;
  endsAt: number;
}

/** Consultations over [from, to) (of one patient, or of everyone), with each patient's clearing one. */
export function loadPatientAppointments(sqlite: Sqlite, from: number, to: number, patientId?: string): PatientAppointment[] {
  const byPatient = patientId === undefined ? '' : 'AND patient_id = ?';
  const args = patientId === undefined ? [] : [patientId];
  const inSpan = preparedSql(
    sqlite,
    `SELECT patient_id AS patientId, kind, starts_at AS startsAt, ends_at AS endsAt FROM appointments
     WHERE deleted_at IS NULL AND status IN ('booked', 'completed') AND starts_at < ? AND ends_at > ? ${byPatient}
     ORDER BY starts_at, id`,
  ).all(to, from, ...args) as Row[];
  // The latest live initial consultation of each patient, when it ends after `from`.
  const clearing = preparedSql(
    sqlite,
    `SELECT a.patient_id AS patientId, a.kind, a.starts_at AS startsAt, a.ends_at AS endsAt FROM appointments a
     WHERE a.deleted_at IS NULL AND a.status IN ('booked', 'completed') AND a.kind = 'initial_consultation' AND a.ends_at > ? ${byPatient.replace('patient_id', 'a.patient_id')}
       AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.patient_id = a.patient_id AND b.deleted_at IS NULL AND b.status IN ('booked', 'completed')
                         AND b.kind = 'initial_consultation' AND (b.ends_at > a.ends_at OR (b.ends_at = a.ends_at AND b.id > a.id)))`,
  ).all(from, ...args) as Row[];
  const key = (r: Row) => `${r.patientId}|${r.startsAt}|${r.endsAt}|${r.kind}`;
  const clears = new Set(clearing.map(key));
  const out = inSpan.map((r) => ({ patientId: r.patientId, startsAt: r.startsAt, endsAt: r.endsAt, what: WORDS[r.kind] ?? 'consultation', clears: clears.has(key(r)) }));
  const seen = new Set(inSpan.map(key));
  for (const r of clearing) {
    if (!seen.has(key(r))) out.push({ patientId: r.patientId, startsAt: r.startsAt, endsAt: r.endsAt, what: WORDS[r.kind] ?? 'consultation', clears: true });
  }
  return out;
}
