/**
 * The placement rule and the series planner as they were before they were made fast
 * (commit 2d3a1f8): every check compares the session with every booked session, every local
 * date and time is asked of Intl, every candidate of every day is checked. Kept here, in the
 * tests only, as the reference the fast rule and planner must agree with exactly.
 */
import { addDays, localDateAt, localTimeAt, minutesOfDay, weekdayOf, zonedToInstant } from '../../../src-shared/domain/zoned-time';
import { overlaps, plannedSession } from '../../../src-shared/domain/series/occupancy';
import { AUTHORIZATION_DATES_SUGGESTION, authorizationDatesProblem, nothingTriedReason } from '../../../src-main/backend/series/rules/planner';
import type {
  BookedSession,
  PlacementCheck,
  PlannedSession,
  PlannerInput,
  PlannerResult,
  Proposal,
  ProposalKind,
  ShiftSpec,
  StaffSpec,
} from '../../../src-shared/domain/series/planner-types';

const ROLE_RANK: Record<string, number> = { rn: 1, crna: 2, anesthesiologist: 3 };

/** A role satisfies a requirement when it is at or above it: anesthesiologist > crna > rn. */
function roleSatisfies(role: string, required: string): boolean {
  return (ROLE_RANK[role] ?? 0) >= (ROLE_RANK[required] ?? Number.POSITIVE_INFINITY);
}

function mmdd(date: string): string {
  return `${date.slice(5, 7)}/${date.slice(8, 10)}`;
}

function hhmm(zone: string, t0: number, t1: number): string {
  return `${localTimeAt(zone, t0)}-${localTimeAt(zone, t1)}`;
}

function shiftCovers(zone: string, shift: ShiftSpec, date: string, t0: number, t1: number): boolean {
  if (shift.weekday !== weekdayOf(date)) return false;
  if (shift.validFrom && date < shift.validFrom) return false;
  if (shift.validTo && date > shift.validTo) return false;
  return zonedToInstant(zone, date, shift.startTime) <= t0 && t1 <= zonedToInstant(zone, date, shift.endTime);
}

function coveringShift(zone: string, staff: StaffSpec, date: string, t0: number, t1: number): ShiftSpec | null {
  return staff.shifts.find((s) => shiftCovers(zone, s, date, t0, t1)) ?? null;
}

export function referenceCheckPlacement(
  input: PlannerInput,
  session: PlannedSession & { patientId?: string },
  others: PlannedSession[] = [],
): PlacementCheck {
  const zone = input.timeZone;
  const reasons: string[] = [];
  const patientId = session.patientId ?? input.patientId;
  const ignore = new Set(input.ignoreSessionIds ?? []);
  const date = localDateAt(zone, session.startsAt);
  const suite = input.suites.find((s) => s.id === session.suiteId);
  if (!suite) return { ok: false, reasons: [`Suite ${session.suiteId} does not exist or is not active`] };

  // Opening hours: the whole occupancy inside one opening interval on the local day.
  const hours = (suite.openingHours ?? input.clinicHours).filter((h) => h.day === weekdayOf(date));
  const inside = hours.some(
    (h) => zonedToInstant(zone, date, h.open) <= session.startsAt && session.endsAt <= zonedToInstant(zone, date, h.close),
  );
  if (!inside) {
    reasons.push(
      hours.length === 0
        ? `${suite.name} is not open on ${mmdd(date)}`
        : `${suite.name} is open ${hours.map((h) => `${h.open}-${h.close}`).join(', ')} on ${mmdd(date)}; the session runs ${hhmm(zone, session.startsAt, session.endsAt)}`,
    );
  }
  for (const c of input.closures) {
    if ((c.suiteId === null || c.suiteId === suite.id) && overlaps(session.startsAt, session.endsAt, c.startsAt, c.endsAt)) {
      reasons.push(`${c.suiteId === null ? 'The clinic' : suite.name} is closed ${mmdd(localDateAt(zone, c.startsAt))} for ${c.reason}`);
    }
  }
  const all: (BookedSession | (PlannedSession & { patientId: string; sessionId?: string }))[] = [
    ...input.booked.filter((b) => !ignore.has(b.sessionId)),
    ...others.filter((o) => o !== session).map((o) => ({ ...o, patientId: input.patientId })),
  ];
  for (const b of all) {
    if (b.suiteId === suite.id && overlaps(session.startsAt, session.endsAt, b.startsAt, b.endsAt)) {
      reasons.push(`${suite.name} is booked ${hhmm(zone, b.startsAt, b.endsAt)}`);
    }
  }
  for (const b of all) {
    if (b.patientId !== patientId) continue;
    if (overlaps(session.startsAt, session.endsAt, b.startsAt, b.endsAt)) {
      reasons.push(`The patient is already booked ${hhmm(zone, b.startsAt, b.endsAt)} on ${mmdd(localDateAt(zone, b.startsAt))}`);
    } else if (localDateAt(zone, b.startsAt) === date) {
      reasons.push(`The patient already has a session on ${mmdd(date)}`);
    }
  }

  // Supervision.
  const staff = input.staff.find((s) => s.id === session.supervisorId);
  if (!staff) {
    reasons.push(`Supervisor ${session.supervisorId} is not on staff`);
  } else {
    if (!roleSatisfies(staff.role, input.template.supervisorRole)) {
      reasons.push(`${staff.name} (${staff.role}) cannot supervise a session that needs ${input.template.supervisorRole}`);
    }
    const shift = coveringShift(zone, staff, date, session.startsAt, session.recoveryStartsAt);
    if (!shift) {
      reasons.push(`${staff.name} has no shift covering ${hhmm(zone, session.startsAt, session.recoveryStartsAt)} on ${mmdd(date)}`);
    } else {
      const same = all.filter((b) => b.supervisorId === staff.id);
      // Concurrent infusing patients: the count only rises at an infusion start.
      const starts = [session.infusionStartsAt, ...same.map((b) => b.infusionStartsAt)].filter(
        (t) => t >= session.infusionStartsAt && t < session.recoveryStartsAt,
      );
      const peak = Math.max(
        ...starts.map((t) => 1 + same.filter((b) => b.infusionStartsAt <= t && t < b.recoveryStartsAt).length),
      );
      if (peak > shift.maxConcurrent) {
        reasons.push(`${staff.name} would supervise ${peak} infusions at once (at most ${shift.maxConcurrent})`);
      }
      for (const b of same) {
        if (overlaps(session.startsAt, session.infusionStartsAt, b.startsAt, b.infusionStartsAt)) {
          reasons.push(`${staff.name} is starting another IV ${hhmm(zone, b.startsAt, b.infusionStartsAt)}`);
        }
      }
    }
  }

  const auth = input.authorization;
  if (auth && (date < auth.startDate || date > auth.endDate)) {
    reasons.push(`The authorization covers ${mmdd(auth.startDate)}-${mmdd(auth.endDate)}, not ${mmdd(date)}`);
  }
  return { ok: reasons.length === 0, reasons };
}

