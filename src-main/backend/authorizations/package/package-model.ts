/**
 * The prior authorization request package as plain data, written from the chart evidence and
 * the request: the cover sheet, the letter of medical necessity (editable sections, each claim
 * citing the record and page it rests on), and the chosen enclosures. package-pdf.ts prints it.
 * Pure: no I/O, so the wording is tested without a store or a PDF.
 */
import type { ChartEvidence, EvidenceTreatment, RecordCitation } from '../../../../src-shared/domain/authorizations/evidence';
import type { EvidenceRequirement, PayerRuleSet } from '../../../../src-shared/domain/authorizations/payer-rules';
import type { ReportModel } from '../../documents/pdf/report-model';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';

/** Dates in the package as US payers read them (MM/DD/YYYY), like the letters and every screen. */
const day = formatCalendarDate;

export interface PackageServiceLine {
  code: string;
  system: 'CPT' | 'HCPCS';
  unitsPerSession: number;
  description?: string;
}

/** The request as the authorization row holds it, with the names looked up. */
export interface PackageRequest {
  clinicName: string;
  payerName: string;
  payerFax: string | null;
  memberId: string | null;
  groupNumber: string | null;
  serviceLines: PackageServiceLine[];
  requestedSessions: number | null;
  requestedStartDate: string | null;
  requestedEndDate: string | null;
  icd10Codes: string[];
  orderingProvider: { name: string; credentials: string | null; npi: string | null } | null;
  expedited: boolean;
  renewal: boolean;
}

export interface LetterSection {
  key: string;
  heading: string;
  text: string;
}

export interface PackageEnclosure {
  documentId: string;
  title: string;
  mimeType: string;
  pages: number | null;
  include: boolean;
}

/** What authorization_letters.content holds for kind 'package': the editable parts. */
export interface PackageContent {
  sections: LetterSection[];
  enclosures: PackageEnclosure[];
}

const OUTCOME_WORDS: Record<string, string> = {
  failed: 'failed (no meaningful relief)',
  intolerant: 'stopped for side effects',
  partial_relief: 'partial relief only, insufficient',
  stopped_cost: 'stopped for cost',
  helped: 'helped',
  unknown: 'outcome not recorded',
};

const KIND_WORDS: Record<string, string> = {
  medication: 'Medication',
  nerve_block: 'Nerve block',
  physical_therapy: 'Physical therapy',
};

const CATEGORY_WORDS: Record<string, string> = {
  sensory: 'Sensory',
  vasomotor: 'Vasomotor',
  sudomotor_edema: 'Sudomotor/edema',
  motor_trophic: 'Motor/trophic',
};

const INSTRUMENT_WORDS: Record<string, string> = {
  nrs: 'NRS pain (0-10)',
  vas: 'VAS pain (0-100)',
  peg: 'PEG (pain, enjoyment, general activity)',
  bpi_interference: 'BPI interference (function)',
};

/** The enclosure number of a record, counted over the included enclosures (1-based). */
function enclosureNumbers(enclosures: PackageEnclosure[]): Map<string, number> {
  const map = new Map<string, number>();
  enclosures.filter((e) => e.include).forEach((e, i) => map.set(e.documentId, i + 1));
  return map;
}

/** "(Enclosure 2: MRI report, page 3)" for each citation; words say when a record is not enclosed. */
export function citeWords(cites: RecordCitation[], numbers: Map<string, number>): string {
  if (cites.length === 0) return '(recorded in the chart; no prior record linked)';
  const parts = cites.map((c) => {
    const n = numbers.get(c.documentId);
    const page = c.page ? `, page ${c.page}` : '';
    return n ? `Enclosure ${n}: ${c.title}${page}` : `${c.title}${page}, on file`;
  });
  return `(${parts.join('; ')})`;
}

function dateSpan(t: EvidenceTreatment): string {
  if (t.startDate && t.endDate) return `${day(t.startDate)} to ${day(t.endDate)}`;
  if (t.startDate) return `from ${day(t.startDate)}`;
  if (t.endDate) return `until ${day(t.endDate)}`;
  return 'dates not recorded';
}

export function treatmentLine(t: EvidenceTreatment, numbers: Map<string, number>): string {
  const what = [KIND_WORDS[t.kind] ?? t.kind, t.name, t.dose, t.sessions ? `${t.sessions} sessions` : null].filter(Boolean).join(', ');
  const response = t.response ? `; ${t.response}` : '';
  return `${what}: ${dateSpan(t)}; ${OUTCOME_WORDS[t.outcome] ?? t.outcome}${response} ${citeWords(t.cites, numbers)}`;
}

function monthsBetween(a: string, b: string): number {
  const [ay, am, ad] = a.split('-').map(Number) as [number, number, number];
  const [by, bm, bd] = b.split('-').map(Number) as [number, number, number];
  return (by - ay) * 12 + (bm - am) + (bd >= ad ? 0 : -1);
}

