import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfPageCount, pdfText } from '../../support/pdf-text';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';
import { completeCrpsIntake } from '../intake/helpers';

let b: TestBackend;
const NOW = Date.parse('2026-11-26T16:00:00Z');
beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', { name: 'Lakeside Pain & Infusion Center', timeZone: 'America/Chicago', openingHours: [] });
});
afterEach(() => b.dispose());

describe('the physician intake summary', () => {
  it('prints the structured intake and files the PDF in the patient record', async () => {
    const p = await b.ok('patients.create', { ...validPatient, lastName: 'Peña', mrn: '004512' });
    await completeCrpsIntake(b, p.id);
    await b.ok('intake.addMedication', { patientId: p.id, fields: { drug: 'Lorazepam', dose: '1 mg', frequency: 'at night' } });

    const doc = await b.ok('documents.generateIntakeSummary', { patientId: p.id });
    expect(doc).toMatchObject({ patientId: p.id, docType: 'intake_summary', mimeType: 'application/pdf', origin: 'generated' });

    const content = await b.ok('documents.read', { id: doc.id });
    const bytes = Buffer.from(content.base64, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);
    expect(content.fileName).toMatch(/\.pdf$/);

    const text = pdfText(bytes).replace(/\s+/g, ' ');
    for (const expected of [
      'Intake summary: Peña, Ana',
      'MRN 004512',
      'born 03/07/1984',
      'G90.512 (primary)',
      'Clinical criteria met: symptoms in 3 of 4 categories, signs in 2 of 4',
      'Gabapentin, 600 mg TID',
      'Stellate ganglion block',
      'Lorazepam',
      'Benzodiazepine',
      'Result: Clear',
      'Lakeside Pain & Infusion Center',
    ]) {
      expect(text).toContain(expected);
    }
    // Columns read across in layout mode: the NRS row shows its score beside its name.
    expect(pdfText(bytes, { layout: true })).toMatch(/Numeric rating scale \(0-10\)\s+8\s/);
    expect(pdfPageCount(bytes)).toBeLessThanOrEqual(2);

    const listed = await b.ok('documents.listForPatient', { patientId: p.id });
    expect(listed.map((d) => d.id)).toEqual([doc.id]);
    const row = b.store.sqlite.prepare('SELECT stored_path FROM documents WHERE id = ?').get(doc.id) as { stored_path: string };
    // Filed sealed (the store is encrypted): the file on disk is not the PDF, reading it through the app is.
    const file = b.files.path(row.stored_path);
    expect(readFileSync(file).includes(Buffer.from('%PDF'))).toBe(false);
    expect(b.files.read(file).equals(bytes)).toBe(true);
  });

  it("lists the patient's booked consultations to come in clinic time, not a cancelled one or another patient's", async () => {
    await b.ok('settings.update', { name: 'Lakeside Pain & Infusion Center', timeZone: 'America/Chicago', openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' })) });
    const doctor = (await b.ok('staff.create', { name: 'Dr Lee', role: 'physician' })).id;
    await b.ok('availability.setWeekly', { staffId: doctor, hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00' })) });
    const p = (await b.ok('patients.create', validPatient)).id;
    const other = (await b.ok('patients.create', { ...validPatient, firstName: 'Luis', mrn: 'X-2' })).id;
    await completeCrpsIntake(b, p);
    const book = (patientId: string, startsAt: string, kind: 'initial_consultation' | 'follow_up_consultation') =>
      b.ok('consultations.book', { patientId, staffId: doctor, startsAt: Date.parse(startsAt), minutes: 60, kind });
    await book(p, '2026-12-01T15:00:00Z', 'initial_consultation'); // 9:00 AM in Chicago
    const cancelled = await book(p, '2026-12-02T16:00:00Z', 'follow_up_consultation');
    await b.ok('consultations.cancel', { id: cancelled.id, reason: 'Patient asked', expectedVersion: cancelled.version });
    await book(other, '2026-12-03T16:00:00Z', 'follow_up_consultation');

    const doc = await b.ok('documents.generateIntakeSummary', { patientId: p });
    const text = pdfText(Buffer.from((await b.ok('documents.read', { id: doc.id })).base64, 'base64')).replace(/\s+/g, ' ');
    expect(text).toContain('Initial consultation with Dr Lee: Tue, Dec 1, 2026, 9:00 AM CST');
    expect(text).not.toContain('Dec 2, 2026');
    expect(text).not.toContain('Dec 3, 2026');
  });

  it('names what is missing when the intake is incomplete', async () => {
    const p = await b.ok('patients.create', validPatient);
    await b.ok('intake.addDiagnosis', { patientId: p.id, fields: { code: 'G90.512' } });
    const doc = await b.ok('documents.generateIntakeSummary', { patientId: p.id });
    const text = pdfText(Buffer.from((await b.ok('documents.read', { id: doc.id })).base64, 'base64')).replace(/\s+/g, ' ');
    expect(text).toContain('No Budapest evaluation recorded for this CRPS diagnosis.');
    expect(text).toContain('Screening not done yet.');
    expect(text).toMatch(/Intake completeness: \d+ of \d+/);
    expect(text).toContain('Missing before a payer package can be sent:');
  });

  it('refuses an unknown patient and files nothing', async () => {
    const err = await b.fail('documents.generateIntakeSummary', { patientId: '01900000-0000-7000-8000-00000000dead' });
    expect(err.code).toBe('NOT_FOUND');
    expect((b.store.sqlite.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(0);
  });
});
