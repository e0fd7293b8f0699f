/**
 * Proposing a whole infusion series that satisfies every constraint at once. The search
 * walks candidate days earliest first (depth first over the series, with the template's
 * gaps and window pruning the days) and, on each day, the start-time grid × suites ×
 * eligible supervisors in that order, taking the first candidate the placement rule
 * (placement.ts) accepts. So a proposal can never break a rule the save or the calendar
 * enforces; each proposal is checked again with checkPlacement, session by session against
 * the others, before it is offered.
 *
 * What makes it fast without changing a single answer:
 *  - the placement rule splits into a suite part, a patient part, a supervisor part and the
 *    authorization's dates, independent of each other; a day is scanned by testing each
 *    suite and each supervisor once per start time (the first accepted pair is the first
 *    accepted candidate of the full grid), with the rule's own parts, through its per-input
 *    index of bookings;
 *  - a day's scan does not depend on the series' earlier sessions unless one of them is on
 *    that day or overlaps its hours (they never are: sessions are whole days apart), so it
 *    is done once per day and filter and remembered across the depth-first search; what
 *    each suite and each supervisor allow on a day is shared by all the searches;
 *  - the rest of a series from a given day that could not be completed is remembered too,
 *    so the depth-first search never walks the same dead end twice;
 *  - the budget still counts every candidate of the full grid that the plain search would
 *    have tried, so with the same limit the search stops exactly where the plain one does,
 *    and "why nothing fits" counts the first sessions' reasons over the same candidates.
 * Tests compare every answer with the plain search (tests/unit/series/planner-reference.ts)
 * on random clinics.
 */
import { minutesOfDay as clockMinutes } from '../../scheduling/zoned-time';
import { plannedSession } from '../../../../src-shared/domain/series/occupancy';
import { localDays, type LocalDays } from '../../../../src-shared/domain/series/local-days';
import { mmdd } from '../../../../src-shared/domain/series/timeline';
import { addDays, localDateAt } from '../../../../src-shared/domain/zoned-time';
import {
  authorizationReasons,
  checkPlacement,
  patientFreeAt,
  patientReasons,
  preparePlacement,
  roleSatisfies,
  suiteFreeAt,
  suiteReasons,
  supervisorFreeAt,
  supervisorReasons,
  type PreparedPlacement,
} from '../../../../src-shared/domain/series/placement';
import type {
  PlannedSession,
  PlannerInput,
  PlannerResult,
  Proposal,
  ProposalKind,
  StaffSpec,
  SuiteSpec,
} from '../../../../src-shared/domain/series/planner-types';
import { keptDateTimeFormat } from '../../../../src-shared/domain/dates';

/**
 * Candidate placements one planning request may try before it gives up and says so,
 * counted as the plain search counts them (every start × suite × supervisor of every day it
 * looks at, again each time it comes back to a day). It was 200,000 when each try was a full
 * placement check; that stopped the search before the first week with room on a clinic
 * booked to 85 % (about 420,000 are needed on the seeded one). A try now mostly costs a
 * lookup of a remembered day, so the limit only stops a runaway template.
 */
export const SEARCH_BUDGET = 20_000_000;

const MINUTE_MS = 60_000;

interface Filter {
  /** Tells remembered day scans of different filters apart. */
  key: string;
  weekdays?: Set<number>;
  timeOfDay?: 'morning' | 'afternoon';
  suiteIds?: string[];
  /** The input's suites this filter allows, in order (worked out once). */
  suites?: SuiteSpec[];
}

/**
 * What the placement rule says about one day with none of the series' own sessions near it,
 * worked out as the search needs it and shared by every search of the request (earliest,
 * preferred, each suite): per start time of the day, whether the date and patient allow it,
 * whether each suite is free, and whether each supervisor can take it. These do not depend
 * on one another (placement.ts), so a candidate is accepted exactly when all three say yes.
 */
interface DayFacts {
  date: string;
  /** Every start of the day's grid (no time-of-day filter), and its minute of the day. */
  starts: number[];
  minutes: number[];
  /** The patient part and the authorization's dates, by start index; worked out on first use. */
  patientOk: boolean[] | null;
  /** The suite part by suite id, then start index; each suite's worked out on first use. */
  suiteOk: Map<string, boolean[]>;
  /** A session's length in the suite. */
  lengthMs: number;
  /** The supervisor part by place in Search.supervisors, then start index; each person's worked out on first use. */
  supervisorOk: (boolean[] | undefined)[];
  /** A session at each start (suite and supervisor left to the parts), made on first use. */
  probes: PlannedSession[] | null;
}

