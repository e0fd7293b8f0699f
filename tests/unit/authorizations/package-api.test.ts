/**
 * The request package API on a real encrypted store: drafted from the chart (fixture chart
 * evidence through the letters' seam, the enclosed records real PDFs filed on the chart), edits
 * kept, previewed, finalized as a document that never changes, and refusals in words.
 */
import { AUTH_STATUS_WORDS } from '../../../src-shared/domain/authorizations/lifecycle';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LETTER_SOURCES, letterSources } from '../../../src-main/backend/authorizations/letters/sources';
import { authorizations } from '../../../src-main/backend/authorizations/schema';
import { payers, staff } from '../../../src-main/backend/clinic/schema';
import { updateRow } from '../../../src-main/backend/db/mutate';
import { saveGeneratedDocument } from '../../../src-main/backend/documents/store';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import type { ChartEvidence } from '../../../src-shared/domain/authorizations/evidence';
import { HOSTILE_STRINGS, withoutPopplerBidiFrames } from '../../support/hostile-strings';
import { pdfPageCount, pdfText } from '../../support/pdf-text';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';
import { evidence, recordPdf, RULES } from './package-fixtures';

const ZONE = 'America/Chicago';
const NOW = zonedToInstant(ZONE, '2026-11-20', '10:00');
/** The clinic's clock: NOW unless a test moves it. */
let now = NOW;

let b: TestBackend;
let patient: string;
let payer: string;
let physician: string;
/** Fixture ids → the filed documents' ids. */
let docs: Record<string, string>;
let chart: ChartEvidence;
const count = (table: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const flat = (s: string) => withoutPopplerBidiFrames(s).replace(/\s+/g, ' ');
const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

/** The fixture chart with its citations pointing at the records filed on this patient's chart. */
function chartWith(ids: Record<string, string>): ChartEvidence {
  const ev = evidence();
  const cite = <T extends { documentId: string }>(c: T): T => ({ ...c, documentId: ids[c.documentId] ?? c.documentId });
  return {
    ...ev,
    patient: { ...ev.patient, id: patient },
    diagnoses: ev.diagnoses.map((d) => ({ ...d, cites: d.cites.map(cite) })),
    treatments: ev.treatments.map((t) => ({ ...t, cites: t.cites.map(cite) })),
    records: ev.records.map(cite),
  };
}

beforeEach(async () => {
  now = NOW;
  b = tempBackend({ now: () => now });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  });
  patient = (await b.ok('patients.create', validPatient)).id;
  payer = (await b.ok('payers.create', { name: 'Aetna' })).id;
  updateRow(b.asAdmin(), payers, payer, { fax: '1-800-555-0100' }, { what: 'payer' });
  physician = (await b.ok('staff.create', { name: 'Imani Okafor, MD', role: 'physician' })).id;
  updateRow(b.asAdmin(), staff, physician, { npi: '1234567893' }, { what: 'staff' });
  const ctx = b.asAdmin() as Parameters<typeof saveGeneratedDocument>[0];
  const file = async (key: string, title: string, pages: number) =>
    [key, saveGeneratedDocument(ctx, { patientId: patient, docType: 'other', title, mimeType: 'application/pdf', extension: 'pdf', bytes: await recordPdf(title, pages) }).id] as const;
  docs = Object.fromEntries([
    await file('rec-neuro', 'Neurology consult', 5),
    await file('rec-pt', 'PT discharge summary', 3),
    await file('rec-block', 'Procedure note', 2),
    ['rec-other', saveGeneratedDocument(ctx, { patientId: patient, docType: 'other', title: 'Fax cover', mimeType: 'text/plain', extension: 'txt', bytes: new TextEncoder().encode('fax') }).id],
  ]);
  chart = chartWith(docs);
  chart.records = chart.records.map((r) => (r.documentId === docs['rec-other'] ? { ...r, title: 'Fax cover', mimeType: 'text/plain' } : r));
  letterSources.evidence = () => chart;
  letterSources.ruleSet = () => RULES;
});
afterEach(() => {
  Object.assign(letterSources, DEFAULT_LETTER_SOURCES);
  b.dispose();
});

