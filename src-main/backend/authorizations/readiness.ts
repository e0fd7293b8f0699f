/**
 * The readiness of one authorization request as the backend works it out: the payer rule set it
 * is checked against (ruleSetFor: the clinic's copy, else the template), the chart's evidence
 * (loadChartEvidence), the request's own fields and the ordering provider's NPI, through the pure
 * rule (src-shared/domain/authorizations/readiness.ts). The API answers it, the "ready" step is
 * refused on it, and the waiting list quotes its first missing items.
 */
import type { ReadinessOut } from '../../../src-shared/api/schemas/authorization-readiness';
import type { DiagnosisGroup } from '../../../src-shared/api/schemas/intake';
import type { AuthStatus } from '../../../src-shared/api/schemas/series';
import type { ChartEvidence } from '../../../src-shared/domain/authorizations/evidence';
import { checkReadiness, type Readiness } from '../../../src-shared/domain/authorizations/readiness';
import { localDateAt } from '../../../src-shared/domain/zoned-time';
import type { HandlerContext } from '../api/context';
import { preparedSql } from '../db/prepared';
import { readScheduleSettings } from '../scheduling/schedule-data';
import { loadChartEvidence } from './evidence';
import { ruleSetFor, type ResolvedRuleSet } from './rule-sets';
import type { authorizations } from './schema';

type Ctx = Pick<HandlerContext, 'db' | 'sqlite' | 'now'>;
type AuthRow = typeof authorizations.$inferSelect;

export function clinicToday(ctx: Pick<HandlerContext, 'sqlite' | 'now'>): string {
  return localDateAt(readScheduleSettings(ctx.sqlite).timeZone, ctx.now());
}

function orderingProvider(ctx: Ctx, staffId: string | null): { name: string; npi: string | null } | null {
  if (!staffId) return null;
  const s = preparedSql(ctx.sqlite, `SELECT name, npi FROM staff WHERE id = ?`).get(staffId) as { name: string; npi: string | null } | undefined;
  return s ?? null;
}

function usedRuleSet(r: ResolvedRuleSet): ReadinessOut['ruleSet'] {
  return {
    key: r.key,
    name: r.rules.name,
    policyReference: r.rules.policy.reference,
    policyTitle: r.rules.policy.title,
    stance: r.rules.policy.stance,
    source: r.source,
    confirmed: r.confirmed,
    needsConfirmation: !r.confirmed,
    confirmedAt: r.confirmedAt,
    confirmedBy: r.confirmedBy,
  };
}

export interface RequestReadiness {
  readiness: Readiness;
  ruleSet: ResolvedRuleSet;
  evidence: ChartEvidence;
  today: string;
}

/** One request's readiness, from its stored row (with a step's patch applied, when checking a step). */
export function requestReadiness(ctx: Ctx, row: AuthRow, evidence?: ChartEvidence): RequestReadiness {
  const ruleSet = ruleSetFor(ctx, row.ruleSetKey ?? row.payerId);
  const e = evidence ?? loadChartEvidence(ctx, row.patientId);
  const today = clinicToday(ctx);
  const readiness = checkReadiness(
    ruleSet.rules,
    e,
    {
      authorizationId: row.id,
      memberId: row.memberId,
      orderingProvider: orderingProvider(ctx, row.orderingProviderId),
      serviceLines: row.serviceLines ?? null,
      requestedStartDate: row.requestedStartDate,
      requestedEndDate: row.requestedEndDate,
      requestedSessions: row.requestedSessions,
      renewal: Boolean(row.renewalOfId),
      diagnosisGroup: (row.diagnosisGroup as DiagnosisGroup | null) ?? null,
    },
    { today, checkRequest: true },
  );
  return { readiness, ruleSet, evidence: e, today };
}

/** What the chart lacks for the payer of the patient's coverage, before any request is written. */
export function patientReadiness(ctx: Ctx, patientId: string, payerId: string | null): Readiness {
  const e = loadChartEvidence(ctx, patientId);
  const ruleSet = ruleSetFor(ctx, payerId ?? e.coverage?.payerId ?? null);
  return checkReadiness(
    ruleSet.rules,
    e,
    {
      authorizationId: null,
      memberId: null,
      orderingProvider: null,
      serviceLines: null,
      requestedStartDate: null,
      requestedEndDate: null,
      requestedSessions: null,
      renewal: false,
      diagnosisGroup: null,
    },
    { today: clinicToday(ctx), checkRequest: false },
  );
}

export function readinessOut(row: AuthRow, r: RequestReadiness): ReadinessOut {
  const { readiness } = r;
  return {
    authorizationId: row.id,
    patientId: row.patientId,
    status: row.status as AuthStatus,
    ruleSet: usedRuleSet(r.ruleSet),
    diagnosisGroup: readiness.diagnosisGroup,
    ready: readiness.ready,
    summary: readiness.summary,
    items: readiness.items.map((i) => ({ ...i, fixAt: { ...i.fixAt } })),
    met: readiness.items.filter((i) => i.met).length,
    total: readiness.items.length,
    checkedOn: r.today,
  };
}

/** The missing items' words, the first `n` of them, and how many in all. */
export function firstMissing(readiness: Readiness, n = 3): { missing: string[]; missingCount: number } {
  const all = readiness.items.filter((i) => !i.met).map((i) => i.missing ?? i.label);
  return { missing: all.slice(0, n), missingCount: all.length };
}
