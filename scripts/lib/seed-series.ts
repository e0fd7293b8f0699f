/**
 * The infusion floor of the synthetic clinic: who supervises when (weekly floor shifts with
 * how many patients each may supervise at once), the series templates, suite closures, and
 * booked infusion series with their sessions, so that the clinic's 8 suites are about 85 %
 * occupied over the 8 weeks from the seed's "today" (SEED_REFERENCE_DATE), fuller in the
 * first weeks, as a real schedule is. Some series use an approved prior authorization, the
 * rest are self-pay; more patients have authorizations approved and waiting for a series, still
 * pending, or denied.
 *
 * Series are placed by the app's own planner (planSeries, asked for the earliest series
 * from a chosen day), so no session breaks a rule the booking service enforces, and each
 * is booked as the service books it: the series, its sessions and a `booked` history row
 * per session, through insertRow. Sessions before "today" have been worked (discharged,
 * a few no-shows) and the morning's sessions are in progress.
 *
 * Deterministic: ids come from the seeded PRNG and creation instants are simulated, so the
 * same seed and clinic give the same rows. Inputs are checked with the API's own zod
 * schemas and the services' cross-field rules before they are written.
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DB_FILE_NAME, openBackend } from '../../src-main/backend/backend';
import type { OpeningHours } from '../../src-shared/api/schemas/common';
import { addClosureInput, createAuthorizationInput, setShiftsInput, templateFields } from '../../src-shared/api/schemas/series';
import { checkAuthorization } from '../../src-main/backend/authorizations/service';
import { authorizations } from '../../src-main/backend/authorizations/schema';
import { insertRow, type WriteContext } from '../../src-main/backend/db/mutate';
import { planSeries } from '../../src-main/backend/series/rules/planner';
import { infusionSeries, infusionSessions, seriesTemplates, sessionHistory, staffShifts, suiteClosures } from '../../src-main/backend/series/schema';
import { checkTemplate, readDefaultTemplates, type TemplateFields } from '../../src-main/backend/series/templates';
import { readScheduleSettings } from '../../src-main/backend/scheduling/schedule-data';
import { loadDeviceClock } from '../../src-main/backend/sync/device-clock';
import { scheduledUtilization, type Utilization } from '../../src-shared/domain/series/occupancy';
import type {
  AuthorizationLimit,
  BookedSession,
  Closure,
  PlannedSession,
  PlannerInput,
  SeriesTemplateSpec,
  ShiftSpec,
  StaffSpec,
  SuiteSpec,
} from '../../src-shared/domain/series/planner-types';
import { addDays, localDateAt, weekdayOf, zonedToInstant } from '../../src-main/backend/scheduling/zoned-time';
import { fmtInt, fmtSeconds, MIGRATIONS_FOLDER } from './cli';
import { openSqliteAsFound, scriptStoreKey } from './store-key';
import { rngFor, uuidV7, type Rng } from './prng';
import { SEED_REFERENCE_DATE, SEED_REFERENCE_INSTANT } from './synthetic-clinic';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The weeks whose occupancy the seed aims at, from the seed's "today". */
export const INFUSION_WEEKS = 8;
/** Booked share of each week's open suite-hours the seed aims at: fuller soon. Mean 0.85. */
export const WEEK_TARGETS = [0.92, 0.9, 0.88, 0.86, 0.84, 0.82, 0.8, 0.78] as const;
/** Series already under way on "today" (first session in the two weeks before). */
const SERIES_UNDER_WAY = 14;
/** Share of series booked against an approved prior authorization (the rest self-pay). */
const AUTHORIZED_SHARE = 0.6;
/** Failed placements in a row after which a week counts as full for whole series, then for boosters. */
const SERIES_TRIES = 25;
const BOOSTER_TRIES = 40;

/** The clinic's own extra template: a shorter booster that fits a Saturday morning. */
const SHORT_BOOSTER: TemplateFields = {
  name: 'Booster: 2-hour infusion',
  sessionCount: 1,
  windowDays: 1,
  minGapDays: 1,
  maxGapDays: 1,
  prepMinutes: 30,
  infusionMinutes: 120,
  recoveryMinutes: 30,
  supervisorRole: 'rn',
  note: 'Clinic template: a 2-hour booster (3 hours in the suite), fits a Saturday morning.',
};