async function request(): Promise<string> {
  const a = await b.ok('authorizations.createRequest', {
    patientId: patient,
    payerId: payer,
    memberId: 'W123456789',
    groupNumber: 'G-77',
    orderingProviderId: physician,
    diagnosisGroup: 'crps',
    requestedSessions: 6,
    requestedStartDate: '2026-12-01',
    requestedEndDate: '2026-12-18',
    serviceLines: [
      { code: '96365', system: 'CPT', unitsPerSession: 1 },
      { code: 'J3490', system: 'HCPCS', unitsPerSession: 1, description: 'Ketamine HCl' },
    ],
  });
  return a.id;
}

const section = (p: { sections: { key: string; text: string }[] }, key: string) => p.sections.find((s) => s.key === key)!;

describe('authorizations.package: drafting from the chart', () => {
  it('writes the letter from the chart, ticks the cited records, and refuses a second draft in words', async () => {
    const id = await request();
    const p = await b.ok('authorizations.package.draft', { authorizationId: id });
    expect(p).toMatchObject({ state: 'draft', authorizationId: id, patientId: patient, documentId: null, version: 1 });
    // Cited records in chart order, numbered; the text file is offered but not ticked, and says why it cannot go.
    expect(p.enclosures.map((e) => [e.title, e.include, e.number])).toEqual([
      ['Neurology consult', true, 1],
      ['PT discharge summary', true, 2],
      ['Procedure note', true, 3],
      ['Fax cover', false, null],
    ]);
    expect(p.enclosures[3]!.problem).toBe('A text/plain file: only PDF, PNG and JPEG records can be enclosed.');
    expect(p.enclosedPages).toBe(10);
    for (const item of chart.budapest!.items) expect(section(p, 'budapest').text).toContain(item.finding);
    expect(section(p, 'treatments').text).toContain('08/05/2024 to 11/01/2024; failed (no meaningful relief); no change in pain (Enclosure 2: PT discharge summary, page 3)');
    expect(section(p, 'closing').text).toContain('Imani Okafor, MD, NPI 1234567893\nLakeside Pain & Infusion');
    expect(p.warnings).toEqual([]);

    const before = count('authorization_letters');
    const e = await b.fail('authorizations.package.draft', { authorizationId: id });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('This request already has a draft package (last changed on 11/20/2026). Open it to edit it, or rebuild it from the chart (its edits would be replaced).');
    expect(count('authorization_letters')).toBe(before);
  });

  it('names what the payer asks for that the chart does not show', async () => {
    chart = { ...chart, treatments: chart.treatments.filter((t) => t.kind !== 'nerve_block') };
    const p = await b.ok('authorizations.package.draft', { authorizationId: await request() });
    expect(section(p, 'criteria').text).toContain('4. Failed sympathetic block: NOT SHOWN. Not recorded on the chart.');
    expect(p.warnings).toEqual(['The chart does not show what Aetna asks for: Failed sympathetic block.']);
  });

  it("reads the app's own chart loader for a chart with no intake yet", async () => {
    Object.assign(letterSources, DEFAULT_LETTER_SOURCES);
    const p = await b.ok('authorizations.package.draft', { authorizationId: await request() });
    expect(section(p, 'diagnoses').text).toBe('No diagnosis recorded.');
    expect(section(p, 'treatments').text).toBe('No prior treatment recorded.');
    // Every filed document of the chart is offered, none ticked: nothing cites them.
    expect(p.enclosures.map((e) => e.include)).toEqual([false, false, false, false]);
    expect(p.warnings).toContain('No records are enclosed: the payer gets the letter without the records it cites.');
    expect(p.warnings[0]).toMatch(/^The chart does not show what .+ asks for: /);
  });
});

