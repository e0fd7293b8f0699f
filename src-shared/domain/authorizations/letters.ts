/**
 * The letters a denial calls for: the peer-to-peer request, the patient's appeal letter (for the
 * patient to sign) and the provider's appeal letter (the denial reason answered criterion by
 * criterion, each with the record and page it rests on). Pure: what each letter needs before it
 * can be written (a refusal names every missing field in plain words), what to warn about, the
 * template placeholders and their values, and the plain-text copy. The backend gathers the
 * facts (authorizations/letters/) and files the PDF.
 *
 * Sources: DOMAIN.md "Payers and prior authorization" and "Prior authorization reference"
 * (a peer-to-peer request names member and group id, the authorization or claim number, dates of
 * service, the denial date and reason, the treating physician and call windows; the window is
 * short and usually closed once an appeal is filed; ACA plans allow at least 180 days for an
 * internal appeal, expedited review 72 hours; external review 4 months after the final internal
 * denial, 45 CFR 147.136).
 */
import type { ScoreInstrument, TreatmentKind, TreatmentOutcome } from '../../api/schemas/intake';
import { formatCalendarDate } from '../dates';
import type { ChartEvidence, RecordCitation } from './evidence';
import type { EvidenceRequirement, PayerRuleSet } from './payer-rules';