// ---------------------------------------------------------------------------------------
// Floor shifts

type Shift = { weekday: number; startTime: string; endTime: string; validFrom?: string | null; validTo?: string | null; maxConcurrent: number };
const day = (weekday: number, startTime: string, endTime: string, maxConcurrent: number, extra: Partial<Shift> = {}): Shift => ({
  weekday,
  startTime,
  endTime,
  maxConcurrent,
  ...extra,
});
const WEEKDAYS = [1, 2, 3, 4, 5] as const;

/**
 * Floor shifts by role and the person's place among that role (creation order).
 * RNs work four 10.5-hour days (a different weekday off each) and the two senior RNs
 * also cover Saturday mornings; CRNAs work the weekdays, the second moving from Mon-Thu to
 * Tue-Fri on July 1; anesthesiologists are on the floor on the weekdays they do not
 * consult (scripts/lib/seed-availability.ts gives them consultation half-days on the
 * others). A 10.5-hour shift covers a 07:00 and a 12:30 session's IV start and infusion.
 */
function shiftsFor(role: string, k: number): Shift[] {
  if (role === 'rn') {
    const off = WEEKDAYS[k % WEEKDAYS.length]!;
    const senior = k < 2;
    return [
      ...WEEKDAYS.filter((d) => d !== off).map((d) => day(d, '07:00', '17:30', senior ? 3 : 2)),
      ...(senior ? [day(6, '08:00', '12:00', 3)] : []),
    ];
  }
  if (role === 'crna') {
    if (k === 1) {
      return [
        ...[1, 2, 3, 4].map((d) => day(d, '07:00', '17:30', 3, { validTo: '2026-06-30' })),
        ...[2, 3, 4, 5].map((d) => day(d, '07:00', '17:30', 3, { validFrom: '2026-07-01' })),
      ];
    }
    return WEEKDAYS.map((d) => day(d, '07:00', '17:30', 3));
  }
  // Anesthesiologists: floor days opposite their consultation days.
  const floorDays = k % 2 === 0 ? [2, 5] : [1, 4];
  return floorDays.map((d) => day(d, '07:00', '17:30', 4));
}

// ---------------------------------------------------------------------------------------
// Reading the clinic the earlier seed steps wrote

interface FloorClinic {
  timeZone: string;
  clinicHours: OpeningHours;
  suites: SuiteSpec[];
  supervisors: { id: string; name: string; role: string }[];
  /** Patients with an intake diagnosis, with their primary payer (null: none on file). */
  patients: { id: string; payerId: string | null; icd10: string | null }[];
}

function readClinic(w: WriteContext): FloorClinic {
  const settings = readScheduleSettings(w.sqlite);
  const suites = (
    w.sqlite.prepare(`SELECT id, name, opening_hours AS hours FROM suites WHERE deleted_at IS NULL AND active = 1 ORDER BY sort_order, id`).all() as {
      id: string;
      name: string;
      hours: string | null;
    }[]
  ).map((s) => ({ id: s.id, name: s.name, openingHours: s.hours ? (JSON.parse(s.hours) as OpeningHours) : null }));
  const supervisors = w.sqlite
    .prepare(`SELECT id, name, role FROM staff WHERE deleted_at IS NULL AND active = 1 AND role IN ('anesthesiologist', 'crna', 'rn') ORDER BY created_at, id`)
    .all() as { id: string; name: string; role: string }[];
  const patients = w.sqlite
    .prepare(
      `SELECT p.id,
              (SELECT c.payer_id FROM coverages c WHERE c.patient_id = p.id AND c.deleted_at IS NULL AND c.priority = 'primary' LIMIT 1) AS payerId,
              (SELECT d.code FROM diagnoses d WHERE d.patient_id = p.id AND d.deleted_at IS NULL ORDER BY d.is_primary DESC, d.id LIMIT 1) AS icd10
       FROM patients p
       WHERE p.deleted_at IS NULL AND EXISTS (SELECT 1 FROM diagnoses d WHERE d.patient_id = p.id AND d.deleted_at IS NULL)
         -- Not yet cleared: a patient whose initial consultation is still ahead of the floor's
         -- first sessions waits for it (placement puts infusions after the clearing consultation).
         AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = p.id AND a.deleted_at IS NULL AND a.status IN ('booked', 'completed')
                           AND a.kind = 'initial_consultation' AND a.ends_at > ?)
       ORDER BY p.id`,
    )
    .all(SEED_REFERENCE_INSTANT - 15 * DAY_MS) as FloorClinic['patients'];
  return { timeZone: settings.timeZone, clinicHours: settings.openingHours, suites, supervisors, patients };
}

