/**
 * What each role may do. Every API method names one permission (or is open before sign-in,
 * or to anyone signed in); the dispatcher checks it against the signed-in user's role, and
 * the clinic server checks the same table on every change it accepts.
 *
 * The table below is the default. An administrator can change what the other roles may do
 * (Settings → Users and roles); the administrator role itself always keeps everything, so a
 * clinic can never lock itself out.
 */
export const PERMISSIONS = [
  'clinic.read',
  'settings.write',
  'patients.read',
  'patients.write',
  /** Merge two records of one person into one (moves everything; administrators by default). */
  'patients.merge',
  'schedule.read',
  'schedule.write',
  /** The day of infusion: arrival, status steps (IV placed, infusing, recovery, discharged), checklist. */
  'sessions.dayof',
  /** Record pain scores (nurses take them before and after each infusion). */
  'outcomes.record',
  /** Decide on a patient flagged for clinical review (continue, change protocol, stop). */
  'outcomes.review',
  /** Sign off an intake as the physician (screening answers that need review, interactions). */
  'intake.signoff',
  /** The suite board: today's suites and sessions as a wall display shows them. */
  'board.read',
  /** Create users, set roles and what each role may do, reset passwords. */
  'users.manage',
  /** Read and export the audit trail (who read or changed what). */
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What a method needs beyond a permission: open before sign-in, or any signed-in person. */
export type Access = Permission | 'public' | 'signedIn';

export const USER_ROLES = ['admin', 'front_desk', 'assistant', 'nurse', 'physician', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Roles in words, as Settings → Users and roles shows them. */
export const ROLE_WORDS: Record<UserRole, { name: string; who: string }> = {
  admin: { name: 'Administrator', who: 'Runs the clinic’s set-up: users, roles, suites, payers, the clinic server.' },
  front_desk: { name: 'Front desk', who: 'Intake, scheduling, reminders and scores at the clinic.' },
  assistant: { name: 'Remote assistant', who: 'The same desk work from a laptop elsewhere.' },
  nurse: { name: 'Nurse', who: 'The day of infusion: arrivals, status, scores.' },
  physician: { name: 'Physician', who: 'Signs off intakes and decides on patients flagged for review.' },
  viewer: { name: 'Wall board', who: 'A display that shows the suite board and nothing else.' },
};

/** Permissions in words: what a person with it can do. */
export const PERMISSION_WORDS: Record<Permission, string> = {
  'clinic.read': 'See the clinic’s set-up (suites, staff, payers, hours)',
  'settings.write': 'Change the clinic’s settings, suites, staff, payers and reminders',
  'patients.read': 'Open patients’ charts, intake, records and documents',
  'patients.write': 'Register patients and edit their intake, coverage and records',
  'patients.merge': 'Merge two records of one patient into one',
  'schedule.read': 'See the schedule, series and authorizations',
  'schedule.write': 'Book, move and cancel consultations, series and sessions',
  'sessions.dayof': 'Record the day of infusion: arrival, IV, infusing, recovery, discharge, checklist',
  'outcomes.record': 'Record pain scores',
  'outcomes.review': 'Decide on patients flagged for clinical review',
  'intake.signoff': 'Sign off an intake as the physician',
  'board.read': 'See the suite board',
  'users.manage': 'Create users, change roles and reset passwords',
  'audit.read': 'Read and export the audit trail',
};

export const DEFAULT_ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  front_desk: ['clinic.read', 'patients.read', 'patients.write', 'schedule.read', 'schedule.write', 'sessions.dayof', 'outcomes.record', 'board.read'],
  assistant: ['clinic.read', 'patients.read', 'patients.write', 'schedule.read', 'schedule.write', 'sessions.dayof', 'outcomes.record', 'board.read'],
  nurse: ['clinic.read', 'patients.read', 'schedule.read', 'sessions.dayof', 'outcomes.record', 'board.read'],
  physician: ['clinic.read', 'patients.read', 'schedule.read', 'outcomes.record', 'outcomes.review', 'intake.signoff', 'board.read'],
  viewer: ['board.read'],
};

/** Kept for code that only needs the defaults. */
export const ROLE_PERMISSIONS = DEFAULT_ROLE_PERMISSIONS;

/** What each role may do in a clinic: the defaults with the administrator's changes applied. */
export type RoleGrants = Record<UserRole, readonly Permission[]>;

export function roleAllows(role: UserRole, permission: Permission, grants: RoleGrants = DEFAULT_ROLE_PERMISSIONS): boolean {
  if (role === 'admin') return true;
  return grants[role].includes(permission);
}
