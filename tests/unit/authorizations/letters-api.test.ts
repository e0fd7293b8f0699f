import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LETTER_SOURCES, letterSources } from '../../../src-main/backend/authorizations/letters/sources';
import { letterTemplatesDir, readLetterTemplates } from '../../../src-main/backend/authorizations/letters/templates-file';
import { authorizations } from '../../../src-main/backend/authorizations/schema';
import { staff } from '../../../src-main/backend/clinic/schema';
import { updateRow } from '../../../src-main/backend/db/mutate';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { HOSTILE_STRINGS, withoutPopplerBidiFrames } from '../../support/hostile-strings';
import { pdfText } from '../../support/pdf-text';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';
import { CRPS_RULES, crpsEvidence } from './letter-fixtures';

const ZONE = 'America/Chicago';
const NOW = zonedToInstant(ZONE, '2026-11-20', '10:00');
/** The clinic's clock: NOW unless a test moves it. */
let now = NOW;
const WINDOWS = ['Mon 11/23 8:00-10:00 AM', 'Tue 11/24 1:00-3:00 PM'];

/** Strings a desk could paste: quotes, markup, SQL, PDF syntax, a placeholder of our own, WinAnsi specials. */
const HOSTILE = [
  `O'Brien "Zoë" <script>alert(1)</script> & Ñúñez`,
  `Robert'); DROP TABLE patients;-- 50% (a) \\ ) (`,
  `{{member.id}} %PDF-1.7 endobj trailer`,
  `café – “smart quotes” — €100 ½ dose`,
  ...(['accents', 'quotes', 'cjk', 'markup', 'emoji', 'rtl'] as const).map((k) => HOSTILE_STRINGS[k]!),
];

let b: TestBackend;
let patient: string;
let payer: string;
let physician: string;
const count = (table: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const flat = (s: string) => s.replace(/\s+/g, ' ');

beforeEach(async () => {
  now = NOW;
  b = tempBackend({ now: () => now });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  });
  patient = (await b.ok('patients.create', validPatient)).id;
  payer = (await b.ok('payers.create', { name: 'Blue Lake Health' })).id;
  physician = (await b.ok('staff.create', { name: 'Dana Whitfield, MD', role: 'physician' })).id;
  updateRow(b.asAdmin(), staff, physician, { npi: '1234567893' }, { what: 'staff' });
  letterSources.evidence = (_ctx, patientId) => crpsEvidence(patientId);
  letterSources.ruleSet = () => CRPS_RULES;
});
afterEach(() => {
  Object.assign(letterSources, DEFAULT_LETTER_SOURCES);
  b.dispose();
});

/** A request sent and denied, with what the letters need (or less, with `omit`). */
async function deniedRequest(opts: { omit?: string[]; denialReason?: string } = {}): Promise<string> {
  const id = (await b.ok('authorizations.create', { patientId: patient, payerId: payer, status: 'draft' })).id;
  const request: Record<string, unknown> = {
    memberId: 'BLH-448812',
    groupNumber: 'GRP-77',
    referenceNumber: 'CASE-881',
    orderingProviderId: physician,
    diagnosisGroup: 'crps',
    icd10Codes: ['G90.512'],
    requestedSessions: 6,
    requestedStartDate: '2026-12-01',
    requestedEndDate: '2027-01-29',
    serviceLines: [{ code: '96365', system: 'CPT', unitsPerSession: 1 }, { code: 'J3490', system: 'HCPCS', unitsPerSession: 1, description: 'ketamine' }],
  };
  for (const k of opts.omit ?? []) request[k] = null;
  updateRow(b.asAdmin(), authorizations, id, request, { what: 'authorization' });
  await b.ok('authorizations.changeStatus', { id, to: 'submitted', at: zonedToInstant(ZONE, '2026-11-02', '09:30'), patch: { submissionRoute: 'portal' } });
  if (!opts.omit?.includes('denial')) {
    await b.ok('authorizations.changeStatus', {
      id,
      to: 'denied',
      patch: { denialDate: '2026-11-10', denialReason: opts.denialReason ?? 'Investigational for chronic pain', denialCode: 'N-INV', denialPolicy: 'MP-446' },
    });
  }
  return id;
}

