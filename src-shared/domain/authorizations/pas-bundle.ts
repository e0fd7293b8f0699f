/**
 * A prior authorization request as an HL7 Da Vinci PAS Request Bundle (FHIR R4), built from the
 * authorization row, its payer, the patient, the coverage, the ordering provider and the chart
 * evidence. Pure: the backend reads the rows and the supporting files and passes them in.
 *
 * Shape (PAS input/fsh/Bundle.fsh PASRequestBundle, Claim.fsh PASClaim): a `collection` Bundle
 * with an identifier and a timestamp, the Claim first (`use = preauthorization`, `status =
 * active`), every resource it points at included exactly once under a unique `urn:uuid`
 * fullUrl, so every reference resolves inside the bundle. Supporting records are
 * DocumentReferences with their content inline (PASDocumentReference: data 1..1, url 0..0),
 * referenced from Claim.supportingInfo (the AdditionalInformation slice).
 *
 * Diagnoses: X12 278 carries at most 12 (Claim.fsh: "Only the first 12 diagnoses can be sent in
 * the X12 request"). More are cut to the first 12 (the request's own order: the primary first)
 * with a warning naming the ones left out, rather than refused: the request stays sendable and
 * the desk sees exactly what was not carried.
 */
import type { ChartEvidence } from './evidence';
import { DESK_SYSTEMS, PAS_TEMP_CODES, SYSTEMS, pasExtension, x12 } from './pas-codes';

export const MAX_PAS_DIAGNOSES = 12;

/** One requested code line as the authorization row holds it (authorizations.service_lines). */
export interface ServiceLine {
  code: string;
  system: 'CPT' | 'HCPCS';
  unitsPerSession: number;
  description?: string | undefined;
}

export interface PasRequestFacts {
  authorization: {
    id: string;
    requestedSessions: number | null;
    requestedStartDate: string | null;
    requestedEndDate: string | null;
    serviceLines: ServiceLine[] | null;
    /** The request's ICD-10-CM codes in order (primary first); the chart's diagnoses when empty. */
    icd10Codes: string[] | null;
    memberId: string | null;
    groupNumber: string | null;
    expedited: boolean;
    renewalOfId: string | null;
  };
  payer: { id: string; name: string; payerCode: string | null } | null;
  coverage: {
    id: string;
    memberId: string;
    groupNumber: string | null;
    planName: string | null;
    subscriberName: string | null;
    subscriberRelation: 'self' | 'spouse' | 'child' | 'other';
  } | null;
  provider: { id: string; name: string; npi: string | null } | null;
  clinic: { id: string; name: string };
  evidence: Pick<ChartEvidence, 'patient' | 'diagnoses'>;
  /** The supporting records with their bytes (base64), in the order they are listed. */
  documents: PasDocument[];
  /** CMS place of service code (two digits), e.g. 11 office, 49 independent clinic. */
  placeOfService: string;
  /** When the bundle is made (ms since the epoch). */
  now: number;
  /** New UUIDs for the bundle's identifier and the resources without a row of their own. */
  newId: () => string;
}

export interface PasDocument {
  id: string;
  title: string;
  docType: string;
  mimeType: string;
  sizeBytes: number;
  /** Instant the document was filed. */
  createdAt: number;
  base64: string;
}

export interface PasIssue {
  field: string;
  message: string;
}

type Resource = { resourceType: string; id: string } & Record<string, unknown>;
export interface PasEntry {
  fullUrl: string;
  resource: Resource;
}
export interface PasBundle {
  resourceType: 'Bundle';
  id: string;
  identifier: { system: string; value: string };
  type: 'collection';
  timestamp: string;
  entry: PasEntry[];
}

