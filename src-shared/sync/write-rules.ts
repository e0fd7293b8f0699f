/**
 * Who may write which synced table: the clinic server applies the same role table as the
 * desktop's dispatcher to every change it accepts, so a computer that was tampered with (or a
 * role changed while a laptop was offline) cannot push changes its user's role does not allow.
 *
 * Per table, the permissions any one of which allows a write (the API methods that write the
 * table need one of them). A test keeps every synced table listed here, so a new table is
 * classified the day it is added. Pure: no I/O, shared by the server and tests.
 */
import { roleAllows, type Permission, type RoleGrants, type UserRole } from '../api/permissions';

/** Tables the app itself also writes with no person behind the change (`userId` null). */
const SYSTEM_WRITTEN = new Set([
  // Reminders follow the schedule after each booking or move (reminders/sync.ts).
  'reminder_outbox',
  // Conflicts found after a merge, and each computer's own name.
  'sync_conflicts',
  'sync_devices',
  // A prior record matched to a patient automatically by the records pipeline.
  'documents',
  // The audit trail records sign-in failures before anyone is signed in.
  'audit_events',
]);

export const TABLE_WRITERS: Record<string, readonly Permission[] | 'anyone'> = {
  patients: ['patients.write'],
  coverages: ['patients.write'],
  // Two records of one person made one (patients.merge); the rows it moves are checked by their own tables.
  patient_merges: ['patients.merge'],
  diagnoses: ['patients.write'],
  budapest_evaluations: ['patients.write'],
  prior_treatments: ['patients.write'],
  current_medications: ['patients.write'],
  screenings: ['patients.write'],
  // The physician's sign-off of the intake (intake.signOff), append-only.
  intake_signoffs: ['intake.signoff'],
  documents: ['patients.write', 'outcomes.record', 'outcomes.review'],
  scores: ['outcomes.record'],
  outcome_dispositions: ['outcomes.review'],
  appointments: ['schedule.write'],
  provider_availability: ['schedule.write'],
  availability_exceptions: ['schedule.write'],
  infusion_series: ['schedule.write'],
  infusion_sessions: ['schedule.write', 'sessions.dayof'],
  session_history: ['schedule.write', 'sessions.dayof'],
  authorizations: ['schedule.write'],
  // The request workflow: status history (append-only), the package and letters.
  authorization_events: ['schedule.write'],
  authorization_letters: ['schedule.write'],
  payer_rule_sets: ['settings.write'],
  // The clinic's own wording of the letter templates (Settings → Letter templates).
  letter_templates: ['settings.write'],
  series_templates: ['schedule.write'],
  staff_shifts: ['schedule.write'],
  suite_closures: ['schedule.write'],
  reminder_outbox: ['schedule.write', 'sessions.dayof', 'patients.write'],
  clinic_settings: ['settings.write', 'users.manage'],
  suites: ['settings.write'],
  staff: ['settings.write'],
  payers: ['settings.write'],
  reminder_settings: ['settings.write'],
  reminder_templates: ['settings.write'],
  users: ['users.manage'],
  user_credentials: ['users.manage'],
  role_permissions: ['users.manage'],
  sync_conflicts: 'anyone',
  sync_devices: 'anyone',
  audit_events: 'anyone',
};

export interface ChangeAuthor {
  id: string;
  role: UserRole;
  disabled: boolean;
}

export interface ChangeToCheck {
  table: string;
  row: string;
  field: string;
  user: string | null;
  /** Milliseconds of the change's HLC: 0 for the defaults every computer writes at first start. */
  millis: number;
}

/**
 * Why the change is refused, in plain words, or null when it is allowed. `author` is the
 * change's user as the server knows them (null: unknown to the server).
 */
export function refusalOf(change: ChangeToCheck, author: ChangeAuthor | null, grants: RoleGrants): string | null {
  // The defaults each computer writes at first start (clinic settings, templates, the
  // placeholder administrator) are stamped at the start of time and lose to any real edit.
  if (change.millis === 0) return null;
  if (change.user === null) {
    return SYSTEM_WRITTEN.has(change.table) ? null : `a change to ${words(change.table)} with no signed-in person behind it`;
  }
  if (!author) return `a change to ${words(change.table)} by a user this clinic does not know`;
  if (author.disabled) return `a change to ${words(change.table)} by a switched-off account`;
  const writers = TABLE_WRITERS[change.table];
  if (writers === undefined) return `a change to an unknown table (${change.table})`;
  if (writers === 'anyone') return null;
  // Everyone sets their own password (auth.changePassword) and the placeholder administrator
  // becomes the first real one (auth.setup).
  if (change.table === 'user_credentials' && change.row === author.id) return null;
  if (writers.some((p) => roleAllows(author.role, p, grants))) return null;
  return `a change to ${words(change.table)} by someone whose role (${author.role.replace('_', ' ')}) does not allow it`;
}

function words(table: string): string {
  return table.replace(/_/g, ' ');
}