/** One day's candidates, in the order the search tries them: start, then suite, then supervisor. */
interface DayGrid {
  key: string;
  date: string;
  facts: DayFacts;
  /** Indexes into facts.starts, in order. */
  startIdx: number[];
  starts: number[];
  suites: SuiteSpec[];
  supervisors: StaffSpec[];
  total: number;
  /** The instants any candidate of the day can touch: first start to last end. */
  from: number;
  to: number;
}

interface DayScan {
  /** The first candidate the rule accepts: indexes into starts, suites, supervisors. */
  fit: [number, number, number] | null;
  /** Candidates a plain scan tries before it stops: up to and including the fit, or all. */
  tried: number;
}

interface Search {
  input: PlannerInput;
  days: LocalDays;
  budget: number;
  checks: number;
  budgetHit: boolean;
  /** Role-eligible supervisors, in the input's order. */
  supervisors: StaffSpec[];
  facts: Map<string, DayFacts>;
  grids: Map<string, DayGrid>;
  scans: Map<string, DayScan>;
  /** Ways on that found no series, by state, with the candidates they tried. */
  deadEnds: Map<string, number>;
  /** Every first-session scan and how many candidates it tried, for "why nothing fits". */
  firstTries: { grid: DayGrid; tried: number }[];
}

export interface PlanOptions {
  /** Candidate placements to try at most (default SEARCH_BUDGET). */
  budget?: number;
}

function dayFacts(s: Search, date: string): DayFacts {
  const known = s.facts.get(date);
  if (known) return known;
  const { input, days } = s;
  const weekday = days.weekday(date);
  const t = input.template;
  const length = t.prepMinutes + t.infusionMinutes + t.recoveryMinutes;
  const starts: number[] = [];
  const minutes: number[] = [];
  const intervals = [input.clinicHours, ...input.suites.map((x) => x.openingHours ?? [])].flat().filter((h) => h.day === weekday);
  if (intervals.length > 0) {
    const open = Math.min(...intervals.map((h) => minutesOfDay(h.open)));
    const close = Math.max(...intervals.map((h) => minutesOfDay(h.close)));
    for (let m = open; m + length <= close; m += input.stepMinutes) {
      const at = days.instant(date, m);
      if (at >= input.from) {
        starts.push(at);
        minutes.push(m);
      }
    }
  }
  const facts: DayFacts = { date, starts, minutes, patientOk: null, suiteOk: new Map(), lengthMs: length * MINUTE_MS, supervisorOk: [], probes: null };
  s.facts.set(date, facts);
  return facts;
}

function grid(s: Search, date: string, filter: Filter): DayGrid {
  const key = `${filter.key}|${date}`;
  const cached = s.grids.get(key);
  if (cached) return cached;
  const { input, days } = s;
  const facts = dayFacts(s, date);
  const suites = (filter.suites ??= filter.suiteIds ? input.suites.filter((x) => filter.suiteIds!.includes(x.id)) : input.suites);
  const startIdx: number[] = [];
  if (!filter.weekdays || filter.weekdays.has(days.weekday(date))) {
    for (let i = 0; i < facts.starts.length; i++) {
      const m = facts.minutes[i]!;
      if (filter.timeOfDay === 'morning' && m >= 12 * 60) break;
      if (filter.timeOfDay === 'afternoon' && m < 12 * 60) continue;
      startIdx.push(i);
    }
  }
  const starts = startIdx.map((i) => facts.starts[i]!);
  const t = input.template;
  const length = t.prepMinutes + t.infusionMinutes + t.recoveryMinutes;
  const g: DayGrid = {
    key,
    date,
    facts,
    startIdx,
    starts,
    suites,
    supervisors: s.supervisors,
    total: starts.length * suites.length * s.supervisors.length,
    from: starts[0] ?? 0,
    to: starts.length ? starts[starts.length - 1]! + length * MINUTE_MS : 0,
  };
  s.grids.set(key, g);
  return g;
}

