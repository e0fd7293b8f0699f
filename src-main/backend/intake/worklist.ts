/**
 * The intake work list: patients whose intake is incomplete, least complete first.
 *
 * Who is on it: every patient with a diagnosis or any other intake data, plus every patient
 * created in the last 90 days (new patients without a diagnosis yet). Completeness is the
 * same rule as the chart's (rules/completeness.ts), fed from one grouped query per intake
 * table instead of one query per patient, so the list stays quick on 50,000 patients.
 */
import type { Statement } from 'better-sqlite3';
import type { DiagnosisGroup, WorklistItem } from '../../../src-shared/api/schemas/intake';
import { evaluateBudapest } from '../../../src-shared/domain/budapest';
import type { HandlerContext } from '../api/context';
import type { Sqlite } from '../db/open';
import type { IntakeResources } from './resources';
import { evaluateCompleteness, type CompletenessFacts } from './rules/completeness';

export const RECENT_PATIENT_DAYS = 90;
const DAY_MS = 86_400_000;

// Each query returns only rows of live patients (a removed patient leaves the list).
const LIVE = `JOIN patients p ON p.id = t.patient_id AND p.deleted_at IS NULL`;
const SQL = {
  diagnoses: `SELECT t.patient_id AS pid, t.code, t.is_primary AS isPrimary FROM diagnoses t ${LIVE}
              WHERE t.deleted_at IS NULL ORDER BY t.created_at`,
  budapest: `SELECT t.patient_id AS pid, t.evaluated_on AS evaluatedOn, t.disproportionate_pain AS a, t.no_better_diagnosis AS d,
                    t.symptoms, t.signs
             FROM budapest_evaluations t ${LIVE}
             WHERE t.deleted_at IS NULL ORDER BY t.patient_id, t.evaluated_on DESC, t.created_at DESC, t.id DESC`,
  treatments: `SELECT t.patient_id AS pid, t.kind, t.name, t.outcome, t.start_date AS startDate FROM prior_treatments t ${LIVE}
               WHERE t.deleted_at IS NULL`,
  scores: `SELECT DISTINCT t.patient_id AS pid, t.instrument FROM scores t ${LIVE}
           WHERE t.time_point = 'baseline' AND t.deleted_at IS NULL
             AND t.id NOT IN (SELECT supersedes_id FROM scores WHERE supersedes_id IS NOT NULL)`,
  screenings: `SELECT DISTINCT t.patient_id AS pid FROM screenings t ${LIVE} WHERE t.deleted_at IS NULL`,
  medications: `SELECT DISTINCT t.patient_id AS pid FROM current_medications t ${LIVE} WHERE t.deleted_at IS NULL`,
  recent: `SELECT id AS pid FROM patients WHERE deleted_at IS NULL AND created_at >= ?`,
} as const;

const statements = new WeakMap<Sqlite, Map<string, Statement>>();
function stmt(sqlite: Sqlite, text: string): Statement {
  let m = statements.get(sqlite);
  if (!m) statements.set(sqlite, (m = new Map()));
  let s = m.get(text);
  if (!s) m.set(text, (s = sqlite.prepare(text)));
  return s;
}

interface Acc {
  groups: Set<DiagnosisGroup>;
  primaryCode: string | null;
  firstCode: string | null;
  budapest: CompletenessFacts['budapest'];
  treatments: { kind: string; name: string; outcome: string; startDate: string | null }[];
  instruments: Set<string>;
  screeningDone: boolean;
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
  const acc = new Map<string, Acc>();
  const get = (pid: string): Acc => {
    let a = acc.get(pid);
    if (!a) {
      a = { groups: new Set(), primaryCode: null, firstCode: null, budapest: null, treatments: [], instruments: new Set(), screeningDone: false };
      acc.set(pid, a);
    }
    return a;
  };

