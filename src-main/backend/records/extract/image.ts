/**
 * Scanned images: PNG and JPEG go to OCR as they are (after a header check of their size);
 * TIFF, the usual fax format, can hold many pages in CCITT fax compression, so each page is
 * decoded with utif2 and handed to OCR as an 8-bit grey PGM (canvas-image.ts).
 */
import UTIF from 'utif2';
import { ExtractFailure, failureText, type ExtractLimits } from '../rules/failures';
import { imageSize } from '../rules/image-size';
import { rgbaToPgm } from './canvas-image';
import { recognize } from './ocr';
import type { ExtractOutcome, PageText } from './protocol';

export async function extractPlainImage(bytes: Buffer, kind: 'png' | 'jpeg', limits: ExtractLimits): Promise<ExtractOutcome> {
  const size = imageSize(kind, bytes);
  if (!size || size.width === 0 || size.height === 0) throw new ExtractFailure('corrupt', failureText.corrupt(kind === 'png' ? 'PNG image' : 'JPEG image'));
  if (size.width * size.height > limits.maxPixels) {
    throw new ExtractFailure('too_many_pixels', failureText.tooManyPixels(size.width, size.height, limits.maxPixels));
  }
  let text: string;
  try {
    text = await recognize(bytes);
  } catch {
    throw new ExtractFailure('corrupt', failureText.corrupt(kind === 'png' ? 'PNG image' : 'JPEG image'));
  }
  return { ok: true, pages: [{ text: text.trim(), method: 'ocr' }], pagesTotal: 1, ocrSkipped: 0 };
}

interface Ifd {
  width: number;
  height: number;
  t254?: number[];
}

export async function extractTiff(bytes: Buffer, limits: ExtractLimits): Promise<ExtractOutcome> {
  let ifds: Ifd[];
  try {
    ifds = (UTIF.decode(bytes) as unknown as Ifd[]).filter((ifd) => {
      // Reduced-resolution copies (thumbnails) are not pages: NewSubfileType bit 0.
      const subfile = ifd.t254?.[0] ?? 0;
      return (subfile & 1) === 0;
    });
  } catch {
    throw new ExtractFailure('corrupt', failureText.corrupt('TIFF image'));
  }
  if (ifds.length === 0) throw new ExtractFailure('corrupt', failureText.corrupt('TIFF image'));
  const pages: PageText[] = [];
  let ocrSkipped = 0;
  const readable = Math.min(ifds.length, limits.maxPages);
  for (let i = 0; i < readable; i++) {
    const ifd = ifds[i]!;
    if (i >= limits.maxOcrPages) {
      ocrSkipped++;
      pages.push({ text: '', method: 'ocr' });
      continue;
    }
    UTIF.decodeImage(bytes, ifd as never);
    const width = ifd.width;
    const height = ifd.height;
    if (!width || !height) throw new ExtractFailure('corrupt', failureText.corrupt('TIFF image'));
    if (width * height > limits.maxPixels) throw new ExtractFailure('too_many_pixels', failureText.tooManyPixels(width, height, limits.maxPixels));
    const rgba = UTIF.toRGBA8(ifd as never);
    // Decoded pixels are the biggest thing held; drop them from the IFD before the next page.
    (ifd as { data?: unknown }).data = undefined;
    pages.push({ text: (await recognize(rgbaToPgm(rgba, width, height))).trim(), method: 'ocr' });
  }
  return { ok: true, pages, pagesTotal: ifds.length, ocrSkipped };
}