/** One payer criterion answered from the chart: met or not, and the evidence in words. */
export function answerCriterion(req: EvidenceRequirement, ev: ChartEvidence, numbers: Map<string, number>): { met: boolean; text: string } {
  switch (req.kind) {
    case 'diagnosis': {
      const hits = ev.diagnoses.filter((d) => req.codePrefixes.some((p) => d.code.toUpperCase().startsWith(p.toUpperCase())));
      return hits.length
        ? { met: true, text: hits.map((d) => `${d.code} ${d.description} ${citeWords(d.cites, numbers)}`).join('; ') }
        : { met: false, text: `No diagnosis coded ${req.codePrefixes.join(' or ')} on the chart.` };
    }
    case 'budapest': {
      const b = ev.budapest;
      const met = !!b && (req.criteria === 'research' ? b.metResearch : b.metClinical);
      return b
        ? { met, text: `Budapest evaluation of ${day(b.evaluatedOn)} by ${b.evaluatorName}: ${req.criteria} criteria ${met ? 'met' : 'not met'} (${b.items.length} findings, listed above).` }
        : { met: false, text: 'No Budapest evaluation on the chart.' };
    }
    case 'failed_treatment': {
      const words = req.nameMatches?.map((w) => w.toLowerCase());
      const hits = ev.treatments.filter(
        (t) =>
          req.treatmentKinds.includes(t.kind) &&
          req.outcomes.includes(t.outcome) &&
          (!words || words.some((w) => t.name.toLowerCase().includes(w))),
      );
      const dated = hits.filter((t) => t.startDate);
      let met = hits.length >= req.min;
      let span = '';
      if (req.minMonths && dated.length) {
        const start = dated.map((t) => t.startDate!).sort()[0]!;
        const end = dated.map((t) => t.endDate ?? t.startDate!).sort().at(-1)!;
        const months = monthsBetween(start, end);
        span = ` Together ${months} months (${day(start)} to ${day(end)}); at least ${req.minMonths} asked.`;
        met &&= months >= req.minMonths;
      } else if (req.minMonths) met = false;
      return hits.length
        ? { met, text: hits.map((t) => treatmentLine(t, numbers)).join('; ') + '.' + span }
        : { met: false, text: 'Not recorded on the chart.' };
    }
    case 'baseline_score': {
      const hits = ev.baseline.filter((s) => req.instruments.includes(s.instrument));
      return hits.length
        ? { met: true, text: hits.map((s) => `${INSTRUMENT_WORDS[s.instrument] ?? s.instrument} ${s.value} on ${day(s.takenOn)}`).join('; ') + ' (chart baseline).' }
        : { met: false, text: `No baseline ${req.instruments.join(' or ')} score on the chart.` };
    }
    case 'screening':
      return ev.screening
        ? {
            met: !ev.screening.needsReview,
            text: `Screening completed ${day(ev.screening.completedOn)}; contraindications: ${ev.screening.contraindications.join(', ') || 'none'}.`,
          }
        : { met: false, text: 'Ketamine screening not completed.' };
    case 'consultation':
      return ev.consultation
        ? {
            met: true,
            text: `Consultation on ${day(ev.consultation.date)}${ev.consultation.providerName ? ` with ${ev.consultation.providerName}` : ''}${
              ev.consultation.noteDocumentId ? ` ${citeWords([{ documentId: ev.consultation.noteDocumentId, title: 'Consultation note', page: 1 }], numbers)}` : ''
            }.`,
          }
        : { met: false, text: 'No consultation held.' };
    case 'prior_response': {
      const r = ev.lastSeriesResponse;
      if (!r) return { met: false, text: 'No previous series response on the chart.' };
      const reduction = r.percentChange === null ? null : -r.percentChange;
      return {
        met: reduction !== null && reduction >= req.minPercent,
        text: `Last series (${r.sessionsGiven} sessions): ${reduction === null ? 'change not measured' : `${reduction}% pain reduction`}, IMMPACT ${r.category}.`,
      };
    }
  }
}

function patientName(ev: ChartEvidence): string {
  return `${ev.patient.firstName} ${ev.patient.lastName}`;
}

/** The enclosures a new draft proposes: every prior record a claim cites, then the others unticked. */
export function proposeEnclosures(ev: ChartEvidence): PackageEnclosure[] {
  const cited = new Set<string>();
  for (const d of ev.diagnoses) for (const c of d.cites) cited.add(c.documentId);
  for (const t of ev.treatments) for (const c of t.cites) cited.add(c.documentId);
  if (ev.consultation?.noteDocumentId) cited.add(ev.consultation.noteDocumentId);
  const enclosable = (m: string) => m === 'application/pdf' || m === 'image/png' || m === 'image/jpeg';
  return ev.records.map((r) => ({
    documentId: r.documentId,
    title: r.title,
    mimeType: r.mimeType,
    pages: r.pages,
    include: cited.has(r.documentId) && enclosable(r.mimeType),
  }));
}

