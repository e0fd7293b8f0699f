/** outcomes.exportCsv, outcomes.exportFhir and outcomes.reportPdf on a real SQLite file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../../src-main/backend/outcomes/export/csv';
import { fhirBundleSchema, unresolvedReferences } from '../../../src-main/backend/outcomes/export/fhir-check';
import { pdfText } from '../../support/pdf-text';
import { at, DAY, HOUR, OutcomesClinic } from './api-clinic';
import { parseCsv } from './csv-parse';

let c: OutcomesClinic;
let ana: string;
let luis: string;
let seriesId: string;

beforeAll(async () => {
  c = await OutcomesClinic.open(at('2026-05-20', '10:00'));
  ana = await c.patient('Ana', 'O\'Brien, "Pat"', { mrn: 'R-1001' });
  await c.b.ok('intake.addDiagnosis', { patientId: ana, fields: { code: 'G90.512', isPrimary: true } });
  const aetna = (await c.b.ok('payers.create', { name: 'Aetna' })).id;
  const auth = (await c.b.ok('authorizations.create', { patientId: ana, payerId: aetna, status: 'approved', approvedSessions: 4, startDate: '2026-04-01', endDate: '2026-06-30', authNumber: 'A-5521' })).id;
  const s = c.series(ana, { count: 4, firstDate: '2026-04-06', templateName: 'Initial series: 4 infusions', authorizationId: auth });
  seriesId = s.seriesId;
  // Baseline 8; before 8, 7, 6, 6; after 5, 4, 4, 3; VAS baseline 80 and after session 1.
  await c.scores(ana, 8, s.sessions, [8, 7, 6, 6], [5, 4, 4, 3]);
  await c.record({ patientId: ana, instrument: 'vas', timePoint: 'baseline', value: 80, observedAt: s.sessions[0]!.startsAt - 7 * DAY });
  await c.record({ patientId: ana, instrument: 'vas', timePoint: 'post_session', sessionId: s.sessions[0]!.id, value: 55.5, observedAt: s.sessions[0]!.startsAt + 5 * HOUR });
  const end = s.sessions[3]!.dischargedAt!;
  await c.record({ patientId: ana, instrument: 'nrs', timePoint: 'follow_up', followUp: 'followup_1w', value: 4, observedAt: end + 7 * DAY });
  await c.record({ patientId: ana, instrument: 'pgic', timePoint: 'follow_up', followUp: 'followup_1w', value: 2, observedAt: end + 7 * DAY });
  await c.record({ patientId: ana, instrument: 'peg', timePoint: 'follow_up', followUp: 'followup_1w', items: [5, 4, 4], observedAt: end + 7 * DAY });
  luis = await c.patient('Luis', 'Ortega');
  const l = c.series(luis, { count: 2, firstDate: '2026-05-04' });
  await c.scores(luis, 6, l.sessions, [6, 5]);
});
afterAll(() => c.dispose());

describe('registry CSV', () => {
  it('parses back to the documented columns, one row per score that counts', async () => {
    const out = await c.b.ok('outcomes.exportCsv', { patientId: ana });
    expect(out.mimeType).toBe('text/csv');
    expect(out.fileName).toMatch(/^outcomes-O-Brien-Pat-Ana-2026-05-20\.csv$/);
    const [header, ...rows] = parseCsv(out.text);
    expect(header).toEqual(CSV_COLUMNS.map((col) => col.name));
    expect(rows).toHaveLength(out.count);
    expect(rows).toHaveLength(1 + 4 + 4 + 2 + 3); // baseline NRS, 4 before, 4 after, VAS ×2, follow-up NRS/PGIC/PEG
    const get = (r: string[], name: string) => r[header!.indexOf(name)];
    expect(new Set(rows.map((r) => get(r, 'patient_name')))).toEqual(new Set(['O\'Brien, "Pat", Ana']));
    const after3 = rows.find((r) => get(r, 'time_point') === 'post_session' && get(r, 'session_seq') === '3' && get(r, 'instrument') === 'nrs')!;
    expect(get(after3, 'value')).toBe('4');
    expect(get(after3, 'observed_local_date')).toBe('2026-04-10');
    const peg = rows.find((r) => get(r, 'instrument') === 'peg')!;
    expect([get(peg, 'items'), get(peg, 'follow_up'), get(peg, 'value')]).toEqual(['5;4;4', '1 week', '4.33']);
    expect(rows.find((r) => get(r, 'instrument') === 'pgic')!.slice(5, 10)).toEqual(['2', '', 'follow_up', '', '1 week']);
  });

  it('a period picks scores by their clinic date, across patients', async () => {
    const out = await c.b.ok('outcomes.exportCsv', { from: '2026-04-13', to: '2026-05-31' });
    const [header, ...rows] = parseCsv(out.text);
    const names = rows.map((r) => r[header!.indexOf('patient_name')]);
    // Ana's follow-ups (04/19; her sessions ended 04/12) and Luis's baseline (04/27) and two before-scores (May).
    expect(names.filter((n) => n === 'Ortega, Luis')).toHaveLength(3);
    expect(rows.filter((r) => r[header!.indexOf('patient_name')] !== 'Ortega, Luis').map((r) => r[header!.indexOf('time_point')])).toEqual(['follow_up', 'follow_up', 'follow_up']);
    expect(out.fileName).toBe('outcomes-clinic-2026-04-13_to_2026-05-31.csv');
  });
});

describe('FHIR R4 bundle', () => {
  it('QuestionnaireResponse + Observation per NRS/VAS score with LOINC codes, references that resolve', async () => {
    const out = await c.b.ok('outcomes.exportFhir', { patientId: ana });
    const bundle = JSON.parse(out.text);
    expect(fhirBundleSchema.safeParse(bundle).success).toBe(true);
    expect(unresolvedReferences(bundle)).toEqual([]);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reading parsed JSON freely
    type Entry = { fullUrl: string; resource: Record<string, any> };
    const entries = bundle.entry as Entry[];
    const obs = entries.filter((e) => e.resource.resourceType === 'Observation');
    const qr = entries.filter((e) => e.resource.resourceType === 'QuestionnaireResponse');
    const patient = entries.filter((e) => e.resource.resourceType === 'Patient');
    // NRS 1 + 4 + 4 + 1 follow-up, VAS 2; PEG and PGIC have no LOINC code here and are left out.
    expect(obs).toHaveLength(12);
    expect(out.count).toBe(12);
    expect(qr).toHaveLength(12);
    expect(patient.map((p) => p.fullUrl)).toEqual([`urn:uuid:${ana}`]);
    const codes = obs.map((o) => o.resource.code.coding[0].code);
    expect(codes.filter((x) => x === '72514-3')).toHaveLength(10);
    expect(codes.filter((x) => x === '38214-3')).toHaveLength(2);
    expect(obs.every((o) => o.resource.category[0].coding[0].code === 'survey' && o.resource.subject.reference === `urn:uuid:${ana}`)).toBe(true);
    // Each Observation is derived from its own QuestionnaireResponse, with the same answer.
    for (const o of obs) {
      const source = qr.find((q) => q.fullUrl === o.resource.derivedFrom[0].reference)!;
      const answer = source.resource.item[0].answer[0];
      expect(answer.valueInteger ?? answer.valueDecimal).toBe(o.resource.valueInteger ?? o.resource.valueQuantity.value);
    }
    expect(obs.find((o) => o.resource.code.coding[0].code === '38214-3' && o.resource.valueQuantity.value === 55.5)!.resource.valueQuantity.unit).toBe('mm');
  });
});

describe('payer outcomes report PDF', () => {
  it('is filed in the patient\'s documents and reads back with the table, the chart labels, the status and the dates', async () => {
    const doc = await c.b.ok('outcomes.reportPdf', { patientId: ana });
    expect(doc).toMatchObject({ docType: 'outcomes_report', mimeType: 'application/pdf', origin: 'generated', title: 'Outcomes report O\'Brien, "Pat", Ana 2026-05-20' });
    expect((await c.b.ok('documents.listForPatient', { patientId: ana })).map((d) => d.id)).toContain(doc.id);
    const file = await c.b.ok('documents.read', { id: doc.id });
    // Layout mode keeps each label beside its value.
    const text = pdfText(Buffer.from(file.base64, 'base64'), { layout: true }).replace(/\s+/g, ' ');
    for (const expected of [
      'Pain outcomes report',
      'MRN R-1001',
      'Initial series: 4 infusions',
      '4 of 4 completed',
      'First session 04/06/2026',
      'Last session 04/12/2026',
      'Series ended 04/12/2026 13:10',
      'Aetna, authorization A-5521 (approved, 4 sessions approved)',
      'G90.512',
      'Baseline NRS 8 (03/30/2026)',
      'Baseline VAS 80 mm (03/30/2026)',
      'Responder status substantial (>= 50%) as of 1 week follow-up',
      '1 week follow-up NRS (4) against the baseline NRS of 8: 50% lower, substantial (>= 50%)',
      // Chart labels drawn with the lines.
      'NRS (left axis)',
      'baseline 8',
      '30% lower (5.6)',
      '50% lower (4)',
      'S1',
      'S4',
      // Score table and per-session results.
      'Session 3 after',
      'Follow-up 1 week',
      'PGIC 2 much',
      '2 much improved 4 points, 50% lower substantial (>= 50%)',
      'PEG 4.3',
      'Mean of the last two before-infusion NRS scores (6, 6 → 6) against the baseline NRS of 8',
    ]) {
      expect(text).toContain(expected.replace('→', '->'));
    }
  });

  it('refuses a series of another patient, naming the field', async () => {
    const other = (await c.b.ok('outcomes.patientSummary', { patientId: luis })).series[0]!.seriesId;
    expect(await c.b.fail('outcomes.reportPdf', { patientId: ana, seriesId: other })).toMatchObject({ code: 'VALIDATION', field: 'seriesId' });
    expect((await c.b.ok('outcomes.reportPdf', { patientId: ana, seriesId })).docType).toBe('outcomes_report');
  });
});