describe('authorizations.letters: required fields', () => {
  it('refuses a peer-to-peer request without what it needs, naming every missing field, and saves nothing', async () => {
    const id = await deniedRequest({ omit: ['memberId', 'referenceNumber', 'orderingProviderId', 'denial'] });
    const before = [count('authorization_letters'), count('change_log')];
    const e = await b.fail('authorizations.letters.draft', { authorizationId: id, kind: 'p2p_request', callWindows: [WINDOWS[0]] });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe(
      "The peer-to-peer request needs the member ID, the authorization or reference number, the denial date, the denial reason, the treating physician's name, the treating physician's credentials (such as MD or DO) and at least two call windows when the physician can take the call. Only one call window was given.",
    );
    expect(e.issues?.map((i) => i.field)).toEqual(['memberId', 'authNumber', 'denialDate', 'denialReason', 'physicianId', 'physicianCredentials', 'callWindows']);
    expect([count('authorization_letters'), count('change_log')]).toEqual(before);
  });

  it('takes the credentials from the input when the staff name has none; refuses without them', async () => {
    const plain = (await b.ok('staff.create', { name: 'Lee Okafor', role: 'physician' })).id;
    const id = await deniedRequest();
    const e = await b.fail('authorizations.letters.draft', { authorizationId: id, kind: 'p2p_request', callWindows: WINDOWS, physicianId: plain });
    expect(e.issues?.map((i) => i.field)).toEqual(['physicianCredentials']);
    const ok = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'p2p_request', callWindows: WINDOWS, physicianId: plain, physicianCredentials: 'DO' });
    expect(flat(ok.sections.map((s) => s.text).join('\n'))).toContain('Lee Okafor, DO');
  });

  it('refuses the patient appeal letter and the provider appeal letter naming their own missing fields', async () => {
    const id = await deniedRequest({ omit: ['requestedStartDate', 'requestedEndDate', 'memberId'] });
    let e = await b.fail('authorizations.letters.draft', { authorizationId: id, kind: 'patient_appeal' });
    expect(e.message).toBe('The patient appeal letter needs the member ID and the dates of service.');
    expect(e.issues?.map((i) => i.field)).toEqual(['memberId', 'requestedStartDate']);
    // The app's own loaders (P1's chart evidence and rule sets): this chart has no intake yet.
    Object.assign(letterSources, DEFAULT_LETTER_SOURCES);
    e = await b.fail('authorizations.letters.draft', { authorizationId: id, kind: 'provider_appeal' });
    expect(e.message).toBe("The provider appeal letter needs the member ID, the dates of service and the chart's evidence (diagnoses, treatments tried and their records).");
  });
});

