import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LETTER_SOURCES, letterSources } from '../../../src-main/backend/authorizations/letters/sources';
import { letterTemplates } from '../../../src-main/backend/authorizations/letters/templates-file';
import { authorizations } from '../../../src-main/backend/authorizations/schema';
import { staff } from '../../../src-main/backend/clinic/schema';
import { updateRow } from '../../../src-main/backend/db/mutate';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import type { LetterTemplateView } from '../../../src-shared/api/schemas/letter-templates';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';
import { CRPS_RULES, crpsEvidence } from './letter-fixtures';

const ZONE = 'America/Chicago';
const NOW = zonedToInstant(ZONE, '2026-11-20', '10:00');
const CLINIC_ARGUMENT =
  'I have lived with CRPS in my right hand for three years. Nerve blocks and physical therapy did not last; the enclosed records from {{clinic.name}} show it. Please let my physician treat me.';

let b: TestBackend;
let patient: string;
let payer: string;
let physician: string;
const count = (table: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const builtIn = () => letterTemplates().patient_appeal;
const textsOf = (t: LetterTemplateView, change: Record<string, string> = {}) => t.sections.map((s) => ({ key: s.key, text: change[s.key] ?? s.text }));
const appealTemplate = async () => (await b.ok('letterTemplates.list', {})).find((t) => t.kind === 'patient_appeal')!;

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', { name: 'Lakeside Pain & Infusion', timeZone: ZONE, openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })) });
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

async function deniedRequest(): Promise<string> {
  const id = (await b.ok('authorizations.create', { patientId: patient, payerId: payer, status: 'draft' })).id;
  updateRow(
    b.asAdmin(),
    authorizations,
    id,
    {
      memberId: 'BLH-448812',
      groupNumber: 'GRP-77',
      referenceNumber: 'CASE-881',
      orderingProviderId: physician,
      diagnosisGroup: 'crps',
      icd10Codes: ['G90.512'],
      requestedSessions: 6,
      requestedStartDate: '2026-12-01',
      requestedEndDate: '2027-01-29',
    },
    { what: 'authorization' },
  );
  await b.ok('authorizations.changeStatus', { id, to: 'submitted', at: zonedToInstant(ZONE, '2026-11-02', '09:30'), patch: { submissionRoute: 'portal' } });
  await b.ok('authorizations.changeStatus', { id, to: 'denied', patch: { denialDate: '2026-11-10', denialReason: 'Investigational for chronic pain', denialCode: 'N-INV', denialPolicy: 'MP-446' } });
  return id;
}

const argumentOf = (letter: { sections: { key: string; text: string }[] }) => letter.sections.find((s) => s.key === 'argument')!.text;

describe('letterTemplates.list', () => {
  it('lists each letter as built in, with every placeholder and its meaning', async () => {
    const list = await b.ok('letterTemplates.list', {});
    expect(list.map((t) => t.kind)).toEqual(['p2p_request', 'patient_appeal', 'provider_appeal']);
    const t = list[1]!;
    expect(t).toMatchObject({ title: 'Request for an internal appeal', source: 'template', savedAt: null, savedBy: null, version: null, unreadable: false });
    expect(t.sections.map((s) => s.key)).toEqual(builtIn().sections.map((s) => s.key));
    expect(t.sections.every((s) => s.text === s.builtIn)).toBe(true);
    expect(t.placeholders.find((p) => p.name === 'patient.name')).toEqual({ name: 'patient.name', meaning: "The patient's name", required: true });
    expect(t.placeholders.find((p) => p.name === 'patient.mrn')).toMatchObject({ required: false });
  });
});

describe('letterTemplates.save', () => {
  it('drafts use the clinic’s words from then on; a letter drafted before keeps the old ones', async () => {
    const id = await deniedRequest();
    const before = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'patient_appeal' });
    expect(argumentOf(before)).toBe(builtIn().sections.find((s) => s.key === 'argument')!.text);

    const admin = await b.signedInAs('admin', 'Nora Admin');
    const r = await admin.invoke('letterTemplates.save', { kind: 'patient_appeal', sections: textsOf(await appealTemplate(), { argument: CLINIC_ARGUMENT }), expectedVersion: null });
    expect(r.ok).toBe(true);
    const saved = await appealTemplate();
    expect(saved).toMatchObject({ source: 'clinic', savedAt: NOW, savedBy: 'Nora Admin', version: 1 });
    expect(saved.sections.find((s) => s.key === 'argument')).toMatchObject({ text: CLINIC_ARGUMENT, builtIn: builtIn().sections.find((s) => s.key === 'argument')!.text });

    const after = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'patient_appeal' });
    expect(argumentOf(after)).toBe(CLINIC_ARGUMENT.replace('{{clinic.name}}', 'Lakeside Pain & Infusion'));
    expect(after.warnings.join(' ')).not.toContain('Letter templates');
    // The other sections are still the built-in ones, filled.
    expect(after.sections.find((s) => s.key === 'member')!.text).toContain('Member ID: BLH-448812');

    // Drafted before the save: unchanged, and so is a final letter when the template changes again.
    expect(argumentOf(await b.ok('authorizations.letters.get', { id: before.id }))).toBe(argumentOf(before));
    const final = await b.ok('authorizations.letters.finalize', { id: after.id, recordStatus: false });
    await b.ok('letterTemplates.save', { kind: 'patient_appeal', sections: textsOf(await appealTemplate(), { argument: 'Something else entirely.' }), expectedVersion: 1 });
    expect(argumentOf(await b.ok('authorizations.letters.get', { id: final.letter.id }))).toBe(argumentOf(after));
    expect(argumentOf(await b.ok('authorizations.letters.get', { id: before.id }))).toBe(argumentOf(before));
  });

  it('refuses an unknown placeholder, a missing section and a control character, naming them, and saves nothing', async () => {
    const t = await appealTemplate();
    const before = [count('letter_templates'), count('change_log')];

    let e = await b.fail('letterTemplates.save', { kind: 'patient_appeal', sections: textsOf(t, { argument: 'Dear {{patient.nmae}}, {{ Member ID }} and {{favourite.colour}}' }), expectedVersion: null });
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toEqual([
      { field: 'sections.argument', message: '{{patient.nmae}} is not a placeholder: use one from the list of placeholders (did you mean {{patient.name}}?).' },
      { field: 'sections.argument', message: '{{Member ID}} is not a placeholder: use one from the list of placeholders (did you mean {{member.id}}?).' },
      { field: 'sections.argument', message: '{{favourite.colour}} is not a placeholder: use one from the list of placeholders.' },
    ]);

    e = await b.fail('letterTemplates.save', { kind: 'patient_appeal', sections: textsOf(t).filter((s) => s.key !== 'rights'), expectedVersion: null });
    expect(e.issues).toEqual([
      {
        field: 'sections.rights',
        message: 'The section “My appeal rights and deadlines” is missing: every section of the built-in template must be saved (keep its wording if the clinic has nothing to change).',
      },
    ]);

    e = await b.fail('letterTemplates.save', { kind: 'patient_appeal', sections: textsOf(t, { argument: 'I ask\u0007 for a review.' }), expectedVersion: null });
    expect(e).toMatchObject({ field: 'sections.argument', message: '“Why I am appealing” has a hidden control character in it (often from copying and pasting). Type it again.' });

    e = await b.fail('letterTemplates.save', { kind: 'patient_appeal', sections: textsOf(t, { argument: 'x'.repeat(20_001) }), expectedVersion: null });
    expect(e.message).toBe('“Why I am appealing” can be at most 20,000 characters (it has 20,001).');

    // Dropping what the letter needs is refused in the section that has it.
    e = await b.fail('letterTemplates.save', { kind: 'patient_appeal', sections: textsOf(t, { enclosures: 'The denial notice.' }), expectedVersion: null });
    expect(e).toMatchObject({ field: 'sections.enclosures' });
    expect(e.message).toContain('must use {{enclosures}}');

    e = await b.fail('letterTemplates.save', { kind: 'patient_appeal', sections: [...textsOf(t), { key: 'ps', text: 'P.S.' }], expectedVersion: null });
    expect(e.message).toContain('has no section "ps"');

    expect([count('letter_templates'), count('change_log')]).toEqual(before);
    expect(await appealTemplate()).toEqual(t);
  });

  it('refuses a stale version, saving nothing', async () => {
    const t = await appealTemplate();
    await b.ok('letterTemplates.save', { kind: 'patient_appeal', sections: textsOf(t, { argument: CLINIC_ARGUMENT }), expectedVersion: null });
    const before = [count('letter_templates'), count('change_log')];
    // Someone else saved after this screen read the built-in template.
    let e = await b.fail('letterTemplates.save', { kind: 'patient_appeal', sections: textsOf(t, { argument: 'Mine.' }), expectedVersion: null });
    expect(e).toMatchObject({ code: 'CONFLICT', message: 'The patient appeal letter template was changed by someone else after you opened it. Reload to see the latest, then make your change again.' });
    e = await b.fail('letterTemplates.reset', { kind: 'patient_appeal', expectedVersion: 7 });
    expect(e.code).toBe('CONFLICT');
    expect([count('letter_templates'), count('change_log')]).toEqual(before);
    expect(argumentOf(await appealTemplate())).toBe(CLINIC_ARGUMENT);
  });

  it('is for whoever edits payer rule sets; the desk may read the templates', async () => {
    const desk = await b.signedInAs('front_desk');
    expect((await desk.invoke('letterTemplates.list', {})).ok).toBe(true);
    const t = await appealTemplate();
    expect(await desk.invoke('letterTemplates.save', { kind: 'patient_appeal', sections: textsOf(t), expectedVersion: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await desk.invoke('letterTemplates.reset', { kind: 'patient_appeal', expectedVersion: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('letterTemplates.reset', () => {
  it('brings the built-in template back for new drafts, and a later save lands on the same row', async () => {
    const id = await deniedRequest();
    await b.ok('letterTemplates.save', { kind: 'patient_appeal', sections: textsOf(await appealTemplate(), { argument: CLINIC_ARGUMENT }), expectedVersion: null });
    const clinic = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'patient_appeal' });
    const reset = await b.ok('letterTemplates.reset', { kind: 'patient_appeal', expectedVersion: 1 });
    expect(reset).toMatchObject({ source: 'template', savedAt: null, savedBy: null, version: 2 });
    expect(reset.sections.every((s) => s.text === s.builtIn)).toBe(true);
    const back = await b.ok('authorizations.letters.draft', { authorizationId: id, kind: 'patient_appeal' });
    expect(argumentOf(back)).toBe(builtIn().sections.find((s) => s.key === 'argument')!.text);
    expect(argumentOf(await b.ok('authorizations.letters.get', { id: clinic.id }))).toContain('three years');

    const again = await b.ok('letterTemplates.save', { kind: 'patient_appeal', sections: textsOf(reset, { argument: 'Once more.' }), expectedVersion: 2 });
    expect(again).toMatchObject({ source: 'clinic', version: 3 });
    expect(count('letter_templates')).toBe(1);
  });
});