// ---------------------------------------------------------------------------------------
// Booking

interface Template {
  id: string;
  name: string;
  spec: SeriesTemplateSpec;
}

interface BookedSeries {
  id: string;
  createdAt: number;
  patientId: string;
  template: Template;
  authorization: { id: string; createdAt: number; fields: ReturnType<typeof createAuthorizationInput.parse> } | null;
  sessions: (PlannedSession & { id: string })[];
}

export interface SeriesSeedReport {
  supervisors: number;
  shifts: number;
  templates: number;
  closures: number;
  series: number;
  sessions: number;
  authorizations: number;
  /** Attempts the planner found no series for (the week was full for that shape). */
  noFit: number;
  /** Scheduled utilization over the 8 weeks, and week by week. */
  utilization: Utilization;
  weeks: { firstDate: string; share: number; target: number }[];
  ms: number;
}

function specOf(t: TemplateFields): SeriesTemplateSpec {
  const { sessionCount, windowDays, minGapDays, maxGapDays, prepMinutes, infusionMinutes, recoveryMinutes, supervisorRole } = t;
  return { sessionCount, windowDays, minGapDays, maxGapDays, prepMinutes, infusionMinutes, recoveryMinutes, supervisorRole };
}

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The session's status on "today" and when each step happened (phases as planned). */
function statusOnToday(s: PlannedSession, now: number, rng: Rng): { status: string; statusTimes: Record<string, number> } {
  if (s.startsAt > now) return { status: 'scheduled', statusTimes: {} };
  const arrived = s.startsAt - rng.int(5, 20) * MINUTE_MS;
  if (s.endsAt <= now && rng.chance(0.03)) return { status: 'no_show', statusTimes: { no_show: s.startsAt + 30 * MINUTE_MS } };
  const steps: [string, number][] = [
    ['arrived', arrived],
    ['iv_placed', s.startsAt + rng.int(10, 25) * MINUTE_MS],
    ['infusing', s.infusionStartsAt],
    ['recovery', s.recoveryStartsAt],
    ['discharged', s.endsAt - rng.int(0, 15) * MINUTE_MS],
  ];
  const reached = steps.filter(([, t]) => t <= now);
  return { status: reached.at(-1)![0], statusTimes: Object.fromEntries(reached) };
}

const CHECKLIST_ITEMS = ['fasting', 'driver', 'authorization', 'consent'] as const;

export interface SeriesSeedOptions {
  seed: number;
  log?: (line: string) => void;
}

/**
 * Seeds the infusion floor into a store that already holds the clinic (seedClinic). All
 * writes go through insertRow with the given context; the context's clock is used for the
 * change log, while each row's creation instant is simulated.
 */
