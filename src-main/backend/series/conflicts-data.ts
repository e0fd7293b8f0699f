/**
 * Loading what the conflict rules (./conflicts.ts)
 * need for a time range: live sessions, supervisors' capacity, closures, and names for the
 * messages. Used by `sessions.conflicts` and by the checks sync runs after a merge.
 */
import type { Sqlite } from '../db/open';
import { describeSpan } from '../scheduling/messages';
import { readScheduleSettings } from '../scheduling/schedule-data';
import { closureConflicts, findConflicts, type ClosureSpan, type LiveSession, type SessionConflict } from './conflicts';

export function loadSessionConflicts(sqlite: Sqlite, from: number, to: number): SessionConflict[] {
  const { timeZone } = readScheduleSettings(sqlite);
  const live = sqlite
    .prepare(
      `SELECT id, patient_id AS patientId, suite_id AS suiteId, supervisor_id AS supervisorId, starts_at AS startsAt,
              infusion_starts_at AS infusionStartsAt, recovery_starts_at AS recoveryStartsAt, ends_at AS endsAt
       FROM infusion_sessions WHERE deleted_at IS NULL AND status NOT IN ('cancelled', 'no_show')
         AND starts_at < ? AND ends_at > ?`,
    )
    .all(to, from) as LiveSession[];
  const lookup = (sqlText: string) => {
    const st = sqlite.prepare(sqlText);
    return (id: string) => (st.get(id) as { n: string } | undefined)?.n ?? 'Unknown';
  };
  const capStmt = sqlite.prepare('SELECT max(max_concurrent) AS c FROM staff_shifts WHERE staff_id = ? AND deleted_at IS NULL');
  const names = {
    suite: lookup('SELECT name AS n FROM suites WHERE id = ?'),
    staff: lookup('SELECT name AS n FROM staff WHERE id = ?'),
    patient: lookup("SELECT first_name || ' ' || last_name AS n FROM patients WHERE id = ?"),
    span: (a: number, b: number) => describeSpan(timeZone, a, b),
  };
  const closures = sqlite
    .prepare('SELECT suite_id AS suiteId, starts_at AS startsAt, ends_at AS endsAt, reason FROM suite_closures WHERE deleted_at IS NULL AND starts_at < ? AND ends_at > ?')
    .all(to, from) as ClosureSpan[];
  return [...findConflicts(live, (id) => (capStmt.get(id) as { c: number | null }).c ?? 1, names), ...closureConflicts(live, closures, names)].sort(
    (a, b) => a.startsAt - b.startsAt,
  );
}
