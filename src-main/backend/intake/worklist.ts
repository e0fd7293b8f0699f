/**
 * The intake work list: patients whose intake is incomplete, least complete first.
 *
 * Who is on it: every patient with a diagnosis or any other intake data, plus every patient
 * created in the last 90 days (new patients without a diagnosis yet). Completeness is the
 * same rule as the chart's (rules/completeness.ts), the physician's sign-off included: each
 * row carries the review items still waiting for it (rules/review.ts).
 *
 * Speed (50,000 patients): one SQL statement returns one compact row per candidate patient,
 * each table's facts folded into a JSON column by an index search on patient_id, because
 * turning rows into JS objects costs more than finding them. That is about a second on a
 * 50,000-patient clinic (1.5-2 s for the first, whose pages are read and decrypted from the
 * file), so the sorted list is computed once and then kept up to date:
 * - paging, reopening the list and writes it does not read (a sign-in, the audit trail of a
 *   chart opened) use it as it is;
 * - a write on this connection to a table it reads names its patient in a temporary table
 *   (temporary triggers: only on this connection, only in memory, rolled back with the write),
 *   and the next call reads the candidate row of those patients alone and puts their entries
 *   back in order: a diagnosis typed in, a score recorded or a sign-off changes one patient's
 *   entry, not the whole list;
 * - a new day (the 90 days of new patients move), a write by another connection (SQLite's
 *   data_version: the sync applier on its own handle, another process), a rolled-back write
 *   after the list was read, or more than MAX_DIRTY patients at once computes it all again.
 * Baseline instruments come from the partial index
 * scores_baseline alone and corrections from scores_supersedes (migration 0024): reading every
 * score row of a patient once per baseline score was a quarter of the statement. Review items
 * are worked out once per distinct screening answers and medication list (rules/review.ts).
 */
import type { Statement } from 'better-sqlite3';
import { DIAGNOSIS_GROUPS, type DiagnosisGroup, type InteractionFlag, type ReviewItem, type WorklistItem } from '../../../src-shared/api/schemas/intake';
import { evaluateBudapest } from '../../../src-shared/domain/budapest';
import type { HandlerContext } from '../api/context';
import type { Sqlite } from '../db/open';
import { patientWatch, planRefresh, type KeptMark, type PatientWatch } from '../db/patient-watch';
import type { IntakeResources } from './resources';
import { evaluateCompleteness, type CompletenessFacts } from './rules/completeness';
import { interactionFlags } from './rules/interactions';
import { openItems, reviewItems } from './rules/review';
import type { ScreeningAnswers } from './rules/screening';

export const RECENT_PATIENT_DAYS = 90;
const DAY_MS = 86_400_000;

const live = (table: string, alias: string) => `FROM ${table} ${alias} WHERE ${alias}.patient_id = p.id AND ${alias}.deleted_at IS NULL`;

/** The patient has some intake data (else only a recent patient is listed). */
const HAS_INTAKE_DATA = `(
  EXISTS (SELECT 1 ${live('diagnoses', 'd')})
  OR EXISTS (SELECT 1 ${live('budapest_evaluations', 'b')})
  OR EXISTS (SELECT 1 ${live('prior_treatments', 't')})
  OR EXISTS (SELECT 1 ${live('current_medications', 'm')})
  OR EXISTS (SELECT 1 ${live('scores', 's')})
  OR EXISTS (SELECT 1 ${live('screenings', 'r')}))`;

// Patients created since @since are all read, with whether they have intake data, so the list
// can be kept for a whole day and a patient without data still leaves it at the exact minute
// their 90 days are up. (An older patient is only read because it has data.)
export const CANDIDATES_SQL = `
SELECT p.id, p.created_at,
  (SELECT json_group_array(json_array(d.code, d.is_primary)) ${live('diagnoses', 'd')}) AS dx,
  (SELECT json_array(b.evaluated_on, b.disproportionate_pain, b.no_better_diagnosis, json(b.symptoms), json(b.signs))
     ${live('budapest_evaluations', 'b')} ORDER BY b.evaluated_on DESC, b.created_at DESC, b.id DESC LIMIT 1) AS bud,
  (SELECT json_group_array(json_array(t.kind, t.outcome, t.start_date, t.name)) ${live('prior_treatments', 't')}) AS tx,
  (SELECT group_concat(DISTINCT s.instrument) ${live('scores', 's')} AND s.time_point = 'baseline'
     -- a corrected score no longer counts (corrections are always for the same patient)
     AND NOT EXISTS (SELECT 1 FROM scores c WHERE c.patient_id = s.patient_id AND c.supersedes_id = s.id)) AS sc,
  (SELECT r.answers ${live('screenings', 'r')} ORDER BY r.screened_on DESC, r.created_at DESC, r.id DESC LIMIT 1) AS scr,
  (SELECT json_group_array(m.drug) ${live('current_medications', 'm')}) AS meds,
  (SELECT json(o.reviewed) ${live('intake_signoffs', 'o')} ORDER BY o.signed_at DESC, o.created_at DESC, o.id DESC LIMIT 1) AS so,
  CASE WHEN p.created_at >= @since THEN ${HAS_INTAKE_DATA} ELSE 1 END AS has_data
FROM patients p
WHERE p.deleted_at IS NULL AND (p.created_at >= @since OR ${HAS_INTAKE_DATA})`;