export function seedSeries(w: WriteContext, opts: SeriesSeedOptions): SeriesSeedReport {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const clinic = readClinic(w);
  const zone = clinic.timeZone;
  const now = SEED_REFERENCE_INSTANT;
  const at = (time: number): WriteContext => ({ ...w, now: () => time });
  const idRng = rngFor(opts.seed, 'series-ids');
  const at0 = (date: string, time = '00:00') => zonedToInstant(zone, date, time);

  // Shifts, templates and closures, set up two months before "today".
  let t = now - 61 * DAY_MS;
  const staff: StaffSpec[] = [];
  const roleIndex = new Map<string, number>();
  const templates: Template[] = [];
  const closures: Closure[] = [];
  w.sqlite.transaction(() => {
    for (const p of clinic.supervisors) {
      const k = roleIndex.get(p.role) ?? 0;
      roleIndex.set(p.role, k + 1);
      const { shifts } = setShiftsInput.parse({ staffId: p.id, shifts: shiftsFor(p.role, k) });
      for (const s of shifts) {
        t += MINUTE_MS;
        insertRow(at(t), staffShifts, { id: uuidV7(t, idRng), staffId: p.id, ...s });
      }
      staff.push({ ...p, shifts: shifts.map((s): ShiftSpec => ({ ...s, validFrom: s.validFrom ?? null, validTo: s.validTo ?? null })) });
    }
    for (const raw of [...readDefaultTemplates(), SHORT_BOOSTER]) {
      const fields = templateFields.parse(raw);
      checkTemplate(fields);
      t += MINUTE_MS;
      const id = uuidV7(t, idRng);
      insertRow(at(t), seriesTemplates, { id, ...fields, active: true });
      templates.push({ id, name: fields.name, spec: specOf(fields) });
    }
    const suite = (n: number) => clinic.suites[n - 1]?.id ?? null;
    const wanted = [
      { suiteId: null, startsAt: at0('2026-07-03'), endsAt: at0('2026-07-04'), reason: 'Independence Day (observed)' },
      { suiteId: suite(3), startsAt: at0(addDays(SEED_REFERENCE_DATE, 16)), endsAt: at0(addDays(SEED_REFERENCE_DATE, 17)), reason: 'deep clean' },
      { suiteId: suite(5), startsAt: at0(addDays(SEED_REFERENCE_DATE, 23), '12:00'), endsAt: at0(addDays(SEED_REFERENCE_DATE, 23), '18:00'), reason: 'infusion pump service' },
    ];
    for (const c of wanted) {
      const fields = addClosureInput.parse(c);
      t += MINUTE_MS;
      insertRow(at(t), suiteClosures, { id: uuidV7(t, idRng), ...fields });
      closures.push(fields);
    }
  })();

  const byKey = (name: string) => templates.find((x) => x.name.startsWith(name));
  const initial = byKey('Initial series')!;
  const mix: [Template, number][] = [
    [initial, 60],
    [byKey('Schwartzman')!, 8],
    [byKey('5 consecutive')!, 10],
    [byKey('Booster: single')!, 10],
    [byKey('Booster: 2-hour')!, 12],
  ];
  const boosters = mix.filter(([x]) => x.spec.sessionCount === 1).map(([x]) => x);

  // The planner's picture of the floor, kept in memory as series are booked.
  const booked: BookedSession[] = [];
  const plannerInput = (patientId: string, template: Template, from: number, horizonDays: number, authorization: AuthorizationLimit | null): PlannerInput => ({
    timeZone: zone,
    patientId,
    template: template.spec,
    from,
    horizonDays,
    stepMinutes: 15,
    clinicHours: clinic.clinicHours,
    suites: clinic.suites,
    closures,
    booked,
    staff,
    authorization,
  });

  const firstDate = SEED_REFERENCE_DATE;
  const weekStart = (i: number) => addDays(firstDate, 7 * i);
  const utilizationOf = (sessions: readonly { suiteId: string; startsAt: number; endsAt: number }[], from: string, days: number) =>
    scheduledUtilization({ timeZone: zone, clinicHours: clinic.clinicHours, suites: clinic.suites, closures, sessions, firstDate: from, days });
  const available = WEEK_TARGETS.map((_, i) => utilizationOf([], weekStart(i), 7).availableMinutes);
  const bookedMinutes = WEEK_TARGETS.map(() => 0);
  const weekOf = (instant: number) => Math.floor((Date.parse(localDateAt(zone, instant)) - Date.parse(firstDate)) / DAY_MS / 7);

  const queue = shuffled(clinic.patients, rngFor(opts.seed, 'series-patients'));
  let nextPatient = 0;
  const rng = rngFor(opts.seed, 'series');
  const authRng = rngFor(opts.seed, 'series-authorizations');
  const series: BookedSeries[] = [];
  let noFit = 0;

  /** Plan one series for the next patient from `fromDate`; book it in memory. */
  const tryBook = (template: Template, fromDate: string, horizonDays: number): boolean => {
    const patient = queue[nextPatient];
    if (!patient) return false;
    const firstPossible = Math.max(at0(fromDate), fromDate < firstDate ? 0 : now);
    const insured = patient.payerId !== null && authRng.chance(AUTHORIZED_SHARE);
    const authStart = addDays(fromDate, -authRng.int(0, 10));
    const authEnd = addDays(authStart, authRng.pick([60, 90, 90, 180]));
    const approved = template.spec.sessionCount + authRng.pick([0, 0, 0, 2, 4]);
    const limit = insured ? { startDate: authStart, endDate: authEnd, sessionsRemaining: approved } : null;
    const result = planSeries(plannerInput(patient.id, template, firstPossible, horizonDays, limit));
    const proposal = result.proposals[0];
    if (!proposal) {
      noFit++;
      return false;
    }
    nextPatient++;
    const first = proposal.sessions[0]!.startsAt;
    const bookedAt = Math.min(first, now) - rng.int(2, 21) * DAY_MS - rng.int(0, 8 * 60) * MINUTE_MS;
    const authorization = limit
      ? (() => {
          const createdAt = bookedAt - rng.int(3, 20) * DAY_MS;
          const fields = createAuthorizationInput.parse({
            patientId: patient.id,
            payerId: patient.payerId,
            authNumber: `PA${authRng.digits(9)}`,
            status: 'approved',
            approvedSessions: approved,
            startDate: authStart,
            endDate: authEnd,
            cptCodes: ['96365', '96366', 'J3490'],
            icd10Codes: patient.icd10 ? [patient.icd10] : null,
            decisionDate: localDateAt(zone, createdAt + 2 * DAY_MS),
          });
          checkAuthorization(fields);
          return { id: uuidV7(createdAt, idRng), createdAt, fields };
        })()
      : null;
    const sessions = proposal.sessions.map((s) => ({ ...s, id: uuidV7(bookedAt, idRng) }));
    series.push({ id: uuidV7(bookedAt, idRng), createdAt: bookedAt, patientId: patient.id, template, authorization, sessions });
    for (const s of sessions) {
      booked.push({ sessionId: s.id, patientId: patient.id, suiteId: s.suiteId, supervisorId: s.supervisorId, startsAt: s.startsAt, infusionStartsAt: s.infusionStartsAt, recoveryStartsAt: s.recoveryStartsAt, endsAt: s.endsAt });
      const wk = weekOf(s.startsAt);
      if (wk >= 0 && wk < bookedMinutes.length) bookedMinutes[wk]! += (s.endsAt - s.startsAt) / MINUTE_MS;
    }
    return true;
  };

  // Series under way: their first session in the fortnight before "today".
  for (let i = 0; i < SERIES_UNDER_WAY; i++) tryBook(initial, addDays(firstDate, -rng.int(3, 13)), 3);

  // Then fill the weeks toward their targets, the emptiest (against its target) first.
  const tries = WEEK_TARGETS.map(() => 0);
  for (;;) {
    let week = -1;
    let gap = 0;
    WEEK_TARGETS.forEach((target, i) => {
      const d = target - bookedMinutes[i]! / available[i]!;
      if (d > gap && tries[i]! < SERIES_TRIES + BOOSTER_TRIES) {
        gap = d;
        week = i;
      }
    });
    if (week < 0 || nextPatient >= queue.length) break;
    // A day of the week with opening hours; boosters once whole series stop fitting.
    const date = addDays(weekStart(week), rng.int(0, 5));
    const useBooster = tries[week]! >= SERIES_TRIES || weekdayOf(date) === 6;
    const template = useBooster ? rng.pick(weekdayOf(date) === 6 ? boosters.slice(-1) : boosters) : rng.weighted(mix);
    if (tryBook(template, date, template.spec.sessionCount === 1 ? 1 : 4)) tries[week] = Math.min(tries[week]!, useBooster ? SERIES_TRIES : 0);
    else tries[week]!++;
  }

  // Write it all: a transaction per 50 series, as the booking service writes each one.
  const checklistDone = (s: PlannedSession, by: string | null) =>
    Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, { done: true, by: by ?? 'seed', at: s.startsAt - 20 * MINUTE_MS, override: null }]));
  const statusRng = rngFor(opts.seed, 'series-status');
  const writeBatch = w.sqlite.transaction((batch: BookedSeries[]) => {
    for (const b of batch) {
      if (b.authorization) insertRow(at(b.authorization.createdAt), authorizations, { id: b.authorization.id, ...b.authorization.fields });
      const under = b.sessions[0]!.startsAt <= now;
      insertRow(at(b.createdAt), infusionSeries, {
        id: b.id,
        patientId: b.patientId,
        templateId: b.template.id,
        templateSnapshot: { name: b.template.name, ...b.template.spec },
        authorizationId: b.authorization?.id ?? null,
        selfPay: b.authorization === null,
        status: under ? 'active' : 'planned',
        note: null,
      });
      for (const s of b.sessions) {
        const { status, statusTimes } = statusOnToday(s, now, statusRng);
        insertRow(at(b.createdAt), infusionSessions, {
          id: s.id,
          seriesId: b.id,
          patientId: b.patientId,
          seq: s.seq,
          suiteId: s.suiteId,
          supervisorId: s.supervisorId,
          startsAt: s.startsAt,
          infusionStartsAt: s.infusionStartsAt,
          recoveryStartsAt: s.recoveryStartsAt,
          endsAt: s.endsAt,
          status,
          statusTimes,
          checklist: s.startsAt <= now ? checklistDone(s, w.userId) : {},
        });
        insertRow(at(b.createdAt), sessionHistory, {
          id: uuidV7(b.createdAt, idRng),
          sessionId: s.id,
          action: 'booked',
          fromValue: null,
          toValue: { suiteId: s.suiteId, startsAt: s.startsAt, endsAt: s.endsAt },
          reason: null,
          byUser: w.userId ?? 'seed',
        });
      }
    }
  });
  for (let i = 0; i < series.length; i += 50) writeBatch(series.slice(i, i + 50));

  // Authorizations for patients not yet scheduled: some approved and waiting for a series
  // to be booked, the others still in the works or denied.
  const pending = queue.slice(nextPatient, nextPatient + Math.round(series.length / 2)).filter((p) => p.payerId);
  w.sqlite.transaction(() => {
    for (const p of pending) {
      const createdAt = now - authRng.int(1, 20) * DAY_MS;
      const status = authRng.weighted([
        ['approved', 4],
        ['submitted', 3],
        ['pending', 3],
        ['denied', 2],
      ] as const);
      const decided = status === 'approved' || status === 'denied';
      const startDate = addDays(firstDate, authRng.int(-7, 14));
      const fields = createAuthorizationInput.parse({
        patientId: p.id,
        payerId: p.payerId,
        authNumber: status === 'submitted' ? null : `PA${authRng.digits(9)}`,
        status,
        ...(status === 'approved'
          ? { approvedSessions: authRng.pick([6, 6, 8, 10]), startDate, endDate: addDays(startDate, authRng.pick([45, 60, 90])) }
          : {}),
        cptCodes: ['96365', '96366', 'J3490'],
        icd10Codes: p.icd10 ? [p.icd10] : null,
        decisionDate: decided ? localDateAt(zone, createdAt + 5 * DAY_MS) : null,
        denialReason: status === 'denied' ? 'Investigational for this diagnosis under the plan policy; peer-to-peer offered.' : null,
      });
      checkAuthorization(fields);
      insertRow(at(createdAt), authorizations, { id: uuidV7(createdAt, idRng), ...fields });
    }
  })();

  // Measure what was achieved from the store, not from the bookkeeping above.
  const live = w.sqlite
    .prepare(`SELECT suite_id AS suiteId, starts_at AS startsAt, ends_at AS endsAt FROM infusion_sessions WHERE deleted_at IS NULL AND status NOT IN ('cancelled', 'no_show')`)
    .all() as { suiteId: string; startsAt: number; endsAt: number }[];
  const utilization = utilizationOf(live, firstDate, INFUSION_WEEKS * 7);
  const weeks = WEEK_TARGETS.map((target, i) => ({ firstDate: weekStart(i), share: utilizationOf(live, weekStart(i), 7).share, target }));
  const sessionCount = series.reduce((n, s) => n + s.sessions.length, 0);
  const report: SeriesSeedReport = {
    supervisors: staff.length,
    shifts: staff.reduce((n, s) => n + s.shifts.length, 0),
    templates: templates.length,
    closures: closures.length,
    series: series.length,
    sessions: sessionCount,
    authorizations: series.filter((s) => s.authorization).length + pending.length,
    noFit,
    utilization,
    weeks,
    ms: performance.now() - started,
  };
  log(
    `  infusion floor: ${report.supervisors} supervisors with ${report.shifts} weekly shifts, ${report.templates} series templates, ${report.closures} closures; ` +
      `${fmtInt(report.series)} series with ${fmtInt(report.sessions)} sessions (${fmtInt(series.filter((s) => s.authorization).length)} under an authorization, ` +
      `${fmtInt(pending.length)} more authorizations approved and waiting, pending or denied), ${fmtSeconds(report.ms)}`,
  );
  log(
    `  suite occupancy over the ${INFUSION_WEEKS} weeks from ${firstDate}: ${(utilization.share * 100).toFixed(1)}% ` +
      `(${fmtInt(utilization.bookedMinutes / 60)} of ${fmtInt(utilization.availableMinutes / 60)} open suite-hours booked); ` +
      `by week ${weeks.map((x) => `${Math.round(x.share * 100)}%`).join(' ')}`,
  );
  return report;
}

