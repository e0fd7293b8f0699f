/**
 * The physician's intake summary: one or two pages the physician reads before the first
 * consultation, and the core of a payer package. Pure: an IntakeRecord in, a ReportModel
 * out; documents/pdf lays it out.
 */
import type { IntakeRecord } from '../../../src-shared/api/schemas/intake';
import { INSTRUMENTS } from '../../../src-shared/api/schemas/intake';
import { ageOn, formatCalendarDate, keptDateTimeFormat } from '../../../src-shared/domain/dates';
import type { ReportModel, ReportSection } from '../documents/pdf/report-model';

export interface SummaryContext {
  clinicName: string;
  timeZone: string;
  generatedAt: number;
  generatedBy: string;
  /** Labels from resources/intake/treatments.json. */
  kindLabel: (id: string) => string;
  outcomeLabel: (id: string) => string;
  /** Booked consultations to mention, already worded in clinic time. */
  consultations: string[];
}

const d = (iso: string | null) => (iso ? formatCalendarDate(iso) : 'date unknown');

const formatInstant = (ms: number, timeZone: string): string =>
  keptDateTimeFormat('en-US', { timeZone, month: '2-digit', day: '2-digit', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(ms);

export function buildIntakeSummary(r: IntakeRecord, c: SummaryContext): ReportModel {
  const p = r.patient;
  const name = `${p.lastName}, ${p.firstName}`;
  const sections: ReportSection[] = [];

  sections.push({
    heading: 'Diagnoses',
    blocks: [
      {
        kind: 'table',
        columns: [
          { header: 'ICD-10-CM', width: 1.2 },
          { header: 'Description', width: 4 },
          { header: 'Onset', width: 1.3 },
        ],
        rows: r.diagnoses.map((x) => [x.code + (x.isPrimary ? ' (primary)' : ''), x.title, d(x.onsetDate)]),
        empty: 'No diagnosis recorded.',
      },
    ],
  });

  const current = r.budapestEvaluations.find((e) => e.isCurrent) ?? null;
  const hasCrps = r.diagnoses.some((x) => x.group === 'crps');
  if (current || hasCrps) {
    sections.push({
      heading: 'Budapest criteria (CRPS)',
      blocks: current
        ? [
            {
              kind: 'paragraph',
              text: capitalize(current.result.clinicalExplanation) + '.',
              tone: current.result.clinicalMet ? 'ok' : 'alert',
            },
            { kind: 'paragraph', text: capitalize(current.result.researchExplanation) + '.' },
            {
              kind: 'fields',
              rows: [
                ['Evaluated', `${d(current.evaluatedOn)} by ${current.evaluatorName}`],
                ['A. Disproportionate pain', current.disproportionatePain ? 'Yes' : 'No'],
                ['D. No better explanation', current.noBetterDiagnosis ? 'Yes' : 'No'],
              ],
            },
            ...(current.result.clinicalMissing.length
              ? [{ kind: 'list' as const, items: current.result.clinicalMissing, tone: 'alert' as const }]
              : []),
          ]
        : [{ kind: 'paragraph', text: 'No Budapest evaluation recorded for this CRPS diagnosis.', tone: 'alert' }],
    });
  }

  sections.push({
    heading: 'Prior treatments',
    blocks: [
      {
        kind: 'table',
        columns: [
          { header: 'Type', width: 1.4 },
          { header: 'Treatment', width: 2.4 },
          { header: 'Dates', width: 1.9 },
          { header: 'Outcome', width: 2.2 },
        ],
        rows: r.priorTreatments.map((t) => [
          c.kindLabel(t.kind),
          [t.name, t.dose, t.sessions ? `${t.sessions} sessions` : null].filter(Boolean).join(', '),
          t.startDate || t.endDate ? `${d(t.startDate)} - ${t.endDate ? d(t.endDate) : 'end not recorded'}` : 'dates unknown',
          [c.outcomeLabel(t.outcome), t.response].filter(Boolean).join(': '),
        ]),
        empty: 'No prior treatment recorded.',
      },
    ],
  });

  sections.push({
    heading: 'Current medications and interaction flags',
    blocks: [
      {
        kind: 'table',
        columns: [
          { header: 'Medication', width: 2.2 },
          { header: 'Dose and frequency', width: 1.8 },
          { header: 'Flag for ketamine', width: 4 },
        ],
        rows: r.medications.map((m) => [
          m.drug,
          [m.dose, m.frequency].filter(Boolean).join(', ') || '-',
          m.flags.length ? m.flags.map((f) => `${f.name} (${f.severity}): ${f.why}`).join(' ') : 'None',
        ]),
        empty: 'No current medication recorded.',
      },
    ],
  });

  sections.push({
    heading: 'Contraindication screening',
    blocks: r.screening
      ? [
          {
            kind: 'paragraph',
            text: `Result: ${capitalize(r.screening.result.label)} (screened ${d(r.screening.screenedOn)} by ${r.screening.screenedBy}).`,
            tone: r.screening.result.status === 'clear' ? 'ok' : 'alert',
          },
          ...(r.screening.result.reasons.length
            ? [
                {
                  kind: 'list' as const,
                  tone: 'alert' as const,
                  items: r.screening.result.reasons.map(
                    (x) => `${x.question} ${x.answer ? `Answer: ${x.answer}.` : 'Not asked.'} ${x.reason}${x.note ? ` Note: ${x.note}` : ''}`,
                  ),
                },
              ]
            : []),
        ]
      : [{ kind: 'paragraph', text: 'Screening not done yet.', tone: 'alert' }],
  });

  sections.push({
    heading: 'Baseline scores',
    blocks: [
      {
        kind: 'table',
        columns: [
          { header: 'Measure', width: 3 },
          { header: 'Score', width: 1 },
          { header: 'Taken', width: 2.4 },
          { header: 'Recorded by', width: 1.8 },
        ],
        rows: r.baseline.all.map((s) => [
          INSTRUMENTS[s.instrument].label,
          `${formatScore(s.value)}${s.items ? ` (items ${s.items.join(', ')})` : ''}`,
          formatInstant(s.observedAt, c.timeZone),
          s.recordedBy,
        ]),
        empty: 'No baseline score recorded.',
      },
    ],
  });

  const missing = r.completeness.items.filter((i) => !i.done);
  sections.push({
    heading: `Intake completeness: ${r.completeness.done} of ${r.completeness.total} (${r.completeness.percent}%)`,
    blocks: missing.length
      ? [
          { kind: 'paragraph', text: 'Missing before a payer package can be sent:' },
          { kind: 'list', tone: 'alert', items: missing.map((i) => `${i.label}: ${i.missingReason ?? 'missing'}`) },
        ]
      : [{ kind: 'paragraph', text: 'Everything the payer package needs is recorded.', tone: 'ok' }],
  });

  if (c.consultations.length) {
    sections.push({ heading: 'Consultation', blocks: [{ kind: 'list', items: c.consultations }] });
  }

  const age = ageOn(p.dateOfBirth, r.asOf);
  return {
    title: `Intake summary: ${name}`,
    subtitle: [
      `MRN ${p.mrn} · born ${formatCalendarDate(p.dateOfBirth)} (age ${age}) · ${capitalize(p.sex)}`,
      `${c.clinicName} · prepared ${formatInstant(c.generatedAt, c.timeZone)} by ${c.generatedBy}`,
    ],
    footer: `${c.clinicName} · ${name} (MRN ${p.mrn}) · confidential patient information`,
    sections,
  };
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const formatScore = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
