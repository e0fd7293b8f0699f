import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildPasBundle, citedDocumentIds, type PasRequestFacts } from '../../../src-shared/domain/authorizations/pas-bundle';
import type { ChartEvidence } from '../../../src-shared/domain/authorizations/evidence';
import { pasBundleProblems } from './pas-check';

const AUTH = '0190f2a0-0000-7000-8000-00000000a001';
const PATIENT = '0190f2a0-0000-7000-8000-00000000b001';
const HOSTILE = `Ol' "Bobby" </script><b>&amp; \\ \u202Eevil\u202C 𝔘𝔫𝔦 😀 ${'},{"resourceType":"Evil"}'}`;

const evidence: Pick<ChartEvidence, 'patient' | 'diagnoses' | 'treatments' | 'consultation'> = {
  patient: { id: PATIENT, firstName: 'Ana', lastName: 'Ramirez', dateOfBirth: '1984-03-07', sex: 'female', mrn: 'MRN-100' },
  diagnoses: [
    { code: 'M54.5', description: 'Low back pain', isPrimary: false, onsetDate: null, cites: [{ documentId: 'doc-2', title: 'PT note', page: 2 }] },
    { code: 'G90.512', description: 'CRPS I of right lower limb', isPrimary: true, onsetDate: '2024-01-10', cites: [{ documentId: 'doc-1', title: 'Block report', page: 1 }] },
  ],
  treatments: [
    { kind: 'nerve_block' as never, name: 'Lumbar sympathetic block', dose: null, sessions: 2, startDate: '2025-01-01', endDate: '2025-02-01', outcome: 'failed' as never, response: null, cites: [{ documentId: 'doc-1', title: 'Block report', page: 3 }] },
  ],
  consultation: { date: '2025-06-01', providerName: 'Dr. Lee', noteDocumentId: 'doc-3' },
};

const facts = (over: Partial<PasRequestFacts> = {}, auth: Partial<PasRequestFacts['authorization']> = {}): PasRequestFacts => ({
  authorization: {
    id: AUTH,
    requestedSessions: 6,
    requestedStartDate: '2026-12-01',
    requestedEndDate: '2027-01-15',
    serviceLines: [
      { code: '96365', system: 'CPT', unitsPerSession: 1, description: 'IV infusion, first hour' },
      { code: '96366', system: 'CPT', unitsPerSession: 3 },
      { code: 'J3490', system: 'HCPCS', unitsPerSession: 1, description: 'Ketamine (unclassified drug)' },
    ],
    icd10Codes: null,
    memberId: null,
    groupNumber: null,
    expedited: false,
    renewalOfId: null,
    ...auth,
  },
  payer: { id: '0190f2a0-0000-7000-8000-00000000c001', name: 'Blue Lake Health', payerCode: 'BLH01' },
  coverage: { id: '0190f2a0-0000-7000-8000-00000000d001', memberId: 'XZ123456', groupNumber: 'G-77', planName: 'PPO Gold', subscriberName: null, subscriberRelation: 'self' },
  provider: { id: '0190f2a0-0000-7000-8000-00000000e001', name: 'Dr. Mina Lee, MD', npi: '1234567893' },
  clinic: { id: '0190f2a0-0000-7000-8000-00000000f001', name: 'Lakeside Pain & Infusion' },
  evidence,
  documents: [
    { id: '0190f2a0-0000-7000-8000-0000000aa001', title: 'Block report', docType: 'nerve_block_report', mimeType: 'application/pdf', sizeBytes: 4, createdAt: Date.UTC(2025, 1, 2), base64: 'JVBERg==' },
    { id: '0190f2a0-0000-7000-8000-0000000aa002', title: 'PT note', docType: 'physical_therapy_note', mimeType: 'application/pdf', sizeBytes: 4, createdAt: Date.UTC(2025, 2, 2), base64: 'JVBERg==' },
  ],
  placeOfService: '11',
  now: Date.UTC(2026, 10, 20, 15, 0),
  newId: randomUUID,
  ...over,
});

