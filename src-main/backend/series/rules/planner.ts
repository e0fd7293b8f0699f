/**
 * Proposing a whole infusion series that satisfies every constraint at once. The search
 * walks candidate days earliest first (depth first over the series, with the template's
 * gaps and window pruning the days) and, on each day, the start-time grid × suites ×
 * eligible supervisors, asking the one placement rule (placement.ts) whether a session
 * may go there. So a proposal can never break a rule the save or the calendar enforces.
 *
 * First version: correct, budgeted, not yet tuned. Next: index bookings per suite per
 * local day and precompute day windows so the 8-suite / 85%-occupancy case meets its
 * p95 < 100 ms aim (see the issue note).
 */
import { addDays, localDateAt, minutesOfDay, weekdayOf, zonedToInstant } from '../../scheduling/zoned-time';
import { plannedSession } from '../../../../src-shared/domain/series/occupancy';
import { checkPlacement, roleSatisfies } from '../../../../src-shared/domain/series/placement';
import type { PlannedSession, PlannerInput, PlannerResult, Proposal, ProposalKind } from '../../../../src-shared/domain/series/planner-types';

/** Placement checks one search may make before it gives up and says so. */
export const SEARCH_BUDGET = 200_000;

interface Filter {
  weekdays?: Set<number>;
  timeOfDay?: 'morning' | 'afternoon';
  suiteIds?: string[];
}

interface Search {
  input: PlannerInput;
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
        if (s.checks >= SEARCH_BUDGET) {
          s.budgetHit = true;
          return null;
        }
        s.checks++;
        const candidate = plannedSession(seq, suite.id, sup.id, start, input.template);
        const check = checkPlacement(input, candidate, placed);
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

export function planSeries(input: PlannerInput): PlannerResult {
  return plan(input, true);
}

function plan(input: PlannerInput, suggest: boolean): PlannerResult {
  const t = input.template;
  const reasons: string[] = [];
  if (input.authorization && input.authorization.sessionsRemaining < t.sessionCount) {
    reasons.push(`The authorization has ${input.authorization.sessionsRemaining} sessions left; the series needs ${t.sessionCount}.`);
    return { proposals: [], noFit: { reasons, suggestions: ['Ask the payer for more sessions, or choose a shorter series template.'] } };
  }
  const s: Search = { input, checks: 0, budgetHit: false, reasons: new Map() };
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
  if (top.length === 0) top.push(`No day in the next ${input.horizonDays} days has opening hours long enough for one session.`);
  const suggestions: string[] = [];
  if (!suggest) return { proposals: [], noFit: { reasons: top, suggestions } };
  const later = plan({ ...input, from: input.from + 7 * 86_400_000, preferences: {} }, false);
  if (later.proposals[0]) suggestions.push(`A series fits if it starts a week later: ${later.proposals[0].label.replace(/^[^:]+: /, '')}.`);
  else suggestions.push('Nothing fits a week later either: add staff shifts or suite hours, or widen the series window.');
  return { proposals: [], noFit: { reasons: top, suggestions } };
}
