import { createCanvas } from '@napi-rs/canvas';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { draftPackageContent, type PackageContent } from '../../../src-main/backend/authorizations/package/package-model';
import { PackageRecordError, renderPackagePdf, type RecordBytes } from '../../../src-main/backend/authorizations/package/package-pdf';
import { HOSTILE_STRINGS, withoutPopplerBidiFrames } from '../../support/hostile-strings';
import { pdfPageCount, pdfText } from '../../support/pdf-text';
import { evidence, recordPdf, request, RULES } from './package-fixtures';

/** pdftotext of pages first..last (1-based, inclusive). */
function pagesText(bytes: Uint8Array, first: number, last: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'desk-pkg-')), 'doc.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-f', String(first), '-l', String(last), file, '-'], { encoding: 'utf8' });
}

const flat = (t: string) => withoutPopplerBidiFrames(t).replace(/\s+/g, ' ');
const opts = { createdAt: new Date(Date.UTC(2025, 11, 1)), generatedAt: '2025-12-01 10:00' };

let records: Record<string, RecordBytes>;
beforeAll(async () => {
  const png = createCanvas(400, 300);
  png.getContext('2d').fillRect(10, 10, 100, 100);
  records = {
    'rec-neuro': { bytes: await recordPdf('Neurology consult', 5), mimeType: 'application/pdf' },
    'rec-pt': { bytes: await recordPdf('PT discharge summary', 3), mimeType: 'application/pdf' },
    'rec-block': { bytes: await recordPdf('Procedure note', 2), mimeType: 'application/pdf' },
    'rec-other': { bytes: new Uint8Array(png.toBuffer('image/png')), mimeType: 'image/png' },
  };
});
const read = (id: string) => records[id]!;

