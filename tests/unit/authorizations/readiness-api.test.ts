/**
 * Readiness on a real store: loadChartEvidence reads every fact from the chart's rows (coverage,
 * diagnosis with its ICD-10 title and the record page carrying the code, Budapest items in words,
 * treatments with the record and page they cite, baseline scores, screening, the consultation
 * held, documents), authorizations.readiness checks a request against the payer's rule set, the
 * "ready" step is refused while it is not ready (unless a reason is given), and the waiting list.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadChartEvidence } from '../../../src-main/backend/authorizations/evidence';
import { waitingListComputations, waitingListRefreshes } from '../../../src-main/backend/authorizations/waiting-list';
import { keptAnswersWorkedOut } from '../../../src-main/backend/db/kept-answers';
import { documents } from '../../../src-main/backend/documents/schema';
import { insertRow } from '../../../src-main/backend/db/mutate';
import { appointments } from '../../../src-main/backend/scheduling/schema';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const NOW = zonedToInstant(ZONE, '2026-11-20', '10:00');
const VALID_NPI = '1234567893';

let b: TestBackend;
let patient: string;
let payer: string;
let coverage: string;
let doctor: string;
let blockReport: string;

/** A filed prior record with indexed text, pages apart by form feeds (as the records indexer keeps them). */
function record(patientId: string, title: string, docType: string, pages: string[]): string {
  const doc = insertRow(b.asAdmin(), documents, {
    patientId,
    docType: docType as never,
    title,
    storedPath: `records/${title}.pdf`,
    mimeType: 'application/pdf',
    sizeBytes: 1000,
    sha256: title.padEnd(64, '0').slice(0, 64),
    origin: 'watched_folder',
  });
  const fileId = `${doc.id.slice(0, -4)}ffff`;
  b.store.sqlite
    .prepare(
      `INSERT INTO record_files (id, path, file_name, size_bytes, mtime_ms, mime_type, status, match_state, patient_id, doc_type, document_id, pages, created_at, updated_at)
       VALUES (?, ?, ?, 1000, 1, 'application/pdf', 'indexed', 'confirmed', ?, ?, ?, ?, 1, 1)`,
    )
    .run(fileId, `/records/${title}.pdf`, `${title}.pdf`, patientId, docType, doc.id, pages.length);
  b.store.sqlite.prepare(`INSERT INTO record_texts (record_id, title, body) VALUES (?, ?, ?)`).run(fileId, `${title}.pdf`, pages.join('\f'));
  return doc.id;
}

