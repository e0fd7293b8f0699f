/**
 * Pain outcomes of the synthetic clinic: a treatment history of infusion series before the
 * seeded floor (scripts/lib/seed-series.ts books the weeks around "today"), with the scores a
 * real programme collects, about 100,000 in all (intake baselines included):
 *
 *  - series from the clinic's opening to just before the floor's first session, in the session
 *    slots each suite's hours hold (5.5 hours in the suite each, back to back), as the templates
 *    shape them: the initial 6 infusions over 2 weeks, Schwartzman's 10 for some CRPS, 5
 *    consecutive days from a Monday, and boosters for responders weeks later; a few no-shows;
 *  - each patient's baseline (the intake's when the seeded intake has one, else taken 3-21
 *    days before session 1 and a primary diagnosis with it), NRS and VAS before and after each
 *    infusion, PEG (most series) and BPI interference (some) before it, follow-ups at 1 week, 1 month and 3 months with PGIC
 *    and PEG, with the gaps real data has (missed scores, skipped follow-ups) and a few
 *    corrections;
 *  - responses spread as clinics report them (about a third substantial, a third moderate,
 *    the rest little or none), and a clinician's disposition on most review flags older
 *    than three weeks, so the review queue holds what a clinic would still have open;
 *  - before/after scores for the floor's sessions already worked before "today".
 *
 * History is planned forward in memory, then trimmed from the oldest series until the score
 * count is near the target, so the most recent months are always there (the due list and
 * the review queue live there). Written through insertRow, a transaction per 200 series.
 * Deterministic for a seed and clinic.
 */
