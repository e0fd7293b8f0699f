/**
 * Prints a request package as one PDF: cover sheet, letter of medical necessity (both in the
 * embedded Unicode fonts, so every name and quoted word prints and extracts unchanged), then the
 * enclosed records' own pages in the enclosure order: PDF records copied page by page with
 * pdf-lib's copyPages (their text and images untouched), PNG/JPEG records one image per page,
 * scaled to fit. Records are read through a callback so the caller decides how (the sealed
 * document store in the app, plain bytes in tests and the bench).
 */
import { PDFDocument } from 'pdf-lib';
import { drawReport, reportTypeface } from '../../documents/pdf/render-pdf';
import type { ChartEvidence } from '../../../../src-shared/domain/authorizations/evidence';
import { coverModel, letterModel, type PackageContent, type PackageRequest } from './package-model';

export interface RecordBytes {
  bytes: Uint8Array;
  mimeType: string;
}

export class PackageRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageRecordError';
  }
}

const LETTER = { width: 612, height: 792, margin: 36 };

export interface PackagePdfResult {
  bytes: Uint8Array;
  /** Pages of the cover and the letter. */
  ownPages: number;
  /** Per enclosure in order: its first page in the package (1-based) and its page count. */
  enclosed: { documentId: string; firstPage: number; pages: number }[];
}

export async function renderPackagePdf(
  ev: ChartEvidence,
  req: PackageRequest,
  content: PackageContent,
  readRecord: (documentId: string) => RecordBytes,
  opts: { createdAt: Date; generatedAt: string },
): Promise<PackagePdfResult> {
  const doc = await PDFDocument.create();
  const face = await reportTypeface(doc, true);
  const enclosures = content.enclosures.filter((e) => e.include);
  // Read every record first, so the cover's enclosures list prints each one's real page count
  // (a generated document has none indexed) and a record that cannot go is refused before drawing.
  const sources: { id: string; pdf?: PDFDocument; image?: RecordBytes }[] = [];
  for (const e of enclosures) {
    const rec = readRecord(e.documentId);
    if (rec.mimeType === 'application/pdf') {
      try {
        sources.push({ id: e.documentId, pdf: await PDFDocument.load(rec.bytes, { updateMetadata: false }) });
      } catch (err) {
        throw new PackageRecordError(`The record "${e.title}" could not be read as a PDF (${err instanceof Error ? err.message : String(err)}).`);
      }
    } else if (rec.mimeType === 'image/png' || rec.mimeType === 'image/jpeg') {
      sources.push({ id: e.documentId, image: rec });
    } else {
      throw new PackageRecordError(`The record "${e.title}" is a ${rec.mimeType} file; only PDF, PNG and JPEG records can be enclosed. Untick it.`);
    }
  }
  const counted = new Map(sources.map((s) => [s.id, s.pdf ? s.pdf.getPageCount() : 1]));
  const listed = content.enclosures.map((e) => (counted.has(e.documentId) ? { ...e, pages: counted.get(e.documentId)! } : e));
  await drawReport(doc, coverModel(ev, req, listed, opts.generatedAt), { author: req.clinicName, createdAt: opts.createdAt }, face);
  await drawReport(doc, letterModel(ev, req, content, opts.generatedAt), { author: req.clinicName, createdAt: opts.createdAt }, face);
  doc.setTitle(`Prior authorization request: ${ev.patient.firstName} ${ev.patient.lastName}`);
  const ownPages = doc.getPageCount();

  const enclosed: PackagePdfResult['enclosed'] = [];
  for (const src of sources) {
    const firstPage = doc.getPageCount() + 1;
    if (src.pdf) {
      const pages = await doc.copyPages(src.pdf, src.pdf.getPageIndices());
      for (const p of pages) doc.addPage(p);
    } else {
      const rec = src.image!;
      const img = rec.mimeType === 'image/png' ? await doc.embedPng(rec.bytes) : await doc.embedJpg(rec.bytes);
      const page = doc.addPage([LETTER.width, LETTER.height]);
      const fit = img.scaleToFit(LETTER.width - 2 * LETTER.margin, LETTER.height - 2 * LETTER.margin);
      page.drawImage(img, { x: (LETTER.width - fit.width) / 2, y: (LETTER.height - fit.height) / 2, width: fit.width, height: fit.height });
    }
    enclosed.push({ documentId: src.id, firstPage, pages: doc.getPageCount() - firstPage + 1 });
  }
  return { bytes: await doc.save(), ownPages, enclosed };
}