/** A CRPS chart with everything an Aetna package asks for, except what `leaveOut` names. */
async function crpsChart(patientId: string, leaveOut: ('block' | 'screening' | 'consultation')[] = []) {
  const neuro = record(patientId, 'Neurology consultation', 'referral_letter', ['History', 'Exam', 'Assessment: CRPS type I, G90.512, left arm']);
  await b.ok('intake.addDiagnosis', { patientId, fields: { code: 'G90.512', isPrimary: true, onsetDate: '2025-01-20' } } as never);
  await b.ok('intake.recordBudapest', {
    patientId,
    fields: {
      evaluatedOn: '2026-10-01',
      evaluatorName: 'Dr. Priya Natarajan',
      disproportionatePain: true,
      noBetterDiagnosis: true,
      symptoms: { sensory: ['allodynia'], vasomotor: ['temperature_asymmetry'], sudomotor: ['oedema'] },
      signs: { sensory: ['allodynia_light_touch'], motor_trophic: ['decreased_rom'] },
    },
  } as never);
  await b.ok('intake.addTreatment', {
    patientId,
    fields: { kind: 'physical_therapy', name: 'Graded motor imagery', startDate: '2025-02-10', endDate: '2025-06-30', outcome: 'failed' },
  } as never);
  await b.ok('intake.addTreatment', {
    patientId,
    fields: { kind: 'medication', name: 'Gabapentin', dose: '900 mg/day', startDate: '2025-02-01', endDate: '2025-08-01', outcome: 'intolerant' },
  } as never);
  if (!leaveOut.includes('block')) {
    blockReport = record(patientId, 'Stellate ganglion block report', 'nerve_block_report', ['Procedure note', 'Left stellate ganglion sympathetic block x3: relief 2 days']);
    await b.ok('intake.addTreatment', {
      patientId,
      fields: { kind: 'nerve_block', name: 'Stellate ganglion sympathetic block', sessions: 3, startDate: '2025-05-01', endDate: '2025-07-15', outcome: 'failed', documentId: blockReport },
    } as never);
  }
  await b.ok('scores.record', { patientId, instrument: 'nrs', value: 8, observedAt: zonedToInstant(ZONE, '2026-11-02', '21:30') } as never);
  await b.ok('scores.record', { patientId, instrument: 'peg', items: [7, 8, 6], observedAt: zonedToInstant(ZONE, '2026-11-02', '09:05') } as never);
  if (!leaveOut.includes('screening')) {
    const ref = await b.ok('intake.reference', {});
    const answers = Object.fromEntries(ref.screening.items.map((i) => [i.id, { answer: 'no' as const }]));
    await b.ok('intake.recordScreening', { patientId, screenedOn: '2026-11-02', answers } as never);
  }
  if (!leaveOut.includes('consultation')) {
    const startsAt = zonedToInstant(ZONE, '2026-11-03', '09:00');
    insertRow(b.asAdmin(), appointments, { patientId, staffId: doctor, kind: 'initial_consultation', startsAt, endsAt: startsAt + 3_600_000, status: 'completed', note: null });
  }
  return { neuro };
}

async function request(patientId = patient, coverageId = coverage) {
  return b.ok('authorizations.createRequest', {
    patientId,
    coverageId,
    diagnosisGroup: 'crps',
    requestedSessions: 6,
    requestedStartDate: '2027-01-04',
    requestedEndDate: '2027-01-29',
    serviceLines: [
      { code: '96365', system: 'CPT', unitsPerSession: 1 },
      { code: 'J3490', system: 'HCPCS', unitsPerSession: 1 },
    ],
    orderingProviderId: doctor,
  });
}

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', { name: 'Lakeside Pain & Infusion', timeZone: ZONE, openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })) });
  patient = (await b.ok('patients.create', validPatient)).id;
  payer = (await b.ok('payers.create', { name: 'Aetna Choice POS II' })).id;
  coverage = (await b.ok('patients.addCoverage', { patientId: patient, fields: { payerId: payer, memberId: 'W123456789', groupNumber: 'GRP-42', priority: 'primary' } })).id;
  doctor = (await b.ok('staff.create', { name: 'Dr. Mara Quint', role: 'anesthesiologist' })).id;
  b.store.sqlite.prepare('UPDATE staff SET npi = ? WHERE id = ?').run(VALID_NPI, doctor);
});
afterEach(() => b.dispose());

