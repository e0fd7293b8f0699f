import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';
import { pasBundleProblems } from './pas-check';

const ZONE = 'America/Chicago';
const NOW = zonedToInstant(ZONE, '2026-11-20', '10:00');
const PAS = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition';

let b: TestBackend;
let patient: string;
let auth: string;
const count = (table: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
/** Changes to the request's own rows (the audit trail's rows, also in the change log, are not the request changing). */
const changes = () => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM change_log WHERE table_name LIKE 'authorization%'`).get() as { n: number }).n;
const row = () => b.store.sqlite.prepare('SELECT * FROM authorizations WHERE id = ?').get(auth) as Record<string, unknown>;

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', { name: 'Lakeside Pain & Infusion', timeZone: ZONE, openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })) });
  patient = (await b.ok('patients.create', validPatient)).id;
  const payer = (await b.ok('payers.create', { name: 'Blue Lake Health' })).id;
  const doctor = (await b.ok('staff.create', { name: 'Dr. Mina Lee', role: 'physician', active: true })).id;
  b.store.sqlite.prepare('UPDATE staff SET npi = ? WHERE id = ?').run('1234567893', doctor);
  const coverage = (await b.ok('patients.addCoverage', { patientId: patient, fields: { payerId: payer, memberId: 'XZ123456', groupNumber: 'G-77', priority: 'primary', subscriberRelation: 'self' } } as never)).id;
  auth = (await b.ok('authorizations.create', { patientId: patient, payerId: payer, status: 'draft', icd10Codes: ['G90.512'] } as never)).id;
  b.store.sqlite
    .prepare(
      `UPDATE authorizations SET coverage_id = ?, ordering_provider_id = ?, requested_sessions = 6, requested_start_date = '2026-12-01',
       requested_end_date = '2027-01-15', service_lines = ? WHERE id = ?`,
    )
    .run(coverage, doctor, JSON.stringify([{ code: '96365', system: 'CPT', unitsPerSession: 1 }, { code: 'J3490', system: 'HCPCS', unitsPerSession: 2 }]), auth);
  await b.ok('authorizations.changeStatus', { id: auth, to: 'submitted', patch: { submissionRoute: 'electronic' } } as never);
});
afterEach(() => b.dispose());

interface ItemSpec {
  code?: string | null;
  number?: string;
  units?: number;
  period?: { start: string; end: string };
  reason?: { code: string; display: string };
}
/** A PAS ClaimResponse answering our request (the shape of the IG's examples). */
function response(items: ItemSpec[], top: Record<string, unknown> = {}, requestId = auth) {
  return {
    resourceType: 'ClaimResponse',
    identifier: [{ system: 'urn:infusion-desk:pas-request', value: requestId }],
    status: 'active',
    use: 'preauthorization',
    created: '2026-11-19T16:00:00-06:00',
    outcome: 'complete',
    request: { identifier: { system: 'urn:infusion-desk:pas-request', value: requestId } },
    item: items.map((s, i) => ({
      itemSequence: i + 1,
      extension: [
        ...(s.period ? [{ url: `${PAS}/extension-itemPreAuthPeriod`, valuePeriod: s.period }] : []),
        ...(s.units !== undefined ? [{ url: `${PAS}/extension-itemAuthorizedDetail`, extension: [{ url: 'quantity', valueQuantity: { value: s.units } }] }] : []),
      ],
      adjudication: [
        {
          category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'submitted' }] },
          extension: [
            {
              url: `${PAS}/extension-reviewAction`,
              extension: [
                ...(s.code ? [{ url: `${PAS}/extension-reviewActionCode`, valueCodeableConcept: { coding: [{ system: 'https://codesystem.x12.org/005010/306', code: s.code }] } }] : []),
                ...(s.number ? [{ url: 'number', valueString: s.number }] : []),
                ...(s.reason ? [{ url: 'reasonCode', valueCodeableConcept: { coding: [{ system: 'https://codesystem.x12.org/005010/4', code: s.reason.code, display: s.reason.display }] } }] : []),
              ],
            },
          ],
        },
      ],
    })),
    ...top,
  };
}
const importing = (json: unknown) => b.ok('authorizations.importClaimResponse', { authorizationId: auth, json: typeof json === 'string' ? json : JSON.stringify(json) });

describe('authorizations.exportPas', () => {
  it('exports the request as a PAS bundle whose references all resolve, and records the export in the audit trail', async () => {
    const out = await b.ok('authorizations.exportPas', { id: auth } as never);
    const bundle = JSON.parse(out.json) as { entry: { resource: Record<string, any> }[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(pasBundleProblems(bundle)).toEqual([]);
    const claim = bundle.entry[0]!.resource;
    expect(claim.item.map((i: any) => [i.productOrService.coding[0].code, i.quantity.value])).toEqual([['96365', 6], ['J3490', 12]]); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(claim.diagnosis[0].diagnosisCodeableConcept.coding[0]).toMatchObject({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G90.512' });
    const coverage = bundle.entry.find((e) => e.resource.resourceType === 'Coverage')!.resource;
    expect(coverage.subscriberId).toBe('XZ123456');
    expect(out).toMatchObject({ warnings: [], documents: 0 });
    const audit = b.store.sqlite.prepare(`SELECT kind, patient_id AS patientId, subject_id AS subjectId FROM audit_events WHERE method = 'authorizations.exportPas'`).all();
    expect(audit).toEqual([{ kind: 'export', patientId: patient, subjectId: auth }]);
  });

  it("sends the filed request package as a DocumentReference with the file's own bytes inline", async () => {
    const doc = await b.ok('documents.generateIntakeSummary', { patientId: patient });
    b.store.sqlite
      .prepare(
        `INSERT INTO authorization_letters (id, version, created_at, updated_at, authorization_id, kind, state, content, document_id, finalized_at)
         VALUES (?, 1, ?, ?, ?, 'package', 'final', '{}', ?, ?)`,
      )
      .run(randomUUID(), NOW, NOW, auth, doc.id, NOW);
    const out = await b.ok('authorizations.exportPas', { id: auth, placeOfService: '49' });
    const bundle = JSON.parse(out.json) as { entry: { fullUrl: string; resource: Record<string, any> }[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(pasBundleProblems(bundle)).toEqual([]);
    expect(out.documents).toBe(1);
    const ref = bundle.entry.find((e) => e.resource.resourceType === 'DocumentReference')!;
    const file = await b.ok('documents.read', { id: doc.id });
    expect(ref.resource.content[0].attachment).toMatchObject({ contentType: file.mimeType, data: file.base64, size: file.sizeBytes });
    expect(bundle.entry[0]!.resource.supportingInfo.map((si: any) => si.valueReference?.reference).filter(Boolean)).toEqual([ref.fullUrl]); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(bundle.entry[0]!.resource.item[0].locationCodeableConcept.coding[0].code).toBe('49');
  });

  it("reads the chart's evidence: the chart's diagnoses when the request names none, and the record a prior treatment cites", async () => {
    b.store.sqlite.prepare('UPDATE authorizations SET icd10_codes = NULL WHERE id = ?').run(auth);
    await b.ok('intake.addDiagnosis', { patientId: patient, fields: { code: 'M79.7' } });
    await b.ok('intake.addDiagnosis', { patientId: patient, fields: { code: 'G90.511', isPrimary: true } });
    const record = await b.ok('documents.generateIntakeSummary', { patientId: patient });
    await b.ok('intake.addTreatment', {
      patientId: patient,
      fields: { kind: 'nerve_block', name: 'Stellate ganglion block', outcome: 'failed', startDate: '2025-05-01', documentId: record.id },
    } as never);
    const out = await b.ok('authorizations.exportPas', { id: auth });
    const bundle = JSON.parse(out.json) as { entry: { fullUrl: string; resource: Record<string, any> }[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(pasBundleProblems(bundle)).toEqual([]);
    const claim = bundle.entry[0]!.resource;
    // The primary diagnosis first, then the others, as the chart holds them.
    expect(claim.diagnosis.map((d: any) => d.diagnosisCodeableConcept.coding[0].code)).toEqual(['G90.511', 'M79.7']); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(out.documents).toBe(1);
    const ref = bundle.entry.find((e) => e.resource.resourceType === 'DocumentReference')!;
    const file = await b.ok('documents.read', { id: record.id });
    expect(ref.resource.content[0].attachment).toMatchObject({ data: file.base64 });
  });

  it('refuses a request without an ordering provider NPI, saying where to add it', async () => {
    b.store.sqlite.prepare('UPDATE staff SET npi = NULL').run();
    const e = await b.fail('authorizations.exportPas', { id: auth });
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'orderingProviderId', message: 'Dr. Mina Lee has no 10-digit NPI recorded: add it in Settings → Staff.' });
  });
});

describe('authorizations.importClaimResponse', () => {
  it('A1 certified: approved with preAuthRef as the number, preAuthPeriod as the dates and the certified units as sessions', async () => {
    const r = await importing(response([{ code: 'A1' }, { code: 'A1', units: 12 }], { preAuthRef: 'PA-5521', preAuthPeriod: { start: '2026-12-01', end: '2027-01-15' } }));
    expect(r.changed).toBe(true);
    expect(r.authorization).toMatchObject({ status: 'approved', authNumber: 'PA-5521', startDate: '2026-12-01', endDate: '2027-01-15', approvedSessions: 6, decisionDate: '2026-11-19' });
    const history = await b.ok('authorizations.history', { id: auth });
    expect(history[0]).toMatchObject({ toStatus: 'approved', fromStatus: 'submitted', details: { pasItems: [{ sequence: 1, code: 'A1' }, { sequence: 2, code: 'A1' }] } });
    expect(history[0]!.details!.pasResponseHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('A1 with fewer certified units than asked: partly approved for the sessions the units cover', async () => {
    const r = await importing(response([{ code: 'A1', number: 'AUTH-9', period: { start: '2026-12-01', end: '2027-01-15' }, units: 4 }, { code: 'A1', number: 'AUTH-9', period: { start: '2026-12-01', end: '2027-01-10' } }]));
    expect(r.authorization).toMatchObject({ status: 'partially_approved', authNumber: 'AUTH-9', approvedSessions: 4, startDate: '2026-12-01', endDate: '2027-01-10' });
  });

  it('A1 without an authorization number or dates is never approved: it needs review', async () => {
    const r = await importing(response([{ code: 'A1' }, { code: 'A1' }]));
    expect(r.authorization).toMatchObject({ status: 'needs_review', authNumber: null, approvedSessions: null });
    expect(r.message).toContain('gives no authorization number');
  });

  it('A3 not certified: denied with the reason and its code', async () => {
    const r = await importing(
      response([{ code: 'A3', reason: { code: 'N-INV', display: 'Investigational for chronic pain' } }, { code: 'A3' }], { processNote: [{ number: 1, text: 'See policy MP-446' }] }),
    );
    expect(r.authorization).toMatchObject({ status: 'denied', denialDate: '2026-11-19', denialCode: 'N-INV', denialReason: 'Investigational for chronic pain; See policy MP-446' });
  });

  it('A4 pended: pending, with the payer reference; the same pending again records nothing', async () => {
    const first = response([{ code: 'A4' }, { code: 'A1' }]);
    let r = await importing(first);
    expect(r.authorization.status).toBe('pending');
    const events = count('authorization_events');
    r = await importing(response([{ code: 'A4' }, { code: 'A4' }], { created: '2026-11-20T09:00:00-06:00' }));
    expect(r).toMatchObject({ changed: false, message: 'The response says pending decision, which is already recorded. Nothing changed.' });
    expect(count('authorization_events')).toBe(events);
  });

  for (const [name, items] of [
    ['an unknown code (A2 partial)', [{ code: 'A2', number: 'X', period: { start: '2026-12-01', end: '2027-01-15' } }, { code: 'A1' }]],
    ['a missing code', [{ code: null }, { code: 'A1' }]],
    ['an item missing from the response', [{ code: 'A1', number: 'X', period: { start: '2026-12-01', end: '2027-01-15' } }]],
    ['certified and not certified mixed', [{ code: 'A1', number: 'X', period: { start: '2026-12-01', end: '2027-01-15' } }, { code: 'A3' }]],
  ] as const) {
    it(`${name}: needs review, never approved`, async () => {
      const r = await importing(response(items as never, { preAuthRef: 'PA-1', preAuthPeriod: { start: '2026-12-01', end: '2027-01-15' } }));
      expect(r.authorization).toMatchObject({ status: 'needs_review', authNumber: null, approvedSessions: null });
      // A later import cannot take it out of needs review either.
      const e = await b.fail('authorizations.importClaimResponse', { authorizationId: auth, json: JSON.stringify(response([{ code: 'A1' }, { code: 'A1' }], { preAuthRef: 'PA-2', preAuthPeriod: { start: '2026-12-01', end: '2027-01-15' } })) });
      expect(e.code).toBe('VALIDATION');
      expect(row().status).toBe('needs_review');
    });
  }

  it('importing the same response twice changes nothing the second time (however it is spaced)', async () => {
    const resp = response([{ code: 'A3', reason: { code: 'X1', display: 'Not medically necessary' } }, { code: 'A3' }]);
    await importing(resp);
    const before = [count('authorization_events'), changes(), row().version];
    const again = await importing(`${JSON.stringify(resp, null, 4)}\n`);
    expect(again).toMatchObject({ changed: false, message: 'This response was already imported on 11/20/2026. Nothing changed.' });
    expect([count('authorization_events'), changes(), row().version]).toEqual(before);
  });

  it('matches a response that points at the exported Claim by its fullUrl only', async () => {
    const resp = { ...response([{ code: 'A4' }, { code: 'A4' }]), identifier: [{ system: 'urn:payer:case', value: 'C-1' }], request: { reference: `urn:uuid:${auth}` } };
    const r = await importing(resp);
    expect(r.authorization).toMatchObject({ status: 'pending', referenceNumber: 'C-1' });
  });

  it('reads a PAS response Bundle holding the ClaimResponse', async () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:1', resource: response([{ code: 'A4' }, { code: 'A4' }]) }] };
    const r = await importing(bundle);
    expect(r.authorization.status).toBe('pending');
  });

  it('refuses bad JSON, another resource, an empty bundle and a response to another request, in plain words, changing nothing', async () => {
    const before = [count('authorization_events'), changes(), row().version];
    const cases: [string, string][] = [
      ['{"resourceType": "ClaimResponse", ', "This is not valid JSON, so it cannot be the payer's response. Use the file or text exactly as the payer sent it."],
      ['[1, 2]', 'This JSON is not a FHIR resource (it has no resourceType). Expected a ClaimResponse or a Bundle holding one.'],
      [JSON.stringify({ resourceType: 'Claim' }), "This is a FHIR Claim, not a ClaimResponse. Import the payer's response to the request."],
      [JSON.stringify({ resourceType: 'Bundle', entry: [] }), 'This Bundle holds no ClaimResponse, so there is no payer decision in it to import.'],
      [JSON.stringify(response([{ code: 'A1' }], {}, '0190f2a0-0000-7000-8000-000000000bad')), 'This response answers a different authorization request, not this one. Open that request to import it.'],
      [JSON.stringify({ ...response([{ code: 'A1' }]), identifier: [], request: { reference: 'Claim/elsewhere' } }), expect.stringMatching(/^This response does not say it answers this request/) as never],
      [JSON.stringify({ ...response([{ code: 'A1' }]), use: 'claim' }), 'This ClaimResponse is for a claim, not a prior authorization (use must be preauthorization).'],
    ];
    for (const [json, message] of cases) {
      const e = await b.fail('authorizations.importClaimResponse', { authorizationId: auth, json });
      expect(e).toMatchObject({ code: 'VALIDATION', field: 'json', message });
    }
    expect((await b.fail('authorizations.importClaimResponse', { authorizationId: auth, json: '' })).field).toBe('json');
    expect([count('authorization_events'), changes(), row().version]).toEqual(before);
    expect(row().status).toBe('submitted');
  });
});
