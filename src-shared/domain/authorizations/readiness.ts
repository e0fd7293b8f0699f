/**
 * Readiness of a prior authorization request: what the payer's rule set asks for against what
 * the chart holds (ChartEvidence), and what the request itself must carry (member id, ordering
 * provider with NPI, service lines, dates of service, sessions). Each item says whether it is
 * met, why in words, and where in the app to fix it; the summary names what is missing
 * ("not ready: failed sympathetic block not recorded"). Pure: rules, evidence and request in.
 */
import type { DiagnosisGroup, IntakeSection } from '../../api/schemas/intake';
import { formatCalendarDate } from '../dates';
import { npiProblem } from '../npi';
import type { ChartEvidence, EvidenceTreatment } from './evidence';
import type { EvidenceRequirement, PayerRuleSet } from './payer-rules';

/** Where a missing item is fixed: the screen (hash route), the chart section on it, and in words. */
export interface FixAt {
  route: string;
  /** An intake section of the chart, 'coverage' (patient details), 'request' or 'payer_rules'. */
  section: IntakeSection | 'coverage' | 'request' | 'payer_rules' | 'staff' | 'outcomes' | 'consultation';
  place: string;
}

export interface ReadinessItem {
  /** Stable within one rule set: evidence.<group>.<index> or request.<field>. */
  key: string;
  kind: EvidenceRequirement['kind'] | 'request' | 'coverage' | 'rule_set';
  label: string;
  met: boolean;
  /** What the chart or request holds, or what is missing, in words. */
  detail: string;
  /** Set when not met: the words the summary uses ("failed sympathetic block not recorded"). */
  missing: string | null;
  fixAt: FixAt;
}

export interface Readiness {
  ready: boolean;
  diagnosisGroup: DiagnosisGroup | null;
  items: ReadinessItem[];
  /** "ready: all 10 items met" or "not ready: failed sympathetic block not recorded". */
  summary: string;
}

/** The request as far as it is known; null fields are simply not filled in yet. */
export interface ReadinessRequest {
  authorizationId: string | null;
  memberId: string | null;
  orderingProvider: { name: string; npi: string | null } | null;
  serviceLines: { code: string; unitsPerSession: number }[] | null;
  requestedStartDate: string | null;
  requestedEndDate: string | null;
  requestedSessions: number | null;
  /** A renewal reports the last series' response. */
  renewal: boolean;
  diagnosisGroup: DiagnosisGroup | null;
}

export interface ReadinessOptions {
  /** Clinic-local date YYYY-MM-DD: an ongoing treatment (no end date) counts up to today. */
  today: string;
  /**
   * Whether to check the request's own fields. A patient-level check (the work list, "what
   * would the payer need") has no request yet and checks the chart and coverage only.
   */
  checkRequest: boolean;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const DAY_MS = 86_400_000;
const dayNumber = (d: string) => Math.floor(Date.parse(`${d}T00:00:00Z`) / DAY_MS);
/** Average Gregorian month, for "at least N months" over days covered. */
const MONTH_DAYS = 30.436875;

/** Days covered by the union of the treatments' date ranges (an ongoing one runs to today). */
export function monthsCovered(treatments: readonly Pick<EvidenceTreatment, 'startDate' | 'endDate'>[], today: string): number {
  const spans = treatments
    .filter((t) => t.startDate)
    .map((t) => [dayNumber(t.startDate!), dayNumber(t.endDate ?? today)] as const)
    .filter(([a, b]) => b >= a)
    .sort((x, y) => x[0] - y[0]);
  let days = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const [a, b] of spans) {
    if (a > curEnd) {
      if (curEnd > -Infinity) days += curEnd - curStart;
      [curStart, curEnd] = [a, b];
    } else curEnd = Math.max(curEnd, b);
  }
  if (curEnd > -Infinity) days += curEnd - curStart;
  return days / MONTH_DAYS;
}

const KIND_WORDS: Record<string, string> = {
  medication: 'medication',
  nerve_block: 'nerve block',
  physical_therapy: 'physical therapy',
  psychological: 'psychological therapy',
  procedure: 'procedure',
  spinal_cord_stimulation: 'spinal cord stimulation',
};