// ---------------------------------------------------------------------------------------
// The planner

/** Placement checks one search may make before it gives up and says so. */
const SEARCH_BUDGET = 200_000;

interface Filter {
  weekdays?: Set<number>;
  timeOfDay?: 'morning' | 'afternoon';
  suiteIds?: string[];
}

interface Search {
  input: PlannerInput;
  budget: number;
  checks: number;
  budgetHit: boolean;
  /** Why first sessions failed, counted, for the "nothing fits" answer. */
  reasons: Map<string, number>;
}

function dayStarts(input: PlannerInput, date: string, filter: Filter): number[] {
  const zone = input.timeZone;
  const weekday = weekdayOf(date);
  if (filter.weekdays && !filter.weekdays.has(weekday)) return [];
  const intervals = [input.clinicHours, ...input.suites.map((s) => s.openingHours ?? [])]
    .flat()
    .filter((h) => h.day === weekday);
  if (intervals.length === 0) return [];
  const open = Math.min(...intervals.map((h) => minutesOfDay(h.open)));
  const close = Math.max(...intervals.map((h) => minutesOfDay(h.close)));
  const t = input.template;
  const length = t.prepMinutes + t.infusionMinutes + t.recoveryMinutes;
  const starts: number[] = [];
  for (let m = open; m + length <= close; m += input.stepMinutes) {
    if (filter.timeOfDay === 'morning' && m >= 12 * 60) break;
    if (filter.timeOfDay === 'afternoon' && m < 12 * 60) continue;
    const hh = String(Math.floor(m / 60)).padStart(2, '0');
    const mm = String(m % 60).padStart(2, '0');
    const at = zonedToInstant(zone, date, `${hh}:${mm}`);
    if (at >= input.from) starts.push(at);
  }
  return starts;
}

/** The earliest session that fits on `date`, or null. */
function placeOnDay(s: Search, date: string, seq: number, placed: PlannedSession[], filter: Filter): PlannedSession | null {
  const { input } = s;
  const suites = filter.suiteIds ? input.suites.filter((x) => filter.suiteIds!.includes(x.id)) : input.suites;
  const supervisors = input.staff.filter((st) => roleSatisfies(st.role, input.template.supervisorRole));
  for (const start of dayStarts(input, date, filter)) {
    for (const suite of suites) {
      for (const sup of supervisors) {
        if (s.checks >= s.budget) {
          s.budgetHit = true;
          return null;
        }
        s.checks++;
        const candidate = plannedSession(seq, suite.id, sup.id, start, input.template);
        const check = referenceCheckPlacement(input, candidate, placed);
        if (check.ok) return candidate;
        if (seq === 1) for (const r of check.reasons) s.reasons.set(r, (s.reasons.get(r) ?? 0) + 1);
      }
    }
  }
  return null;
}

