/**
 * The series planner's inputs and outputs: plain data, no database, so the rules can be
 * table-tested on tiny hand-made clinics and benchmarked on large synthetic ones. The
 * service loads these from the store; the calendar's drag check uses the same placement
 * rule as the save.
 */
import type { OpeningHours } from '../../api/schemas/common';
import type { TimeFormat } from '../clock-display';

export interface SeriesTemplateSpec {
  sessionCount: number;
  windowDays: number;
  minGapDays: number;
  maxGapDays: number;
  prepMinutes: number;
  infusionMinutes: number;
  recoveryMinutes: number;
  /** anesthesiologist | crna | rn */
  supervisorRole: string;
}

export interface ShiftSpec {
  weekday: number;
  startTime: string;
  endTime: string;
  validFrom: string | null;
  validTo: string | null;
  maxConcurrent: number;
}

export interface StaffSpec {
  id: string;
  name: string;
  role: string;
  shifts: ShiftSpec[];
}

export interface SuiteSpec {
  id: string;
  name: string;
  /** null: the clinic's hours apply. */
  openingHours: OpeningHours | null;
}

/** A booked session as the planner sees it (other patients' and this patient's). */
export interface BookedSession {
  sessionId: string;
  patientId: string;
  suiteId: string;
  supervisorId: string | null;
  startsAt: number;
  infusionStartsAt: number;
  recoveryStartsAt: number;
  endsAt: number;
}

/**
 * One of a patient's other appointments (a consultation), as placement sees it: an infusion
 * may not overlap it, and none may start before the consultation that clears the patient.
 */
export interface PatientAppointment {
  patientId: string;
  startsAt: number;
  endsAt: number;
  /** Plain words for the kind: "initial consultation", "follow-up consultation". */
  what: string;
  /** The consultation that clears the patient for infusions (their latest live initial one). */
  clears: boolean;
}

export interface Closure {
  /** null: every suite. */
  suiteId: string | null;
  startsAt: number;
  endsAt: number;
  reason: string;
}

export interface AuthorizationLimit {
  /** Inclusive calendar dates (clinic zone). */
  startDate: string;
  endDate: string;
  /** Approved sessions not yet used by other booked sessions. */
  sessionsRemaining: number;
}

export interface PlannerPreferences {
  weekdays?: number[];
  timeOfDay?: 'morning' | 'afternoon';
  suiteId?: string;
}

export interface PlannerInput {
  timeZone: string;
  /** How the reasons word clock times (the clinic's choice). Absent: 24-hour "08:00-13:30". */
  timeFormat?: TimeFormat;
  patientId: string;
  template: SeriesTemplateSpec;
  /** Earliest instant the first session may start. */
  from: number;
  /** How many days after `from` the first session may start. */
  horizonDays: number;
  /** Start-time grid in minutes from local midnight (e.g. 15). */
  stepMinutes: number;
  clinicHours: OpeningHours;
  suites: SuiteSpec[];
  closures: Closure[];
  booked: BookedSession[];
  /**
   * Patients' consultations in the window (and each patient's clearing consultation if it
   * ends inside or after it). Absent: none (hand-made inputs in tests and benches).
   */
  appointments?: PatientAppointment[];
  staff: StaffSpec[];
  /** null: no limit (self-pay); otherwise every session must fall inside it. */
  authorization: AuthorizationLimit | null;
  preferences?: PlannerPreferences;
  /** Sessions being moved (rescheduling): ignored as obstacles. */
  ignoreSessionIds?: string[];
}

export interface PlannedSession {
  seq: number;
  suiteId: string;
  supervisorId: string;
  startsAt: number;
  infusionStartsAt: number;
  recoveryStartsAt: number;
  endsAt: number;
}

export type ProposalKind = 'earliest_finish' | 'preferred' | 'same_suite';

export interface Proposal {
  kind: ProposalKind;
  /** Plain words: "Earliest finish: Mon Dec 7 to Fri Dec 18". */
  label: string;
  sessions: PlannedSession[];
}

export interface PlannerResult {
  /** Best first; empty when nothing fits. */
  proposals: Proposal[];
  /** When nothing fits: why (plain sentences) and what would (another week, another suite...). */
  noFit: { reasons: string[]; suggestions: string[] } | null;
}

/** Why one session cannot go where it was put: "Suite 2 is booked 10:00-14:30". */
export interface PlacementCheck {
  ok: boolean;
  reasons: string[];
}