describe('loadChartEvidence on a real store', () => {
  it('fills every field from the chart’s rows, with the records and pages the facts rest on', async () => {
    const { neuro } = await crpsChart(patient);
    const e = loadChartEvidence({ db: b.store.db, sqlite: b.store.sqlite, now: () => NOW }, patient);
    expect(e.patient).toMatchObject({ id: patient, firstName: 'Ana', lastName: 'Ramirez', dateOfBirth: '1984-03-07', sex: 'female' });
    expect(e.patient.mrn).toMatch(/\S/);
    expect(e.coverage).toEqual({ id: coverage, payerId: payer, payerName: 'Aetna Choice POS II', memberId: 'W123456789', groupNumber: 'GRP-42', planName: null });
    expect(e.diagnosisGroup).toBe('crps');
    expect(e.diagnoses).toHaveLength(1);
    expect(e.diagnoses[0]).toMatchObject({ code: 'G90.512', isPrimary: true, onsetDate: '2025-01-20' });
    expect(e.diagnoses[0]!.description).toMatch(/complex regional pain syndrome/i);
    expect(e.diagnoses[0]!.cites).toEqual([{ documentId: neuro, title: 'Neurology consultation', page: 3 }]);
    expect(e.budapest).toMatchObject({ evaluatedOn: '2026-10-01', evaluatorName: 'Dr. Priya Natarajan', disproportionatePain: true, noBetterDiagnosis: true, metClinical: true });
    expect(e.budapest!.items.map((i) => `${i.category}/${i.kind}`)).toEqual(['sensory/symptom', 'sensory/sign', 'vasomotor/symptom', 'sudomotor/symptom', 'motor_trophic/sign']);
    expect(e.budapest!.items.every((i) => i.finding.length > 3 && !i.finding.includes('_'))).toBe(true);
    const block = e.treatments.find((t) => t.kind === 'nerve_block')!;
    expect(block).toMatchObject({ name: 'Stellate ganglion sympathetic block', sessions: 3, startDate: '2025-05-01', endDate: '2025-07-15', outcome: 'failed' });
    expect(block.cites).toEqual([{ documentId: blockReport, title: 'Stellate ganglion block report', page: 2 }]);
    expect(e.treatments.find((t) => t.kind === 'medication')).toMatchObject({ name: 'Gabapentin', dose: '900 mg/day', outcome: 'intolerant', cites: [] });
    expect(e.baseline.map((s) => [s.instrument, s.value]).sort()).toEqual([
      ['nrs', 8],
      ['peg', 7],
    ]);
    // Taken at 21:30 in Chicago, already 11/03 in UTC: letters print the clinic's day.
    expect(e.baseline.find((s) => s.instrument === 'nrs')!.takenOn).toBe('2026-11-02');
    expect(new Date(e.baseline.find((s) => s.instrument === 'nrs')!.takenAt).toISOString().slice(0, 10)).toBe('2026-11-03');
    expect(e.screening).toEqual({ completedOn: '2026-11-02', contraindications: [], needsReview: false });
    expect(e.consultation).toEqual({ date: '2026-11-03', providerName: 'Dr. Mara Quint', noteDocumentId: null });
    expect(e.lastSeriesResponse).toBeNull();
    expect(e.records.map((r) => [r.title, r.pages]).sort()).toEqual([
      ['Neurology consultation', 3],
      ['Stellate ganglion block report', 2],
    ]);
  });
});