/** Dates as the desk reads them (MM/DD/YYYY). */
const day = (d: string) => formatCalendarDate(d);

const treatmentWords = (t: EvidenceTreatment) =>
  `${t.name} (${t.startDate ? day(t.startDate) : 'no start date'}${t.endDate ? ` to ${day(t.endDate)}` : t.startDate ? ', ongoing' : ''}, ${t.outcome.replace('_', ' ')})`;

function fixes(patientId: string, authorizationId: string | null) {
  const chart = `#/patients/${encodeURIComponent(patientId)}`;
  return {
    chart: (section: IntakeSection, place: string): FixAt => ({ route: chart, section, place }),
    coverage: { route: `${chart}/edit`, section: 'coverage', place: 'Patient details → Insurance' } as FixAt,
    request: (place: string): FixAt => ({
      route: authorizationId ? `#/authorizations/${encodeURIComponent(authorizationId)}` : chart,
      section: 'request',
      place,
    }),
    staff: { route: '#/settings/staff', section: 'staff', place: 'Settings → Staff (NPI)' } as FixAt,
    rules: { route: '#/settings/payers', section: 'payer_rules', place: 'Settings → Payers (rule set)' } as FixAt,
    outcomes: { route: chart, section: 'outcomes', place: 'Chart → Outcomes' } as FixAt,
    consultation: { route: chart, section: 'consultation', place: 'Chart → Appointments (initial consultation)' } as FixAt,
  };
}

