/**
 * The clinic-wide lists: scores owed now (outcomes.due) and patients flagged for clinical
 * review (outcomes.reviewQueue), and recording a clinician's decision on a flag.
 */
import { ApiError } from '../../../src-shared/api/errors';
import type { DispositionOut, ReviewFlagOut } from '../../../src-shared/api/schemas/outcomes';
import type { z } from 'zod';
import type { dueListInput, recordDispositionInput, reviewQueueInput } from '../../../src-shared/api/schemas/outcomes';
import type { HandlerContext } from '../api/context';
import { insertRow } from '../db/mutate';
import { outcomesConfig } from './config-file';
import {
  latestDispositionByFlag,
  patientsByIds,
  scoresForPatients,
  seriesWithSessionsBetween,
  type DispositionRecord,
  type PatientRecord,
  type ScoreRecord,
  type SeriesRecord,
} from './data';
import { SeriesEvaluation } from './evaluate';
import { dueItemOut, loadPatientOutcomes } from './patient-summary';
import { dispositionOut, flagKeyOf, flagOut } from './present';
import type { OutcomesConfig } from './rules/config';
import { DAY_MS } from './rules/dates';
import { reviewPoints } from './rules/review';
import { outcomeDispositions } from './schema';

interface Loaded {
  series: SeriesRecord[];
  scores: Map<string, ScoreRecord[]>;
  patients: Map<string, PatientRecord>;
}

function loadSeries(ctx: HandlerContext, from: number, to: number): Loaded {
  const series = seriesWithSessionsBetween(ctx.sqlite, from, to);
  const ids = [...new Set(series.map((s) => s.patientId))];
  return { series, scores: scoresForPatients(ctx.sqlite, ids), patients: patientsByIds(ctx.sqlite, ids) };
}

/** How far back a series can still owe something: the last follow-up's window, then the listing days. */
export function dueLookbackMs(cfg: OutcomesConfig): number {
  const last = cfg.followUps.at(-1)!;
  return (last.offsetDays + last.toleranceDays + cfg.due.listForDays + 1) * DAY_MS;
}

export function clinicDueList(ctx: HandlerContext, input: z.output<typeof dueListInput>) {
  const cfg = outcomesConfig(ctx);
  const now = ctx.now();
  // Sessions after tomorrow owe nothing yet, but their series may hold earlier ones.
  const { series, scores, patients } = loadSeries(ctx, now - dueLookbackMs(cfg), now + 2 * DAY_MS);
  const items = [];
  for (const s of series) {
    const patient = patients.get(s.patientId);
    if (!patient) continue;
    const ev = new SeriesEvaluation(s, scores.get(s.patientId) ?? [], cfg);
    for (const d of ev.due(now)) {
      if (input.kind && d.kind !== input.kind) continue;
      if (input.overdueOnly && d.status !== 'overdue') continue;
      items.push(dueItemOut(d, patient, s.id, now));
    }
  }
  // Most overdue first, then what is due soonest.
  items.sort((a, b) => {
    if (a.status !== b.status) return a.status === 'overdue' ? -1 : 1;
    return (a.overdueSince ?? a.dueAt) - (b.overdueSince ?? b.dueAt) || a.patientName.localeCompare(b.patientName);
  });
  return {
    items: items.slice(0, input.limit),
    total: items.length,
    overdue: items.filter((i) => i.status === 'overdue').length,
    listForDays: cfg.due.listForDays,
  };
}

/**
 * Review flags depend on the data only (not on the clock), so the list is kept until the
 * database changes: SQLite's total_changes() on this connection and data_version for other
 * connections, as the intake work list does.
 */
const reviewCache = new WeakMap<HandlerContext['sqlite'], { key: string; includeDisposed: boolean; items: ReviewFlagOut[] }>();

export function reviewQueue(ctx: HandlerContext, input: z.output<typeof reviewQueueInput>) {
  const key = `${String(ctx.sqlite.prepare('SELECT total_changes()').pluck().get())}|${String(ctx.sqlite.pragma('data_version', { simple: true }))}`;
  const hit = reviewCache.get(ctx.sqlite);
  const items = hit && hit.key === key && hit.includeDisposed === input.includeDisposed ? hit.items : computeReviewQueue(ctx, input.includeDisposed);
  reviewCache.set(ctx.sqlite, { key, includeDisposed: input.includeDisposed, items });
  return { items: items.slice(0, input.limit), total: items.length };
}

function computeReviewQueue(ctx: HandlerContext, includeDisposed: boolean): ReviewFlagOut[] {
  const input = { includeDisposed };
  const cfg = outcomesConfig(ctx);
  // A flag stays until a clinician decides on it, however old: every series is read, but the
  // scores only of series with a review point reached and not yet decided (the sessions alone
  // say where a flag can arise), so years of decided history cost only their session rows.
  const all = seriesWithSessionsBetween(ctx.sqlite, 0, Number.MAX_SAFE_INTEGER);
  const decided = latestDispositionByFlag(ctx.sqlite);
  const series = input.includeDisposed
    ? all
    : all.filter((s) => reviewPoints(s.sessions, cfg).some((p) => !decided.has(flagKeyOf(s.id, { at: p.at, sessionId: p.s.id }))));
  const ids = [...new Set(series.map((s) => s.patientId))];
  // The review rule compares the comparison instrument only.
  const scores = scoresForPatients(ctx.sqlite, ids, cfg.comparison.instrument);
  const patients = patientsByIds(ctx.sqlite, ids);
  const items: ReviewFlagOut[] = [];
  for (const s of series) {
    const patient = patients.get(s.patientId);
    if (!patient) continue;
    const ev = new SeriesEvaluation(s, scores.get(s.patientId) ?? [], cfg);
    for (const f of ev.flags()) {
      const d = decided.get(flagKeyOf(s.id, f));
      if (d && !input.includeDisposed) continue;
      items.push(flagOut(f, s, patient, d));
    }
  }
  // Undecided first, oldest flag first: the longest waiting is seen first.
  items.sort((a, b) => Number(!!a.disposition) - Number(!!b.disposition) || a.flaggedAt - b.flaggedAt);
  return items;
}

export function recordDisposition(ctx: HandlerContext, input: z.output<typeof recordDispositionInput>): DispositionOut {
  const data = loadPatientOutcomes(ctx, input.patientId);
  let found: { seriesId: string; reason: string; percentReduction: number | null } | null = null;
  for (const s of data.series) {
    const f = new SeriesEvaluation(s, data.rows, data.cfg).flags().find((x) => flagKeyOf(s.id, x) === input.flagKey);
    if (f) found = { seriesId: s.id, reason: f.reason, percentReduction: f.percentReduction };
  }
  if (!found) {
    throw ApiError.validation('flagKey', 'This patient is not flagged for review at that point (the scores may have been corrected since). Reload the review queue.');
  }
  const row = insertRow(ctx, outcomeDispositions, {
    patientId: input.patientId,
    seriesId: found.seriesId,
    flagKey: input.flagKey,
    disposition: input.disposition,
    note: input.note,
    decidedBy: input.decidedBy ?? ctx.user.displayName,
    decidedAt: ctx.now(),
    reason: found.reason,
    percentReduction: found.percentReduction,
  });
  return dispositionOut(row as DispositionRecord);
}