describe('authorizations.package: editing a draft', () => {
  it('keeps typed paragraphs, renumbers the others when the enclosures change, and flags typed text citing old numbers', async () => {
    const id = await request();
    const d = await b.ok('authorizations.package.draft', { authorizationId: id });
    const typed = 'Physical therapy 2024-08-05 to 2024-11-01 failed (Enclosure 2: PT discharge summary, page 3). Dr. Okafor "saw" <b>no</b> change.';
    const e1 = await b.ok('authorizations.package.update', { id: d.id, expectedVersion: d.version, sections: [{ key: 'treatments', text: typed }] });
    expect(section(e1, 'treatments')).toMatchObject({ text: typed, edited: true });
    expect(section(e1, 'diagnoses')).toMatchObject({ edited: false });

    // Untick the neurology consult: the PT summary becomes enclosure 1.
    const choice = e1.enclosures.map((e) => ({ documentId: e.documentId, include: e.include && e.title !== 'Neurology consult' }));
    const e2 = await b.ok('authorizations.package.update', { id: d.id, expectedVersion: e1.version, enclosures: choice });
    expect(e2.enclosures.filter((e) => e.include).map((e) => [e.title, e.number])).toEqual([
      ['PT discharge summary', 1],
      ['Procedure note', 2],
    ]);
    expect(section(e2, 'diagnoses').text).toContain('(Neurology consult, page 2, on file)');
    expect(section(e2, 'treatments').text).toBe(typed);
    expect(e2.warnings).toEqual(['"Treatments tried and failed" was typed over before the enclosures changed: check the enclosure numbers it cites.']);

    // Kept across reads; typing the paragraph again clears its warning.
    const got = await b.ok('authorizations.package.get', { authorizationId: id });
    expect(got.draft!.version).toBe(e2.version);
    expect(section(got.draft!, 'treatments').text).toBe(typed);
    const e3 = await b.ok('authorizations.package.update', { id: d.id, expectedVersion: e2.version, sections: [{ key: 'treatments', text: typed.replace('Enclosure 2', 'Enclosure 1') }] });
    expect(e3.warnings).toEqual([]);

    // The preview prints the typed words and the ticked records' own pages.
    const pdf = await b.ok('authorizations.package.preview', { id: d.id });
    expect(pdf.fileName).toBe('Prior-authorization-package-Ramirez-DRAFT.pdf');
    const bytes = bytesOf(pdf.base64);
    expect(pdfPageCount(bytes)).toBe(pdf.pages);
    const text = flat(pdfText(bytes));
    expect(text).toContain('Dr. Okafor "saw" <b>no</b> change.');
    expect(text).toContain('PT discharge summary line 1: findings');
    expect(text).not.toContain('Neurology consult line 1:');
  });

  it('refuses an unknown paragraph, a record not on the chart, a stale version; nothing changes', async () => {
    const d = await b.ok('authorizations.package.draft', { authorizationId: await request() });
    const before = count('change_log');
    let e = await b.fail('authorizations.package.update', { id: d.id, expectedVersion: d.version, sections: [{ key: 'nonsense', text: 'x' }] });
    expect(e).toMatchObject({ code: 'VALIDATION', message: 'This letter has no paragraph "nonsense". Reload the package and edit it again.' });
    e = await b.fail('authorizations.package.update', { id: d.id, expectedVersion: d.version, enclosures: [{ documentId: patient, include: true }] });
    expect(e).toMatchObject({ code: 'VALIDATION', message: 'One of the records chosen is not on this patient’s chart. Reload the package and choose again.' });
    e = await b.fail('authorizations.package.update', { id: d.id, expectedVersion: d.version, sections: [{ key: 'closing', text: 'bad \u0007 bell' }] });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('This paragraph has a hidden control character in it');
    expect(count('change_log')).toBe(before);
    await b.ok('authorizations.package.update', { id: d.id, expectedVersion: d.version, sections: [{ key: 'closing', text: 'First edit' }] });
    e = await b.fail('authorizations.package.update', { id: d.id, expectedVersion: d.version, sections: [{ key: 'closing', text: 'Second edit' }] });
    expect(e.code).toBe('CONFLICT');
    const got = await b.ok('authorizations.package.get', { authorizationId: d.authorizationId });
    expect(section(got.draft!, 'closing').text).toBe('First edit');
  });

  it('rebuilds the draft from the chart at the version seen, replacing the edits', async () => {
    const id = await request();
    const d = await b.ok('authorizations.package.draft', { authorizationId: id });
    const e1 = await b.ok('authorizations.package.update', { id: d.id, expectedVersion: d.version, sections: [{ key: 'closing', text: 'Typed' }] });
    expect((await b.fail('authorizations.package.draft', { authorizationId: id, rebuildVersion: d.version })).code).toBe('CONFLICT');
    const r = await b.ok('authorizations.package.draft', { authorizationId: id, rebuildVersion: e1.version });
    expect(r.id).toBe(d.id);
    expect(section(r, 'closing').text).toContain('I consider this series medically necessary');
    expect(r.sections.every((s) => !s.edited)).toBe(true);
  });
});

