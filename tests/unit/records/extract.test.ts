/**
 * Reading real files: the PDF text layer, OCR of scans (PNG, multi-page TIFF, image-only PDF
 * pages), DOCX and plain text, and each way a file can fail, with the reason a person reads.
 * Runs the extractors in this thread, then once through the worker pool for its time limit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../src-main/backend/records/extract/extract-file';
import { stopOcr } from '../../../src-main/backend/records/extract/ocr';
import { ExtractPool } from '../../../src-main/backend/records/extract/pool';
import type { ExtractOutcome } from '../../../src-main/backend/records/extract/protocol';
import { DEFAULT_LIMITS } from '../../../src-main/backend/records/rules/failures';
import type { FileKind } from '../../../src-main/backend/records/rules/file-kind';
import { corruptPdf, docx, encryptedPdf, imageOnlyPdf, scanPng, scanTiff, textPdf } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'records-extract-'));
});
afterAll(async () => {
  await stopOcr();
  rmSync(dir, { recursive: true, force: true });
});

function put(name: string, bytes: Uint8Array | string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

async function read(name: string, bytes: Uint8Array | string, kind: FileKind, limits = DEFAULT_LIMITS) {
  return extractFile(put(name, bytes), kind, limits);
}

function pagesOf(o: ExtractOutcome) {
  if (!o.ok) throw new Error(`expected text, got ${o.code}: ${o.message}`);
  return o;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('reading text layers', () => {
  it('reads each page of a text PDF as text, in order', async () => {
    const o = pagesOf(
      await read('pt.pdf', await textPdf([['Physical therapy note', 'Patient: Ana Ramirez'], ['Plan of care: 8 visits']]), 'pdf'),
    );
    expect(o.pagesTotal).toBe(2);
    expect(o.pages.map((p) => p.method)).toEqual(['text', 'text']);
    expect(squash(o.pages[0]!.text)).toBe('Physical therapy note Patient: Ana Ramirez');
    expect(squash(o.pages[1]!.text)).toBe('Plan of care: 8 visits');
  });

  it('reads only the first pages of a long PDF and says how many there were', async () => {
    const pages = Array.from({ length: 5 }, (_, i) => [`Page number ${i + 1} of the faxed referral`]);
    const o = pagesOf(await read('long.pdf', await textPdf(pages), 'pdf', { ...DEFAULT_LIMITS, maxPages: 3 }));
    expect(o.pages).toHaveLength(3);
    expect(o.pagesTotal).toBe(5);
  });

  it('reads a DOCX by paragraphs, with a page break starting page 2', async () => {
    const o = pagesOf(await read('letter.docx', docx(['Dear Dr. Patel,', 'Thank you for seeing Ana & her mother.', '\f', 'Enclosures: MRI report']), 'docx'));
    expect(o.pages.map((p) => p.text)).toEqual(['Dear Dr. Patel,\nThank you for seeing Ana & her mother.', 'Enclosures: MRI report']);
  });

  it('reads plain text in UTF-8 and in Windows-1252', async () => {
    expect(pagesOf(await read('a.txt', 'Peña, José — DOB 03/07/1984', 'text')).pages[0]!.text).toBe('Peña, José — DOB 03/07/1984');
    const latin = Buffer.from([0x50, 0x65, 0xf1, 0x61]); // "Peña" in Windows-1252
    expect(pagesOf(await read('b.txt', latin, 'text')).pages[0]!.text).toBe('Peña');
  });
});

describe('OCR (few and small: it takes about a second a page here)', () => {
  it('reads a PNG scan', async () => {
    const o = pagesOf(await read('scan.png', scanPng(['Lumbar sympathetic nerve block', 'MRN 004512']), 'png'));
    expect(o.pages[0]!.method).toBe('ocr');
    expect(o.pages[0]!.text).toContain('Lumbar sympathetic nerve block');
    expect(o.pages[0]!.text).toContain('004512');
  });

  it('reads every page of a multi-page TIFF fax', async () => {
    const o = pagesOf(await read('fax.tif', scanTiff([['Fax cover sheet'], ['Medication list for John Smith']]), 'tiff'));
    expect(o.pagesTotal).toBe(2);
    expect(o.pages[0]!.text).toContain('Fax cover sheet');
    expect(o.pages[1]!.text).toContain('Medication list for John Smith');
  });

  it('OCRs the pages of a PDF that have no text layer and keeps the text layer of the others', async () => {
    const scanned = await imageOnlyPdf([['Imaging report: MRI of the left wrist']]);
    const mixed = await textPdf([['Cover letter with typed text from the sender']]);
    // Two PDFs, one text and one scanned: each page takes the method it needs.
    const a = pagesOf(await read('scanned.pdf', scanned, 'pdf'));
    expect(a.pages[0]!.method).toBe('ocr');
    expect(a.pages[0]!.text).toContain('MRI of the left wrist');
    const b = pagesOf(await read('typed.pdf', mixed, 'pdf'));
    expect(b.pages[0]!.method).toBe('text');
  });

  it('leaves scanned pages past the OCR limit unread and counts them', async () => {
    const scanned = await imageOnlyPdf([['First scanned page'], ['Second scanned page']]);
    const o = pagesOf(await read('two-scans.pdf', scanned, 'pdf', { ...DEFAULT_LIMITS, maxOcrPages: 1 }));
    expect(o.ocrSkipped).toBe(1);
    expect(o.pages[0]!.text).toContain('First scanned page');
    expect(o.pages[1]!.text).toBe('');
  });
});

describe('files that cannot be read say why', () => {
  it.each([
    ['a zero-byte file', 'empty.pdf', new Uint8Array(0), 'pdf', 'empty', /empty \(0 bytes\)/],
    ['a corrupt PDF', 'broken.pdf', corruptPdf(), 'pdf', 'corrupt', /PDF is damaged/],
    ['a DOCX that is not a ZIP', 'broken.docx', 'not a zip at all', 'docx', 'corrupt', /Word document is damaged/],
    ['a PNG that is only a header', 'broken.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'png', 'corrupt', /PNG image is damaged/],
    ['an old .doc file', 'letter.doc', 'binary word', 'unsupported', 'unsupported', /Old Word \(\.doc\) files cannot be read/],
  ] as const)('%s', async (_what, name, bytes, kind, code, message) => {
    const o = await read(name, bytes, kind);
    expect(o).toMatchObject({ ok: false, code });
    expect(o.ok ? '' : o.message).toMatch(message);
  });

  it('a password-protected PDF', async () => {
    const o = await read('locked.pdf', await encryptedPdf(), 'pdf');
    expect(o).toMatchObject({ ok: false, code: 'encrypted' });
  });

  it('a file over the size limit', async () => {
    const o = await read('big.txt', 'x'.repeat(2048), 'text', { ...DEFAULT_LIMITS, maxFileBytes: 1024 });
    expect(o).toMatchObject({ ok: false, code: 'too_large' });
    expect(o.ok ? '' : o.message).toBe('The file is too large to read (2 KB; the limit is 1 KB). The app keeps a reference to the original only.');
  });

  it('an image with more pixels than allowed, refused before decoding', async () => {
    const o = await read('huge.png', scanPng(['x']), 'png', { ...DEFAULT_LIMITS, maxPixels: 1000 });
    expect(o).toMatchObject({ ok: false, code: 'too_many_pixels' });
  });
});

describe('the worker pool', () => {
  it('reads in a worker thread, stops a file that takes too long, and goes on with the next', async () => {
    const pool = new ExtractPool({ size: 1, idleMs: 1000 });
    try {
      const pdf = put('pool.pdf', await textPdf([['Referral letter for Ana Ramirez']]));
      const slow = put('slow.png', scanPng(['This scan takes longer than one millisecond']));
      const [timedOut, fine] = await Promise.all([
        pool.run(slow, 'png', { ...DEFAULT_LIMITS, timeoutMs: 1 }),
        pool.run(pdf, 'pdf', DEFAULT_LIMITS),
      ]);
      expect(timedOut).toEqual({ ok: false, code: 'timeout', message: 'Reading the file took longer than 1 ms and was stopped.' });
      expect(fine.ok && squash(fine.pages[0]!.text)).toBe('Referral letter for Ana Ramirez');
    } finally {
      await pool.close();
    }
  });
});