const build = (f: PasRequestFacts) => {
  const r = buildPasBundle(f);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
};
const claimOf = (b: { entry: { resource: Record<string, unknown> }[] }) => b.entry[0]!.resource as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('PAS request bundle', () => {
  it('has the PAS shape: the Claim first, every resource once under a urn:uuid, every reference resolving', () => {
    const { bundle, warnings } = build(facts());
    expect(pasBundleProblems(bundle)).toEqual([]);
    expect(warnings).toEqual([]);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2026-11-20T15:00:00.000Z' });
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual([
      'Claim', 'Patient', 'Organization', 'Organization', 'Practitioner', 'PractitionerRole', 'Coverage', 'DocumentReference', 'DocumentReference',
    ]);
    const claim = claimOf(bundle);
    expect(claim).toMatchObject({ use: 'preauthorization', status: 'active', identifier: [{ value: AUTH }] });
    expect(bundle.entry[0]!.fullUrl).toBe(`urn:uuid:${AUTH}`);
  });

  it('asks for each code with the units of the whole series over its dates, at the place of service', () => {
    const claim = claimOf(build(facts({ placeOfService: '49' })).bundle);
    expect(claim.item.map((i: any) => [i.productOrService.coding[0].system, i.productOrService.coding[0].code, i.quantity.value])).toEqual([ // eslint-disable-line @typescript-eslint/no-explicit-any
      ['http://www.ama-assn.org/go/cpt', '96365', 6],
      ['http://www.ama-assn.org/go/cpt', '96366', 18],
      ['http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', 'J3490', 6],
    ]);
    for (const it of claim.item) {
      expect(it.servicedPeriod).toEqual({ start: '2026-12-01', end: '2027-01-15' });
      expect(it.locationCodeableConcept.coding[0].code).toBe('49');
      expect(it.category.coding[0]).toMatchObject({ system: 'https://codesystem.x12.org/005010/1365', code: '1' });
    }
  });

  it('carries the diagnoses as ICD-10-CM, the primary first; more than 12 are cut to 12 with a warning naming the rest', () => {
    let claim = claimOf(build(facts()).bundle);
    expect(claim.diagnosis.map((d: any) => d.diagnosisCodeableConcept.coding[0])).toEqual([ // eslint-disable-line @typescript-eslint/no-explicit-any
      { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G90.512', display: 'CRPS I of right lower limb' },
      { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M54.5', display: 'Low back pain' },
    ]);
    const many = Array.from({ length: 14 }, (_, i) => `M79.${i}`);
    const r = build(facts({}, { icd10Codes: many }));
    claim = claimOf(r.bundle);
    expect(claim.diagnosis).toHaveLength(12);
    expect(pasBundleProblems(r.bundle)).toEqual([]);
    expect(r.warnings).toEqual(['A PAS request carries at most 12 diagnoses (X12 278); these 2 were left out: M79.12, M79.13.']);
  });

  it('references each supporting record from supportingInfo with its content inline', () => {
    const { bundle } = build(facts());
    const claim = claimOf(bundle);
    const refs = claim.supportingInfo.filter((s: any) => s.valueReference).map((s: any) => s.valueReference.reference); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(refs).toEqual(bundle.entry.filter((e) => e.resource.resourceType === 'DocumentReference').map((e) => e.fullUrl));
    expect(bundle.entry.find((e) => e.resource.resourceType === 'DocumentReference')!.resource).toMatchObject({
      content: [{ attachment: { contentType: 'application/pdf', data: 'JVBERg==' } }],
    });
    expect(claim.supportingInfo[0]).toMatchObject({ category: { coding: [{ code: 'patientEvent' }] }, timingPeriod: { start: '2026-12-01', end: '2027-01-15' } });
  });

  it('keeps hostile strings unchanged in the JSON', () => {
    const f = facts({
      payer: { id: '0190f2a0-0000-7000-8000-00000000c001', name: HOSTILE, payerCode: null },
      provider: { id: '0190f2a0-0000-7000-8000-00000000e001', name: HOSTILE, npi: '1234567893' },
      clinic: { id: '0190f2a0-0000-7000-8000-00000000f001', name: HOSTILE },
      evidence: { ...evidence, patient: { ...evidence.patient, firstName: HOSTILE, lastName: HOSTILE } },
    });
    f.documents[0]!.title = HOSTILE;
    f.coverage!.planName = HOSTILE;
    const text = JSON.stringify(build(f).bundle);
    const back = JSON.parse(text) as { entry: { resource: Record<string, any> }[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(pasBundleProblems(back)).toEqual([]);
    const get = (type: string) => back.entry.filter((e) => e.resource.resourceType === type).map((e) => e.resource);
    expect(get('Patient')[0]!.name).toEqual([{ family: HOSTILE, given: [HOSTILE] }]);
    expect(get('Organization').map((o) => o.name)).toEqual([HOSTILE, HOSTILE]);
    expect(get('Practitioner')[0]!.name[0].text).toBe(HOSTILE);
    expect(get('DocumentReference')[0]!.description).toBe(HOSTILE);
    expect(get('Coverage')[0]!.class[1].value).toBe(HOSTILE);
    expect(back.entry.some((e) => e.resource.resourceType === 'Evil')).toBe(false);
  });

  it('refuses a request that lacks what the form needs, naming each thing', () => {
    const r = buildPasBundle(
      facts({ provider: { id: 'x', name: 'Dr. No Npi', npi: null }, payer: null, coverage: null }, { serviceLines: [], requestedEndDate: null }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.field)).toEqual(['payerId', 'memberId', 'serviceLines', 'requestedEndDate', 'orderingProviderId']);
    expect(r.issues.find((i) => i.field === 'orderingProviderId')!.message).toBe('Dr. No Npi has no 10-digit NPI recorded: add it in Settings → Staff.');
  });

  it('the checker catches a broken bundle (so a pass means something)', () => {
    const { bundle } = build(facts());
    const broken = JSON.parse(JSON.stringify(bundle)) as typeof bundle;
    broken.entry.splice(6, 1); // drop the Coverage
    broken.entry.push(broken.entry[1]!); // the Patient twice
    (broken.entry[0]!.resource as Record<string, unknown>).use = 'claim';
    expect(pasBundleProblems(broken)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/used twice/),
        expect.stringMatching(/Patient\/.* included twice/),
        expect.stringMatching(/does not resolve/),
        'Claim.use is not preauthorization',
        'Claim.insurance does not point at a Coverage',
      ]),
    );
  });

  it('lists the records the chart evidence cites, once each, in order', () => {
    expect(citedDocumentIds(evidence)).toEqual(['doc-2', 'doc-1', 'doc-3']);
  });
});
