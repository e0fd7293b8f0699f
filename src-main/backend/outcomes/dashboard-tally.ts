/**
 * The dashboard's counting, pure (records in, figures out): which series ended in a period and
 * how they responded, grouped by diagnosis, payer and template, and what was owed in the
 * period against what was recorded. dashboard.ts reads the records; this counts them.
 */
import type { Dashboard } from '../../../src-shared/api/schemas/outcomes';
import type { SeriesRecord } from './data';
import { SeriesEvaluation, type EvaluatedScore } from './evaluate';
import type { OutcomesConfig } from './rules/config';
import { DAY_MS } from './rules/dates';
import { activeSessions, sessionEnd, seriesEndedAt } from './rules/series-scores';

type RateRow = Dashboard['overall'];
export type CompletenessRow = Dashboard['completeness']['byKind'][number];
export type Group = { key: string; label: string };

/** The period as instants: [start, end), and nothing after now counts yet. */
export interface DashboardPeriod {
  start: number;
  end: number;
  now: number;
}

/** How a series is grouped (read by the caller: diagnoses, payers, templates). */
export interface DashboardGroups {
  diagnosis: (s: SeriesRecord) => Group;
  payer: (s: SeriesRecord) => Group;
  template: (s: SeriesRecord) => Group;
}

class RateTally {
  private rows = new Map<string, RateRow>();
  add(key: string, label: string, evaluable: boolean, category: string | null): void {
    let r = this.rows.get(key);
    if (!r) this.rows.set(key, (r = { key, label, series: 0, evaluable: 0, moderate: 0, substantial: 0, moderateRate: null, substantialRate: null }));
    r.series++;
    if (!evaluable) return;
    r.evaluable++;
    if (category === 'moderate' || category === 'substantial') r.moderate++;
    if (category === 'substantial') r.substantial++;
  }
  list(): RateRow[] {
    return [...this.rows.values()]
      .map((r) => ({ ...r, moderateRate: r.evaluable ? r.moderate / r.evaluable : null, substantialRate: r.evaluable ? r.substantial / r.evaluable : null }))
      .sort((a, b) => b.series - a.series || a.label.localeCompare(b.label));
  }
}

export const KIND_LABELS: Record<CompletenessRow['kind'], string> = {
  baseline: 'Baseline before the series',
  before_infusion: 'Before each infusion',
  after_infusion: 'After each infusion',
  follow_up: 'Follow-ups',
};

const inPeriod = (p: DashboardPeriod, t: number) => t >= p.start && t < p.end && t <= p.now;

/**
 * Whether a series can count for anything in the period, from its sessions alone: its first
 * session (baseline owed), a discharged session's end, a follow-up falling overdue, or its
 * end in the period. The dashboard reads scores only for the series that can.
 */
export function seriesCountsIn(s: SeriesRecord, p: DashboardPeriod, cfg: OutcomesConfig): boolean {
  const active = activeSessions(s.sessions);
  if (!active.length) return false;
  if (inPeriod(p, active[0]!.startsAt)) return true;
  for (const x of active) if (x.status === 'discharged' && inPeriod(p, sessionEnd(x))) return true;
  const endedAt = seriesEndedAt(s.sessions);
  if (endedAt === null) return false;
  if (inPeriod(p, endedAt)) return true;
  return cfg.followUps.some((f) => inPeriod(p, endedAt + (f.offsetDays + f.toleranceDays) * DAY_MS));
}

/** Response rates and completeness of these series, given each patient's score rows. */
export function tallyDashboard<S extends EvaluatedScore>(
  series: readonly SeriesRecord[],
  scoresOf: (patientId: string) => readonly S[],
  groups: DashboardGroups,
  p: DashboardPeriod,
  cfg: OutcomesConfig,
): Pick<Dashboard, 'overall' | 'byDiagnosis' | 'byPayer' | 'byTemplate' | 'completeness'> {
  const overall = new RateTally();
  const byDiagnosis = new RateTally();
  const byPayer = new RateTally();
  const byTemplate = new RateTally();
  const completeness = new Map<CompletenessRow['kind'], { expected: number; recorded: number }>(
    (Object.keys(KIND_LABELS) as CompletenessRow['kind'][]).map((k) => [k, { expected: 0, recorded: 0 }]),
  );
  const expect = (kind: CompletenessRow['kind'], recorded: boolean) => {
    const c = completeness.get(kind)!;
    c.expected++;
    if (recorded) c.recorded++;
  };

  for (const s of series) {
    const active = activeSessions(s.sessions);
    if (!active.length) continue;
    const ev = new SeriesEvaluation(s, scoresOf(s.patientId), cfg);
    // Completeness: what was owed in the period, and whether it was recorded.
    if (inPeriod(p, active[0]!.startsAt)) expect('baseline', !!ev.baseline(cfg.comparison.instrument));
    for (const x of active) {
      if (x.status !== 'discharged' || !inPeriod(p, sessionEnd(x))) continue;
      expect('before_infusion', !!ev.score(cfg.due.beforeInfusion.instrument, 'pre_session', { sessionId: x.id }));
      expect('after_infusion', !!ev.score(cfg.due.afterInfusion.instrument, 'post_session', { sessionId: x.id }));
    }
    for (const f of ev.followUpDates()) {
      if (inPeriod(p, f.overdueAt)) expect('follow_up', !!ev.score(cfg.due.followUp.instrument, 'follow_up', { followUp: f.key }));
    }
    // Response: series that ended in the period, by their end-of-series result.
    if (ev.endedAt === null || !inPeriod(p, ev.endedAt)) continue;
    const r = ev.atEnd();
    const ok = !!r?.ok;
    const category = r?.ok ? r.category : null;
    overall.add('all', 'All series', ok, category);
    const d = groups.diagnosis(s);
    byDiagnosis.add(d.key, d.label, ok, category);
    const pay = groups.payer(s);
    byPayer.add(pay.key, pay.label, ok, category);
    const t = groups.template(s);
    byTemplate.add(t.key, t.label, ok, category);
  }

  const row = (kind: CompletenessRow['kind'], c: { expected: number; recorded: number }): CompletenessRow => ({
    kind,
    label: KIND_LABELS[kind],
    expected: c.expected,
    recorded: c.recorded,
    share: c.expected ? c.recorded / c.expected : null,
  });
  const byKind = [...completeness.entries()].map(([k, c]) => row(k, c));
  const total = byKind.reduce((a, r) => ({ expected: a.expected + r.expected, recorded: a.recorded + r.recorded }), { expected: 0, recorded: 0 });
  return {
    overall: overall.list()[0] ?? { key: 'all', label: 'All series', series: 0, evaluable: 0, moderate: 0, substantial: 0, moderateRate: null, substantialRate: null },
    byDiagnosis: byDiagnosis.list(),
    byPayer: byPayer.list(),
    byTemplate: byTemplate.list(),
    completeness: { overall: { kind: 'all', label: 'All expected scores', ...total, share: total.expected ? total.recorded / total.expected : null }, byKind },
  };
}