  for (const r of stmt(sqlite, SQL.diagnoses).all() as { pid: string; code: string; isPrimary: number }[]) {
    const a = get(r.pid);
    a.groups.add(res.icd10ByCode.get(r.code)?.group ?? 'other_chronic_pain');
    a.firstCode ??= r.code;
    if (r.isPrimary) a.primaryCode = r.code;
  }
  let lastPid: string | null = null;
  for (const r of stmt(sqlite, SQL.budapest).all() as { pid: string; evaluatedOn: string; a: number; d: number; symptoms: string; signs: string }[]) {
    if (r.pid === lastPid) continue; // ordered latest first per patient: the first row is the current one
    lastPid = r.pid;
    const result = evaluateBudapest({
      disproportionatePain: !!r.a,
      noBetterDiagnosis: !!r.d,
      symptoms: JSON.parse(r.symptoms) as Record<string, string[]>,
      signs: JSON.parse(r.signs) as Record<string, string[]>,
    });
    get(r.pid).budapest = {
      evaluatedOn: r.evaluatedOn,
      clinicalMet: result.clinicalMet,
      researchMet: result.researchMet,
      clinicalExplanation: result.clinicalExplanation,
      researchExplanation: result.researchExplanation,
    };
  }
  for (const r of stmt(sqlite, SQL.treatments).all() as { pid: string; kind: string; name: string; outcome: string; startDate: string | null }[]) {
    get(r.pid).treatments.push(r);
  }
  for (const r of stmt(sqlite, SQL.scores).all() as { pid: string; instrument: string }[]) get(r.pid).instruments.add(r.instrument);
  for (const r of stmt(sqlite, SQL.screenings).all() as { pid: string }[]) get(r.pid).screeningDone = true;
  for (const r of stmt(sqlite, SQL.medications).all() as { pid: string }[]) get(r.pid);
  for (const r of stmt(sqlite, SQL.recent).all(ctx.now() - RECENT_PATIENT_DAYS * DAY_MS) as { pid: string }[]) get(r.pid);

  const rows: { pid: string; a: Acc; groups: DiagnosisGroup[]; done: number; total: number; percent: number; firstMissing: string }[] = [];
  for (const [pid, a] of acc) {
    if (opts.group && !a.groups.has(opts.group)) continue;
    const c = evaluateCompleteness(res.completeness, {
      diagnosisGroups: [...a.groups],
      budapest: a.budapest,
      treatments: a.treatments,
      baselineInstruments: a.instruments,
      screeningDone: a.screeningDone,
    });
    if (c.complete) continue;
    const first = c.items.find((i) => !i.done)!;
    rows.push({ pid, a, groups: c.groups, done: c.done, total: c.total, percent: c.percent, firstMissing: first.missingReason ?? first.label });
  }
  const total = rows.length;
  if (total === 0) return { items: [], total };

  // Only the page needs names; created_at orders ties (waiting longest first).
  const created = new Map<string, number>();
  for (const r of stmt(sqlite, `SELECT id, created_at AS createdAt FROM patients WHERE deleted_at IS NULL`).iterate() as Iterable<{ id: string; createdAt: number }>) {
    if (acc.has(r.id)) created.set(r.id, r.createdAt);
  }
  rows.sort((x, y) => x.percent - y.percent || (created.get(x.pid) ?? 0) - (created.get(y.pid) ?? 0) || (x.pid < y.pid ? -1 : 1));
  const page = rows.slice(opts.offset, opts.offset + opts.limit);
  if (page.length === 0) return { items: [], total };

  const people = new Map(
    (
      sqlite
        .prepare(
          `SELECT id, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, mrn, created_at AS createdAt
           FROM patients WHERE id IN (${page.map(() => '?').join(',')})`,
        )
        .all(...page.map((r) => r.pid)) as { id: string; firstName: string; lastName: string; dateOfBirth: string; mrn: string; createdAt: number }[]
    ).map((p) => [p.id, p]),
  );
  const items: WorklistItem[] = page.map((r) => {
    const p = people.get(r.pid)!;
    return {
      patientId: r.pid,
      firstName: p.firstName,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      mrn: p.mrn,
      primaryCode: r.a.primaryCode ?? r.a.firstCode,
      groups: r.groups,
      done: r.done,
      total: r.total,
      percent: r.percent,
      missingCount: r.total - r.done,
      firstMissing: r.firstMissing,
      patientCreatedAt: p.createdAt,
    };
  });
  return { items, total };
}
