/** FHIR R4 Bundle (collection) of QuestionnaireResponse + Observation per score. Pure. */
import { randomUUID } from 'node:crypto';
import { currentScores } from '../rules/current-scores';
import type { OutcomeScore } from '../rules/types';

const LOINC = 'http://loinc.org';
export const LOINC_CODES: Record<string, { code: string; display: string } | undefined> = {
  nrs: { code: '72514-3', display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported' },
  vas: { code: '38214-3', display: 'Pain severity [Score] Visual analog score' },
  bpi_interference: { code: '77565-0', display: 'BPI short form pain interference' },
};

export interface FhirOptions {
  /** Reference to the Patient, e.g. "Patient/123" or a urn:uuid inside the bundle. */
  patientReference: (patientId: string) => string;
  /** Optional Patient resources to include, so urn:uuid patient references resolve. */
  patients?: { id: string; fullUrl: string; name?: string }[];
  newId?: () => string;
  /** Canonical URL of the Questionnaire per instrument. */
  questionnaire?: (instrument: string) => string;
}

type Resource = Record<string, unknown> & { resourceType: string };
export interface BundleEntry {
  fullUrl: string;
  resource: Resource;
}
export interface Bundle {
  resourceType: 'Bundle';
  type: 'collection';
  timestamp: string;
  entry: BundleEntry[];
}

export function scoresBundle(scores: readonly OutcomeScore[], opts: FhirOptions, now: number): Bundle {
  const entry = [...patientEntries(opts.patients ?? []), ...scoreEntries(bundleOrder(scores), opts)];
  return { resourceType: 'Bundle', type: 'collection', timestamp: new Date(now).toISOString(), entry };
}

/** The scores a bundle holds, in its order: those that count, oldest first. */
export function bundleOrder(scores: readonly OutcomeScore[]): OutcomeScore[] {
  return [...currentScores(scores)].reverse();
}

export function patientEntries(patients: NonNullable<FhirOptions['patients']>): BundleEntry[] {
  return patients.map((p) => ({ fullUrl: p.fullUrl, resource: { resourceType: 'Patient', id: p.id, ...(p.name ? { name: [{ text: p.name }] } : {}) } }));
}

/**
 * A QuestionnaireResponse and its Observation for each score, in the order given (bundleOrder's):
 * a long export builds them a slice at a time.
 */
export function scoreEntries(ordered: readonly OutcomeScore[], opts: Pick<FhirOptions, 'newId' | 'patientReference' | 'questionnaire'>): BundleEntry[] {
  const newId = opts.newId ?? randomUUID;
  const entry: BundleEntry[] = [];
  for (const s of ordered) {
    const code = LOINC_CODES[s.instrument];
    if (!code) continue; // no agreed LOINC code here for PEG / PGIC yet
    const subject = { reference: opts.patientReference(s.patientId) };
    const when = new Date(s.observedAt).toISOString();
    const qrId = newId();
    const obsId = newId();
    const answer =
      s.instrument === 'bpi_interference' || !Number.isInteger(s.value) ? [{ valueDecimal: s.value }] : [{ valueInteger: s.value }];
    entry.push({
      fullUrl: `urn:uuid:${qrId}`,
      resource: {
        resourceType: 'QuestionnaireResponse',
        id: qrId,
        identifier: { system: 'urn:ketamine-clinic:score', value: s.id },
        ...(opts.questionnaire ? { questionnaire: opts.questionnaire(s.instrument) } : {}),
        status: 'completed',
        subject,
        authored: when,
        item: [{ linkId: s.instrument, text: code.display, answer }],
      },
    });
    const value =
      s.instrument === 'nrs'
        ? { valueInteger: s.value }
        : s.instrument === 'vas'
          ? { valueQuantity: { value: s.value, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' } }
          : { valueQuantity: { value: s.value, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' } };
    entry.push({
      fullUrl: `urn:uuid:${obsId}`,
      resource: {
        resourceType: 'Observation',
        id: obsId,
        identifier: [{ system: 'urn:ketamine-clinic:score', value: s.id }],
        status: 'final',
        category: [
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] },
        ],
        code: { coding: [{ system: LOINC, code: code.code, display: code.display }] },
        subject,
        effectiveDateTime: when,
        ...value,
        derivedFrom: [{ reference: `urn:uuid:${qrId}` }],
      },
    });
  }
  return entry;
}