const minutesCache = new Map<string, number>();
function minutesOfDay(time: string): number {
  let m = minutesCache.get(time);
  if (m === undefined) {
    m = clockMinutes(time);
    minutesCache.set(time, m);
  }
  return m;
}

/** The placement of one candidate with a given suite (the suite part reads only that). */
const withSuite = (p: PreparedPlacement, suite: SuiteSpec): PreparedPlacement => ({
  ...p,
  session: { ...p.session, suiteId: suite.id },
  suite: p.index.suites.get(suite.id),
});
const withSupervisor = (p: PreparedPlacement, sup: StaffSpec): PreparedPlacement => ({ ...p, session: { ...p.session, supervisorId: sup.id } });

function probesOf(s: Search, f: DayFacts): PlannedSession[] {
  return (f.probes ??= f.starts.map((t) => plannedSession(1, '', '', t, s.input.template)));
}

/** The first candidate of the day's grid the placement rule accepts, with the series so far. */
function scanDay(s: Search, g: DayGrid, seq: number, placed: PlannedSession[]): DayScan {
  const nearby = placed.some((x) => s.days.dateAt(x.startsAt) === g.date || (x.startsAt <= g.to && x.endsAt >= g.from));
  if (nearby) return scanNear(s, g, seq, placed);
  const known = s.scans.get(g.key);
  if (known) return known;
  const { input } = s;
  const f = g.facts;
  const nSuites = g.suites.length;
  const nSups = g.supervisors.length;
  let result: DayScan = { fit: null, tried: g.total };
  // Each suite's answers for the day, looked up (or worked out) once per scan.
  const frees: (boolean[] | undefined)[] = [];
  const freeIn = (j: number) => {
    const id = g.suites[j]!.id;
    let free = f.suiteOk.get(id);
    if (!free) f.suiteOk.set(id, (free = suiteFreeAt(input, id, f.date, f.starts, f.lengthMs)));
    return (frees[j] = free);
  };
  scan: for (let n = 0; n < g.startIdx.length; n++) {
    const i = g.startIdx[n]!;
    // The date and the patient are the same for every suite and supervisor at this start.
    f.patientOk ??= patientFreeAt(input, f.starts, f.lengthMs);
    if (!f.patientOk[i]) continue;
    for (let j = 0; j < nSuites; j++) {
      const suite = g.suites[j]!;
      if (!(frees[j] ?? freeIn(j))[i]) continue;
      for (let k = 0; k < nSups; k++) {
        const able = (f.supervisorOk[k] ??= supervisorFreeAt(input, g.supervisors[k]!.id, f.date, probesOf(s, f)));
        if (!able[i]) continue;
        // The parts together are the rule; asking the rule itself keeps that honest.
        if (!checkPlacement(input, plannedSession(seq, suite.id, g.supervisors[k]!.id, f.starts[i]!, input.template)).ok) continue;
        result = { fit: [n, j, k], tried: (n * nSuites + j) * nSups + k + 1 };
        break scan;
      }
    }
  }
  s.scans.set(g.key, result);
  return result;
}

/** The same scan when one of the series' sessions is on or next to the day (rare): nothing shared. */
function scanNear(s: Search, g: DayGrid, seq: number, placed: PlannedSession[]): DayScan {
  const { input } = s;
  const nSuites = g.suites.length;
  const nSups = g.supervisors.length;
  for (let n = 0; n < g.starts.length; n++) {
    const p = preparePlacement(input, plannedSession(seq, g.suites[0]!.id, g.supervisors[0]!.id, g.starts[n]!, input.template), placed);
    if (authorizationReasons(p, null) || patientReasons(p, null)) continue;
    const supervisorOk: (boolean | undefined)[] = [];
    for (let j = 0; j < nSuites; j++) {
      const ps = withSuite(p, g.suites[j]!);
      if (!ps.suite || suiteReasons(ps, null)) continue;
      for (let k = 0; k < nSups; k++) {
        supervisorOk[k] ??= !supervisorReasons(withSupervisor(p, g.supervisors[k]!), null);
        if (!supervisorOk[k]) continue;
        if (!checkPlacement(input, plannedSession(seq, g.suites[j]!.id, g.supervisors[k]!.id, g.starts[n]!, input.template), placed).ok) continue;
        return { fit: [n, j, k], tried: (n * nSuites + j) * nSups + k + 1 };
      }
    }
  }
  return { fit: null, tried: g.total };
}