describe('the request package PDF', () => {
  it('the letter names every Budapest finding and failed treatment with its dates and the enclosure page it cites', async () => {
    const ev = evidence();
    const content = draftPackageContent(ev, request(), RULES);
    const { bytes } = await renderPackagePdf(ev, request(), content, read, opts);
    const text = flat(pdfText(bytes));
    for (const item of ev.budapest!.items) expect(text).toContain(item.finding);
    // Enclosures are numbered in chart order among the cited records: neuro 1, PT 2, procedure 3.
    expect(text).toContain('Physical therapy, Physical therapy, 12 sessions: 08/05/2024 to 11/01/2024; failed (no meaningful relief); no change in pain (Enclosure 2: PT discharge summary, page 3)');
    expect(text).toContain('Nerve block, Stellate ganglion sympathetic block, 2 sessions: 01/14/2025 to 02/11/2025; partial relief only, insufficient; relief lasted one day (Enclosure 3: Procedure note, page 1)');
    expect(text).toContain('Medication, Gabapentin, 300 mg TID: 07/01/2024 to 12/20/2024; stopped for side effects; dizziness (Enclosure 1: Neurology consult, page 4)');
    expect(text).toContain('G90.511 Complex regional pain syndrome I of right upper limb (primary), onset 06/01/2024 (Enclosure 1: Neurology consult, page 2)');
    // The payer's criteria answered one by one.
    expect(text).toContain('4. Failed sympathetic block: MET.');
    expect(text).toContain('NRS pain (0-10): 8 on 09/12/2025');
    // The cover sheet: payer, member and group, codes with units, the whole series' dates, provider with NPI
    // (read in layout mode, so each label stands beside its value).
    const cover = flat(pdfText(bytes, { layout: true }));
    for (const s of ['Member ID W123456789', 'Group ID G-77', 'CPT 96366', 'Dates of service 01/05/2026 to 01/16/2026 (the whole series)', 'NPI 1234567893']) {
      expect(cover).toContain(s);
    }
    expect(cover).toMatch(/CPT 96366 IV infusion, each additional hour 3 18/);
  });

  it('a criterion the chart cannot show is answered NOT SHOWN, naming what is missing', async () => {
    const ev = evidence({ treatments: evidence().treatments.filter((t) => t.kind !== 'nerve_block') });
    const content = draftPackageContent(ev, request(), RULES);
    const criteria = content.sections.find((s) => s.key === 'criteria')!.text;
    expect(criteria).toContain('4. Failed sympathetic block: NOT SHOWN. Not recorded on the chart.');
    expect(criteria).toContain('3. Failed physical therapy: MET.');
  });

  it("encloses the records' own pages after the letter: same page count and same text, page for page", async () => {
    const ev = evidence();
    const content = draftPackageContent(ev, request(), RULES);
    expect(content.enclosures.map((e) => [e.documentId, e.include])).toEqual([
      ['rec-neuro', true],
      ['rec-pt', true],
      ['rec-block', true],
      ['rec-other', false],
    ]);
    const res = await renderPackagePdf(ev, request(), content, read, opts);
    const own = ['rec-neuro', 'rec-pt', 'rec-block'].map((id) => pdfPageCount(records[id]!.bytes));
    expect(pdfPageCount(res.bytes)).toBe(res.ownPages + own.reduce((a, b) => a + b, 0));
    res.enclosed.forEach((e, i) => {
      expect(e.pages).toBe(own[i]);
      const enclosed = pagesText(res.bytes, e.firstPage, e.firstPage + e.pages - 1);
      const original = pagesText(records[e.documentId]!.bytes, 1, e.pages);
      expect(enclosed).toBe(original);
    });
  });

  it('places an image record on a page of its own', async () => {
    const ev = evidence();
    const content = draftPackageContent(ev, request(), RULES);
    const withImage: PackageContent = { ...content, enclosures: content.enclosures.map((e) => ({ ...e, include: true })) };
    const res = await renderPackagePdf(ev, request(), withImage, read, opts);
    expect(res.enclosed.at(-1)).toEqual({ documentId: 'rec-other', firstPage: pdfPageCount(res.bytes), pages: 1 });
    expect(flat(pdfText(res.bytes))).toContain('4 Dental x-ray 1');
  });

  it('refuses a record it cannot enclose, naming it', async () => {
    const ev = evidence({ records: [{ documentId: 'rec-txt', title: 'Fax cover', docType: 'other', mimeType: 'text/plain', pages: 1 }] });
    const content: PackageContent = { sections: [], enclosures: [{ documentId: 'rec-txt', title: 'Fax cover', mimeType: 'text/plain', pages: 1, include: true }] };
    await expect(renderPackagePdf(ev, request(), content, () => ({ bytes: new Uint8Array([1]), mimeType: 'text/plain' }), opts)).rejects.toThrow(
      new PackageRecordError('The record "Fax cover" is a text/plain file; only PDF, PNG and JPEG records can be enclosed. Untick it.'),
    );
  });

  it('hostile strings in every free-text field come back out of the PDF unchanged', async () => {
    const h = HOSTILE_STRINGS;
    const base = evidence();
    const ev = evidence({
      patient: { ...base.patient, firstName: h.accents, lastName: h.rtl },
      diagnoses: [{ ...base.diagnoses[0]!, description: h.cjk }],
      budapest: { ...base.budapest!, evaluatorName: h.quotes, items: [{ category: 'sensory', kind: 'sign', finding: h.emoji }] },
      treatments: [{ ...base.treatments[0]!, name: h.markup, response: h.longWord }],
    });
    const req = request({ payerName: h.quotes, memberId: h.markup, groupNumber: h.cjk, orderingProvider: { name: h.rtl, credentials: h.emoji, npi: '1234567893' } });
    const content = draftPackageContent(ev, req, RULES);
    content.sections.push({ key: 'note', heading: h.markup, text: `${h.cjk}\n${h.emoji}` });
    const text = flat(pdfText((await renderPackagePdf(ev, req, content, read, opts)).bytes));
    for (const s of Object.values(h)) {
      // A word longer than a line is broken across lines: compare it without white space.
      if (s === h.longWord) expect(text.replace(/ /g, '')).toContain(s);
      else expect(text).toContain(flat(s));
    }
  });
});