import { resolve, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import { createAuthorizationInput } from '../../src-shared/api/schemas/series';
import type { OpeningHours } from '../../src-shared/api/schemas/common';
import { DB_FILE_NAME, openBackend } from '../../src-main/backend/backend';
import { insertRow, type InsertFields, type WriteContext } from '../../src-main/backend/db/mutate';
import { diagnoses } from '../../src-main/backend/intake/schema';
import { authorizations } from '../../src-main/backend/authorizations/schema';
import { outcomesConfigFile } from '../../src-main/backend/outcomes/config-file';
import { scoresForPatients, type ScoreRecord, type SeriesRecord } from '../../src-main/backend/outcomes/data';
import { SeriesEvaluation } from '../../src-main/backend/outcomes/evaluate';
import { flagKeyOf } from '../../src-main/backend/outcomes/present';
import { outcomeDispositions, scores } from '../../src-main/backend/outcomes/schema';
import { infusionSeries, infusionSessions } from '../../src-main/backend/series/schema';
import { readScheduleSettings } from '../../src-main/backend/scheduling/schedule-data';
import { loadDeviceClock } from '../../src-main/backend/sync/device-clock';
import { HybridLogicalClock } from '../../src-shared/hlc';
import { meanOf } from '../../src-shared/api/schemas/intake';
import { addDays, localDateAt, weekdayOf, zonedToInstant } from '../../src-shared/domain/zoned-time';
import { fmtInt, fmtSeconds, MIGRATIONS_FOLDER } from './cli';
import { openSqliteAsFound, scriptStoreKey } from './store-key';
import { rngFor, uuidV7, type Rng } from './prng';
import { SEED_CLINIC_OPENED, SEED_REFERENCE_INSTANT } from './synthetic-clinic';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
export const DEFAULT_OUTCOME_SCORES = 100_000;

/** A session in the suite: prep 30 + infusion 240 + recovery 60 minutes (the templates' shape). */
const SESSION_MINUTES = { prep: 30, infusion: 240, recovery: 60 };
const SUITE_MINUTES = SESSION_MINUTES.prep + SESSION_MINUTES.infusion + SESSION_MINUTES.recovery;
/** New series started per weekday: up to this many, while the suites have room. */
const NEW_SERIES_PER_DAY = [3, 4, 4, 5, 5, 6] as const;

/** Gaps real data has; `vasSeries`: series without VAS; `pegSeries`: series without PEG before each infusion. */
const MISSING = { pre: 0.03, post: 0.07, vasSeries: 0.15, pegSeries: 0.15, bpiSeries: 0.6, correction: 0.004 };
/** Share of follow-ups answered, in the config's order (1 week, 1 month, 3 months). */
const FOLLOW_UP_TAKEN = [0.8, 0.65, 0.5];
/** How much of the reduction at the end of the series is left at each follow-up. */
const FOLLOW_UP_KEEPS = [0.95, 0.85, 0.7];
const DISPOSED_AFTER_DAYS = 21;

/** Primary diagnoses for patients without an intake one: CRPS most, as in ketamine clinics. */
const DX_MIX = [
  ['G90.512', 14],
  ['G90.511', 10],
  ['G90.522', 8],
  ['G90.521', 8],
  ['G56.41', 3],
  ['M79.7', 18],
  ['M79.2', 10],
  ['G62.9', 5],
  ['E11.42', 4],
  ['G89.28', 8],
  ['G89.29', 8],
  ['G89.4', 4],
] as const;

type Template = { id: string; name: string; sessionCount: number; kind: 'initial' | 'schwartzman' | 'five' | 'booster' };

interface PatientInfo {
  id: string;
  registeredAt: number;
  payerId: string | null;
  dxCode: string | null;
  baselineNrs: number | null;
  baselineAt: number | null;
}

interface PlannedSeries {
  record: SeriesRecord;
  template: Template;
  patient: PatientInfo;
  /** Reduction reached by the end (0.55 = 55% lower), the series' own. */
  reduction: number;
  authorization: { id: string; createdAt: number; fields: z.output<typeof createAuthorizationInput> } | null;
  scores: ScoreRecord[];
  newDiagnosis: { id: string; createdAt: number; code: string } | null;
  /** The suite of each session. */
  suiteIds: string[];
}

/** One place a session can go: a suite and its start, clinic-local minutes after midnight. */
export interface Slot {
  suiteId: string;
  minutes: number;
}

/**
 * The session slots of each weekday (0 = Sunday): back to back from opening, as many whole
 * sessions as each suite's hours (or the clinic's, for a suite without its own) hold.
 */
function readSlots(sqlite: WriteContext['sqlite'], clinicHours: OpeningHours): Slot[][] {
  const suites = sqlite.prepare(`SELECT id, opening_hours AS hours FROM suites WHERE deleted_at IS NULL AND active = 1 ORDER BY sort_order, id`).all() as {
    id: string;
    hours: string | null;
  }[];
  const mins = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return [0, 1, 2, 3, 4, 5, 6].map((day) => {
    const slots: Slot[] = [];
    for (const suite of suites) {
      const hours = suite.hours ? (JSON.parse(suite.hours) as OpeningHours) : clinicHours;
      for (const h of hours.filter((x) => x.day === day)) {
        for (let m = mins(h.open); m + SUITE_MINUTES <= mins(h.close); m += SUITE_MINUTES) slots.push({ suiteId: suite.id, minutes: m });
      }
    }
    // Fill mornings across the suites first, as a front desk books.
    return slots.sort((a, b) => a.minutes - b.minutes);
  });
}

export interface OutcomesSeedReport {
  series: number;
  sessions: number;
  boosters: number;
  scores: number;
  totalScores: number;
  floorScores: number;
  dispositions: number;
  diagnoses: number;
  firstSeriesDate: string | null;
  ms: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

function readTemplates(sqlite: WriteContext['sqlite']): Template[] {
  const rows = sqlite.prepare(`SELECT id, name, session_count AS sessionCount FROM series_templates WHERE deleted_at IS NULL`).all() as Omit<Template, 'kind'>[];
  const find = (prefix: string, kind: Template['kind']) => {
    const t = rows.find((r) => r.name.startsWith(prefix));
    if (!t) throw new Error(`the seeded clinic has no "${prefix}" series template: seed its infusion floor first`);
    return { ...t, kind };
  };
  return [find('Initial series', 'initial'), find('Schwartzman', 'schwartzman'), find('5 consecutive', 'five'), find('Booster: single', 'booster')];
}

function readPatients(sqlite: WriteContext['sqlite']): PatientInfo[] {
  return sqlite
    .prepare(
      `SELECT p.id, p.created_at AS registeredAt,
         (SELECT c.payer_id FROM coverages c WHERE c.patient_id = p.id AND c.deleted_at IS NULL AND c.priority = 'primary' LIMIT 1) AS payerId,
         (SELECT d.code FROM diagnoses d WHERE d.patient_id = p.id AND d.deleted_at IS NULL ORDER BY d.is_primary DESC, d.id LIMIT 1) AS dxCode,
         (SELECT s.value FROM scores s WHERE s.patient_id = p.id AND s.deleted_at IS NULL AND s.time_point = 'baseline' AND s.instrument = 'nrs'
            ORDER BY s.observed_at LIMIT 1) AS baselineNrs,
         (SELECT min(s.observed_at) FROM scores s WHERE s.patient_id = p.id AND s.deleted_at IS NULL AND s.time_point = 'baseline') AS baselineAt
       FROM patients p WHERE p.deleted_at IS NULL ORDER BY p.created_at, p.id`,
    )
    .all() as PatientInfo[];
}

/** The planner of the history: day slots, patients in registration order, boosters queued. */
export function planOutcomeHistory(opts: {
  seed: number;
  timeZone: string;
  startDate: string;
  endDate: string;
  templates: Template[];
  patients: PatientInfo[];
  nurses: string[];
  today: number;
  slots: Slot[][];
}): PlannedSeries[] {
  const { timeZone: tz, templates } = opts;
  const [initial, schwartzman, five, booster] = templates as [Template, Template, Template, Template];
  const rng = rngFor(opts.seed, 'outcomes-plan');
  const idRng = rngFor(opts.seed, 'outcomes-ids');
  const used = new Map<string, number>();
  const free = (date: string) => (used.get(date) ?? 0) < opts.slots[weekdayOf(date)]!.length;
  const take = (date: string): Slot => {
    const n = used.get(date) ?? 0;
    used.set(date, n + 1);
    return opts.slots[weekdayOf(date)]![n]!;
  };
  const isWeekday = (d: string) => weekdayOf(d) >= 1 && weekdayOf(d) <= 5;
  const nextWeekday = (d: string) => {
    let x = d;
    while (!isWeekday(x)) x = addDays(x, 1);
    return x;
  };

  /**
   * Session dates for a template starting on `date`, within its gaps and window as the
   * templates set them (initial: 1-4 days apart, preferably 2, within 14 days; Schwartzman:
   * 1-3, preferably the next weekday; five days: Monday to Friday), on weekdays with a free
   * suite; null when it does not fit.
   */
  const datesFor = (t: Template, date: string): string[] | null => {
    if (!free(date) || date > opts.endDate) return null;
    if (t.kind === 'five') {
      if (weekdayOf(date) !== 1) return null;
      const days = [0, 1, 2, 3, 4].map((k) => addDays(date, k));
      return days.every((d) => d <= opts.endDate && free(d)) ? days : null;
    }
    const gaps = t.kind === 'initial' ? [2, 3, 1, 4] : [1, 2, 3];
    const windowEnd = addDays(date, 13);
    const out = [date];
    while (out.length < t.sessionCount) {
      const prev = out.at(-1)!;
      const d = gaps.map((g) => addDays(prev, g)).find((x) => isWeekday(x) && x <= windowEnd && x <= opts.endDate && free(x));
      if (!d) return null;
      out.push(d);
    }
    return out;
  };

  const queue = opts.patients.filter((p) => p.registeredAt < opts.today - 30 * DAY_MS);
  let next = 0;
  // Later visits of treated patients: boosters (single infusions) and repeat series.
  const later = new Map<string, { patient: PatientInfo; reduction: number; template: Template }[]>();
  const plan = (day: string, v: { patient: PatientInfo; reduction: number; template: Template }) => {
    if (day > opts.endDate) return;
    const list = later.get(day) ?? [];
    list.push(v);
    later.set(day, list);
  };
  const out: PlannedSeries[] = [];

  const book = (patient: PatientInfo, t: Template, dates: string[], reduction: number, scoreRng: Rng): PlannedSeries => {
    const createdAt = zonedToInstant(tz, dates[0]!, 9 * 60) - rng.int(5, 25) * DAY_MS;
    const seriesId = uuidV7(createdAt, idRng);
    const sessions = dates.map((date, i) => {
      const slot = take(date);
      const startsAt = zonedToInstant(tz, date, slot.minutes);
      const endsAt = startsAt + SUITE_MINUTES * MINUTE_MS;
      const noShow = i > 0 && rng.chance(0.015);
      const discharged = endsAt + rng.int(-10, 25) * MINUTE_MS;
      return {
        id: uuidV7(createdAt, idRng),
        patientId: patient.id,
        seq: i + 1,
        startsAt,
        endsAt,
        suiteId: slot.suiteId,
        status: noShow ? 'no_show' : 'discharged',
        statusTimes: noShow
          ? { no_show: startsAt + 30 * MINUTE_MS }
          : {
              arrived: startsAt - rng.int(0, 15) * MINUTE_MS,
              iv_placed: startsAt + SESSION_MINUTES.prep * MINUTE_MS,
              infusing: startsAt + (SESSION_MINUTES.prep + 2) * MINUTE_MS,
              recovery: startsAt + (SESSION_MINUTES.prep + SESSION_MINUTES.infusion) * MINUTE_MS,
              discharged,
            },
      };
    });
    const insured = patient.payerId !== null && rng.chance(0.65);
    const authorization = insured
      ? {
          id: uuidV7(createdAt - 10 * DAY_MS, idRng),
          createdAt: createdAt - 10 * DAY_MS,
          // Checked with the API's own schema, as the authorization form would be.
          fields: createAuthorizationInput.parse({
            patientId: patient.id,
            payerId: patient.payerId,
            authNumber: `PA${rng.digits(9)}`,
            status: 'approved',
            approvedSessions: t.sessionCount,
            startDate: addDays(dates[0]!, -7),
            endDate: addDays(dates[0]!, 60),
            cptCodes: ['96365', '96366', 'J3490'],
            icd10Codes: patient.dxCode ? [patient.dxCode] : null,
            decisionDate: localDateAt(tz, createdAt - 5 * DAY_MS),
          }),
        }
      : null;
    const record: SeriesRecord = {
      id: seriesId,
      patientId: patient.id,
      templateId: t.id,
      templateName: t.name,
      authorizationId: authorization?.id ?? null,
      selfPay: !authorization,
      status: 'completed',
      createdAt,
      sessions: sessions.map(({ suiteId: _suite, ...s }) => s),
    };
    const planned: PlannedSeries = { record, template: t, patient, reduction, authorization, scores: [], newDiagnosis: null, suiteIds: sessions.map((x) => x.suiteId) };
    planned.scores = scoresFor(planned, scoreRng, { idRng, nurses: opts.nurses, tz, today: opts.today });
    return planned;
  };

  for (let date = opts.startDate; date <= opts.endDate; date = addDays(date, 1)) {
    if (!isWeekday(date)) continue;
    for (const v of later.get(date) ?? []) {
      const dates = datesFor(v.template, date);
      if (dates) out.push(book(v.patient, v.template, dates, v.reduction, rngFor(opts.seed, 'outcomes-scores', out.length)));
      // A full day moves the visit to the next weekday.
      else if (v.template.kind === 'booster') plan(nextWeekday(addDays(date, 1)), v);
    }
    later.delete(date);
    const wanted = rng.pick(NEW_SERIES_PER_DAY);
    for (let k = 0; k < wanted; k++) {
      // The next patient registered (and through intake) at least a week before.
      const p = queue[next];
      const startAt = zonedToInstant(tz, date, 7 * 60);
      if (!p || Math.max(p.registeredAt, p.baselineAt ?? 0) > startAt - 7 * DAY_MS) break;
      const crps = (p.dxCode ?? '').startsWith('G90') || (p.dxCode ?? '').startsWith('G56') || (p.dxCode ?? '').startsWith('G57');
      const t = crps && rng.chance(0.25) ? schwartzman : weekdayOf(date) === 1 && rng.chance(0.2) ? five : initial;
      const dates = datesFor(t, date);
      if (!dates) continue;
      next++;
      // About a third substantial, a third moderate, the rest little or none; CRPS responds more.
      const kind = rng.weighted([
        ['substantial', crps ? 40 : 30],
        ['moderate', 32],
        ['minimal', 18],
        ['none', crps ? 10 : 20],
      ] as const);
      const reduction =
        kind === 'substantial' ? clamp(rng.normal(0.6, 0.08), 0.5, 0.9) : kind === 'moderate' ? clamp(rng.normal(0.38, 0.05), 0.3, 0.49) : kind === 'minimal' ? clamp(rng.normal(0.18, 0.05), 0.1, 0.29) : clamp(rng.normal(0.03, 0.05), -0.15, 0.09);
      const planned = book(p, t, dates, reduction, rngFor(opts.seed, 'outcomes-scores', out.length));
      out.push(planned);
      // Responders come back for boosters (monthly, one to three), some for a repeat series
      // when the relief wears off 6-12 months later.
      const end = dates.at(-1)!;
      if (reduction >= 0.3 && rng.chance(0.45)) {
        for (let b = 1, n = rng.int(1, 3); b <= n; b++) plan(nextWeekday(addDays(end, 28 * b + rng.int(0, 6))), { patient: p, reduction: clamp(reduction * rng.normal(0.9, 0.1), 0, 0.9), template: booster });
      }
      if (reduction >= 0.3 && rng.chance(0.3)) {
        plan(nextWeekday(addDays(end, rng.int(180, 360))), { patient: p, reduction: clamp(reduction * rng.normal(0.95, 0.1), 0, 0.9), template: initial });
      }
    }
  }
  return out;
}

/** The scores of one planned series: baseline (when the patient has none), before/after, follow-ups. */
function scoresFor(s: PlannedSeries, rng: Rng, ctx: { idRng: Rng; nurses: string[]; tz: string; today: number }): ScoreRecord[] {
  const out: ScoreRecord[] = [];
  const { record, patient } = s;
  const nurse = rng.pick(ctx.nurses);
  const add = (f: Omit<ScoreRecord, 'id' | 'createdAt' | 'patientId' | 'supersedesId' | 'recordedBy'> & { recordedBy?: string }) => {
    const createdAt = f.observedAt + rng.int(0, 20) * MINUTE_MS;
    const row: ScoreRecord = { id: uuidV7(createdAt, ctx.idRng), createdAt, patientId: patient.id, supersedesId: null, recordedBy: nurse, ...f };
    out.push(row);
    if (f.timePoint !== 'baseline' && f.instrument === 'nrs' && rng.chance(MISSING.correction)) {
      // A slip corrected a few minutes later: a new row that supersedes it.
      const at = createdAt + rng.int(2, 30) * MINUTE_MS;
      out.push({ ...row, id: uuidV7(at, ctx.idRng), createdAt: at, value: clamp(row.value + rng.pick([-1, 1]), 0, 10), supersedesId: row.id });
    }
  };
  const first = record.sessions[0]!;
  let base = patient.baselineNrs;
  if (patient.baselineNrs === null) {
    base = rng.weighted([[5, 6], [6, 14], [7, 24], [8, 26], [9, 18], [10, 12]] as const);
    const at = first.startsAt - rng.int(3, 21) * DAY_MS - rng.int(0, 6 * 60) * MINUTE_MS;
    add({ instrument: 'nrs', value: base, items: null, timePoint: 'baseline', sessionId: null, seriesId: null, followUp: null, observedAt: at, source: 'staff' });
    add({ instrument: 'vas', value: clamp(Math.round(base * 10 + rng.normal(0, 6)), 0, 100), items: null, timePoint: 'baseline', sessionId: null, seriesId: null, followUp: null, observedAt: at + 2 * MINUTE_MS, source: 'staff' });
    const items = [0, 1, 2].map(() => clamp(Math.round(base! - 0.5 + rng.normal(0, 1.2)), 0, 10));
    add({ instrument: 'peg', value: meanOf(items), items, timePoint: 'baseline', sessionId: null, seriesId: null, followUp: null, observedAt: at + 4 * MINUTE_MS, source: 'staff' });
    // Later series of this patient compare with this baseline too.
    patient.baselineNrs = base;
    patient.baselineAt = at;
  }
  const b = base!;
  const vas = !rng.chance(MISSING.vasSeries);
  const n = record.sessions.length;
  // Boosters keep the level reached; a series works down to its reduction by session 4.
  const levelAt = (k: number) => b * (1 - s.reduction * (s.template.kind === 'booster' ? 1 : Math.min(1, (k - 1) / 3)));
  const peg = !rng.chance(MISSING.pegSeries);
  const bpi = !rng.chance(MISSING.bpiSeries);
  const interference = (level: number) => Array.from({ length: 7 }, () => clamp(Math.round(level - 1 + rng.normal(0, 1.5)), 0, 10));
  for (const x of record.sessions) {
    if (x.status !== 'discharged') continue;
    const pre = clamp(Math.round(levelAt(x.seq) + rng.normal(0, 0.6)), 0, 10);
    const post = clamp(pre - Math.max(0, Math.round(rng.normal(1.8, 1))), 0, 10);
    const where = { sessionId: x.id, seriesId: record.id, followUp: null, items: null, source: 'staff' };
    const preAt = x.startsAt + rng.int(5, 25) * MINUTE_MS;
    const postAt = x.statusTimes['discharged']! - rng.int(2, 20) * MINUTE_MS;
    if (!rng.chance(MISSING.pre)) {
      add({ ...where, instrument: 'nrs', value: pre, timePoint: 'pre_session', observedAt: preAt });
      if (vas) add({ ...where, instrument: 'vas', value: clamp(Math.round(pre * 10 + rng.normal(0, 5)), 0, 100), timePoint: 'pre_session', observedAt: preAt + MINUTE_MS });
      if (peg) {
        const items = [0, 1, 2].map(() => clamp(Math.round(pre - 0.5 + rng.normal(0, 1.2)), 0, 10));
        add({ ...where, instrument: 'peg', value: meanOf(items), items, timePoint: 'pre_session', observedAt: preAt + 2 * MINUTE_MS });
      }
      if (bpi) {
        const items = interference(pre);
        add({ ...where, instrument: 'bpi_interference', value: meanOf(items), items, timePoint: 'pre_session', observedAt: preAt + 3 * MINUTE_MS });
      }
    }
    if (!rng.chance(MISSING.post)) {
      add({ ...where, instrument: 'nrs', value: post, timePoint: 'post_session', observedAt: postAt });
      if (vas) add({ ...where, instrument: 'vas', value: clamp(Math.round(post * 10 + rng.normal(0, 5)), 0, 100), timePoint: 'post_session', observedAt: postAt + MINUTE_MS });
    }
  }
  if (s.template.kind === 'booster') return out;
  const last = [...record.sessions].reverse().find((x) => x.status === 'discharged');
  if (!last || last.seq !== n) return out;
  const end = last.statusTimes['discharged']!;
  outcomesConfigFile().followUps.forEach((f, i) => {
    const due = end + f.offsetDays * DAY_MS;
    const at = due + rng.int(-1, f.toleranceDays) * DAY_MS + rng.int(-4 * 60, 4 * 60) * MINUTE_MS;
    if (at > ctx.today || at <= end || !rng.chance(FOLLOW_UP_TAKEN[i] ?? 0.5)) return;
    const kept = s.reduction * (FOLLOW_UP_KEEPS[i] ?? 0.7);
    const v = clamp(Math.round(b * (1 - kept) + rng.normal(0, 0.7)), 0, 10);
    const source = rng.chance(0.7) ? 'patient_questionnaire' : 'staff';
    const where = { sessionId: null, seriesId: record.id, followUp: f.key, items: null, source, recordedBy: source === 'staff' ? nurse : 'Patient questionnaire' };
    add({ ...where, instrument: 'nrs', value: v, timePoint: 'follow_up', observedAt: at });
    if (vas) add({ ...where, instrument: 'vas', value: clamp(Math.round(v * 10 + rng.normal(0, 5)), 0, 100), timePoint: 'follow_up', observedAt: at + MINUTE_MS });
    if (rng.chance(0.9)) {
      const pgic = kept >= 0.5 ? rng.int(1, 2) : kept >= 0.3 ? rng.int(2, 3) : kept >= 0.1 ? rng.int(3, 4) : rng.int(4, 5);
      add({ ...where, instrument: 'pgic', value: pgic, timePoint: 'follow_up', observedAt: at + 2 * MINUTE_MS });
    }
    if (rng.chance(0.6)) {
      const items = [0, 1, 2].map(() => clamp(Math.round(v - 0.5 + rng.normal(0, 1.2)), 0, 10));
      add({ ...where, instrument: 'peg', value: meanOf(items), items, timePoint: 'follow_up', observedAt: at + 3 * MINUTE_MS });
    }
    if (bpi) {
      const items = interference(v);
      add({ ...where, instrument: 'bpi_interference', value: meanOf(items), items, timePoint: 'follow_up', observedAt: at + 4 * MINUTE_MS });
    }
  });
  return out;
}

/** Before/after NRS for the floor's sessions worked before "today" (scripts/lib/seed-series.ts). */
function floorScores(w: WriteContext, seed: number, nurses: string[]): ScoreRecord[] {
  const rows = w.sqlite
    .prepare(
      `SELECT x.id, x.series_id AS seriesId, x.patient_id AS patientId, x.starts_at AS startsAt, x.status_times AS statusTimes
       FROM infusion_sessions x WHERE x.deleted_at IS NULL AND x.status = 'discharged'
         AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.session_id = x.id) ORDER BY x.starts_at, x.id`,
    )
    .all() as { id: string; seriesId: string; patientId: string; startsAt: number; statusTimes: string }[];
  const baseline = w.sqlite.prepare(
    `SELECT value FROM scores WHERE patient_id = ? AND deleted_at IS NULL AND time_point = 'baseline' AND instrument = 'nrs' ORDER BY observed_at DESC LIMIT 1`,
  );
  const rng = rngFor(seed, 'outcomes-floor');
  const idRng = rngFor(seed, 'outcomes-floor-ids');
  const out: ScoreRecord[] = [];
  for (const x of rows) {
    const b = (baseline.get(x.patientId) as { value: number } | undefined)?.value ?? 7;
    const discharged = (JSON.parse(x.statusTimes) as Record<string, number>)['discharged']!;
    const pre = clamp(Math.round(b * (1 - rng.next() * 0.3) + rng.normal(0, 0.6)), 0, 10);
    const post = clamp(pre - Math.max(0, Math.round(rng.normal(1.8, 1))), 0, 10);
    const nurse = rng.pick(nurses);
    const base = { patientId: x.patientId, items: null, sessionId: x.id, seriesId: x.seriesId, followUp: null, recordedBy: nurse, source: 'staff', supersedesId: null };
    if (!rng.chance(MISSING.pre)) {
      const at = x.startsAt + rng.int(5, 25) * MINUTE_MS;
      out.push({ ...base, id: uuidV7(at, idRng), createdAt: at, instrument: 'nrs', value: pre, timePoint: 'pre_session', observedAt: at });
    }
    if (!rng.chance(MISSING.post)) {
      const at = discharged - rng.int(2, 20) * MINUTE_MS;
      out.push({ ...base, id: uuidV7(at, idRng), createdAt: at, instrument: 'nrs', value: post, timePoint: 'post_session', observedAt: at });
    }
  }
  return out;
}

export function seedOutcomes(w: WriteContext, opts: { seed: number; targetScores?: number; log?: (line: string) => void }): OutcomesSeedReport {
  const started = performance.now();
  const target = opts.targetScores ?? DEFAULT_OUTCOME_SCORES;
  const settings = readScheduleSettings(w.sqlite);
  const tz = settings.timeZone;
  const today = SEED_REFERENCE_INSTANT;
  const templates = readTemplates(w.sqlite);
  const nurses = (w.sqlite.prepare(`SELECT name FROM staff WHERE deleted_at IS NULL AND role IN ('rn', 'crna') ORDER BY name`).pluck().all() as string[]) ?? [];
  if (!nurses.length) throw new Error('the seeded clinic has no nurse to take scores');
  const floorFirst = w.sqlite.prepare(`SELECT min(starts_at) FROM infusion_sessions WHERE deleted_at IS NULL`).pluck().get() as number | null;
  // History ends the day before the floor's first session (and before today).
  const endDate = addDays(localDateAt(tz, Math.min(floorFirst ?? today, today)), -1);
  const startDate = addDays(localDateAt(tz, SEED_CLINIC_OPENED), 7);
  const patients = readPatients(w.sqlite);
  const existing = w.sqlite.prepare(`SELECT count(*) FROM scores WHERE deleted_at IS NULL`).pluck().get() as number;
  const floor = floorScores(w, opts.seed, nurses);

  const slots = readSlots(w.sqlite, settings.openingHours);
  let planned = planOutcomeHistory({ seed: opts.seed, timeZone: tz, startDate, endDate, templates, patients, nurses, today, slots });
  // Keep the most recent history that brings the clinic to about the target.
  let total = existing + floor.length;
  let keepFrom = planned.length;
  while (keepFrom > 0 && total + planned[keepFrom - 1]!.scores.length <= target) total += planned[--keepFrom]!.scores.length;
  // A kept series whose patient's baseline was taken with a dropped (older) one keeps that baseline.
  const keptPatients = new Set(planned.slice(keepFrom).map((p) => p.patient.id));
  const orphanBaselines = new Map<string, ScoreRecord[]>();
  for (const p of planned.slice(0, keepFrom)) {
    if (!keptPatients.has(p.patient.id)) continue;
    const list = orphanBaselines.get(p.patient.id) ?? [];
    list.push(...p.scores.filter((x) => x.timePoint === 'baseline'));
    orphanBaselines.set(p.patient.id, list);
  }
  planned = planned.slice(keepFrom);
  for (const p of planned) {
    const moved = orphanBaselines.get(p.patient.id);
    if (!moved) continue;
    p.scores.unshift(...moved);
    orphanBaselines.delete(p.patient.id);
  }

  // Diagnoses for patients the intake seed left without one.
  const dxRng = rngFor(opts.seed, 'outcomes-dx');
  const idRng = rngFor(opts.seed, 'outcomes-write-ids');
  const given = new Set<string>();
  for (const p of planned) {
    if (p.patient.dxCode || given.has(p.patient.id)) continue;
    given.add(p.patient.id);
    const createdAt = p.record.createdAt - dxRng.int(1, 10) * DAY_MS;
    p.newDiagnosis = { id: uuidV7(createdAt, idRng), createdAt, code: dxRng.weighted(DX_MIX) };
  }

  // Dispositions on review flags old enough for a clinician to have seen them.
  const cfg = { ...outcomesConfigFile(), timeZone: tz };
  // Each patient's scores as the app will see them: the intake's baselines already stored, and the planned ones.
  const byPatient = scoresForPatients(w.sqlite, [...new Set(planned.map((p) => p.patient.id))]);
  for (const p of planned) for (const s of p.scores) (byPatient.get(s.patientId) ?? byPatient.set(s.patientId, []).get(s.patientId)!).push(s);
  const dispRng = rngFor(opts.seed, 'outcomes-dispositions');
  const dispositions: { createdAt: number; fields: InsertFields<typeof outcomeDispositions> }[] = [];
  for (const p of planned) {
    const ev = new SeriesEvaluation(p.record, byPatient.get(p.patient.id) ?? [], cfg);
    for (const f of ev.flags()) {
      const session = p.record.sessions.find((x) => x.id === f.sessionId)!;
      const flaggedAt = session.statusTimes['discharged'] ?? session.endsAt;
      // Older flags have nearly all been decided; a few recent ones are still waiting.
      if (flaggedAt > today - DISPOSED_AFTER_DAYS * DAY_MS || (flaggedAt > today - 90 * DAY_MS && !dispRng.chance(0.85))) continue;
      const decidedAt = flaggedAt + dispRng.int(1, 10) * DAY_MS;
      const disposition = dispRng.weighted([
        ['continue', 45],
        ['change_protocol', 25],
        ['stop', 20],
        ['other', 10],
      ] as const);
      const note =
        disposition === 'change_protocol'
          ? dispRng.pick(['Longer infusions (6 h) next series.', 'Add midazolam premedication; slower titration.', 'Switch to the 10-infusion protocol.'])
          : disposition === 'other'
            ? dispRng.pick(['Refer to pain psychology before deciding.', 'Discuss spinal cord stimulator trial.', 'Patient to think it over; call in 2 weeks.'])
            : disposition === 'stop'
              ? dispRng.pick(['No meaningful benefit; stop ketamine.', null])
              : dispRng.pick(['Finish the series and reassess.', null]);
      dispositions.push({
        createdAt: decidedAt,
        fields: {
          id: uuidV7(decidedAt, idRng),
          patientId: p.patient.id,
          seriesId: p.record.id,
          flagKey: flagKeyOf(p.record.id, f),
          disposition,
          note,
          decidedBy: dispRng.pick(['Dr. Patel', 'Dr. Okafor', 'Dr. Lindqvist']),
          decidedAt,
          reason: f.reason,
          percentReduction: f.percentReduction,
        },
      });
    }
  }

  // Write: rows carry their simulated creation instants; the change log's clock runs on from
  // the device's last timestamp (one millisecond per 1024 rows), as in the intake seed.
  let t = today;
  let ticks = 0;
  const base = w.clock.last.millis;
  const clock = new HybridLogicalClock({ node: w.clock.node, last: w.clock.last, now: () => base + Math.floor(ticks++ / 1024) });
  const at = (ms: number): WriteContext => {
    t = ms;
    return ctxAt;
  };
  const ctxAt: WriteContext = { ...w, clock, now: () => t };
  const writeScore = (s: ScoreRecord) =>
    insertRow(at(s.createdAt), scores, {
      id: s.id,
      patientId: s.patientId,
      instrument: s.instrument,
      value: s.value,
      items: s.items,
      timePoint: s.timePoint,
      sessionId: s.sessionId,
      seriesId: s.seriesId,
      followUp: s.followUp,
      observedAt: s.observedAt,
      recordedBy: s.recordedBy,
      source: s.source,
      supersedesId: s.supersedesId,
    });
  const writeBatch = w.sqlite.transaction((batch: PlannedSeries[]) => {
    for (const p of batch) {
      if (p.newDiagnosis) insertRow(at(p.newDiagnosis.createdAt), diagnoses, { id: p.newDiagnosis.id, patientId: p.patient.id, code: p.newDiagnosis.code, isPrimary: true, onsetDate: null, note: null });
      if (p.authorization) insertRow(at(p.authorization.createdAt), authorizations, { id: p.authorization.id, ...p.authorization.fields });
      const r = p.record;
      insertRow(at(r.createdAt), infusionSeries, {
        id: r.id,
        patientId: r.patientId,
        templateId: r.templateId,
        templateSnapshot: { name: p.template.name },
        authorizationId: r.authorizationId,
        selfPay: r.selfPay,
        status: 'completed',
        note: null,
      });
      r.sessions.forEach((x, i) => {
        insertRow(at(r.createdAt), infusionSessions, {
          id: x.id,
          seriesId: r.id,
          patientId: r.patientId,
          seq: x.seq,
          suiteId: p.suiteIds[i]!,
          supervisorId: null,
          startsAt: x.startsAt,
          infusionStartsAt: x.startsAt + SESSION_MINUTES.prep * MINUTE_MS,
          recoveryStartsAt: x.startsAt + (SESSION_MINUTES.prep + SESSION_MINUTES.infusion) * MINUTE_MS,
          endsAt: x.endsAt,
          status: x.status,
          statusTimes: x.statusTimes as Record<string, number>,
          checklist: {},
        });
      });
      for (const s of p.scores) writeScore(s);
    }
  });
  for (let i = 0; i < planned.length; i += 200) writeBatch(planned.slice(i, i + 200));
  w.sqlite.transaction(() => {
    for (const s of floor) writeScore(s);
    for (const d of dispositions) insertRow(at(d.createdAt), outcomeDispositions, d.fields);
  })();
  w.clock.receive(clock.last);

  const report: OutcomesSeedReport = {
    series: planned.length,
    sessions: planned.reduce((n, p) => n + p.record.sessions.length, 0),
    boosters: planned.filter((p) => p.template.kind === 'booster').length,
    scores: planned.reduce((n, p) => n + p.scores.length, 0),
    floorScores: floor.length,
    totalScores: w.sqlite.prepare(`SELECT count(*) FROM scores WHERE deleted_at IS NULL`).pluck().get() as number,
    dispositions: dispositions.length,
    diagnoses: given.size,
    firstSeriesDate: planned[0] ? localDateAt(tz, planned[0].record.sessions[0]!.startsAt) : null,
    ms: performance.now() - started,
  };
  opts.log?.(
    `  outcomes: ${fmtInt(report.series)} past series (${fmtInt(report.boosters)} boosters) with ${fmtInt(report.sessions)} sessions from ${report.firstSeriesDate ?? '-'}, ` +
      `${fmtInt(report.scores)} scores, ${fmtInt(report.floorScores)} on the floor's worked sessions, ${fmtInt(report.dispositions)} review decisions, ` +
      `${fmtInt(report.diagnoses)} primary diagnoses added; ${fmtInt(report.totalScores)} scores in the clinic (${fmtSeconds(report.ms)})`,
  );
  return report;
}

/** Opens the store in `dataDir` (seeded by seedClinic and seedInfusionFloor), seeds outcomes, closes it. */
export async function seedOutcomeHistory(opts: { dataDir: string; seed: number; targetScores?: number; log?: (line: string) => void }): Promise<OutcomesSeedReport> {
  const now = () => SEED_REFERENCE_INSTANT;
  const backend = openBackend({ dataDir: opts.dataDir, migrationsFolder: MIGRATIONS_FOLDER, transport: 'http', inProcessAdmin: true, storeKey: scriptStoreKey(opts.dataDir, { create: true }), now });
  try {
    const me = await backend.invoke('system.whoami', {});
    if (!me.ok) throw new Error(`the backend did not start cleanly: ${me.error.message}`);
    const { db, sqlite } = backend.store;
    const w: WriteContext = { db, sqlite, clock: loadDeviceClock(sqlite, now), userId: (me.result as { user: { id: string } }).user.id, now };
    return seedOutcomes(w, { seed: opts.seed, ...(opts.targetScores !== undefined ? { targetScores: opts.targetScores } : {}), ...(opts.log ? { log: opts.log } : {}) });
  } finally {
    backend.close();
  }
}

/** Seed outcomes into the clinic at `dataDir` unless it already has outcome history (series scores). */
export async function ensureOutcomeHistory(opts: { dataDir: string; seed: number; log?: (line: string) => void }): Promise<OutcomesSeedReport | null> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const sqlite = openSqliteAsFound(join(resolve(opts.dataDir), DB_FILE_NAME), scriptStoreKey(opts.dataDir, { create: true }), { readonly: true, fileMustExist: true });
  let n = 0;
  try {
    n = sqlite.prepare(`SELECT count(*) FROM scores WHERE series_id IS NOT NULL`).pluck().get() as number;
  } catch {
    n = 0; // a store from before migration 0004: the backend migrates it on open
  } finally {
    sqlite.close();
  }
  if (n > 0) return null;
  log(`The clinic in ${resolve(opts.dataDir)} has no outcome history: seeding it (seed ${opts.seed}).`);
  return seedOutcomeHistory({ ...opts, log });
}