/** The earliest session that fits on `date`, or null; counts the candidates against the budget. */
function placeOnDay(s: Search, date: string, seq: number, placed: PlannedSession[], filter: Filter): PlannedSession | null {
  const g = grid(s, date, filter);
  if (g.total === 0) return null;
  const { fit, tried } = scanDay(s, g, seq, placed);
  if (s.checks + tried > s.budget) {
    // The plain search would have stopped part-way through this day.
    if (seq === 1) s.firstTries.push({ grid: g, tried: s.budget - s.checks });
    s.checks = s.budget;
    s.budgetHit = true;
    return null;
  }
  s.checks += tried;
  if (seq === 1) s.firstTries.push({ grid: g, tried });
  return fit ? plannedSession(seq, g.suites[fit[1]]!.id, g.supervisors[fit[2]]!.id, g.starts[fit[0]]!, s.input.template) : null;
}

function extend(s: Search, placed: PlannedSession[], firstDate: string, filter: Filter): PlannedSession[] | null {
  const t = s.input.template;
  if (placed.length === t.sessionCount) return placed;
  const prevDate = s.days.dateAt(placed[placed.length - 1]!.startsAt);
  // When no session so far reaches into the next day, the rest of the search depends only
  // on the day, how many are placed and the first day; a way on that found nothing finds
  // nothing again, after trying just as many candidates (counted against the budget).
  const nextDay = s.days.instant(s.days.shift(prevDate, 1), 0);
  const key = placed.every((x) => x.endsAt < nextDay) ? `${filter.key}|${firstDate}|${prevDate}|${placed.length}` : null;
  const known = key === null ? undefined : s.deadEnds.get(key);
  if (known !== undefined) {
    if (s.checks + known > s.budget) {
      s.checks = s.budget;
      s.budgetHit = true;
    } else s.checks += known;
    return null;
  }
  const before = s.checks;
  const lastAllowed = s.days.shift(firstDate, t.windowDays - 1);
  for (let gap = Math.max(1, t.minGapDays); gap <= t.maxGapDays; gap++) {
    const date = s.days.shift(prevDate, gap);
    if (date > lastAllowed) break;
    if (s.input.authorization && date > s.input.authorization.endDate) break;
    const next = placeOnDay(s, date, placed.length + 1, placed, filter);
    if (next) {
      const done = extend(s, [...placed, next], firstDate, filter);
      if (done) return done;
    }
    if (s.budgetHit) return null;
  }
  if (key !== null) s.deadEnds.set(key, s.checks - before);
  return null;
}

