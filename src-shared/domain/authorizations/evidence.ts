/**
 * What the chart holds that a payer may ask for, gathered once per request: the readiness
 * check compares it with the payer's rule set, and the letter of medical necessity, the
 * appeal letters and the PAS bundle are written from it. Each fact carries the prior records
 * it rests on (document and page), so every claim in a letter can cite its evidence.
 * Loaded by src-main/backend/authorizations/evidence.ts; plain data, no I/O here.
 */
import type { DiagnosisGroup, ScoreInstrument, TreatmentKind, TreatmentOutcome } from '../../api/schemas/intake';

/** A prior record a fact rests on: the filed document and, when known, the page (1-based). */
export interface RecordCitation {
  documentId: string;
  title: string;
  page: number | null;
}

export interface EvidenceDiagnosis {
  code: string;
  description: string;
  isPrimary: boolean;
  onsetDate: string | null;
  cites: RecordCitation[];
}

export interface EvidenceBudapestItem {
  /** sensory | vasomotor | sudomotor_edema | motor_trophic */
  category: string;
  kind: 'symptom' | 'sign';
  /** The finding in words, e.g. "allodynia to light touch". */
  finding: string;
}

export interface EvidenceBudapest {
  evaluatedOn: string;
  evaluatorName: string;
  disproportionatePain: boolean;
  noBetterDiagnosis: boolean;
  /** Whether the clinical criteria are met, by the intake's own Budapest rule. */
  metClinical: boolean;
  metResearch: boolean;
  items: EvidenceBudapestItem[];
}

export interface EvidenceTreatment {
  kind: TreatmentKind;
  name: string;
  dose: string | null;
  sessions: number | null;
  startDate: string | null;
  endDate: string | null;
  outcome: TreatmentOutcome;
  response: string | null;
  cites: RecordCitation[];
}

export interface EvidenceScore {
  instrument: ScoreInstrument;
  value: number;
  /** Instant the score was taken. */
  takenAt: number;
  /** The clinic's calendar day it was taken on (YYYY-MM-DD, in the clinic's time zone): what letters print. */
  takenOn: string;
}

export interface ChartEvidence {
  patient: { id: string; firstName: string; lastName: string; dateOfBirth: string; sex: string; mrn: string };
  /** The primary coverage, when recorded. */
  coverage: { id: string; payerId: string; payerName: string; memberId: string; groupNumber: string | null; planName: string | null } | null;
  /** The intake's diagnosis group (crps, fibromyalgia, ...), from the primary diagnosis. */
  diagnosisGroup: DiagnosisGroup | null;
  diagnoses: EvidenceDiagnosis[];
  /** The latest Budapest evaluation, or null. */
  budapest: EvidenceBudapest | null;
  treatments: EvidenceTreatment[];
  /** Baseline scores, the latest per instrument. */
  baseline: EvidenceScore[];
  screening: { completedOn: string; contraindications: string[]; needsReview: boolean } | null;
  /** The initial consultation held (clears the patient), or null. */
  consultation: { date: string; providerName: string | null; noteDocumentId: string | null } | null;
  /** For a renewal: the last series' response (percent reduction and IMMPACT category), or null. */
  lastSeriesResponse: { seriesId: string; percentChange: number | null; category: string; sessionsGiven: number } | null;
  /** Every prior record filed on the chart (documents), for enclosures. */
  records: { documentId: string; title: string; docType: string; mimeType: string; pages: number | null }[];
}