function evidenceItem(
  req: EvidenceRequirement,
  key: string,
  e: ChartEvidence,
  renewal: boolean,
  today: string,
  fix: ReturnType<typeof fixes>,
): ReadinessItem | null {
  const item = (met: boolean, detail: string, fixAt: FixAt, missing = `${lowerFirst(req.label)} not recorded`): ReadinessItem => ({
    key,
    kind: req.kind,
    label: req.label,
    met,
    detail,
    missing: met ? null : missing,
    fixAt,
  });
  switch (req.kind) {
    case 'diagnosis': {
      const hit = e.diagnoses.filter((d) => req.codePrefixes.some((p) => d.code.startsWith(p)));
      return hit.length > 0
        ? item(true, hit.map((d) => `${d.code} ${d.description}`).join('; '), fix.chart('diagnoses', 'Intake → Diagnoses'))
        : item(false, `No diagnosis starting ${req.codePrefixes.join(', ')} on the chart`, fix.chart('diagnoses', 'Intake → Diagnoses'));
    }
    case 'budapest': {
      const b = e.budapest;
      const at = fix.chart('budapest', 'Intake → Budapest criteria');
      if (!b) return item(false, 'No Budapest evaluation recorded', at, 'Budapest evaluation not recorded');
      const met = req.criteria === 'research' ? b.metResearch : b.metClinical;
      const findings = b.items.map((i) => `${i.finding} (${i.kind})`).join(', ');
      return met
        ? item(true, `${req.criteria === 'research' ? 'Research' : 'Clinical'} criteria met on ${day(b.evaluatedOn)} (${b.evaluatorName}): ${findings}`, at)
        : item(false, `Evaluated ${day(b.evaluatedOn)}: ${req.criteria} criteria not met${findings ? ` (${findings})` : ''}`, at, `Budapest ${req.criteria} criteria not met`);
    }
    case 'failed_treatment': {
      const at = fix.chart('treatments', 'Intake → Prior treatments');
      const words = req.nameMatches?.map((w) => w.toLowerCase());
      const matching = e.treatments.filter(
        (t) =>
          req.treatmentKinds.includes(t.kind) &&
          (req.outcomes as readonly string[]).includes(t.outcome) &&
          (!words || words.some((w) => t.name.toLowerCase().includes(w))),
      );
      const what = `${req.treatmentKinds.map((k) => KIND_WORDS[k] ?? k).join(' or ')}${words ? ` (${req.nameMatches!.join(', ')})` : ''}`;
      if (matching.length === 0) return item(false, `No failed ${what} on the chart`, at);
      const dated = matching.filter((t) => t.startDate);
      const list = matching.map(treatmentWords).join('; ');
      if (dated.length < req.min) {
        const short = matching.length >= req.min ? `${matching.length - dated.length} without a start date` : `${matching.length} of ${req.min} recorded`;
        return item(false, `${list}: ${short}`, at, `${lowerFirst(req.label)}: ${short}`);
      }
      if (req.minMonths) {
        const months = monthsCovered(dated, today);
        if (months + 1e-9 < req.minMonths) {
          const shown = `${Math.floor(months * 10) / 10} of ${req.minMonths} months recorded`;
          return item(false, `${list}: ${shown}`, at, `${lowerFirst(req.label)}: only ${shown}`);
        }
      }
      const uncited = dated.filter((t) => t.cites.length === 0).length;
      return item(true, `${list}${uncited ? ` (${uncited} without a linked record)` : ''}`, at);
    }
    case 'baseline_score': {
      const at = fix.chart('scores', 'Intake → Baseline scores');
      const hit = e.baseline.filter((s) => req.instruments.includes(s.instrument));
      return hit.length > 0
        ? item(true, hit.map((s) => `${s.instrument.toUpperCase().replace('_', ' ')} ${s.value}`).join(', '), at)
        : item(false, `No baseline ${req.instruments.map((i) => i.toUpperCase().replace('_', ' ')).join(' or ')} score`, at);
    }
    case 'screening': {
      const at = fix.chart('screening', 'Intake → Screening');
      const s = e.screening;
      if (!s) return item(false, 'No ketamine screening recorded', at);
      return item(true, `Completed ${day(s.completedOn)}${s.needsReview ? `; needs physician review: ${s.contraindications.join('; ')}` : '; nothing flagged'}`, at);
    }
    case 'consultation': {
      const at = fix.consultation;
      const c = e.consultation;
      return c ? item(true, `Held ${day(c.date)}${c.providerName ? ` with ${c.providerName}` : ''}`, at) : item(false, 'No initial consultation held yet', at);
    }
    case 'prior_response': {
      if (!renewal) return null;
      const r = e.lastSeriesResponse;
      if (!r || r.percentChange === null) {
        const detail = r ? `Last series (${r.sessionsGiven} sessions given): not enough scores for a response` : 'No earlier series to report';
        return item(false, detail, fix.outcomes, r ? 'response to the last series not measured' : 'response to the last series not recorded');
      }
      const pct = Math.round(r.percentChange);
      return r.percentChange + 1e-9 >= req.minPercent
        ? item(true, `Last series: ${pct}% pain reduction (${r.category}), ${r.sessionsGiven} sessions given`, fix.outcomes)
        : item(false, `Last series: ${pct}% pain reduction (${r.category}), below the ${req.minPercent}% the payer expects`, fix.outcomes, `response to the last series below ${req.minPercent}%`);
    }
  }
}