export const LETTER_KINDS = ['p2p_request', 'patient_appeal', 'provider_appeal'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_KIND_WORDS: Readonly<Record<LetterKind, string>> = {
  p2p_request: 'Peer-to-peer request',
  patient_appeal: 'Patient appeal letter',
  provider_appeal: 'Provider appeal letter',
};

/** One section of a letter as edited: a heading (may be blank) and its text (lines kept). */
export interface LetterSection {
  key: string;
  heading: string;
  text: string;
}

/** The authorization's fields a letter reads (the API's Authorization has them all). */
export interface LetterAuthorization {
  status: string;
  memberId: string | null;
  groupNumber: string | null;
  authNumber: string | null;
  referenceNumber: string | null;
  requestedStartDate: string | null;
  requestedEndDate: string | null;
  requestedSessions: number | null;
  startDate: string | null;
  endDate: string | null;
  serviceLines: { code: string; system: string; unitsPerSession: number; description?: string | undefined }[] | null;
  icd10Codes: string[] | null;
  denialDate: string | null;
  denialReason: string | null;
  denialCode: string | null;
  denialPolicy: string | null;
  p2pDueDate: string | null;
  appealDueDate: string | null;
  appealFiledDate: string | null;
  finalDenialDate: string | null;
  externalReviewDueDate: string | null;
  expedited: boolean;
  /** A renewal: the earlier authorization (its series' response is then a criterion). */
  renewalOfId: string | null;
}

export interface LetterPhysician {
  name: string;
  /** MD, DO, ... (from the input, or the ", MD" at the end of the staff name). */
  credentials: string | null;
  npi: string | null;
  phone: string | null;
}

/** Everything a letter is written from, gathered by the backend. */
export interface LetterFacts {
  /** The clinic's date today (YYYY-MM-DD). */
  today: string;
  clinicName: string;
  patient: { firstName: string; lastName: string; dateOfBirth: string; mrn: string };
  payerName: string | null;
  planName: string | null;
  authorization: LetterAuthorization;
  physician: LetterPhysician | null;
  /** Times the physician can take the reviewer's call, as the desk typed them. */
  callWindows: string[];
  /** The chart's evidence (null: not loaded). */
  evidence: ChartEvidence | null;
  /** The payer's rule set (policy and evidence per diagnosis group), or null. */
  ruleSet: PayerRuleSet | null;
}

export interface LetterIssue {
  field: string;
  message: string;
}

const blank = (v: string | null | undefined) => v === null || v === undefined || v.trim() === '';
const listWords = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const date = (d: string | null) => (d ? formatCalendarDate(d) : '');
const authOrReference = (a: LetterAuthorization) => (!blank(a.authNumber) ? a.authNumber! : !blank(a.referenceNumber) ? a.referenceNumber! : null);
const diagnosisLines = (f: LetterFacts): string[] => {
  const fromChart = (f.evidence?.diagnoses ?? []).map((d) => `${d.code} ${d.description}`);
  return fromChart.length ? fromChart : (f.authorization.icd10Codes ?? []);
};
const servicePeriod = (a: LetterAuthorization) => {
  const start = a.requestedStartDate ?? a.startDate;
  const end = a.requestedEndDate ?? a.endDate;
  return start && end ? `${date(start)} to ${date(end)}` : '';
};

/** A field a letter needs: its words and whether the facts have it. */
interface Need {
  field: string;
  words: string;
  missing: (f: LetterFacts) => boolean;
}

const NEEDS: Record<string, Need> = {
  memberId: { field: 'memberId', words: 'the member ID', missing: (f) => blank(f.authorization.memberId) },
  authOrReference: { field: 'authNumber', words: 'the authorization or reference number', missing: (f) => authOrReference(f.authorization) === null },
  serviceDates: { field: 'requestedStartDate', words: 'the dates of service', missing: (f) => servicePeriod(f.authorization) === '' },
  denialDate: { field: 'denialDate', words: 'the denial date', missing: (f) => blank(f.authorization.denialDate) },
  denialReason: { field: 'denialReason', words: 'the denial reason', missing: (f) => blank(f.authorization.denialReason) },
  physicianName: { field: 'physicianId', words: "the treating physician's name", missing: (f) => blank(f.physician?.name) },
  physicianCredentials: {
    field: 'physicianCredentials',
    words: "the treating physician's credentials (such as MD or DO)",
    missing: (f) => blank(f.physician?.credentials),
  },
  callWindows: {
    field: 'callWindows',
    words: 'at least two call windows when the physician can take the call',
    missing: (f) => f.callWindows.filter((w) => !blank(w)).length < 2,
  },
  diagnosis: { field: 'icd10Codes', words: 'the diagnosis', missing: (f) => diagnosisLines(f).length === 0 },
  appealDue: { field: 'appealDueDate', words: 'the date the appeal is due (record the denial date first)', missing: (f) => blank(f.authorization.appealDueDate) },
  evidence: {
    field: 'evidence',
    words: "the chart's evidence (diagnoses, treatments tried and their records)",
    missing: (f) => f.evidence === null || (f.evidence.diagnoses.length === 0 && f.evidence.treatments.length === 0 && f.evidence.budapest === null),
  },
};

/** What each letter needs before it can be written (DOMAIN.md), in the order a refusal names them. */
export const LETTER_NEEDS: Readonly<Record<LetterKind, readonly string[]>> = {
  p2p_request: ['memberId', 'authOrReference', 'denialDate', 'denialReason', 'physicianName', 'physicianCredentials', 'callWindows'],
  patient_appeal: ['memberId', 'authOrReference', 'serviceDates', 'denialDate', 'denialReason', 'physicianName', 'diagnosis', 'appealDue'],
  provider_appeal: ['memberId', 'authOrReference', 'serviceDates', 'denialDate', 'denialReason', 'physicianName', 'physicianCredentials', 'diagnosis', 'evidence'],
};

/**
 * Every missing field for `kind`, one message naming them all (repeated per field so each input
 * can show it beside itself); empty when the letter can be written.
 */
export function letterIssues(kind: LetterKind, f: LetterFacts): LetterIssue[] {
  const missing = LETTER_NEEDS[kind].map((k) => NEEDS[k]!).filter((n) => n.missing(f));
  if (!missing.length) return [];
  let message = `The ${LETTER_KIND_WORDS[kind].toLowerCase()} needs ${listWords(missing.map((n) => n.words))}.`;
  const windows = f.callWindows.filter((w) => !blank(w)).length;
  if (missing.some((n) => n.field === 'callWindows') && windows === 1) message += ' Only one call window was given.';
  return missing.map((n) => ({ field: n.field, message }));
}

/** Warnings that do not stop the letter but the desk must read before sending it. */
export function letterWarnings(kind: LetterKind, f: LetterFacts, criteria?: CriterionAnswer[]): string[] {
  const a = f.authorization;
  const out: string[] = [];
  if (kind === 'p2p_request') {
    const appealed = !blank(a.appealFiledDate) || a.status === 'appealed' || a.status === 'external_review';
    if (appealed) {
      const when = a.appealFiledDate ? ` on ${date(a.appealFiledDate)}` : '';
      out.push(
        `An appeal was already filed${when}. Most payers close the peer-to-peer window once an appeal is filed: call the payer to confirm a peer-to-peer is still possible before sending this request.`,
      );
    }
    if (a.p2pDueDate && a.p2pDueDate < f.today) {
      out.push(`The peer-to-peer window closed on ${date(a.p2pDueDate)} by the payer's usual clock. Confirm with the payer before sending.`);
    }
  }
  if (kind !== 'p2p_request' && a.appealDueDate && a.appealDueDate < f.today) {
    out.push(`The appeal was due on ${date(a.appealDueDate)}. Ask the payer whether a late appeal is accepted, or go to external review.`);
  }
  if (kind !== 'p2p_request' && blank(a.groupNumber)) out.push('No group number is recorded: check the member card (individual plans may have none).');
  const unanswered = (criteria ?? []).filter((c) => !c.met).map((c) => c.label);
  if (unanswered.length) out.push(`The chart has no evidence for: ${unanswered.join('; ')}. Add it to the chart or answer it in the letter before sending.`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Criterion by criterion (the provider appeal)

export interface CriterionAnswer {
  label: string;
  met: boolean;
  /** What the chart shows, one line per fact, each ending with its citations. */
  facts: string[];
  cites: RecordCitation[];
}

const OUTCOME_WORDS: Record<TreatmentOutcome, string> = {
  failed: 'failed',
  intolerant: 'not tolerated',
  partial_relief: 'partial relief only',
  stopped_cost: 'stopped for cost',
  helped: 'helped',
  unknown: 'outcome unknown',
};
const KIND_WORDS: Record<TreatmentKind, string> = {
  medication: 'Medication',
  nerve_block: 'Nerve block',
  physical_therapy: 'Physical therapy',
  psychological: 'Psychological therapy',
  procedure: 'Procedure',
  spinal_cord_stimulation: 'Spinal cord stimulation',
};
const INSTRUMENT_WORDS: Record<ScoreInstrument, string> = { nrs: 'NRS pain', vas: 'VAS pain', peg: 'PEG', bpi_interference: 'BPI interference' };

/** "(Title, page 3; Other, page 1)", or '' without citations. */
export function citeWords(cites: RecordCitation[]): string {
  if (!cites.length) return '';
  return ` (${cites.map((c) => (c.page ? `${c.title}, page ${c.page}` : c.title)).join('; ')})`;
}

const span = (start: string | null, end: string | null) =>
  start && end ? `${date(start)} to ${date(end)}` : start ? `from ${date(start)}` : end ? `until ${date(end)}` : 'dates not recorded';

function monthsBetween(start: string, end: string): number {
  const [y1, m1, d1] = start.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = end.split('-').map(Number) as [number, number, number];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

function answer(req: EvidenceRequirement, e: ChartEvidence, today: string): CriterionAnswer {
  const base = { label: req.label };
  switch (req.kind) {
    case 'diagnosis': {
      const found = e.diagnoses.filter((d) => req.codePrefixes.some((p) => d.code.startsWith(p)));
      return {
        ...base,
        met: found.length > 0,
        facts: found.map((d) => `${d.code} ${d.description}${d.onsetDate ? `, onset ${date(d.onsetDate)}` : ''}${citeWords(d.cites)}`),
        cites: found.flatMap((d) => d.cites),
      };
    }
    case 'budapest': {
      const b = e.budapest;
      const met = !!b && (req.criteria === 'research' ? b.metResearch : b.metClinical);
      if (!b) return { ...base, met: false, facts: [], cites: [] };
      const facts = [
        `Budapest ${req.criteria} criteria ${met ? 'met' : 'not met'} on ${date(b.evaluatedOn)} (evaluated by ${b.evaluatorName}); continuing pain disproportionate to any inciting event: ${b.disproportionatePain ? 'yes' : 'no'}; no other diagnosis better explains it: ${b.noBetterDiagnosis ? 'yes' : 'no'}`,
        ...b.items.map((i) => `${i.kind === 'sign' ? 'Sign' : 'Symptom'} (${i.category.replace(/_/g, ' ')}): ${i.finding}`),
      ];
      return { ...base, met, facts, cites: [] };
    }
    case 'failed_treatment': {
      const words = (req.nameMatches ?? []).map((w) => w.toLowerCase());
      const found = e.treatments.filter(
        (t) => req.treatmentKinds.includes(t.kind) && req.outcomes.includes(t.outcome) && (!words.length || words.some((w) => t.name.toLowerCase().includes(w))),
      );
      let met = found.length >= req.min;
      if (met && req.minMonths) {
        const starts = found.map((t) => t.startDate).filter((d): d is string => !!d).sort();
        const ends = found.map((t) => t.endDate ?? today).sort();
        met = starts.length > 0 && monthsBetween(starts[0]!, ends[ends.length - 1]!) >= req.minMonths;
      }
      const facts = found.map(
        (t) =>
          `${KIND_WORDS[t.kind]}: ${t.name}${t.dose ? ` ${t.dose}` : ''}, ${span(t.startDate, t.endDate)}${t.sessions ? `, ${t.sessions} sessions` : ''}: ${OUTCOME_WORDS[t.outcome]}${t.response ? ` (${t.response})` : ''}${citeWords(t.cites)}`,
      );
      return { ...base, met, facts, cites: found.flatMap((t) => t.cites) };
    }
    case 'baseline_score': {
      const found = e.baseline.filter((s) => req.instruments.includes(s.instrument));
      return {
        ...base,
        met: found.length > 0,
        facts: found.map((s) => `${INSTRUMENT_WORDS[s.instrument]} ${s.value} at baseline (${date(s.takenOn)})`),
        cites: [],
      };
    }
    case 'screening': {
      const s = e.screening;
      return {
        ...base,
        met: !!s,
        facts: s ? [`Screening completed ${date(s.completedOn)}; contraindications: ${s.contraindications.length ? s.contraindications.join(', ') : 'none'}`] : [],
        cites: [],
      };
    }
    case 'consultation': {
      const c = e.consultation;
      return { ...base, met: !!c, facts: c ? [`Initial consultation held ${date(c.date)}${c.providerName ? ` by ${c.providerName}` : ''}`] : [], cites: [] };
    }
    case 'prior_response': {
      const r = e.lastSeriesResponse;
      // percentChange is the pain reduction in percent (outcomes' percentReduction): positive is better.
      const met = !!r && r.percentChange !== null && r.percentChange + 1e-9 >= req.minPercent;
      const change = r?.percentChange == null ? 'not enough scores to measure a response' : `${Math.round(r.percentChange)}% pain reduction`;
      return { ...base, met, facts: r ? [`Last series: ${r.sessionsGiven} sessions given, ${change} (${r.category})`] : [], cites: [] };
    }
  }
}

/**
 * The payer's criteria for the request's diagnosis group answered from the chart, in the rule
 * set's order. Without a rule set (or none for the group), the chart's own evidence is answered
 * under plain headings, so the letter still cites every record.
 */
export function answerCriteria(f: LetterFacts, diagnosisGroup: string | null): CriterionAnswer[] {
  const e = f.evidence;
  if (!e) return [];
  const group = (diagnosisGroup ?? e.diagnosisGroup) as keyof PayerRuleSet['evidence'] | null;
  const reqs = group ? f.ruleSet?.evidence[group] : undefined;
  // The last series' response is asked of a renewal only (a first request has no series to report).
  const renewal = f.authorization.renewalOfId !== null;
  if (reqs?.length) return reqs.filter((r) => r.kind !== 'prior_response' || renewal).map((r) => answer(r, e, f.today));
  const fallback: EvidenceRequirement[] = [
    { kind: 'diagnosis', label: 'Diagnosis', codePrefixes: e.diagnoses.map((d) => d.code).concat(e.diagnoses.length ? [] : ['-']) },
    ...(e.budapest ? [{ kind: 'budapest' as const, label: 'Budapest criteria for CRPS', criteria: 'clinical' as const }] : []),
    {
      kind: 'failed_treatment',
      label: 'Treatments tried and failed',
      treatmentKinds: ['medication', 'nerve_block', 'physical_therapy', 'psychological', 'procedure', 'spinal_cord_stimulation'],
      outcomes: ['failed', 'intolerant', 'partial_relief'],
      min: 1,
    },
    { kind: 'baseline_score', label: 'Baseline pain and function', instruments: ['nrs', 'vas', 'peg', 'bpi_interference'] },
  ];
  return fallback.map((r) => answer(r, e, f.today));
}

/** "1. Label: met / not documented" then each fact indented, for the {{criteria}} placeholder. */
function criteriaText(criteria: CriterionAnswer[]): string {
  if (!criteria.length) return 'No criteria could be read from the chart.';
  return criteria
    .map((c, i) => {
      const head = `${i + 1}. ${c.label}: ${c.met ? 'met' : 'not documented in the enclosed records'}.`;
      return [head, ...c.facts.map((x) => `   - ${x}`)].join('\n');
    })
    .join('\n');
}

/** The records cited, each once, as enclosures ("Title, pages 2, 5"). */
function enclosureLines(f: LetterFacts, criteria: CriterionAnswer[]): string[] {
  const byDoc = new Map<string, { title: string; pages: Set<number> }>();
  for (const c of criteria.flatMap((x) => x.cites)) {
    const entry = byDoc.get(c.documentId) ?? { title: c.title, pages: new Set<number>() };
    if (c.page) entry.pages.add(c.page);
    byDoc.set(c.documentId, entry);
  }
  const denial = f.authorization.denialDate ? `The denial notice dated ${date(f.authorization.denialDate)}` : 'The denial notice';
  return [
    denial,
    ...[...byDoc.values()].map((d) => (d.pages.size ? `${d.title}, page${d.pages.size > 1 ? 's' : ''} ${[...d.pages].sort((a, b) => a - b).join(', ')}` : d.title)),
  ];
}

// ---------------------------------------------------------------------------------------------
// Placeholders

/** Every placeholder a template may use, with what it stands for (the Settings editor lists these). */
export const LETTER_PLACEHOLDERS: Readonly<Record<string, string>> = {
  today: "Today's date",
  'clinic.name': "The clinic's name",
  'patient.name': "The patient's name",
  'patient.dob': "The patient's date of birth",
  'patient.mrn': "The patient's chart number (MRN)",
  'payer.name': "The payer's name",
  'plan.name': "The plan's name",
  'member.id': 'Member ID',
  'member.group': 'Group number',
  'auth.number': 'The authorization number, else the payer reference number',
  'auth.reference': "The payer's reference (case) number",
  'service.dates': 'Dates of service asked for',
  'service.sessions': 'Sessions asked for',
  'service.codes': 'Codes asked for, one per line',
  diagnoses: 'Diagnoses with ICD-10-CM codes, one per line',
  'denial.date': 'The denial date',
  'denial.reason': 'The denial reason',
  'denial.code': "The payer's denial code",
  'denial.policy': 'The policy the denial cites',
  'policy.reference': "The payer rule set's policy reference",
  'appeal.due': 'The date the appeal is due',
  'appeal.days': 'Days the plan allows for an internal appeal',
  'external.months': 'Months after the final internal denial to ask for external review',
  'external.due': 'The date external review must be asked for (after a final denial)',
  'p2p.due': 'The end of the peer-to-peer window',
  'physician.name': "The treating physician's name",
  'physician.credentials': "The treating physician's credentials",
  'physician.npi': "The treating physician's NPI",
  'physician.phone': 'The number the reviewer calls',
  'call.windows': 'The call windows, one per line',
  criteria: 'Each payer criterion with the chart evidence and its citations',
  enclosures: 'The enclosures (the denial notice and every record cited)',
};

/** Placeholders a kind's template must keep, so an edited template cannot drop what the letter needs. */
export const REQUIRED_PLACEHOLDERS: Readonly<Record<LetterKind, readonly string[]>> = {
  p2p_request: ['member.id', 'auth.number', 'denial.date', 'denial.reason', 'physician.name', 'physician.credentials', 'call.windows'],
  patient_appeal: ['patient.name', 'member.id', 'member.group', 'auth.number', 'service.dates', 'denial.date', 'denial.reason', 'physician.name', 'diagnoses', 'appeal.due', 'external.months', 'enclosures'],
  provider_appeal: ['member.id', 'auth.number', 'service.dates', 'denial.date', 'denial.reason', 'physician.name', 'physician.credentials', 'criteria', 'enclosures'],
};

const PLACEHOLDER = /\{\{\s*([a-z0-9.]+)\s*\}\}/g;
/** Anything in double braces, so a mistyped placeholder ("{{ Member ID }}") is caught, not printed. */
const BRACED = /\{\{([^{}]*)\}\}/g;

/** Problems with a template's text: unknown placeholders, and required ones it lacks. */
export function templateProblems(kind: LetterKind, texts: string[]): string[] {
  const used = new Set<string>();
  const problems: string[] = [];
  for (const t of texts) {
    for (const m of t.matchAll(BRACED)) {
      const name = m[1]!.trim();
      used.add(name);
      if (!(name in LETTER_PLACEHOLDERS)) problems.push(`{{${name}}} is not a placeholder this app knows`);
    }
  }
  const lacking = REQUIRED_PLACEHOLDERS[kind].filter((p) => !used.has(p));
  if (lacking.length) problems.push(`it must use ${lacking.map((p) => `{{${p}}}`).join(', ')}`);
  return problems;
}

const lines = (items: string[]) => items.map((i) => `- ${i}`).join('\n');

/** The value of every placeholder for these facts (blank fields read as "not recorded"). */
export function placeholderValues(f: LetterFacts, criteria: CriterionAnswer[], clocks?: PayerRuleSet['clocks']): Record<string, string> {
  const a = f.authorization;
  const none = 'not recorded';
  const codes = (a.serviceLines ?? []).map((l) => `${l.system} ${l.code}${l.description ? ` ${l.description}` : ''}, ${l.unitsPerSession} unit${l.unitsPerSession === 1 ? '' : 's'} per session`);
  const p = f.physician;
  return {
    today: date(f.today),
    'clinic.name': f.clinicName,
    'patient.name': `${f.patient.firstName} ${f.patient.lastName}`,
    'patient.dob': date(f.patient.dateOfBirth),
    'patient.mrn': f.patient.mrn,
    'payer.name': f.payerName ?? 'the plan',
    'plan.name': f.planName ?? f.payerName ?? 'the plan',
    'member.id': a.memberId ?? none,
    'member.group': blank(a.groupNumber) ? 'none on the card' : a.groupNumber!,
    'auth.number': authOrReference(a) ?? none,
    'auth.reference': a.referenceNumber ?? none,
    'service.dates': servicePeriod(a) || none,
    'service.sessions': a.requestedSessions !== null ? String(a.requestedSessions) : none,
    'service.codes': codes.length ? lines(codes) : '- (codes not recorded)',
    diagnoses: lines(diagnosisLines(f)),
    'denial.date': a.denialDate ? date(a.denialDate) : none,
    'denial.reason': a.denialReason ?? none,
    'denial.code': a.denialCode ?? none,
    'denial.policy': a.denialPolicy ?? f.ruleSet?.policy.reference ?? none,
    'policy.reference': f.ruleSet ? `${f.ruleSet.policy.reference} (${f.ruleSet.policy.title})` : (a.denialPolicy ?? none),
    'appeal.due': a.appealDueDate ? date(a.appealDueDate) : none,
    'appeal.days': String(clocks?.appealDays ?? 180),
    'external.months': String(clocks?.externalReviewMonths ?? 4),
    'external.due': a.externalReviewDueDate ? `by ${date(a.externalReviewDueDate)}` : "the date follows the plan's decision on this appeal",
    'p2p.due': a.p2pDueDate ? date(a.p2pDueDate) : none,
    'physician.name': p?.name ?? none,
    'physician.credentials': p?.credentials ?? '',
    'physician.npi': p?.npi ?? none,
    'physician.phone': p?.phone ?? 'the clinic',
    'call.windows': lines(f.callWindows.filter((w) => !blank(w))),
    criteria: criteriaText(criteria),
    enclosures: lines(enclosureLines(f, criteria)),
  };
}

/**
 * Fill a template's text in one pass: a value is never read again for placeholders, so text the
 * chart holds (a denial reason containing "{{member.id}}") comes out exactly as typed.
 */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** The letter as plain text to paste into a payer's portal: title, then each section. */
export function letterPlainText(title: string, sections: LetterSection[]): string {
  const parts = [title];
  for (const s of sections) parts.push(s.heading ? `${s.heading}\n${s.text}` : s.text);
  return `${parts.join('\n\n')}\n`;
}

/** ", MD" / " MD" / ", DO, PhD" at the end of a name, as the credentials (null when none). */
export function credentialsFromName(name: string): string | null {
  const m = /,\s*((?:MD|DO|MBBS|PhD|NP|PA-C|CRNA|DNP|APRN)(?:\s*,\s*(?:MD|DO|MBBS|PhD|NP|PA-C|CRNA|DNP|APRN))*)\s*$/i.exec(name);
  return m ? m[1]!.replace(/\s+/g, ' ') : null;
}
