/**
 * Reading what the outcomes rules need from the store: scores, series with their sessions,
 * dispositions and patient names. Raw prepared statements: the clinic-wide lists (due,
 * review, dashboard) read tens of thousands of rows and run on every visit to those screens.
 */
import type { Db, Sqlite } from '../db/open';
import { preparedSql } from '../db/prepared';
import type { OutcomeScore, OutcomeSession } from './rules/types';

export interface ScoreRecord extends OutcomeScore {
  items: number[] | null;
  seriesId: string | null;
  recordedBy: string;
  source: string;
}

export interface SeriesRecord {
  id: string;
  patientId: string;
  templateId: string | null;
  /** Template name when booked (snapshot), else the template's current name. */
  templateName: string | null;
  authorizationId: string | null;
  selfPay: boolean;
  status: string;
  createdAt: number;
  sessions: OutcomeSession[];
}

export interface PatientRecord {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  mrn: string;
}

export interface DispositionRecord {
  id: string;
  patientId: string;
  seriesId: string | null;
  flagKey: string;
  disposition: string;
  note: string | null;
  decidedBy: string;
  decidedAt: number;
  reason: string;
  percentReduction: number | null;
  createdAt: number;
}

/**
 * The better-sqlite3 connection under a drizzle handle (drizzle keeps it as `$client`), for
 * reads that take a context with only `db` and run raw prepared statements on it.
 */
export const connectionOf = (db: Db): Sqlite => (db as Db & { $client: Sqlite }).$client;

export const displayName = (p: Pick<PatientRecord, 'firstName' | 'lastName'>) => `${p.lastName}, ${p.firstName}`;

const SCORE_COLUMNS = `id, patient_id AS patientId, instrument, value, items, time_point AS timePoint, session_id AS sessionId,
  series_id AS seriesId, follow_up AS followUp, observed_at AS observedAt, recorded_by AS recordedBy, source,
  supersedes_id AS supersedesId, created_at AS createdAt`;

type RawScore = Omit<ScoreRecord, 'items'> & { items: string | null };
const toScore = (r: RawScore): ScoreRecord => ({ ...r, items: r.items ? (JSON.parse(r.items) as number[]) : null });

/** Every live score row of a patient (superseded ones included), oldest first. */
export function scoresOfPatient(sqlite: Sqlite, patientId: string): ScoreRecord[] {
  return (
    preparedSql(sqlite, `SELECT ${SCORE_COLUMNS} FROM scores WHERE patient_id = ? AND deleted_at IS NULL ORDER BY observed_at, created_at`).all(
      patientId,
    ) as RawScore[]
  ).map(toScore);
}

export function scoreById(sqlite: Sqlite, id: string): ScoreRecord | undefined {
  const r = preparedSql(sqlite, `SELECT ${SCORE_COLUMNS} FROM scores WHERE id = ? AND deleted_at IS NULL`).get(id) as RawScore | undefined;
  return r && toScore(r);
}

const SERIES_COLUMNS = `s.id, s.patient_id AS patientId, s.template_id AS templateId,
  coalesce(json_extract(s.template_snapshot, '$.name'), t.name) AS templateName,
  s.authorization_id AS authorizationId, s.self_pay AS selfPay, s.status, s.created_at AS createdAt`;
const SESSION_COLUMNS = `x.id, x.series_id AS seriesId, x.patient_id AS patientId, x.seq, x.starts_at AS startsAt, x.ends_at AS endsAt,
  x.status, x.status_times AS statusTimes`;

type RawSeries = Omit<SeriesRecord, 'sessions' | 'selfPay'> & { selfPay: number };
type RawSession = Omit<OutcomeSession, 'statusTimes'> & { seriesId: string; statusTimes: string };

function assemble(series: RawSeries[], sessions: RawSession[]): SeriesRecord[] {
  const byId = new Map<string, SeriesRecord>();
  for (const s of series) byId.set(s.id, { ...s, selfPay: !!s.selfPay, sessions: [] });
  for (const x of sessions) {
    byId.get(x.seriesId)?.sessions.push({
      id: x.id,
      patientId: x.patientId,
      seq: x.seq,
      startsAt: x.startsAt,
      endsAt: x.endsAt,
      status: x.status,
      statusTimes: JSON.parse(x.statusTimes) as Record<string, number>,
    });
  }
  for (const s of byId.values()) s.sessions.sort((a, b) => a.seq - b.seq);
  return [...byId.values()];
}

/** A patient's series (oldest first), each with its live sessions in order. */
export function seriesOfPatient(sqlite: Sqlite, patientId: string): SeriesRecord[] {
  const series = preparedSql(
    sqlite,
    `SELECT ${SERIES_COLUMNS} FROM infusion_series s LEFT JOIN series_templates t ON t.id = s.template_id
     WHERE s.patient_id = ? AND s.deleted_at IS NULL ORDER BY s.created_at`,
  ).all(patientId) as RawSeries[];
  const sessions = preparedSql(
    sqlite,
    `SELECT ${SESSION_COLUMNS} FROM infusion_sessions x WHERE x.patient_id = ? AND x.deleted_at IS NULL`,
  ).all(patientId) as RawSession[];
  return assemble(series, sessions).sort((a, b) => (a.sessions[0]?.startsAt ?? a.createdAt) - (b.sessions[0]?.startsAt ?? b.createdAt));
}

export function sessionById(sqlite: Sqlite, id: string): (OutcomeSession & { seriesId: string }) | undefined {
  const r = preparedSql(sqlite, `SELECT ${SESSION_COLUMNS} FROM infusion_sessions x WHERE x.id = ? AND x.deleted_at IS NULL`).get(id) as
    | RawSession
    | undefined;
  return r && { ...r, statusTimes: JSON.parse(r.statusTimes) as Record<string, number> };
}