/**
 * Opens the store in `dataDir` (already seeded by seedClinic), seeds the infusion floor on
 * a virtual clock and closes it again.
 */
export async function seedInfusionFloor(opts: { dataDir: string; seed: number; log?: (line: string) => void; migrationsFolder?: string }): Promise<SeriesSeedReport> {
  const now = () => SEED_REFERENCE_INSTANT - 61 * DAY_MS;
  const backend = openBackend({ dataDir: opts.dataDir, migrationsFolder: opts.migrationsFolder ?? MIGRATIONS_FOLDER, transport: 'http', inProcessAdmin: true, storeKey: scriptStoreKey(opts.dataDir, { create: true }), now });
  try {
    const me = await backend.invoke('system.whoami', {});
    if (!me.ok) throw new Error(`the backend did not start cleanly: ${me.error.message}`);
    const { db, sqlite } = backend.store;
    const already = (sqlite.prepare(`SELECT count(*) AS n FROM infusion_series`).get() as { n: number }).n;
    if (already > 0) throw new Error(`the clinic in ${opts.dataDir} already has ${already} infusion series; seed a fresh clinic first`);
    const w: WriteContext = { db, sqlite, clock: loadDeviceClock(sqlite, now), userId: (me.result as { user: { id: string } }).user.id, now };
    return seedSeries(w, { seed: opts.seed, ...(opts.log ? { log: opts.log } : {}) });
  } finally {
    backend.close();
  }
}

/** Seed the infusion floor into the clinic at `dataDir` unless it already has series (for a clinic seeded before this step existed). */
export async function ensureInfusionFloor(opts: { dataDir: string; seed: number; log?: (line: string) => void }): Promise<SeriesSeedReport | null> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const backendFile = join(resolve(opts.dataDir), DB_FILE_NAME);
  const sqlite = openSqliteAsFound(backendFile, scriptStoreKey(opts.dataDir, { create: true }), { readonly: true, fileMustExist: true });
  let series: number;
  try {
    series = (sqlite.prepare(`SELECT count(*) AS n FROM infusion_series`).get() as { n: number }).n;
  } catch {
    series = 0; // a store from before the series tables: the backend migrates it on open
  } finally {
    sqlite.close();
  }
  if (series > 0) return null;
  log(`The clinic in ${resolve(opts.dataDir)} has no infusion series: seeding its infusion floor (seed ${opts.seed}).`);
  return seedInfusionFloor({ ...opts, log });
}