/**
 * The letter's sections written from the chart, citing enclosures by the numbers they get with
 * `enclosures` (so a draft refreshed after the enclosures change cites the right numbers).
 */
export function draftLetterSections(ev: ChartEvidence, req: PackageRequest, rules: PayerRuleSet | null, enclosures: PackageEnclosure[]): LetterSection[] {
  const numbers = enclosureNumbers(enclosures);
  const sections: LetterSection[] = [];
  const name = patientName(ev);
  const provider = req.orderingProvider;
  const sessions = req.requestedSessions ? `${req.requestedSessions} ` : '';
  sections.push({
    key: 'opening',
    heading: 'Request',
    text:
      `Re: ${name}, date of birth ${day(ev.patient.dateOfBirth)}, member ID ${req.memberId ?? 'not recorded'}.\n` +
      `I am writing to request ${req.renewal ? 'renewed ' : ''}prior authorization for a series of ${sessions}intravenous ketamine infusions ` +
      `(${req.serviceLines.map((l) => `${l.system} ${l.code} x${l.unitsPerSession}`).join(', ') || 'codes not set'}) ` +
      `from ${req.requestedStartDate ? day(req.requestedStartDate) : 'a date to be set'} to ${req.requestedEndDate ? day(req.requestedEndDate) : 'a date to be set'}` +
      `${rules ? `, with reference to ${rules.policy.reference} (${rules.policy.title})` : ''}. ` +
      `The facts below are taken from the patient's chart; each cites the record and page it rests on, enclosed with this letter.`,
  });
  sections.push({
    key: 'diagnoses',
    heading: 'Diagnoses',
    text: ev.diagnoses.length
      ? ev.diagnoses
          .map((d) => `${d.code} ${d.description}${d.isPrimary ? ' (primary)' : ''}${d.onsetDate ? `, onset ${day(d.onsetDate)}` : ''} ${citeWords(d.cites, numbers)}`)
          .join('\n')
      : 'No diagnosis recorded.',
  });
  if (ev.budapest) {
    const b = ev.budapest;
    const items = b.items.map((i) => `${CATEGORY_WORDS[i.category] ?? i.category} ${i.kind}: ${i.finding}`);
    sections.push({
      key: 'budapest',
      heading: 'Budapest criteria',
      text:
        `Evaluated on ${day(b.evaluatedOn)} by ${b.evaluatorName}: clinical criteria ${b.metClinical ? 'met' : 'not met'}` +
        `${b.metResearch ? ', research criteria met' : ''}. Continuing pain disproportionate to any inciting event: ${b.disproportionatePain ? 'yes' : 'no'}; ` +
        `no other diagnosis better explains the signs and symptoms: ${b.noBetterDiagnosis ? 'yes' : 'no'}. Findings:\n` +
        items.map((s) => `- ${s}`).join('\n'),
    });
  }
  const tried = ev.treatments.filter((t) => t.outcome !== 'helped');
  sections.push({
    key: 'treatments',
    heading: 'Treatments tried and failed',
    text: tried.length ? tried.map((t) => `- ${treatmentLine(t, numbers)}`).join('\n') : 'No prior treatment recorded.',
  });
  sections.push({
    key: 'baseline',
    heading: 'Baseline pain and function',
    text: ev.baseline.length
      ? ev.baseline.map((s) => `${INSTRUMENT_WORDS[s.instrument] ?? s.instrument}: ${s.value} on ${day(s.takenOn)}`).join('\n')
      : 'No baseline score recorded.',
  });
  if (req.renewal || ev.lastSeriesResponse) {
    const r = ev.lastSeriesResponse;
    sections.push({
      key: 'response',
      heading: 'Response to the last series',
      text: r
        ? `${r.sessionsGiven} sessions given; ${r.percentChange === null ? 'change in pain not measured' : `pain changed by ${r.percentChange}% from baseline`}; IMMPACT category: ${r.category}.`
        : 'No previous series response recorded.',
    });
  }
  const group = ev.diagnosisGroup;
  const reqs = (group && rules?.evidence[group]) || [];
  if (reqs.length) {
    sections.push({
      key: 'criteria',
      heading: `The payer's criteria${rules ? ` (${rules.policy.reference})` : ''}`,
      text: reqs
        .map((r, i) => {
          const a = answerCriterion(r, ev, numbers);
          return `${i + 1}. ${r.label}: ${a.met ? 'MET' : 'NOT SHOWN'}. ${a.text}`;
        })
        .join('\n'),
    });
  }
  sections.push({
    key: 'closing',
    heading: 'Conclusion',
    text:
      `Conservative treatment has failed as documented above. I consider this series medically necessary and ask that it be authorized in full.\n\n` +
      `${provider ? `${provider.name}${provider.credentials ? `, ${provider.credentials}` : ''}${provider.npi ? `, NPI ${provider.npi}` : ''}` : 'Ordering provider not set'}\n${req.clinicName}`,
  });
  return sections;
}