export type PasBuild = { ok: true; bundle: PasBundle; warnings: string[] } | { ok: false; issues: PasIssue[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NPI = /^\d{10}$/;

/** The Claim's fullUrl: the authorization's own id, so a response may point back at it. */
export const claimFullUrl = (authorizationId: string) => `urn:uuid:${authorizationId.toLowerCase()}`;

/** What the export needs and the request lacks, each in the desk's words with where to fix it. */
export function pasExportIssues(f: PasRequestFacts): PasIssue[] {
  const a = f.authorization;
  const issues: PasIssue[] = [];
  if (!f.payer) issues.push({ field: 'payerId', message: 'Choose the payer this request goes to.' });
  if (!f.coverage && !a.memberId?.trim()) {
    issues.push({ field: 'memberId', message: "Record the patient's member id (the coverage on the chart, or on this request)." });
  }
  if (!a.serviceLines?.length) issues.push({ field: 'serviceLines', message: 'Add the codes to request (for example 96365 and J3490) with their units per session.' });
  if (!a.requestedSessions) issues.push({ field: 'requestedSessions', message: 'Enter how many sessions are asked for.' });
  if (!a.requestedStartDate) issues.push({ field: 'requestedStartDate', message: 'Enter the first date of service asked for.' });
  if (!a.requestedEndDate) issues.push({ field: 'requestedEndDate', message: 'Enter the last date of service asked for.' });
  if (a.requestedStartDate && a.requestedEndDate && a.requestedEndDate < a.requestedStartDate) {
    issues.push({ field: 'requestedEndDate', message: 'The last date of service asked for is before the first.' });
  }
  if (!f.provider) issues.push({ field: 'orderingProviderId', message: 'Choose the ordering provider.' });
  else if (!f.provider.npi || !NPI.test(f.provider.npi)) {
    issues.push({ field: 'orderingProviderId', message: `${f.provider.name} has no 10-digit NPI recorded: add it in Settings → Staff.` });
  }
  if (!diagnosisList(f).all.length) issues.push({ field: 'icd10Codes', message: 'Record at least one ICD-10-CM diagnosis on the request or the chart.' });
  if (!/^\d{2}$/.test(f.placeOfService)) issues.push({ field: 'placeOfService', message: 'The place of service is a two-digit CMS code, such as 11 (office).' });
  return issues;
}

function diagnosisList(f: PasRequestFacts): { all: { code: string; description: string | null }[] } {
  const fromChart = [...f.evidence.diagnoses].sort((x, y) => Number(y.isPrimary) - Number(x.isPrimary));
  const described = new Map(fromChart.map((d) => [d.code.toUpperCase(), d.description]));
  const codes = f.authorization.icd10Codes?.length ? f.authorization.icd10Codes : fromChart.map((d) => d.code);
  const seen = new Set<string>();
  const all: { code: string; description: string | null }[] = [];
  for (const code of codes) {
    const key = code.toUpperCase();
    if (seen.has(key)) continue;
    seen.add(key);
    all.push({ code, description: described.get(key) ?? null });
  }
  return { all };
}

const iso = (ms: number) => new Date(ms).toISOString();
const GENDER: Record<string, string> = { female: 'female', male: 'male', other: 'other', unknown: 'unknown' };

/**
 * The patient's name parts as FHIR wants them: family and given as recorded, unchanged (a
 * hostile or unusual name must reach the payer exactly as the chart holds it).
 */
const humanName = (first: string, last: string) => [{ family: last, given: [first] }];

/**
 * LOINC document type and X12 755 report type per document kind (PWK01; PAS
 * extension-documentInformation.reportTypeCode). 755: M1 medical record attachment, PN physical
 * therapy notes, RR radiology reports, PY physician's report (as in the PAS example), OB
 * operative note.
 */
const DOC_KINDS: Record<string, { loinc: string; loincDisplay: string; x12: string; x12Display: string }> = {
  intake_summary: { loinc: '34133-9', loincDisplay: 'Summary of episode note', x12: 'PY', x12Display: "Physician's Report" },
  nerve_block_report: { loinc: '28570-0', loincDisplay: 'Procedure note', x12: 'OB', x12Display: 'Operative Note' },
  physical_therapy_note: { loinc: '11506-3', loincDisplay: 'Progress note', x12: 'PN', x12Display: 'Physical Therapy Notes' },
  imaging_report: { loinc: '18748-4', loincDisplay: 'Diagnostic imaging study', x12: 'RR', x12Display: 'Radiology Reports' },
  referral_letter: { loinc: '57133-1', loincDisplay: 'Referral note', x12: 'M1', x12Display: 'Medical Record Attachment' },
  medication_list: { loinc: '10160-0', loincDisplay: 'History of Medication use Narrative', x12: 'M1', x12Display: 'Medical Record Attachment' },
  payer_letter: { loinc: '51851-4', loincDisplay: 'Administrative note', x12: 'M1', x12Display: 'Medical Record Attachment' },
};
const OTHER_DOC = { loinc: '11506-3', loincDisplay: 'Progress note', x12: 'M1', x12Display: 'Medical Record Attachment' };

/**
 * Build the PAS Request Bundle, or say what the request lacks. `warnings` name what was carried
 * differently from the chart (diagnoses beyond the 12 X12 allows).
 */
export function buildPasBundle(f: PasRequestFacts): PasBuild {
  const issues = pasExportIssues(f);
  if (issues.length) return { ok: false, issues };
  const a = f.authorization;
  const payer = f.payer!;
  const provider = f.provider!;
  const warnings: string[] = [];

  // One fullUrl per resource: rows keep their own (UUID) id, so the same row is never two entries.
  const entries: PasEntry[] = [];
  const urls = new Set<string>();
  const idFor = (rowId: string | null) => (rowId && UUID.test(rowId) ? rowId.toLowerCase() : f.newId());
  const add = (resource: Resource): { reference: string } => {
    const fullUrl = `urn:uuid:${resource.id}`;
    if (urls.has(fullUrl)) throw new Error(`PAS bundle: ${resource.resourceType} ${resource.id} added twice`);
    urls.add(fullUrl);
    entries.push({ fullUrl, resource });
    return { reference: fullUrl };
  };

  // The Claim goes first (ClaimFirst); its id is the authorization's.
  const claimId = idFor(a.id);
  const claimSlot: PasEntry = { fullUrl: claimFullUrl(claimId), resource: { resourceType: 'Claim', id: claimId } };
  entries.push(claimSlot);
  urls.add(claimSlot.fullUrl);

  const p = f.evidence.patient;
  const patientRef = add({
    resourceType: 'Patient',
    id: idFor(p.id),
    identifier: [{ type: { coding: [{ system: SYSTEMS.identifierType, code: 'MR' }] }, system: DESK_SYSTEMS.mrn, value: p.mrn }],
    name: humanName(p.firstName, p.lastName),
    gender: GENDER[p.sex] ?? 'unknown',
    birthDate: p.dateOfBirth,
  });

  const insurerRef = add({
    resourceType: 'Organization',
    id: idFor(payer.id),
    identifier: payer.payerCode
      ? [{ type: { coding: [{ system: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBIdentifierType', code: 'payerid' }] }, system: DESK_SYSTEMS.payer, value: payer.payerCode }]
      : undefined,
    active: true,
    // X12 98 PR: payer (PASInsurer.type).
    type: [{ coding: [{ system: x12(98), code: 'PR', display: 'Payer' }] }],
    name: payer.name,
  });

  const clinicRef = add({
    resourceType: 'Organization',
    id: idFor(f.clinic.id),
    active: true,
    // X12 98 X3: utilization management organization is the payer side; the requester is a provider (1P).
    type: [{ coding: [{ system: x12(98), code: '1P', display: 'Provider' }] }],
    name: f.clinic.name,
  });

  const practitionerRef = add({
    resourceType: 'Practitioner',
    id: idFor(provider.id),
    identifier: [{ system: SYSTEMS.npi, value: provider.npi! }],
    name: [{ text: provider.name }],
  });
  const roleRef = add({
    resourceType: 'PractitionerRole',
    id: f.newId(),
    active: true,
    practitioner: practitionerRef,
    organization: clinicRef,
  });

  const c = f.coverage;
  const memberId = c?.memberId ?? a.memberId!;
  const groupNumber = c?.groupNumber ?? a.groupNumber;
  const relation = c?.subscriberRelation ?? 'self';
  let subscriberRef: { reference: string } | undefined;
  if (relation !== 'self') {
    // PASCoverage: a subscriber other than the patient must be present; the chart holds only their name.
    subscriberRef = add({ resourceType: 'Patient', id: f.newId(), name: [{ text: c?.subscriberName ?? 'Subscriber (name not recorded)' }] });
    if (!c?.subscriberName) warnings.push("The subscriber is not the patient and their name is not recorded on the coverage.");
  }
  const coverageRef = add({
    resourceType: 'Coverage',
    id: idFor(c?.id ?? null),
    identifier: [{ type: { coding: [{ system: SYSTEMS.identifierType, code: 'MB', display: 'Member Number' }] }, value: memberId }],
    status: 'active',
    subscriber: subscriberRef,
    subscriberId: memberId,
    beneficiary: patientRef,
    relationship: { coding: [{ system: SYSTEMS.subscriberRelationship, code: relation }] },
    payor: [insurerRef],
    class: [
      ...(groupNumber ? [{ type: { coding: [{ system: SYSTEMS.coverageClass, code: 'group' }] }, value: groupNumber }] : []),
      ...(c?.planName ? [{ type: { coding: [{ system: SYSTEMS.coverageClass, code: 'plan' }] }, value: c.planName, name: c.planName }] : []),
    ],
  });

  const supportingInfo = f.documents.map((d, i) => {
    const kind = DOC_KINDS[d.docType] ?? OTHER_DOC;
    const ref = add({
      resourceType: 'DocumentReference',
      id: idFor(d.id),
      identifier: [{ system: DESK_SYSTEMS.document, value: d.id }],
      status: 'current',
      type: { coding: [{ system: SYSTEMS.loinc, code: kind.loinc, display: kind.loincDisplay }], text: d.title },
      category: [{ coding: [{ system: SYSTEMS.usCoreDocumentCategory, code: 'clinical-note' }] }],
      subject: patientRef,
      date: iso(d.createdAt),
      description: d.title,
      content: [{ attachment: { contentType: d.mimeType, data: d.base64, title: d.title, size: d.sizeBytes, creation: iso(d.createdAt) } }],
    });
    return {
      extension: [
        {
          url: pasExtension('extension-documentInformation'),
          extension: [
            { url: 'reportTypeCode', valueCodeableConcept: { coding: [{ system: x12(755), code: kind.x12, display: kind.x12Display }] } },
            { url: 'transmissionMethod', valueCodeableConcept: { coding: [{ system: x12(756), code: 'EL', display: 'Electronically Only' }] } },
            { url: 'controlNumber', valueString: d.id },
            { url: 'description', valueString: d.title },
          ],
        },
      ],
      sequence: i + 2,
      category: { coding: [{ system: PAS_TEMP_CODES, code: 'additionalInformation' }] },
      valueReference: ref,
    };
  });
  const period = { start: a.requestedStartDate!, end: a.requestedEndDate! };
  // The dates of the series asked for (the PatientEvent slice), first.
  supportingInfo.unshift({
    sequence: 1,
    category: { coding: [{ system: PAS_TEMP_CODES, code: 'patientEvent' }] },
    timingPeriod: period,
  } as never);

  const { all } = diagnosisList(f);
  const carried = all.slice(0, MAX_PAS_DIAGNOSES);
  const left = all.slice(MAX_PAS_DIAGNOSES);
  if (left.length) {
    warnings.push(
      `A PAS request carries at most ${MAX_PAS_DIAGNOSES} diagnoses (X12 278); these ${left.length} were left out: ${left.map((d) => d.code).join(', ')}.`,
    );
  }
  const diagnosis = carried.map((d, i) => ({
    sequence: i + 1,
    diagnosisCodeableConcept: { coding: [{ system: SYSTEMS.icd10cm, code: d.code, ...(d.description ? { display: d.description } : {}) }] },
    ...(i === 0 ? { type: [{ coding: [{ system: PAS_TEMP_CODES, code: 'principal' }] }] } : {}),
  }));

  const sessions = a.requestedSessions!;
  const item = a.serviceLines!.map((line, i) => ({
    extension: [
      { url: pasExtension('extension-itemTraceNumber'), valueIdentifier: { system: DESK_SYSTEMS.item, value: `${a.id}-${i + 1}` } },
      // X12 1525 HS: health services review; 1322 I initial, R renewal.
      { url: pasExtension('extension-serviceItemRequestType'), valueCodeableConcept: { coding: [{ system: x12(1525), code: 'HS', display: 'Health Services Review' }] } },
      {
        url: pasExtension('extension-certificationType'),
        valueCodeableConcept: { coding: [a.renewalOfId ? { system: x12(1322), code: 'R', display: 'Renewal' } : { system: x12(1322), code: 'I', display: 'Initial' }] },
      },
    ],
    sequence: i + 1,
    careTeamSequence: [1],
    diagnosisSequence: diagnosis.map((d) => d.sequence).slice(0, 4),
    // X12 1365 service type 1: medical care (the IG's own example for a CPT office service).
    category: { coding: [{ system: x12(1365), code: '1', display: 'Medical Care' }] },
    productOrService: {
      coding: [{ system: line.system === 'CPT' ? SYSTEMS.cpt : SYSTEMS.hcpcs, code: line.code, ...(line.description ? { display: line.description } : {}) }],
      ...(line.description ? { text: line.description } : {}),
    },
    servicedPeriod: period,
    locationCodeableConcept: { coding: [{ system: SYSTEMS.placeOfService, code: f.placeOfService }] },
    // The units for the whole series; X12 673 FL: units (PASQuantity).
    quantity: { value: line.unitsPerSession * sessions, unit: 'units', system: x12(673), code: 'FL' },
  }));

  claimSlot.resource = {
    resourceType: 'Claim',
    id: claimId,
    identifier: [{ system: DESK_SYSTEMS.request, value: a.id }],
    status: 'active',
    type: { coding: [{ system: SYSTEMS.claimType, code: 'professional' }] },
    use: 'preauthorization',
    patient: patientRef,
    created: iso(f.now),
    insurer: insurerRef,
    provider: roleRef,
    priority: { coding: [{ system: SYSTEMS.processPriority, code: a.expedited ? 'stat' : 'normal' }] },
    careTeam: [
      {
        extension: [{ url: pasExtension('extension-careTeamClaimScope'), valueBoolean: true }],
        sequence: 1,
        provider: roleRef,
      },
    ],
    supportingInfo,
    diagnosis,
    insurance: [{ sequence: 1, focal: true, coverage: coverageRef }],
    item,
  };

  const bundleId = f.newId();
  return {
    ok: true,
    warnings,
    bundle: {
      resourceType: 'Bundle',
      id: bundleId,
      identifier: { system: DESK_SYSTEMS.transmission, value: bundleId },
      type: 'collection',
      timestamp: iso(f.now),
      entry: entries.map((e) => ({ fullUrl: e.fullUrl, resource: dropUndefined(e.resource) as Resource })),
    },
  };
}

/** JSON without `undefined` members and empty arrays left by optional parts. */
function dropUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropUndefined);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || (Array.isArray(x) && x.length === 0)) continue;
      out[k] = dropUndefined(x);
    }
    return out;
  }
  return v;
}

/** The supporting records to send: every record the chart's diagnoses cite, in order, once each. */
export function citedDocumentIds(evidence: Pick<ChartEvidence, 'diagnoses' | 'treatments' | 'consultation'>): string[] {
  const ids: string[] = [];
  const push = (id: string | null | undefined) => {
    if (id && !ids.includes(id)) ids.push(id);
  };
  for (const d of evidence.diagnoses) d.cites.forEach((c) => push(c.documentId));
  for (const t of evidence.treatments) t.cites.forEach((c) => push(c.documentId));
  push(evidence.consultation?.noteDocumentId);
  return ids;
}