describe('authorizations.readiness', () => {
  it('a complete CRPS chart and request is ready, checked against the Aetna template flagged to confirm', async () => {
    await crpsChart(patient);
    const a = await request();
    const r = await b.ok('authorizations.readiness', { id: a.id });
    expect(r.ruleSet).toMatchObject({ key: 'aetna', name: 'Aetna', policyReference: 'Aetna CPB 0447', source: 'template', confirmed: false, needsConfirmation: true });
    expect(r.items.filter((i) => !i.met)).toEqual([]);
    expect(r).toMatchObject({ ready: true, diagnosisGroup: 'crps', status: 'draft', checkedOn: '2026-11-20' });
    expect(r.summary).toBe(`ready: all ${r.total} items met`);
    // The renewal-only item is left out of a first request.
    expect(r.items.some((i) => i.label.startsWith('Response to the last series'))).toBe(false);
    expect(r.items.find((i) => i.key === 'request.orderingProvider')!.detail).toBe(`Dr. Mara Quint, NPI ${VALID_NPI}`);
  });

  it('a CRPS chart without a failed sympathetic block is "not ready: failed sympathetic block not recorded", with where to fix it', async () => {
    await crpsChart(patient, ['block']);
    const a = await request();
    const r = await b.ok('authorizations.readiness', { id: a.id });
    expect(r.ready).toBe(false);
    expect(r.summary).toBe('not ready: failed sympathetic block not recorded');
    const item = r.items.find((i) => !i.met)!;
    expect(item).toMatchObject({ label: 'Failed sympathetic block', kind: 'failed_treatment', fixAt: { route: `#/patients/${patient}`, section: 'treatments', place: 'Intake → Prior treatments' } });
    expect(r.met).toBe(r.total - 1);
  });

  it('names a missing NPI (fixed in Settings → Staff), missing dates and sessions, each with its place', async () => {
    await crpsChart(patient);
    b.store.sqlite.prepare('UPDATE staff SET npi = NULL').run();
    const a = await b.ok('authorizations.createRequest', { patientId: patient, coverageId: coverage, diagnosisGroup: 'crps', orderingProviderId: doctor });
    const r = await b.ok('authorizations.readiness', { id: a.id });
    expect(r.summary).toBe('not ready: NPI of Dr. Mara Quint missing; dates of service missing; number of sessions missing');
    expect(r.items.find((i) => i.key === 'request.orderingProvider')!.fixAt).toEqual({ route: '#/settings/staff', section: 'staff', place: 'Settings → Staff (NPI)' });
    expect(r.items.find((i) => i.key === 'request.dates')!.fixAt.route).toBe(`#/authorizations/${a.id}`);
  });

  it('uses the clinic’s confirmed copy of the rule set over the template', async () => {
    await crpsChart(patient, ['block']);
    const a = await request();
    const template = (await b.ok('authorizations.readiness', { id: a.id })).ruleSet;
    expect(template.source).toBe('template');
    // A clinic copy that drops the block requirement, confirmed with the payer.
    const { payerRuleTemplate } = await import('../../../src-main/backend/authorizations/payer-rules-file');
    const rules = structuredClone(payerRuleTemplate('aetna')!);
    rules.evidence.crps = rules.evidence.crps!.filter((x) => x.label !== 'Failed sympathetic block');
    rules.template = false;
    const confirmedAt = NOW - 86_400_000;
    b.store.sqlite
      .prepare(`INSERT INTO payer_rule_sets (id, version, created_at, updated_at, key, name, rules, confirmed_at, confirmed_by) VALUES (?, 1, 0, 0, 'aetna', 'Aetna', ?, ?, 'Dana Desk')`)
      .run('01900000-0000-7000-8000-00000000aaaa', JSON.stringify(rules), confirmedAt);
    const r = await b.ok('authorizations.readiness', { id: a.id });
    expect(r.ruleSet).toMatchObject({ source: 'clinic', confirmed: true, needsConfirmation: false, confirmedAt, confirmedBy: 'Dana Desk' });
    expect(r.ready).toBe(true);
  });

  it('answers NOT_FOUND for an unknown authorization', async () => {
    expect(await b.fail('authorizations.readiness', { id: '01900000-0000-7000-8000-000000000bad' })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the ready step', () => {
  it('is refused while the request is not ready, naming what is missing, and changes nothing', async () => {
    await crpsChart(patient, ['block']);
    const a = await request();
    const before = await b.ok('authorizations.history', { id: a.id });
    const e = await b.fail('authorizations.changeStatus', { id: a.id, to: 'ready' });
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'to' });
    expect(e.message).toBe('Not ready to send: failed sympathetic block not recorded. Fix it on the chart or the request, or mark it ready anyway with a reason.');
    expect((await b.ok('authorizations.get', { id: a.id })).status).toBe('draft');
    expect(await b.ok('authorizations.history', { id: a.id })).toEqual(before);
  });

  it('is recorded with a reason when overridden: the history keeps what was missing and why', async () => {
    await crpsChart(patient, ['block']);
    const a = await request();
    const saved = await b.ok('authorizations.changeStatus', { id: a.id, to: 'ready', overrideReason: 'Block report requested from Dr. Ode, faxed with the package' });
    expect(saved.status).toBe('ready');
    const [last] = await b.ok('authorizations.history', { id: a.id });
    expect(last).toMatchObject({ toStatus: 'ready', fromStatus: 'draft' });
    expect(last!.note).toBe('Marked ready with items missing (failed sympathetic block not recorded). Reason: Block report requested from Dr. Ode, faxed with the package');
    expect(last!.details).toMatchObject({ readiness: 'not ready: failed sympathetic block not recorded', readinessOverride: 'Block report requested from Dr. Ode, faxed with the package' });
  });

  it('goes through when ready, recording the readiness it was checked on', async () => {
    await crpsChart(patient);
    const a = await request();
    await b.ok('authorizations.changeStatus', { id: a.id, to: 'ready' });
    const [last] = await b.ok('authorizations.history', { id: a.id });
    expect(last!.details).toMatchObject({ readiness: expect.stringMatching(/^ready: all \d+ items met$/) });
    expect(last!.note).toBeNull();
  });

  it('sending straight from a draft is recorded (it happened), with what was missing in the history', async () => {
    await crpsChart(patient, ['block']);
    const a = await request();
    const sent = await b.ok('authorizations.changeStatus', { id: a.id, to: 'submitted', patch: { submissionRoute: 'fax' } });
    expect(sent.status).toBe('submitted');
    const [last] = await b.ok('authorizations.history', { id: a.id });
    expect(last).toMatchObject({ fromStatus: 'draft', toStatus: 'submitted' });
    expect(last!.note).toBe('Sent without the ready step, with items missing (failed sympathetic block not recorded).');
    expect(last!.details).toMatchObject({ readiness: 'not ready: failed sympathetic block not recorded' });
  });

  it('a blank reason is no reason', async () => {
    await crpsChart(patient, ['block']);
    const a = await request();
    expect(await b.fail('authorizations.changeStatus', { id: a.id, to: 'ready', overrideReason: '   ' })).toMatchObject({ code: 'VALIDATION', field: 'to' });
  });
});

describe('authorizations.waitingList', () => {
  async function newPatient(firstName: string, withChart: boolean) {
    const id = (await b.ok('patients.create', { ...validPatient, firstName, phone: null, email: null, preferredContact: 'none' } as never)).id;
    const c = (await b.ok('patients.addCoverage', { patientId: id, fields: { payerId: payer, memberId: `M-${firstName}`, priority: 'primary' } })).id;
    if (withChart) await crpsChart(id, ['block']);
    return { id, coverage: c };
  }

  it('lists each waiting patient once with what holds them back, first step first, and the counts', async () => {
    // Ana: a chart, no request yet.
    await crpsChart(patient, ['block']);
    // Ben: a draft request missing the block.
    const ben = await newPatient('Ben', true);
    const benReq = await request(ben.id, ben.coverage);
    // Cleo: sent to the payer.
    const cleo = await newPatient('Cleo', true);
    const cleoReq = await request(cleo.id, cleo.coverage);
    await b.ok('authorizations.changeStatus', { id: cleoReq.id, to: 'submitted', patch: { submissionRoute: 'fax' } });
    // Dev: denied.
    const dev = await newPatient('Dev', true);
    const devReq = await request(dev.id, dev.coverage);
    await b.ok('authorizations.changeStatus', { id: devReq.id, to: 'submitted', patch: { submissionRoute: 'portal' } });
    await b.ok('authorizations.changeStatus', { id: devReq.id, to: 'denied', patch: { denialDate: '2026-11-18', denialReason: 'Investigational' } });
    // Eve: approved, so not waiting. Finn: coverage but no diagnosis, not waiting.
    const eve = await newPatient('Eve', true);
    const eveReq = await request(eve.id, eve.coverage);
    await b.ok('authorizations.changeStatus', { id: eveReq.id, to: 'submitted', patch: { submissionRoute: 'portal' } });
    await b.ok('authorizations.changeStatus', { id: eveReq.id, to: 'approved', patch: { authNumber: 'A-1', approvedSessions: 6, startDate: '2027-01-04', endDate: '2027-01-29' } });
    await newPatient('Finn', false);

    const page = await b.ok('authorizations.waitingList', {});
    expect(page.items.map((i) => [i.patientName, i.blocker])).toEqual([
      ['Ana Ramirez', 'no_request'],
      ['Ben Ramirez', 'not_ready'],
      ['Cleo Ramirez', 'waiting_payer'],
      ['Dev Ramirez', 'denied'],
    ]);
    expect(page.total).toBe(4);
    expect(page.counts).toEqual({ no_request: 1, not_ready: 1, to_send: 0, waiting_payer: 1, needs_review: 0, denied: 1, partly_approved: 0 });
    const [ana, benRow, cleoRow, devRow] = page.items;
    expect(ana).toMatchObject({ authorizationId: null, payerName: 'Aetna Choice POS II', missing: ['failed sympathetic block not recorded'], missingCount: 1 });
    expect(ana!.text).toBe('No request yet. The chart still lacks for Aetna Choice POS II: failed sympathetic block not recorded');
    expect(benRow).toMatchObject({ authorizationId: benReq.id, status: 'draft', text: 'Request not ready: failed sympathetic block not recorded' });
    // Sent 11/20/2026 to a commercial payer: 15 days.
    expect(cleoRow!.text).toBe('Sent to Aetna Choice POS II 11/20/2026: decision expected by 12/05/2026, due in 15 days');
    expect(devRow!.text).toBe('Denied 11/18/2026 (Investigational): ask for a peer-to-peer call or appeal');

    const only = await b.ok('authorizations.waitingList', { blocker: 'denied' });
    expect(only.items.map((i) => i.patientName)).toEqual(['Dev Ramirez']);
    expect(only.total).toBe(1);
    const paged = await b.ok('authorizations.waitingList', { limit: 2, offset: 2 });
    expect(paged.items.map((i) => i.patientName)).toEqual(['Cleo Ramirez', 'Dev Ramirez']);
    expect(paged).toMatchObject({ total: 4, offset: 2 });
  });

  it('waits "since" the last status step: a package or letter filed later does not restart it', async () => {
    await crpsChart(patient, ['block']);
    const a = await request();
    await b.ok('authorizations.changeStatus', { id: a.id, to: 'submitted', patch: { submissionRoute: 'fax' } });
    const sent = (await b.ok('authorizations.waitingList', {})).items[0]!;
    expect(sent.since).toBe(NOW);
    // A filing step three days later (as recordFiledStep writes it: the status does not move).
    b.store.sqlite
      .prepare(`INSERT INTO authorization_events (id, version, created_at, updated_at, authorization_id, at, from_status, to_status, details) VALUES (?, 1, ?, ?, ?, ?, 'submitted', 'submitted', ?)`)
      .run('01900000-0000-7000-8000-00000000eeee', NOW + 3 * 86_400_000, NOW + 3 * 86_400_000, a.id, NOW + 3 * 86_400_000, JSON.stringify({ filed: 'Request package (12 pages)', documentId: 'x' }));
    expect((await b.ok('authorizations.waitingList', {})).items[0]!.since).toBe(NOW);
    expect((await b.ok('authorizations.history', { id: a.id }))[0]!.text).toBe('Request package (12 pages) filed as a document · still sent to payer');
  });

  it('a patient with a booked self-pay series or a cancelled-only request: the series is not waiting; the cancelled one is', async () => {
    await crpsChart(patient, ['block']);
    const a = await request();
    await b.ok('authorizations.changeStatus', { id: a.id, to: 'cancelled' });
    const page = await b.ok('authorizations.waitingList', {});
    expect(page.items.map((i) => [i.patientName, i.blocker])).toEqual([['Ana Ramirez', 'no_request']]);
    b.store.sqlite
      .prepare(`INSERT INTO infusion_series (id, version, created_at, updated_at, patient_id, template_snapshot, self_pay, status) VALUES (?, 1, 0, 0, ?, '{}', 1, 'planned')`)
      .run('01900000-0000-7000-8000-00000000cccc', patient);
    expect((await b.ok('authorizations.waitingList', {})).total).toBe(0);
  });

  it('is kept through writes it does not read (a phone number, a new patient) and brought up to date for the patient on one it reads', async () => {
    await crpsChart(patient, ['block']);
    expect((await b.ok('authorizations.waitingList', {})).items.map((i) => i.patientName)).toEqual(['Ana Ramirez']);
    const computed = waitingListComputations();
    await b.ok('patients.update', { id: patient, expectedVersion: 1, fields: { ...validPatient, phone: '5125550123' } });
    const finn = (await b.ok('patients.create', { ...validPatient, firstName: 'Finn', phone: null, email: null, preferredContact: 'none' } as never)).id;
    expect((await b.ok('authorizations.waitingList', {})).total).toBe(1);
    expect(waitingListComputations()).toBe(computed);
    // A name is read for the page, not kept: a corrected name shows at once without working the list out.
    await b.ok('patients.update', { id: patient, expectedVersion: 2, fields: { ...validPatient, phone: '5125550123', firstName: 'Anna' } });
    expect((await b.ok('authorizations.waitingList', {})).items.map((i) => i.patientName)).toEqual(['Anna Ramirez']);
    expect(waitingListComputations()).toBe(computed);
    // Finn gains a coverage and a diagnosis: now waiting.
    await b.ok('patients.addCoverage', { patientId: finn, fields: { payerId: payer, memberId: 'M-Finn', priority: 'primary' } });
    await b.ok('intake.addDiagnosis', { patientId: finn, fields: { code: 'M79.7', isPrimary: true } } as never);
    const refreshed = waitingListRefreshes();
    expect((await b.ok('authorizations.waitingList', {})).items.map((i) => i.patientName)).toEqual(['Anna Ramirez', 'Finn Ramirez']);
    // Finn's rows alone were read: the list was not worked out again whole.
    expect(waitingListComputations()).toBe(computed);
    expect(waitingListRefreshes()).toBe(refreshed + 1);
    // A removed patient leaves it.
    await b.ok('patients.remove', { id: finn });
    expect((await b.ok('authorizations.waitingList', {})).items.map((i) => i.patientName)).toEqual(['Anna Ramirez']);
  });

  it('kept up to date patient by patient, the list is the one a fresh computation gives, after every kind of change', async () => {
    await crpsChart(patient, ['block']);
    const ben = await newPatient('Ben', true);
    const cleo = await newPatient('Cleo', false);
    await b.ok('authorizations.waitingList', {});
    const computed = waitingListComputations();
    const refreshed = waitingListRefreshes();
    let benReq: Awaited<ReturnType<typeof request>> | null = null;
    const steps: [string, () => Promise<unknown>][] = [
      ['a request made', async () => (benReq = await request(ben.id, ben.coverage))],
      ['sent to the payer', () => b.ok('authorizations.changeStatus', { id: benReq!.id, to: 'submitted', patch: { submissionRoute: 'fax' } })],
      ['a status step written on its own (an event row, as sync may deliver it before its request)', async () =>
        b.store.sqlite
          .prepare(`INSERT INTO authorization_events (id, version, created_at, updated_at, authorization_id, at, from_status, to_status) VALUES (?, 1, ?, ?, ?, ?, 'submitted', 'pending')`)
          .run('01900000-0000-7000-8000-00000000e1e1', NOW, NOW, benReq!.id, NOW + 86_400_000)],
      ['denied', () => b.ok('authorizations.changeStatus', { id: benReq!.id, to: 'denied', patch: { denialDate: '2026-11-18', denialReason: 'Investigational' } })],
      ['a diagnosis for a patient with a coverage', () => b.ok('intake.addDiagnosis', { patientId: cleo.id, fields: { code: 'M79.7', isPrimary: true } } as never)],
      ['a second coverage', () => b.ok('patients.addCoverage', { patientId: cleo.id, fields: { payerId: payer, memberId: 'M-Cleo-2', priority: 'secondary' } })],
      ['a self-pay series booked', async () =>
        b.store.sqlite
          .prepare(`INSERT INTO infusion_series (id, version, created_at, updated_at, patient_id, template_snapshot, self_pay, status) VALUES (?, 1, 0, 0, ?, '{}', 1, 'planned')`)
          .run('01900000-0000-7000-8000-00000000cdcd', patient)],
      ['a patient removed', () => b.ok('patients.remove', { id: cleo.id })],
    ];
    for (const [what, step] of steps) {
      await step();
      const keptPage = await b.ok('authorizations.waitingList', { limit: 200 });
      // A second connection to the same file works the list out from nothing.
      const fresh = tempBackend({ dataDir: b.dir, now: () => NOW });
      try {
        expect(keptPage, what).toEqual(await fresh.ok('authorizations.waitingList', { limit: 200 }));
      } finally {
        fresh.close();
      }
      // The other connection's reads may write the read trail: that moves data_version here, so
      // the list is worked out whole once; bring this connection up to date before the next step.
      await b.ok('authorizations.waitingList', {});
    }
    expect(waitingListRefreshes() - refreshed).toBeGreaterThanOrEqual(steps.length);
    expect(waitingListComputations() - computed).toBeLessThanOrEqual(2 * steps.length);
  });

  it('a page is kept between openings, and its readiness words follow the chart at once', async () => {
    await crpsChart(patient, ['block']);
    const first = await b.ok('authorizations.waitingList', {});
    expect(first.items[0]!.text).toBe('No request yet. The chart still lacks for Aetna Choice POS II: failed sympathetic block not recorded');
    const workedOut = keptAnswersWorkedOut(b.store.sqlite, 'waiting_list_page');
    // Reading charts writes only the read trail: the page is answered from memory.
    await b.ok('intake.get', { patientId: patient } as never);
    expect(await b.ok('authorizations.waitingList', {})).toEqual(first);
    expect(keptAnswersWorkedOut(b.store.sqlite, 'waiting_list_page')).toBe(workedOut);
    // The failed block is recorded (a table the list itself does not read): the words change now.
    await b.ok('intake.addTreatment', {
      patientId: patient,
      fields: { kind: 'nerve_block', name: 'Stellate ganglion sympathetic block', sessions: 3, startDate: '2025-05-01', endDate: '2025-07-15', outcome: 'failed' },
    } as never);
    const after = (await b.ok('authorizations.waitingList', {})).items[0]!;
    expect(after.text).not.toContain('failed sympathetic block not recorded');
    expect(after.missing).not.toContain('failed sympathetic block not recorded');
  });

  it('refuses an unknown blocker in words', async () => {
    expect(await b.fail('authorizations.waitingList', { blocker: 'lost' })).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Choose what holds the patients back') });
  });
});

describe('waiting words', () => {
  it('says each later step in words', async () => {
    const { waitingText } = await import('../../../src-shared/domain/authorizations/waiting');
    const base = {
      payerName: 'Aetna',
      authNumber: null,
      submissionRoute: null,
      submittedAt: null,
      decisionDueAt: null,
      denialDate: '2026-11-10',
      denialReason: 'Investigational',
      p2pScheduledAt: null,
      appealFiledDate: null,
      approvedSessions: null,
      requestedSessions: 6,
      ready: null,
      missing: [],
      missingCount: 0,
    };
    const say = (over: Record<string, unknown>) => waitingText({ ...base, status: null, ...over }, '2026-11-20', ZONE);
    expect(say({ status: 'ready', submissionRoute: 'fax' })).toBe('Not sent yet: send it to Aetna by fax, then mark it sent');
    expect(say({ status: 'needs_review' })).toBe('Aetna’s reply needs review: record what the payer decided');
    expect(say({ status: 'appealed', appealFiledDate: '2026-11-15' })).toBe('Denied 11/10/2026 (Investigational): appeal filed 11/15/2026, waiting for Aetna’s decision');
    expect(say({ status: 'p2p_scheduled', p2pScheduledAt: zonedToInstant(ZONE, '2026-11-24', '14:30') })).toBe('Denied 11/10/2026 (Investigational): peer-to-peer call booked for 11/24/2026');
    expect(say({ status: 'partially_approved', authNumber: 'A-7', approvedSessions: 4 })).toBe('Partly approved (A-7): 4 of 6 sessions asked for');
    expect(say({ status: 'draft', ready: false, missing: ['a', 'b', 'c'], missingCount: 5 })).toBe('Request not ready: a; b; c and 2 more');
  });
});