type CandidateRow = [
  id: string,
  createdAt: number,
  dx: string,
  bud: string | null,
  tx: string,
  sc: string | null,
  scr: string | null,
  meds: string,
  so: string | null,
  hasData: number,
];

interface Entry {
  pid: string;
  createdAt: number;
  /** Without intake data the patient is listed only while recent. */
  hasData: boolean;
  groups: DiagnosisGroup[];
  primaryCode: string | null;
  done: number;
  total: number;
  percent: number;
  firstMissing: string;
  openReview: WorklistItem['openReview'];
}

interface Cached extends KeptMark {
  res: IntakeResources;
  /** The UTC day it was computed for, and the "recent patient" instant that day binds. */
  day: number;
  since: number;
  entries: Entry[]; // incomplete only, sorted
}

/** Every table CANDIDATES_SQL reads: a write to any of them changes the list. */
export const WORKLIST_TABLES = [
  'patients',
  'diagnoses',
  'budapest_evaluations',
  'prior_treatments',
  'scores',
  'screenings',
  'current_medications',
  'intake_signoffs',
] as const;

/** Past this many patients changed at once (an import, a sync round), the whole list is computed again. */
export const MAX_DIRTY = 2000;

/** How many times the whole list was computed (tests check that unrelated writes keep it). */
let computations = 0;
export function worklistComputations(): number {
  return computations;
}

/** How many times some patients' entries were brought up to date without computing the whole list. */
let refreshes = 0;
export function worklistRefreshes(): number {
  return refreshes;
}

interface State {
  watch: PatientWatch;
  all: Statement;
  /** The candidate rows of some patients: @ids is a JSON array of their ids. */
  some: Statement;
  cached: Cached | null;
}

const states = new WeakMap<Sqlite, State>();

function state(sqlite: Sqlite): State {
  let s = states.get(sqlite);
  if (!s) {
    s = {
      // Every watched table's rows name their patient; a patients row is the patient.
      watch: patientWatch(
        sqlite,
        'worklist',
        WORKLIST_TABLES.map((table) => ({ table, patient: table === 'patients' ? 'R.id' : 'R.patient_id' })),
      ),
      all: sqlite.prepare(CANDIDATES_SQL).raw(),
      some: sqlite.prepare(`${CANDIDATES_SQL} AND p.id IN (SELECT value FROM json_each(@ids))`).raw(),
      cached: null,
    };
    states.set(sqlite, s);
  }
  return s;
}

/** `fn` worked out once per key for the life of the returned function. */
function memo<K, V>(fn: (key: K) => V): (key: K) => V {
  const seen = new Map<K, V>();
  return (key) => {
    let v = seen.get(key);
    if (v === undefined) seen.set(key, (v = fn(key)));
    return v;
  };
}

/** Least complete first; among equals, the patient waiting longest. */
const byNeed = (x: Entry, y: Entry) => x.percent - y.percent || x.createdAt - y.createdAt || (x.pid < y.pid ? -1 : 1);

