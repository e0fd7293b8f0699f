/** The payer rule set's coded values in the desk's words (Settings › Payers). */
import type { DiagnosisGroup, ScoreInstrument, TreatmentKind, TreatmentOutcome } from '../../../../../src-shared/api/schemas/intake';
import type { EvidenceRequirement, PayerRuleSet } from '../../../../../src-shared/domain/authorizations/payer-rules';

export const GROUP_WORDS: Record<DiagnosisGroup, string> = {
  crps: 'CRPS',
  fibromyalgia: 'Fibromyalgia',
  neuropathic: 'Neuropathic pain',
  post_surgical: 'Chronic post-surgical pain',
  other_chronic_pain: 'Other chronic pain',
};

export const EVIDENCE_KIND_WORDS: Record<EvidenceRequirement['kind'], string> = {
  diagnosis: 'Diagnosis on the chart',
  budapest: 'Budapest criteria met',
  failed_treatment: 'Treatments tried and failed',
  baseline_score: 'Baseline score',
  screening: 'Ketamine screening completed',
  consultation: 'Physician consultation held',
  prior_response: 'Response to the last series (renewals)',
};

export const TREATMENT_KIND_WORDS: Record<TreatmentKind, string> = {
  medication: 'Medication',
  nerve_block: 'Nerve block',
  physical_therapy: 'Physical therapy',
  psychological: 'Psychological therapy',
  procedure: 'Procedure',
  spinal_cord_stimulation: 'Spinal cord stimulation',
};

export const OUTCOME_WORDS: Record<TreatmentOutcome, string> = {
  failed: 'Failed',
  intolerant: 'Not tolerated',
  partial_relief: 'Partial relief',
  stopped_cost: 'Stopped (cost)',
  helped: 'Helped',
  unknown: 'Unknown',
};

export const INSTRUMENT_WORDS: Record<ScoreInstrument, string> = {
  nrs: 'NRS (0-10)',
  vas: 'VAS (0-100 mm)',
  peg: 'PEG',
  bpi_interference: 'BPI interference',
};

export const ROUTE_WORDS: Record<PayerRuleSet['submission']['route'], string> = {
  portal: 'Payer portal',
  fax: 'Fax',
  electronic: 'Electronic (FHIR / X12)',
  phone: 'Phone',
  mail: 'Mail',
};

/** A new evidence item of a kind, with the figures the templates use, for the clinic to adjust. */
export function newEvidence(kind: EvidenceRequirement['kind']): EvidenceRequirement {
  switch (kind) {
    case 'diagnosis':
      return { kind, label: 'Diagnosis', codePrefixes: ['G90.5'] };
    case 'budapest':
      return { kind, label: 'Budapest criteria met, item by item', criteria: 'clinical' };
    case 'failed_treatment':
      return { kind, label: 'Failed treatment', treatmentKinds: ['medication'], outcomes: ['failed', 'intolerant', 'partial_relief'], min: 1 };
    case 'baseline_score':
      return { kind, label: 'Baseline pain score (NRS or VAS)', instruments: ['nrs', 'vas'] };
    case 'screening':
      return { kind, label: 'Ketamine screening completed' };
    case 'consultation':
      return { kind, label: 'Physician consultation note' };
    case 'prior_response':
      return { kind, label: 'Response to the last series', minPercent: 30 };
  }
}
