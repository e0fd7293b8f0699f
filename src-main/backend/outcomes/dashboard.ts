/**
 * outcomes.dashboard: for quality improvement, response rates of series that ended in a period
 * by diagnosis group, payer and series template, and data completeness (the share of expected
 * scores that were recorded). Denominators are always returned with the rates.
 */
import type { z } from 'zod';
import type { Dashboard, periodInput } from '../../../src-shared/api/schemas/outcomes';
import { addDays } from '../../../src-shared/domain/zoned-time';
import { startOfLocalDay } from '../../../src-shared/domain/zoned-time';
import { formatCalendarDate } from '../../../src-shared/domain/dates';
import type { HandlerContext } from '../api/context';
import { preparedSql } from '../db/prepared';
import { intakeResources } from '../intake/resources';
import { outcomesConfig } from './config-file';
import { scoresForPatients, seriesWithSessionsBetween, type SeriesRecord } from './data';
import { SeriesEvaluation } from './evaluate';
import type { OutcomesConfig } from './rules/config';
import { DAY_MS } from './rules/dates';
import { activeSessions, sessionEnd } from './rules/series-scores';
import { comparisonSentence } from './rules/wording';

type RateRow = Dashboard['overall'];
type CompletenessRow = Dashboard['completeness']['byKind'][number];

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

const KIND_LABELS: Record<CompletenessRow['kind'], string> = {
  baseline: 'Baseline before the series',
  before_infusion: 'Before each infusion',
  after_infusion: 'After each infusion',
  follow_up: 'Follow-ups',
};

/** Grouping facts read once per dashboard: each patient's diagnosis group, each authorization's payer. */
function groupingFacts(ctx: HandlerContext, series: readonly SeriesRecord[]) {
  const res = intakeResources();
  const groupLabel = new Map(res.icd10.groups.map((g) => [g.id, g.label]));
  const patientIds = JSON.stringify([...new Set(series.map((s) => s.patientId))]);
  // The primary diagnosis, else the earliest one recorded.
  const dx = preparedSql(
    ctx.sqlite,
    `SELECT patient_id AS patientId, code FROM diagnoses WHERE deleted_at IS NULL AND patient_id IN (SELECT value FROM json_each(?))
     ORDER BY is_primary DESC, created_at DESC`,
  ).all(patientIds) as { patientId: string; code: string }[];
  const diagnosis = new Map<string, { key: string; label: string }>();
  for (const d of dx) {
    const group = res.icd10ByCode.get(d.code)?.group;
    diagnosis.set(d.patientId, group ? { key: group, label: groupLabel.get(group) ?? group } : { key: 'unlisted', label: 'Diagnosis not in the clinic list' });
  }
  const authIds = JSON.stringify([...new Set(series.map((s) => s.authorizationId).filter(Boolean))]);
  const payers = preparedSql(
    ctx.sqlite,
    `SELECT a.id, p.id AS payerId, p.name FROM authorizations a LEFT JOIN payers p ON p.id = a.payer_id WHERE a.id IN (SELECT value FROM json_each(?))`,
  ).all(authIds) as { id: string; payerId: string | null; name: string | null }[];
  const payerByAuth = new Map(payers.map((p) => [p.id, p]));
  return {
    diagnosis: (patientId: string) => diagnosis.get(patientId) ?? { key: 'none', label: 'No diagnosis recorded' },
    payer: (s: SeriesRecord) => {
      if (s.selfPay) return { key: 'self_pay', label: 'Self-pay' };
      const p = s.authorizationId ? payerByAuth.get(s.authorizationId) : undefined;
      return p?.payerId ? { key: p.payerId, label: p.name ?? 'Payer' } : { key: 'none', label: 'No payer recorded' };
    },
    template: (s: SeriesRecord) => (s.templateId ? { key: s.templateId, label: s.templateName ?? 'Series template' } : { key: 'none', label: 'No template' }),
  };
}

export function dashboard(ctx: HandlerContext, input: z.output<typeof periodInput>): Dashboard {
  const cfg: OutcomesConfig = outcomesConfig(ctx);
  const tz = cfg.timeZone;
  const start = startOfLocalDay(tz, input.from);
  const end = startOfLocalDay(tz, addDays(input.to, 1));
  const now = ctx.now();
  const lastFollowUp = cfg.followUps.at(-1)!;
  // A series ending (or owing a follow-up) in the period started at most a year and the
  // follow-up schedule before it.
  const lookback = (365 + lastFollowUp.offsetDays + lastFollowUp.toleranceDays) * DAY_MS;
  const series = seriesWithSessionsBetween(ctx.sqlite, start - lookback, end);
  const scores = scoresForPatients(ctx.sqlite, [...new Set(series.map((s) => s.patientId))]);
  const facts = groupingFacts(ctx, series);

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
  const inPeriod = (t: number) => t >= start && t < end && t <= now;

  for (const s of series) {
    const ev = new SeriesEvaluation(s, scores.get(s.patientId) ?? [], cfg);
    const active = activeSessions(s.sessions);
    if (!active.length) continue;
    // Completeness: what was owed in the period, and whether it was recorded.
    if (inPeriod(active[0]!.startsAt)) expect('baseline', !!ev.baseline(cfg.comparison.instrument));
    for (const x of active) {
      if (x.status !== 'discharged' || !inPeriod(sessionEnd(x))) continue;
      expect('before_infusion', !!ev.score(cfg.due.beforeInfusion.instrument, 'pre_session', { sessionId: x.id }));
      expect('after_infusion', !!ev.score(cfg.due.afterInfusion.instrument, 'post_session', { sessionId: x.id }));
    }
    for (const f of ev.followUpDates()) {
      if (inPeriod(f.overdueAt)) expect('follow_up', !!ev.score(cfg.due.followUp.instrument, 'follow_up', { followUp: f.key }));
    }
    // Response: series that ended in the period, by their end-of-series result.
    if (ev.endedAt === null || !inPeriod(ev.endedAt)) continue;
    const r = ev.atEnd();
    const ok = !!r?.ok;
    const category = r?.ok ? r.category : null;
    overall.add('all', 'All series', ok, category);
    const d = facts.diagnosis(s.patientId);
    byDiagnosis.add(d.key, d.label, ok, category);
    const p = facts.payer(s);
    byPayer.add(p.key, p.label, ok, category);
    const t = facts.template(s);
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
  const c = cfg.categories;
  return {
    from: input.from,
    to: input.to,
    definition:
      `Series whose last session was between ${formatCalendarDate(input.from)} and ${formatCalendarDate(input.to)}. ` +
      `A series responds when, at its last session, ${comparisonSentence(cfg).replace(/^[A-Z]/, (m) => m.toLowerCase())} is at least ${c.moderatePercent}% lower ` +
      `(substantial: at least ${c.substantialPercent}%). Series without the scores for that result are counted but not evaluable.`,
    overall: overall.list()[0] ?? { key: 'all', label: 'All series', series: 0, evaluable: 0, moderate: 0, substantial: 0, moderateRate: null, substantialRate: null },
    byDiagnosis: byDiagnosis.list(),
    byPayer: byPayer.list(),
    byTemplate: byTemplate.list(),
    completeness: { overall: { kind: 'all', label: 'All expected scores', ...total, share: total.expected ? total.recorded / total.expected : null }, byKind },
  };
}