/**
 * Series with at least one live session starting in [from, to), with all their sessions.
 * The clinic-wide lists ask for the window that can still owe or flag something.
 */
export function seriesWithSessionsBetween(sqlite: Sqlite, from: number, to: number): SeriesRecord[] {
  // The series are found once (one range read on the sessions' time index), then read by id.
  const ids = JSON.stringify(
    preparedSql(sqlite, `SELECT DISTINCT series_id FROM infusion_sessions WHERE deleted_at IS NULL AND starts_at >= ? AND starts_at < ?`)
      .pluck()
      .all(from, to),
  );
  const series = preparedSql(
    sqlite,
    `SELECT ${SERIES_COLUMNS} FROM infusion_series s LEFT JOIN series_templates t ON t.id = s.template_id
     WHERE s.deleted_at IS NULL AND s.id IN (SELECT value FROM json_each(?))`,
  ).all(ids) as RawSeries[];
  const sessions = preparedSql(
    sqlite,
    `SELECT ${SESSION_COLUMNS} FROM infusion_sessions x WHERE x.deleted_at IS NULL AND x.series_id IN (SELECT value FROM json_each(?))`,
  ).all(ids) as RawSession[];
  return assemble(series, sessions);
}

/**
 * Every live score row (superseded ones included) of these patients, grouped by patient;
 * only one instrument's when `instrument` is given (the review rule needs only its own).
 */
export function scoresForPatients(sqlite: Sqlite, patientIds: readonly string[], instrument?: string): Map<string, ScoreRecord[]> {
  const out = new Map<string, ScoreRecord[]>();
  if (!patientIds.length) return out;
  // json_each keeps it one prepared statement whatever the number of patients.
  const rows = (
    instrument
      ? preparedSql(
          sqlite,
          `SELECT ${SCORE_COLUMNS} FROM scores WHERE deleted_at IS NULL AND instrument = ? AND patient_id IN (SELECT value FROM json_each(?))`,
        ).all(instrument, JSON.stringify(patientIds))
      : preparedSql(sqlite, `SELECT ${SCORE_COLUMNS} FROM scores WHERE deleted_at IS NULL AND patient_id IN (SELECT value FROM json_each(?))`).all(
          JSON.stringify(patientIds),
        )
  ) as RawScore[];
  for (const r of rows) {
    let list = out.get(r.patientId);
    if (!list) out.set(r.patientId, (list = []));
    list.push(toScore(r));
  }
  return out;
}

/** The score columns the clinic-wide rules read (no items, recorder or source: nothing to parse per row). */
export type RuleScore = OutcomeScore & { seriesId: string | null };
const RULE_SCORE_COLUMNS = `id, patient_id AS patientId, instrument, value, time_point AS timePoint, session_id AS sessionId,
  series_id AS seriesId, follow_up AS followUp, observed_at AS observedAt, supersedes_id AS supersedesId, created_at AS createdAt`;

/**
 * The live scores (superseded ones included) of these patients on these instruments only,
 * grouped by patient, in one prepared statement. A correction is always of the same scale as
 * the score it corrects (outcomes.recordScore refuses anything else), so leaving the other
 * scales out changes no rule that asks about these ones.
 */
export function ruleScoresForPatients(sqlite: Sqlite, patientIds: readonly string[], instruments: readonly string[]): Map<string, RuleScore[]> {
  const out = new Map<string, RuleScore[]>();
  if (!patientIds.length || !instruments.length) return out;
  const rows = preparedSql(
    sqlite,
    `SELECT ${RULE_SCORE_COLUMNS} FROM scores
     WHERE deleted_at IS NULL AND patient_id IN (SELECT value FROM json_each(?)) AND instrument IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(patientIds), JSON.stringify(instruments)) as RuleScore[];
  for (const r of rows) {
    let list = out.get(r.patientId);
    if (!list) out.set(r.patientId, (list = []));
    list.push(r);
  }
  return out;
}

export function patientsByIds(sqlite: Sqlite, ids: readonly string[]): Map<string, PatientRecord> {
  const rows = ids.length
    ? (preparedSql(
        sqlite,
        `SELECT id, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, mrn FROM patients
         WHERE id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(ids)) as PatientRecord[])
    : [];
  return new Map(rows.map((p) => [p.id, p]));
}

export function livePatient(sqlite: Sqlite, id: string): PatientRecord | undefined {
  return preparedSql(
    sqlite,
    `SELECT id, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, mrn FROM patients WHERE id = ? AND deleted_at IS NULL`,
  ).get(id) as PatientRecord | undefined;
}

const DISPOSITION_COLUMNS = `id, patient_id AS patientId, series_id AS seriesId, flag_key AS flagKey, disposition, note, decided_by AS decidedBy,
  decided_at AS decidedAt, reason, percent_reduction AS percentReduction, created_at AS createdAt`;

export function dispositionsOfPatient(sqlite: Sqlite, patientId: string): DispositionRecord[] {
  return preparedSql(
    sqlite,
    `SELECT ${DISPOSITION_COLUMNS} FROM outcome_dispositions WHERE patient_id = ? AND deleted_at IS NULL ORDER BY decided_at, created_at`,
  ).all(patientId) as DispositionRecord[];
}

/** The latest decision per flag key, for every flag ever decided. */
export function latestDispositionByFlag(sqlite: Sqlite): Map<string, DispositionRecord> {
  const rows = preparedSql(
    sqlite,
    `SELECT ${DISPOSITION_COLUMNS} FROM outcome_dispositions WHERE deleted_at IS NULL ORDER BY decided_at, created_at`,
  ).all() as DispositionRecord[];
  return new Map(rows.map((r) => [r.flagKey, r]));
}