describe('authorizations.letters: content', () => {
  it('writes the peer-to-peer request with the denial, the physician and the call windows, and warns once an appeal is filed', async () => {
    const id = await deniedRequest();
    const draft = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'p2p_request', callWindows: WINDOWS, physicianPhone: '(312) 555-0199' });
    expect(draft).toMatchObject({ state: 'draft', kind: 'p2p_request', patientId: patient });
    // Denied 11/10, today 11/20: the 5-business-day window of the fallback clock closed on 11/17.
    expect(draft.warnings).toEqual(["The peer-to-peer window closed on 11/17/2026 by the payer's usual clock. Confirm with the payer before sending."]);
    const { text } = await b.ok('authorizations.letters.text', { id: draft.id });
    for (const want of ['Member ID: BLH-448812', 'Group number: GRP-77', 'Authorization / reference number: CASE-881', 'Denied on 11/10/2026.', 'Reason given: Investigational for chronic pain', 'Denial code: N-INV', 'Dana Whitfield, MD (NPI 1234567893)', 'Call back number: (312) 555-0199', `- ${WINDOWS[0]}`, `- ${WINDOWS[1]}`, 'Dates of service: 12/01/2026 to 01/29/2027', 'CPT 96365, 1 unit per session']) {
      expect(text).toContain(want);
    }
    // The peer-to-peer window (5 business days in this clinic's fallback clock) is named.
    expect(flat(text)).toContain('before the peer-to-peer window closes (11/17/2026)');

    await b.ok('authorizations.changeStatus', { id, to: 'appealed', patch: { appealFiledDate: '2026-11-19' } });
    const warning = 'An appeal was already filed on 11/19/2026. Most payers close the peer-to-peer window once an appeal is filed: call the payer to confirm a peer-to-peer is still possible before sending this request.';
    expect((await b.ok('authorizations.letters.get', { id: draft.id })).warnings).toContain(warning);
    const after = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'p2p_request', callWindows: WINDOWS });
    expect(after.warnings).toContain(warning);
  });

  it('writes the patient appeal letter with the denial, the appeal rights and deadlines, to be signed by the patient', async () => {
    const id = await deniedRequest();
    const draft = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'patient_appeal' });
    const text = flat((await b.ok('authorizations.letters.text', { id: draft.id })).text);
    for (const want of [
      'Member name: Ana Ramirez', 'Member ID: BLH-448812', 'Group number: GRP-77', 'Claim / authorization number: CASE-881', 'Dates of service: 12/01/2026 to 01/29/2027',
      'On 11/10/2026 my plan denied', 'The reason given was: Investigational for chronic pain', 'Treating provider: Dana Whitfield', '- G90.512 Complex regional pain syndrome I of left upper limb',
      // 180 days from the 11/10/2026 denial (the row's appeal_due_date), external review within 4 months of the final denial.
      'allows 180 days from the denial to file this internal appeal: it is due by 05/09/2027', 'expedited review (a decision within 72 hours)', "within 4 months of the final internal denial (the date follows the plan's decision on this appeal)",
      'The denial notice dated 11/10/2026', 'Ana Ramirez',
    ]) {
      expect(text).toContain(want);
    }
    const pdf = flat(pdfText(Buffer.from((await b.ok('authorizations.letters.pdf', { id: draft.id })).base64, 'base64')));
    for (const want of ['Request for an internal appeal', 'due by 05/09/2027', 'Investigational for chronic pain', 'Member ID: BLH-448812']) expect(pdf).toContain(want);
  });

  it('answers the denial criterion by criterion in the provider appeal, citing document and page, and warns of what the chart lacks', async () => {
    const id = await deniedRequest();
    const draft = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'provider_appeal' });
    const criteria = draft.sections.find((s) => s.key === 'criteria')!.text;
    expect(criteria).toContain('1. CRPS diagnosis (ICD-10-CM G90.5): met.');
    expect(criteria).toContain('G90.512 Complex regional pain syndrome I of left upper limb, onset 02/10/2025 (Neurology consultation, page 3)');
    expect(criteria).toContain('Symptom (sensory): allodynia to light touch');
    expect(criteria).toContain(
      '3. Failed sympathetic block: met.\n   - Nerve block: Stellate ganglion sympathetic block, 05/01/2025 to 07/15/2025, 3 sessions: failed (relief for 2 days) (Stellate ganglion block report, page 2)',
    );
    expect(criteria).toContain('Physical therapy: Graded motor imagery, 03/01/2025 to 06/30/2025, 12 sessions: partial relief only (Physical therapy discharge note, page 1)');
    expect(criteria).toContain('5. More than 3 months of failed conservative therapy: met.');
    // Not a renewal: the last series' response is not asked.
    expect(criteria).not.toContain('Response to the last series');
    expect(draft.warnings).toEqual([]);
    const enclosures = draft.sections.find((s) => s.key === 'enclosures')!.text;
    expect(enclosures.split('\n')).toEqual([
      '- The denial notice dated 11/10/2026', '- Neurology consultation, page 3', '- Stellate ganglion block report, page 2', '- Physical therapy discharge note, page 1',
    ]);
    // A chart without the sympathetic block: the criterion reads as not documented, and the desk is warned.
    letterSources.evidence = (_ctx, patientId) => ({ ...crpsEvidence(patientId), treatments: crpsEvidence(patientId).treatments.filter((t) => t.kind !== 'nerve_block') });
    const thin = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'provider_appeal' });
    expect(thin.sections.find((s) => s.key === 'criteria')!.text).toContain('3. Failed sympathetic block: not documented in the enclosed records.');
    expect(thin.warnings).toEqual(['The chart has no evidence for: Failed sympathetic block. Add it to the chart or answer it in the letter before sending.']);

    const pdf = flat(pdfText(Buffer.from((await b.ok('authorizations.letters.pdf', { id: draft.id })).base64, 'base64')));
    for (const want of ['(Stellate ganglion block report, page 2)', '(Neurology consultation, page 3)', 'Investigational for chronic pain', 'due 05/09/2027', 'Policy cited: MP-446']) {
      expect(pdf).toContain(want);
    }
  });

  it('keeps hostile strings unchanged in the PDF (read back by pdftotext) and in the plain text', async () => {
    const id = await deniedRequest({ denialReason: HOSTILE[0] });
    const draft = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'p2p_request', callWindows: [HOSTILE[1]!, HOSTILE[2]!] });
    // The placeholder typed into a call window is not filled: it reads as typed.
    const edited = await b.ok('authorizations.letters.update', {
      id: draft.id,
      expectedVersion: draft.version,
      sections: [{ key: 'request', text: `Clinical points:\n${HOSTILE.slice(3).join('\n')}` }],
    });
    const text = (await b.ok('authorizations.letters.text', { id: edited.id })).text;
    const pdf = flat(withoutPopplerBidiFrames(pdfText(Buffer.from((await b.ok('authorizations.letters.pdf', { id: edited.id })).base64, 'base64'))));
    for (const h of HOSTILE) {
      expect(text).toContain(h);
      expect(pdf).toContain(flat(h));
    }
    expect(text).not.toContain('{{member.id}} %PDF'.replace('{{member.id}}', 'BLH-448812'));
  });
});