function search(s: Search, filter: Filter): PlannedSession[] | null {
  const { input } = s;
  const firstDay = s.days.dateAt(input.from);
  for (let d = 0; d < input.horizonDays; d++) {
    const date = s.days.shift(firstDay, d);
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

/**
 * Why first sessions failed, counted over exactly the candidates the search tried, in the
 * order it met each reason. A start time's candidates are every suite × supervisor pair,
 * and a candidate's reasons are its suite's and patient's, then its supervisor's, then the
 * authorization's: so each suite's and each supervisor's reasons are worked out once per
 * start and counted as often as the full grid would have met them.
 */
function firstSessionReasons(s: Search): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (reasons: string[], times: number) => {
    for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + times);
  };
  const collect = (fn: (p: PreparedPlacement, out: string[]) => unknown, p: PreparedPlacement) => {
    const out: string[] = [];
    fn(p, out);
    return out;
  };
  for (const { grid: g, tried } of s.firstTries) {
    const nSuites = g.suites.length;
    const nSups = g.supervisors.length;
    const perStart = nSuites * nSups;
    if (tried === 0) continue;
    // Each suite's reasons for the day's start times, its bookings looked up once.
    const starts = g.starts.slice(0, Math.ceil(tried / perStart));
    const suiteLists = g.suites.map((suite) => {
      const lists = starts.map((): string[] => []);
      suiteFreeAt(s.input, suite.id, g.date, starts, g.facts.lengthMs, lists);
      return lists;
    });
    const probes = probesOf(s, g.facts);
    const supervisorLists = g.supervisors.map((sup) => {
      const lists = starts.map((): string[] => []);
      supervisorFreeAt(s.input, sup.id, g.date, starts.map((_, i) => probes[g.startIdx[i]!]!), lists);
      return lists;
    });
    let left = tried;
    for (let i = 0; i < starts.length && left > 0; i++) {
      const n = Math.min(left, perStart);
      left -= n;
      const p = preparePlacement(s.input, plannedSession(1, g.suites[0]!.id, g.supervisors[0]!.id, g.starts[i]!, s.input.template));
      // The patient's reasons follow each suite's, and are the same for every suite.
      const patient = collect(patientReasons, p);
      const bySuite = suiteLists.map((lists) => (patient.length ? [...lists[i]!, ...patient] : lists[i]!));
      const bySupervisor = supervisorLists.map((lists) => lists[i]!);
      const auth = collect(authorizationReasons, p);
      if (n === perStart) {
        // The order the full grid meets them: suite 1 with supervisor 1, then the other
        // supervisors with suite 1, then the other suites.
        add(bySuite[0]!, nSups);
        add(bySupervisor[0]!, nSuites);
        add(auth, perStart);
        for (let k = 1; k < nSups; k++) add(bySupervisor[k]!, nSuites);
        for (let j = 1; j < nSuites; j++) add(bySuite[j]!, nSups);
      } else {
        for (let c = 0; c < n; c++) {
          add(bySuite[Math.floor(c / nSups)]!, 1);
          add(bySupervisor[c % nSups]!, 1);
          add(auth, 1);
        }
      }
    }
  }
  return counts;
}