export function draftPackageContent(ev: ChartEvidence, req: PackageRequest, rules: PayerRuleSet | null): PackageContent {
  const enclosures = proposeEnclosures(ev);
  return { sections: draftLetterSections(ev, req, rules, enclosures), enclosures };
}

function sessionsWords(req: PackageRequest): string {
  return req.requestedSessions ? String(req.requestedSessions) : 'not set';
}

/** The cover sheet: who asks whom for what, for which patient, for which dates. */
export function coverModel(ev: ChartEvidence, req: PackageRequest, enclosures: PackageEnclosure[], generatedAt: string): ReportModel {
  const included = enclosures.filter((e) => e.include);
  const pages = included.reduce((s, e) => s + (e.pages ?? 0), 0);
  const p = req.orderingProvider;
  return {
    title: `Prior authorization request${req.expedited ? ' (EXPEDITED)' : ''}`,
    subtitle: [`${req.clinicName} to ${req.payerName}${req.payerFax ? `, fax ${req.payerFax}` : ''}`],
    footer: `${req.clinicName} · ${patientName(ev)} (MRN ${ev.patient.mrn}) · ${generatedAt}`,
    sections: [
      {
        heading: 'Member',
        blocks: [
          {
            kind: 'fields',
            rows: [
              ['Patient', patientName(ev)],
              ['Date of birth', day(ev.patient.dateOfBirth)],
              ['Payer', req.payerName],
              ['Member ID', req.memberId ?? 'not recorded'],
              ['Group ID', req.groupNumber ?? 'not recorded'],
            ],
          },
        ],
      },
      {
        heading: 'Services requested',
        blocks: [
          {
            kind: 'fields',
            rows: [
              ['Sessions', sessionsWords(req)],
              ['Dates of service', `${req.requestedStartDate ? day(req.requestedStartDate) : 'not set'} to ${req.requestedEndDate ? day(req.requestedEndDate) : 'not set'} (the whole series)`],
              ['Diagnoses (ICD-10-CM)', (req.icd10Codes.length ? req.icd10Codes : ev.diagnoses.map((d) => d.code)).join(', ') || 'not recorded'],
            ],
          },
          {
            kind: 'table',
            columns: [
              { header: 'Code', width: 2 },
              { header: 'Description', width: 5 },
              { header: 'Units per session', width: 2 },
              { header: 'Units in all', width: 2 },
            ],
            rows: req.serviceLines.map((l) => [
              `${l.system} ${l.code}`,
              l.description ?? '',
              String(l.unitsPerSession),
              req.requestedSessions ? String(l.unitsPerSession * req.requestedSessions) : '-',
            ]),
            empty: 'No codes set on the request.',
          },
        ],
      },
      {
        heading: 'Ordering provider',
        blocks: [{ kind: 'fields', rows: [['Name', p ? `${p.name}${p.credentials ? `, ${p.credentials}` : ''}` : 'not set'], ['NPI', p?.npi ?? 'not recorded']] }],
      },
      {
        heading: 'Enclosures',
        blocks: [
          {
            kind: 'table',
            columns: [
              { header: 'No.', width: 1 },
              { header: 'Record', width: 7 },
              { header: 'Pages', width: 1 },
            ],
            rows: included.map((e, i) => [String(i + 1), e.title, e.pages === null ? '-' : String(e.pages)]),
            empty: 'No records enclosed.',
          },
          { kind: 'paragraph', text: `Letter of medical necessity follows, then ${included.length} enclosed records${pages ? ` (${pages} pages)` : ''}.`, tone: 'muted' },
        ],
      },
    ],
  };
}

/** The letter of medical necessity as a report: its sections as paragraphs (line breaks kept). */
export function letterModel(ev: ChartEvidence, req: PackageRequest, content: PackageContent, generatedAt: string): ReportModel {
  return {
    title: 'Letter of medical necessity',
    subtitle: [`${patientName(ev)} · date of birth ${day(ev.patient.dateOfBirth)} · member ID ${req.memberId ?? 'not recorded'}`, `To ${req.payerName} · ${generatedAt}`],
    footer: `${req.clinicName} · ${patientName(ev)} (MRN ${ev.patient.mrn})`,
    sections: content.sections.map((s) => ({ heading: s.heading, blocks: [{ kind: 'paragraph' as const, text: s.text }] })),
  };
}
