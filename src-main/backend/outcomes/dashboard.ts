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
import { ruleScoresForPatients, seriesWithSessionsBetween, type SeriesRecord } from './data';
import { seriesCountsIn, tallyDashboard } from './dashboard-tally';
import type { OutcomesConfig } from './rules/config';
import { DAY_MS } from './rules/dates';
import { comparisonSentence } from './rules/wording';

/** Grouping facts read once per dashboard: each patient's diagnosis group, each authorization's payer. */
function groupingFacts(ctx: HandlerContext, series: readonly SeriesRecord[]) {
  const res = intakeResources();
  const groupLabel = new Map(res.icd10.groups.map((g) => [g.id, g.label]));
  const patientIds = JSON.stringify([...new Set(series.map((s) => s.patientId))]);
  // The primary diagnosis, else the earliest one recorded: the first row of each patient in this
  // order. (The last row used to win, so a patient's earliest secondary diagnosis grouped them
  // whenever they had one, whatever the primary said.)
  const dx = preparedSql(
    ctx.sqlite,
    `SELECT patient_id AS patientId, code FROM diagnoses WHERE deleted_at IS NULL AND patient_id IN (SELECT value FROM json_each(?))
     ORDER BY is_primary DESC, created_at, id`,
  ).all(patientIds) as { patientId: string; code: string }[];
  const diagnosis = new Map<string, { key: string; label: string }>();
  for (const d of dx) {
    if (diagnosis.has(d.patientId)) continue;
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
  const period = { start: startOfLocalDay(tz, input.from), end: startOfLocalDay(tz, addDays(input.to, 1)), now: ctx.now() };
  const lastFollowUp = cfg.followUps.at(-1)!;
  // A series ending (or owing a follow-up) in the period started at most a year and the
  // follow-up schedule before it; of those, only the ones whose sessions put something in
  // the period are read further.
  const lookback = (365 + lastFollowUp.offsetDays + lastFollowUp.toleranceDays) * DAY_MS;
  const series = seriesWithSessionsBetween(ctx.sqlite, period.start - lookback, period.end).filter((s) => seriesCountsIn(s, period, cfg));
  // Only the scales the dashboard asks about: the comparison one and those owed per session and follow-up.
  const instruments = [...new Set([cfg.comparison.instrument, cfg.due.beforeInfusion.instrument, cfg.due.afterInfusion.instrument, cfg.due.followUp.instrument])];
  const scores = ruleScoresForPatients(ctx.sqlite, [...new Set(series.map((s) => s.patientId))], instruments);
  const facts = groupingFacts(ctx, series);
  const tally = tallyDashboard(series, (id) => scores.get(id) ?? [], { ...facts, diagnosis: (s) => facts.diagnosis(s.patientId) }, period, cfg);
  const c = cfg.categories;
  return {
    from: input.from,
    to: input.to,
    definition:
      `Series whose last session was between ${formatCalendarDate(input.from)} and ${formatCalendarDate(input.to)}. ` +
      `A series responds when, at its last session, ${comparisonSentence(cfg).replace(/^[A-Z]/, (m) => m.toLowerCase())} is at least ${c.moderatePercent}% lower ` +
      `(substantial: at least ${c.substantialPercent}%). Series without the scores for that result are counted but not evaluable.`,
    ...tally,
  };
}