function extend(s: Search, placed: PlannedSession[], firstDate: string, filter: Filter): PlannedSession[] | null {
  const t = s.input.template;
  if (placed.length === t.sessionCount) return placed;
  const prevDate = localDateAt(s.input.timeZone, placed[placed.length - 1]!.startsAt);
  const lastAllowed = addDays(firstDate, t.windowDays - 1);
  for (let gap = Math.max(1, t.minGapDays); gap <= t.maxGapDays; gap++) {
    const date = addDays(prevDate, gap);
    if (date > lastAllowed) break;
    if (s.input.authorization && date > s.input.authorization.endDate) break;
    const next = placeOnDay(s, date, placed.length + 1, placed, filter);
    if (next) {
      const done = extend(s, [...placed, next], firstDate, filter);
      if (done) return done;
    }
    if (s.budgetHit) return null;
  }
  return null;
}

function search(s: Search, filter: Filter): PlannedSession[] | null {
  const { input } = s;
  const firstDay = localDateAt(input.timeZone, input.from);
  for (let d = 0; d < input.horizonDays; d++) {
    const date = addDays(firstDay, d);
    if (input.authorization && (date < input.authorization.startDate || date > input.authorization.endDate)) continue;
    const first = placeOnDay(s, date, 1, [], filter);
    if (first) {
      const series = extend(s, [first], date, filter);
      if (series) return series;
    }
    if (s.budgetHit) return null;
  }
  return null;
}

const dayLabel = (zone: string, t: number) =>
  new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric' }).format(t);

function label(input: PlannerInput, kind: ProposalKind, sessions: PlannedSession[]): string {
  const title = { earliest_finish: 'Earliest finish', preferred: 'Your preferences', same_suite: 'All in one suite' }[kind];
  const names = [...new Set(sessions.map((x) => input.suites.find((s) => s.id === x.suiteId)?.name ?? x.suiteId))];
  const zone = input.timeZone;
  return `${title}: ${dayLabel(zone, sessions[0]!.startsAt)} - ${dayLabel(zone, sessions.at(-1)!.startsAt)}, ${names.join(' and ')}`;
}

export function referencePlanSeries(input: PlannerInput, options: { budget?: number } = {}): PlannerResult {
  return plan(input, true, options.budget ?? SEARCH_BUDGET);
}

function plan(input: PlannerInput, suggest: boolean, budget: number): PlannerResult {
  const t = input.template;
  const reasons: string[] = [];
  if (input.authorization && input.authorization.sessionsRemaining < t.sessionCount) {
    reasons.push(`The authorization has ${input.authorization.sessionsRemaining} sessions left; the series needs ${t.sessionCount}.`);
    return { proposals: [], noFit: { reasons, suggestions: ['Ask the payer for more sessions, or choose a shorter series template.'] } };
  }
  // The wording of a refusal is shared with the planner; the search is what this checks.
  const dates = authorizationDatesProblem(input);
  if (dates) return { proposals: [], noFit: { reasons: [dates], suggestions: [AUTHORIZATION_DATES_SUGGESTION] } };
  const s: Search = { input, budget, checks: 0, budgetHit: false, reasons: new Map() };
  const proposals: Proposal[] = [];
  const add = (kind: ProposalKind, sessions: PlannedSession[] | null) => {
    if (!sessions) return;
    const key = JSON.stringify(sessions);
    if (proposals.some((p) => JSON.stringify(p.sessions) === key)) return;
    proposals.push({ kind, label: label(input, kind, sessions), sessions });
  };

  add('earliest_finish', search(s, {}));
  const prefs = input.preferences;
  if (prefs && (prefs.weekdays?.length || prefs.timeOfDay || prefs.suiteId)) {
    add(
      'preferred',
      search(s, {
        ...(prefs.weekdays?.length ? { weekdays: new Set(prefs.weekdays) } : {}),
        ...(prefs.timeOfDay ? { timeOfDay: prefs.timeOfDay } : {}),
        ...(prefs.suiteId ? { suiteIds: [prefs.suiteId] } : {}),
      }),
    );
  }
  if (proposals.length > 0 && !proposals.some((p) => new Set(p.sessions.map((x) => x.suiteId)).size === 1)) {
    let best: PlannedSession[] | null = null;
    for (const suite of input.suites) {
      const found = search(s, { suiteIds: [suite.id] });
      if (found && (!best || found.at(-1)!.startsAt < best.at(-1)!.startsAt)) best = found;
    }
    add('same_suite', best);
  }
  if (proposals.length > 0) return { proposals, noFit: null };

  const top = [...s.reasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([r]) => `${r}.`);
  if (s.budgetHit) top.push('The search stopped at its limit before trying every time; try a later start date.');
  if (top.length === 0) top.push(nothingTriedReason(input));
  const suggestions: string[] = [];
  if (!suggest) return { proposals: [], noFit: { reasons: top, suggestions } };
  const later = plan({ ...input, from: input.from + 7 * 86_400_000, preferences: {} }, false, budget);
  if (later.proposals[0]) suggestions.push(`A series fits if it starts a week later: ${later.proposals[0].label.replace(/^[^:]+: /, '')}.`);
  else suggestions.push('Nothing fits a week later either: add staff shifts or suite hours, or widen the series window.');
  return { proposals: [], noFit: { reasons: top, suggestions } };
}