describe('authorizations.package: finalizing', () => {
  it('files the PDF as a document on the chart; the final package never changes, and a new draft is a new package', async () => {
    // A record whose pages were never indexed (a generated document): counted when the package is drawn.
    chart = { ...chart, records: chart.records.map((r) => (r.title === 'Neurology consult' ? { ...r, pages: null } : r)) };
    const id = await request();
    const d = await b.ok('authorizations.package.draft', { authorizationId: id });
    expect(d.enclosures[0]).toMatchObject({ title: 'Neurology consult', pages: null });
    const docsBefore = (await b.ok('documents.listForPatient', { patientId: patient })).length;
    const f = await b.ok('authorizations.package.finalize', { id: d.id, expectedVersion: d.version });
    expect(f.package).toMatchObject({ state: 'final', finalizedBy: expect.any(String), pages: f.pages });
    expect(f.fileName).toBe('Prior-authorization-package-Ramirez.pdf');
    const listed = await b.ok('documents.listForPatient', { patientId: patient });
    expect(listed.length).toBe(docsBefore + 1);
    const filed = listed.find((x) => x.id === f.package.documentId)!;
    expect(filed).toMatchObject({ docType: 'payer_letter', mimeType: 'application/pdf', title: `Prior authorization request package for Aetna (${f.pages} pages)` });
    const fileBytes = (await b.ok('documents.read', { id: filed.id })).base64;
    // 10 record pages after the cover and the letter.
    expect(pdfPageCount(bytesOf(fileBytes))).toBe(f.pages);
    expect(f.pages).toBeGreaterThan(10);
    expect(f.package.enclosures[0]).toMatchObject({ title: 'Neurology consult', pages: pdfPageCount(await recordPdf('Neurology consult', 5)) });
    expect(pdfText(bytesOf(fileBytes), { layout: true })).toMatch(new RegExp(`1 +Neurology consult +${f.package.enclosures[0]!.pages}`));
    // The final's preview is the filed file itself, byte for byte.
    expect((await b.ok('authorizations.package.preview', { id: d.id })).base64).toBe(fileBytes);
    // The request's history says it was filed (a step of its own: the status does not move).
    const before = (await b.ok('authorizations.get', { id })).status;
    const [latest] = await b.ok('authorizations.history', { id });
    expect(latest).toMatchObject({ fromStatus: before, toStatus: before, text: `Request package (${f.pages} pages) filed as a document · still ${AUTH_STATUS_WORDS[before].toLowerCase()}` });
    expect(latest!.details).toMatchObject({ documentId: filed.id });

    const finalRow = () => b.store.sqlite.prepare('SELECT version, content, state, document_id FROM authorization_letters WHERE id = ?').get(d.id);
    const frozen = finalRow();
    const refusal = 'This package is final (filed as a document on 11/20/2026) and cannot be changed. Build a new draft instead.';
    expect(await b.fail('authorizations.package.update', { id: d.id, expectedVersion: f.package.version, sections: [{ key: 'closing', text: 'later' }] })).toMatchObject({ code: 'VALIDATION', message: refusal });
    expect(await b.fail('authorizations.package.finalize', { id: d.id })).toMatchObject({ code: 'VALIDATION', message: refusal });
    // The chart changes and a new draft is written: the filed package stays as it was.
    chart = { ...chart, budapest: { ...chart.budapest!, items: [{ category: 'sensory', kind: 'sign', finding: 'new finding' }] } };
    const next = await b.ok('authorizations.package.draft', { authorizationId: id });
    expect(next.id).not.toBe(d.id);
    expect(section(next, 'budapest').text).toContain('new finding');
    expect(finalRow()).toEqual(frozen);
    expect((await b.ok('authorizations.package.preview', { id: d.id })).base64).toBe(fileBytes);
    const got = await b.ok('authorizations.package.get', { authorizationId: id });
    expect(got.draft!.id).toBe(next.id);
    expect(got.filed.map((x) => x.id)).toEqual([d.id]);
    expect(got.filed[0]!.enclosures.map((e) => e.title)).toEqual(['Neurology consult', 'PT discharge summary', 'Procedure note', 'Fax cover']);
  });

  it('dates its refusals by the day at the clinic, not in UTC', async () => {
    // 7:30 pm in Chicago on 11/20 is already 11/21 in UTC.
    now = zonedToInstant(ZONE, '2026-11-20', '19:30');
    expect(new Date(now).toISOString().slice(0, 10)).toBe('2026-11-21');
    const id = await request();
    const d = await b.ok('authorizations.package.draft', { authorizationId: id });
    expect((await b.fail('authorizations.package.draft', { authorizationId: id })).message).toContain('(last changed on 11/20/2026)');
    const f = await b.ok('authorizations.package.finalize', { id: d.id, expectedVersion: d.version });
    expect(f.package.finalizedAt).toBe(now);
    expect(await b.fail('authorizations.package.update', { id: d.id, expectedVersion: f.package.version, sections: [{ key: 'closing', text: 'later' }] })).toMatchObject({
      code: 'VALIDATION',
      message: 'This package is final (filed as a document on 11/20/2026) and cannot be changed. Build a new draft instead.',
    });
  });

  it('refuses to file a record that cannot be enclosed, naming it, and files nothing', async () => {
    const d = await b.ok('authorizations.package.draft', { authorizationId: await request() });
    const all = d.enclosures.map((e) => ({ documentId: e.documentId, include: true }));
    const e1 = await b.ok('authorizations.package.update', { id: d.id, expectedVersion: d.version, enclosures: all });
    expect(e1.warnings).toContain('"Fax cover" cannot be enclosed: A text/plain file: only PDF, PNG and JPEG records can be enclosed. Untick it.');
    const before = [count('documents'), count('change_log')];
    const e = await b.fail('authorizations.package.finalize', { id: d.id });
    expect(e).toMatchObject({
      code: 'VALIDATION',
      field: 'enclosures',
      message: 'This record cannot be enclosed: "Fax cover" (A text/plain file: only PDF, PNG and JPEG records can be enclosed). Untick it.',
    });
    expect((await b.fail('authorizations.package.preview', { id: d.id })).message).toBe(e.message);
    expect([count('documents'), count('change_log')]).toEqual(before);
    expect((await b.ok('authorizations.package.get', { authorizationId: d.authorizationId })).draft!.state).toBe('draft');
  });

  it('refuses a package for a cancelled request', async () => {
    const id = await request();
    updateRow(b.asAdmin(), authorizations, id, { status: 'cancelled' }, { what: 'authorization' });
    const e = await b.fail('authorizations.package.draft', { authorizationId: id });
    expect(e).toMatchObject({ code: 'CONFLICT', message: 'This request is cancelled: a package for it would go nowhere. Start a new request from the patient’s chart.' });
  });

  it('prints hostile strings typed into the letter unchanged', async () => {
    const d = await b.ok('authorizations.package.draft', { authorizationId: await request() });
    const h = HOSTILE_STRINGS;
    const typed = [h.accents, h.quotes, h.cjk, h.markup, h.emoji, h.rtl].join('\n');
    await b.ok('authorizations.package.update', { id: d.id, expectedVersion: d.version, sections: [{ key: 'closing', heading: h.quotes, text: typed }] });
    const f = await b.ok('authorizations.package.finalize', { id: d.id });
    const text = flat(pdfText(bytesOf((await b.ok('authorizations.package.preview', { id: d.id })).base64)));
    for (const s of [h.accents, h.quotes, h.cjk, h.markup, h.emoji, h.rtl]) expect(text).toContain(flat(s!));
    expect(section(f.package, 'closing').text).toBe(typed);
  });
});