function requestItems(r: ReadinessRequest, e: ChartEvidence, fix: ReturnType<typeof fixes>): ReadinessItem[] {
  const out: ReadinessItem[] = [];
  const add = (key: string, label: string, met: boolean, detail: string, missing: string, fixAt: FixAt) =>
    out.push({ key: `request.${key}`, kind: 'request', label, met, detail, missing: met ? null : missing, fixAt });
  add('memberId', 'Member ID', Boolean(r.memberId?.trim()), r.memberId?.trim() ? 'Recorded on the request' : 'No member ID on the request', 'member ID missing', e.coverage ? fix.request('Request → Member id') : fix.coverage);
  const p = r.orderingProvider;
  if (!p) add('orderingProvider', 'Ordering provider with NPI', false, 'No ordering provider chosen', 'ordering provider not chosen', fix.request('Request → Ordering provider'));
  else if (!p.npi) add('orderingProvider', 'Ordering provider with NPI', false, `${p.name} has no NPI recorded`, `NPI of ${p.name} missing`, fix.staff);
  else if (npiProblem(p.npi)) add('orderingProvider', 'Ordering provider with NPI', false, `${p.name}'s NPI ${p.npi} is not valid: ${npiProblem(p.npi)}`, `NPI of ${p.name} not valid`, fix.staff);
  else add('orderingProvider', 'Ordering provider with NPI', true, `${p.name}, NPI ${p.npi}`, '', fix.request('Request → Ordering provider'));
  const lines = r.serviceLines ?? [];
  const badUnits = lines.filter((l) => !(l.unitsPerSession >= 1));
  add(
    'serviceLines',
    'Service lines (codes and units)',
    lines.length > 0 && badUnits.length === 0,
    lines.length === 0 ? 'No codes on the request' : badUnits.length ? `${badUnits.map((l) => l.code).join(', ')} without units` : lines.map((l) => `${l.code} × ${l.unitsPerSession}`).join(', '),
    lines.length === 0 ? 'service lines missing' : 'units missing on a service line',
    fix.request('Request → Codes'),
  );
  const { requestedStartDate: from, requestedEndDate: to } = r;
  const datesOk = Boolean(from && to && from <= to);
  add(
    'dates',
    'Dates of service',
    datesOk,
    !from || !to ? 'No dates of service for the series' : from > to ? `The dates of service end (${day(to)}) before they start (${day(from)})` : `${day(from)} to ${day(to)}`,
    !from || !to ? 'dates of service missing' : 'dates of service end before they start',
    fix.request('Request → Dates of service'),
  );
  const n = r.requestedSessions;
  add('sessions', 'Sessions requested', n !== null && n >= 1, n !== null && n >= 1 ? `${n} sessions` : 'No number of sessions', 'number of sessions missing', fix.request('Request → Sessions'));
  return out;
}

/** The readiness of one request (or, with checkRequest false, of one patient's chart for a payer). */
export function checkReadiness(rules: PayerRuleSet, e: ChartEvidence, r: ReadinessRequest, opts: ReadinessOptions): Readiness {
  const fix = fixes(e.patient.id, r.authorizationId);
  const items: ReadinessItem[] = [];
  if (!e.coverage && !r.memberId) {
    items.push({ key: 'coverage', kind: 'coverage', label: 'Primary insurance', met: false, detail: 'No insurance recorded for this patient', missing: 'primary insurance not recorded', fixAt: fix.coverage });
  } else if (!opts.checkRequest) {
    const c = e.coverage!;
    const ok = Boolean(c.memberId.trim());
    items.push({ key: 'coverage', kind: 'coverage', label: 'Primary insurance', met: ok, detail: ok ? `${c.payerName}, member ID ${c.memberId}` : `${c.payerName}: no member ID`, missing: ok ? null : 'member ID missing', fixAt: fix.coverage });
  }
  const group = r.diagnosisGroup ?? e.diagnosisGroup;
  if (!group) {
    items.push({ key: 'diagnosis', kind: 'diagnosis', label: 'Diagnosis', met: false, detail: 'No diagnosis on the chart', missing: 'diagnosis not recorded', fixAt: fix.chart('diagnoses', 'Intake → Diagnoses') });
  } else {
    const list = rules.evidence[group];
    if (!list) {
      items.push({
        key: `evidence.${group}`,
        kind: 'rule_set',
        label: `${rules.name}'s evidence list for this diagnosis`,
        met: false,
        detail: `The ${rules.name} rule set lists no evidence for ${group.replace('_', ' ')}: add it in Settings → Payers`,
        missing: `${rules.name} rule set has no list for ${group.replace('_', ' ')}`,
        fixAt: fix.rules,
      });
    } else {
      list.forEach((req, i) => {
        const it = evidenceItem(req, `evidence.${group}.${i}`, e, r.renewal, opts.today, fix);
        if (it) items.push(it);
      });
    }
  }
  if (opts.checkRequest) items.push(...requestItems(r, e, fix));
  const missing = items.filter((i) => !i.met);
  return {
    ready: missing.length === 0,
    diagnosisGroup: group,
    items,
    summary: missing.length === 0 ? `ready: all ${items.length} items met` : `not ready: ${missing.map((i) => i.missing).join('; ')}`,
  };
}