function dayLabel(zone: string, t: number): string {
  return keptDateTimeFormat('en-US', { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric' }).format(t);
}

function label(input: PlannerInput, kind: ProposalKind, sessions: PlannedSession[]): string {
  const title = { earliest_finish: 'Earliest finish', preferred: 'Your preferences', same_suite: 'All in one suite' }[kind];
  const names = [...new Set(sessions.map((x) => input.suites.find((s) => s.id === x.suiteId)?.name ?? x.suiteId))];
  const zone = input.timeZone;
  return `${title}: ${dayLabel(zone, sessions[0]!.startsAt)} - ${dayLabel(zone, sessions.at(-1)!.startsAt)}, ${names.join(' and ')}`;
}

/** "12/07", with the year when it is not the year of `ref` (an authorization from 2020 says so). */
function dateText(date: string, ref: string): string {
  return date.slice(0, 4) === ref.slice(0, 4) ? mmdd(date) : `${mmdd(date)}/${date.slice(0, 4)}`;
}

/**
 * When the authorization's dates alone rule out every series: they ended before the earliest
 * start, begin after the days searched, or are too short for the sessions with their
 * smallest gaps. Said in its own words (the dates), as the save says them, instead of
 * leaving the search to find nothing and guess at opening hours.
 */
export function authorizationDatesProblem(input: PlannerInput): string | null {
  const auth = input.authorization;
  if (!auth) return null;
  const t = input.template;
  const fromDate = localDateAt(input.timeZone, input.from);
  const range = `${dateText(auth.startDate, fromDate)}-${dateText(auth.endDate, fromDate)}`;
  if (auth.endDate < fromDate) return `The authorization covers ${range}; it ended before ${mmdd(fromDate)}, the earliest start.`;
  const lastSearched = addDays(fromDate, input.horizonDays - 1);
  if (auth.startDate > lastSearched) return `The authorization covers ${range}; it starts after the ${input.horizonDays} days searched (to ${dateText(lastSearched, fromDate)}).`;
  const first = auth.startDate > fromDate ? auth.startDate : fromDate;
  const gap = Math.max(1, t.minGapDays);
  const last = addDays(first, (t.sessionCount - 1) * gap);
  if (last > auth.endDate) {
    return `The authorization covers ${range}; ${t.sessionCount} sessions at least ${gap} day${gap === 1 ? '' : 's'} apart from ${mmdd(first)} run to ${dateText(last, fromDate)} at the earliest, past its end.`;
  }
  return null;
}

export const AUTHORIZATION_DATES_SUGGESTION = 'Ask the payer to extend the authorization, choose another authorization, or choose a shorter series template.';

/** The reason given when no first session was refused for a reason of its own. */
export function nothingTriedReason(input: PlannerInput): string {
  const auth = input.authorization;
  if (auth) {
    const fromDate = localDateAt(input.timeZone, input.from);
    return `No series of ${input.template.sessionCount} sessions fits inside the authorization's dates (${dateText(auth.startDate, fromDate)}-${dateText(auth.endDate, fromDate)}).`;
  }
  return `No day in the next ${input.horizonDays} days has opening hours long enough for one session.`;
}

export function planSeries(input: PlannerInput, options: PlanOptions = {}): PlannerResult {
  return plan(input, true, options.budget ?? SEARCH_BUDGET);
}

function plan(input: PlannerInput, suggest: boolean, budget: number): PlannerResult {
  const t = input.template;
  const reasons: string[] = [];
  if (input.authorization && input.authorization.sessionsRemaining < t.sessionCount) {
    reasons.push(`The authorization has ${input.authorization.sessionsRemaining} sessions left; the series needs ${t.sessionCount}.`);
    return { proposals: [], noFit: { reasons, suggestions: ['Ask the payer for more sessions, or choose a shorter series template.'] } };
  }
  const dates = authorizationDatesProblem(input);
  if (dates) return { proposals: [], noFit: { reasons: [dates], suggestions: [AUTHORIZATION_DATES_SUGGESTION] } };
  const s: Search = {
    input,
    days: localDays(input.timeZone),
    budget,
    checks: 0,
    budgetHit: false,
    supervisors: input.staff.filter((st) => roleSatisfies(st.role, t.supervisorRole)),
    facts: new Map(),
    grids: new Map(),
    scans: new Map(),
    deadEnds: new Map(),
    firstTries: [],
  };
  const proposals: Proposal[] = [];
  const add = (kind: ProposalKind, sessions: PlannedSession[] | null) => {
    if (!sessions) return;
    const key = JSON.stringify(sessions);
    if (proposals.some((p) => JSON.stringify(p.sessions) === key)) return;
    // Offered only if every session passes the rule beside all the others.
    if (!sessions.every((x) => checkPlacement(input, x, sessions).ok)) return;
    proposals.push({ kind, label: label(input, kind, sessions), sessions });
  };

  add('earliest_finish', search(s, { key: 'any' }));
  const prefs = input.preferences;
  if (prefs && (prefs.weekdays?.length || prefs.timeOfDay || prefs.suiteId)) {
    add(
      'preferred',
      search(s, {
        key: 'preferred',
        ...(prefs.weekdays?.length ? { weekdays: new Set(prefs.weekdays) } : {}),
        ...(prefs.timeOfDay ? { timeOfDay: prefs.timeOfDay } : {}),
        ...(prefs.suiteId ? { suiteIds: [prefs.suiteId] } : {}),
      }),
    );
  }
  if (proposals.length > 0 && !proposals.some((p) => new Set(p.sessions.map((x) => x.suiteId)).size === 1)) {
    let best: PlannedSession[] | null = null;
    for (const suite of input.suites) {
      const found = search(s, { key: `suite:${suite.id}`, suiteIds: [suite.id] });
      if (found && (!best || found.at(-1)!.startsAt < best.at(-1)!.startsAt)) best = found;
    }
    add('same_suite', best);
  }
  if (proposals.length > 0) return { proposals, noFit: null };
  // A plan made only to suggest a later start is read for its proposal alone.
  if (!suggest) return { proposals: [], noFit: { reasons: [], suggestions: [] } };

  const top = [...firstSessionReasons(s).entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([r]) => `${r}.`);
  if (s.budgetHit) top.push('The search stopped at its limit before trying every time; try a later start date.');
  if (top.length === 0) top.push(nothingTriedReason(input));
  const suggestions: string[] = [];
  const later = plan({ ...input, from: input.from + 7 * 86_400_000, preferences: {} }, false, budget);
  if (later.proposals[0]) suggestions.push(`A series fits if it starts a week later: ${later.proposals[0].label.replace(/^[^:]+: /, '')}.`);
  else suggestions.push('Nothing fits a week later either: add staff shifts or suite hours, or widen the series window.');
  return { proposals: [], noFit: { reasons: top, suggestions } };
}