/** The entries of the incomplete intakes among candidate rows, unsorted. */
function entriesOf(rows: CandidateRow[], res: IntakeResources): Entry[] {
  const entries: Entry[] = [];
  // Many patients share screening answers and drug names, and so the review items they make:
  // each is worked out once per computation (same pure rules, same results as one at a time).
  const flagsOf = memo((drug: string): InteractionFlag[] => interactionFlags(drug, res.interactions.rules));
  const answersOf = memo((scr: string) => JSON.parse(scr) as ScreeningAnswers);
  const reviewOf = memo((key: string): ReviewItem[] => {
    const cut = key.indexOf('\u0000');
    const scr = key.slice(0, cut);
    const meds = key.slice(cut + 1);
    const drugs = (JSON.parse(meds) as string[]).map((drug) => ({ drug, flags: flagsOf(drug) }));
    return reviewItems(res.screening.items, scr ? answersOf(scr) : null, drugs, res.interactions.rules);
  });
  for (const [pid, createdAt, dx, bud, tx, sc, scr, meds, so, hasData] of rows) {
    const codes = JSON.parse(dx) as [string, number][];
    const groupSet = new Set<DiagnosisGroup>(codes.map(([code]) => res.icd10ByCode.get(code)?.group ?? 'other_chronic_pain'));
    let budapest: CompletenessFacts['budapest'] = null;
    if (bud) {
      const [evaluatedOn, a, d, symptoms, signs] = JSON.parse(bud) as [string, number, number, Record<string, string[]>, Record<string, string[]>];
      const r = evaluateBudapest({ disproportionatePain: !!a, noBetterDiagnosis: !!d, symptoms, signs });
      budapest = { evaluatedOn, clinicalMet: r.clinicalMet, researchMet: r.researchMet, clinicalExplanation: r.clinicalExplanation, researchExplanation: r.researchExplanation };
    }
    const treatments = (JSON.parse(tx) as [string, string, string | null, string][]).map(([kind, outcome, startDate, name]) => ({ kind, outcome, startDate, name }));
    // The physician's review: the same items and keys as the chart's (rules/review.ts).
    const items = reviewOf(`${scr ?? ''}\u0000${meds}`);
    const signed = so ? (JSON.parse(so) as { key: string }[]) : null;
    const open = openItems(items, signed?.map((r) => r.key) ?? []);
    const c = evaluateCompleteness(res.completeness, {
      diagnosisGroups: [...groupSet],
      budapest,
      treatments,
      baselineInstruments: new Set(sc ? sc.split(',') : []),
      screeningDone: scr !== null,
      review: { items: items.length, openLabels: open.map((i) => i.label), signedBefore: signed !== null },
    });
    if (c.complete) continue;
    const first = c.items.find((i) => !i.done)!;
    entries.push({
      pid,
      createdAt,
      hasData: hasData === 1,
      groups: c.groups,
      primaryCode: (codes.find(([, primary]) => primary) ?? codes[0])?.[0] ?? null,
      done: c.done,
      total: c.total,
      percent: c.percent,
      firstMissing: first.missingReason ?? first.label,
      openReview: open.map((i) => ({ kind: i.kind, label: i.label })),
    });
  }
  return entries;
}

/** The list as it stands now: computed whole, brought up to date for the patients changed, or kept. */
function currentEntries(sqlite: Sqlite, s: State, res: IntakeResources, day: number): Entry[] {
  const c = s.cached;
  const { refresh, mark } = planRefresh(sqlite, s.watch, c, c !== null && c.res === res && c.day === day, MAX_DIRTY);
  if (refresh.kind === 'whole' || !c) {
    computations++;
    const since = day * DAY_MS - RECENT_PATIENT_DAYS * DAY_MS;
    const entries = entriesOf(s.all.all({ since }) as CandidateRow[], res).sort(byNeed);
    s.cached = { res, day, since, ...mark, entries };
    return entries;
  }
  if (refresh.kind === 'patients') {
    refreshes++;
    const fresh = entriesOf(s.some.all({ since: c.since, ids: JSON.stringify([...refresh.ids]) }) as CandidateRow[], res);
    c.entries = c.entries.filter((e) => !refresh.ids.has(e.pid)).concat(fresh).sort(byNeed);
  }
  c.gen = mark.gen;
  c.dataVersion = mark.dataVersion;
  return c.entries;
}

export interface WorklistOptions {
  limit: number;
  offset: number;
  group?: DiagnosisGroup | undefined;
}

export function intakeWorklist(
  ctx: Pick<HandlerContext, 'sqlite' | 'now'>,
  res: IntakeResources,
  opts: WorklistOptions,
): { items: WorklistItem[]; total: number } {
  const { sqlite } = ctx;
  const s = state(sqlite);
  // "Created in the last 90 days" moves with the clock, to the minute. The kept list reads every
  // patient created in the 90 days before the start of today (UTC) and is recomputed each day;
  // each call drops those without data whose 90 days are up.
  const minute = Math.floor(ctx.now() / 60_000);
  const recentSince = minute * 60_000 - RECENT_PATIENT_DAYS * DAY_MS;
  const day = Math.floor(ctx.now() / DAY_MS);
  const entries = currentEntries(sqlite, s, res, day);
  const group = opts.group;
  const all = entries.filter((e) => (e.hasData || e.createdAt >= recentSince) && (!group || e.groups.includes(group)));
  const page = all.slice(opts.offset, opts.offset + opts.limit);
  if (page.length === 0) return { items: [], total: all.length };

  const people = new Map(
    (
      sqlite
        .prepare(
          `SELECT id, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, mrn
           FROM patients WHERE id IN (${page.map(() => '?').join(',')})`,
        )
        .all(...page.map((e) => e.pid)) as { id: string; firstName: string; lastName: string; dateOfBirth: string; mrn: string }[]
    ).map((p) => [p.id, p]),
  );
  const items = page.map((e): WorklistItem => {
    const p = people.get(e.pid)!;
    return {
      patientId: e.pid,
      firstName: p.firstName,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      mrn: p.mrn,
      primaryCode: e.primaryCode,
      groups: DIAGNOSIS_GROUPS.filter((g) => e.groups.includes(g)),
      done: e.done,
      total: e.total,
      percent: e.percent,
      missingCount: e.total - e.done,
      firstMissing: e.firstMissing,
      openReview: e.openReview,
      patientCreatedAt: e.createdAt,
    };
  });
  return { items, total: all.length };
}