describe('authorizations.letters: edit and finalize', () => {
  it('edits a draft by version, files the final PDF as a document, records the step, and never changes a final letter', async () => {
    const id = await deniedRequest();
    const draft = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'p2p_request', callWindows: WINDOWS });
    const edited = await b.ok('authorizations.letters.update', { id: draft.id, expectedVersion: draft.version, title: 'Peer-to-peer request: urgent' });
    const stale = await b.fail('authorizations.letters.update', { id: draft.id, expectedVersion: draft.version, title: 'Older edit' });
    expect(stale.code).toBe('CONFLICT');
    const unknown = await b.fail('authorizations.letters.update', { id: draft.id, expectedVersion: edited.version, sections: [{ key: 'nope', text: 'x' }] });
    expect(unknown).toMatchObject({ code: 'VALIDATION', field: 'sections' });

    const desk = await b.signedInAs('front_desk', 'Dana Desk');
    const r = await desk.invoke('authorizations.letters.finalize', { id: draft.id, expectedVersion: edited.version });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { letter, authorization, statusNote } = r.result as Awaited<ReturnType<typeof b.ok<'authorizations.letters.finalize'>>>;
    expect(letter).toMatchObject({ state: 'final', finalizedBy: 'Dana Desk', finalizedAt: NOW });
    expect(authorization.status).toBe('p2p_requested');
    expect(statusNote).toBeNull();
    const history = await b.ok('authorizations.history', { id });
    expect(history[0]).toMatchObject({ toStatus: 'p2p_requested', byName: 'Dana Desk', note: 'Peer-to-peer request filed', details: { letterId: draft.id, documentId: letter.documentId } });
    const docs = await b.ok('documents.listForPatient', { patientId: patient });
    expect(docs.find((d) => d.id === letter.documentId)).toMatchObject({ docType: 'payer_letter', title: 'Peer-to-peer request: urgent', mimeType: 'application/pdf' });
    const filed = await b.ok('documents.read', { id: letter.documentId! });
    expect((await b.ok('authorizations.letters.pdf', { id: draft.id })).base64).toBe(filed.base64);

    const before = [count('authorization_letters'), count('change_log'), count('documents')];
    const e1 = await b.fail('authorizations.letters.update', { id: draft.id, expectedVersion: letter.version, title: 'Changed after filing' });
    expect(e1.code).toBe('VALIDATION');
    expect(e1.message).toMatch(/^This letter is final \(filed as a document on 11\/20\/2026\) and cannot be changed\. Write a new draft instead\.$/);
    expect((await b.fail('authorizations.letters.finalize', { id: draft.id })).code).toBe('VALIDATION');
    expect([count('authorization_letters'), count('change_log'), count('documents')]).toEqual(before);
    expect((await b.ok('authorizations.letters.get', { id: draft.id })).title).toBe('Peer-to-peer request: urgent');
  });

  it('dates the refusal of a final letter by the day at the clinic, not in UTC', async () => {
    // 7:30 pm in Chicago on 11/20 is already 11/21 in UTC.
    now = zonedToInstant(ZONE, '2026-11-20', '19:30');
    expect(new Date(now).toISOString().slice(0, 10)).toBe('2026-11-21');
    const id = await deniedRequest();
    const draft = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'p2p_request', callWindows: WINDOWS });
    const { letter } = await b.ok('authorizations.letters.finalize', { id: draft.id });
    expect(letter.finalizedAt).toBe(now);
    const e = await b.fail('authorizations.letters.update', { id: draft.id, expectedVersion: letter.version, title: 'Changed after filing' });
    expect(e).toMatchObject({ code: 'VALIDATION', message: 'This letter is final (filed as a document on 11/20/2026) and cannot be changed. Write a new draft instead.' });
  });

  it('a finalized appeal letter records the appeal as filed; a step the status does not allow is left out and said so', async () => {
    const id = await deniedRequest();
    const appeal = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'provider_appeal' });
    const done = await b.ok('authorizations.letters.finalize', { id: appeal.id, filedOn: '2026-11-18' });
    expect(done.authorization).toMatchObject({ status: 'appealed', appealFiledDate: '2026-11-18' });
    const p2p = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'p2p_request', callWindows: WINDOWS });
    const late = await b.ok('authorizations.letters.finalize', { id: p2p.id });
    expect(late.authorization.status).toBe('appealed');
    expect(late.statusNote).toMatch(/^The status was left as appealed: An authorization that is appealed cannot become peer-to-peer asked for\./);
    const list = await b.ok('authorizations.letters.list', { authorizationId: id });
    expect(list.map((l) => [l.kind, l.state])).toEqual([['p2p_request', 'final'], ['provider_appeal', 'final']]);
    // The history: the appeal as a status step (naming the letter), the late request filed as a step of its own.
    const history = await b.ok('authorizations.history', { id });
    expect(history.slice(0, 2).map((e) => e.text)).toEqual(['Peer-to-peer request filed as a document · still appealed', 'Appealed (was denied)']);
    expect(history[1]!.note).toMatch(/filed \(appeal filed 11\/18\/2026\)$/);
  });
});

describe('letter templates', () => {
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-letters-'));
    cpSync(letterTemplatesDir(), dir, { recursive: true });
    return dir;
  };

  it('reads the shipped templates', () => {
    expect(Object.keys(readLetterTemplates(letterTemplatesDir()))).toEqual(['p2p_request', 'patient_appeal', 'provider_appeal']);
  });

  it('refuses a template with an unknown placeholder or without one the letter needs, naming the file', () => {
    const dir = copy();
    const file = join(dir, 'p2p_request.json');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('Member ID: {{member.id}}', 'Member: {{member.idd}}'));
    expect(() => readLetterTemplates(dir)).toThrow(`The letter template ${file} cannot be used: {{member.idd}} is not a placeholder this app knows; it must use {{member.id}}.`);
    writeFileSync(file, original.replace('{{call.windows}}', 'any time'));
    expect(() => readLetterTemplates(dir)).toThrow(`The letter template ${file} cannot be used: it must use {{call.windows}}.`);
    writeFileSync(file, '{ "kind": "p2p_request", ');
    expect(() => readLetterTemplates(dir)).toThrow(`The letter template ${file} could not be read as JSON`);
  });
});
