/**
 * Why a file could not be read, in words for the front desk (the inbox shows them as written),
 * and the limits that keep one bad file from taking the machine: size, pages, pixels, time.
 */
import type { FailureCode } from '../../../../src-shared/api/schemas/records';

export interface ExtractLimits {
  /** Largest file read at all (bytes). Larger ones are listed with a reference only. */
  maxFileBytes: number;
  /** Pages read from one PDF or TIFF; later pages are left out (noted on the record). */
  maxPages: number;
  /** Pages of one file sent to OCR (OCR takes seconds a page). */
  maxOcrPages: number;
  /** Largest image (width × height) sent to OCR; PDF pages are rendered within it. */
  maxPixels: number;
  /** Time for one file, all pages; the worker is stopped after it. */
  timeoutMs: number;
  /** Uncompressed size allowed for a DOCX's text part (a "zip bomb" stops here). */
  maxDocxXmlBytes: number;
}

export const DEFAULT_LIMITS: ExtractLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxPages: 300,
  maxOcrPages: 40,
  maxPixels: 40_000_000,
  timeoutMs: 180_000,
  maxDocxXmlBytes: 50 * 1024 * 1024,
};

export function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? `${Math.round(mb)} MB` : `${mb.toFixed(1)} MB`;
}

export class ExtractFailure extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExtractFailure';
  }
}

export const failureText = {
  empty: () => 'The file is empty (0 bytes). If the scanner is still writing it, it will be read again when it changes.',
  tooLarge: (size: number, limit: number) =>
    `The file is too large to read (${megabytes(size)}; the limit is ${megabytes(limit)}). The app keeps a reference to the original only.`,
  corrupt: (what: string) => `The ${what} is damaged and could not be read. Ask the sender for a new copy.`,
  encrypted: () => 'The PDF is protected by a password, so it could not be read. Ask the sender for an unprotected copy.',
  tooManyPixels: (w: number, h: number, limit: number) =>
    `The image is too large to read (${w} × ${h} pixels; the limit is ${Math.round(limit / 1_000_000)} megapixels).`,
  timeout: (ms: number) => `Reading the file took longer than ${ms < 2000 ? `${ms} ms` : `${Math.round(ms / 1000)} seconds`} and was stopped.`,
  crashed: () => 'Reading the file stopped the reader unexpectedly (it may be damaged or very large). Other files were not affected.',
  unreadable: (why: string) => `The file could not be opened (${why}). Check that the app may read the folder.`,
} as const;

/** Plain-words note when a limit cut reading short; null when everything was read. */
export function limitNote(pagesTotal: number, pagesRead: number, ocrSkipped: number): string | null {
  const notes: string[] = [];
  if (pagesRead < pagesTotal) notes.push(`Only the first ${pagesRead} of ${pagesTotal} pages were read.`);
  if (ocrSkipped > 0) notes.push(`${ocrSkipped} scanned ${ocrSkipped === 1 ? 'page was' : 'pages were'} not read by OCR (limit per file).`);
  return notes.length ? notes.join(' ') : null;
}
