/**
 * PDF pages: the text layer through pdf.js (legacy build, which runs in Node), and pages with
 * no usable text layer (scans, faxes) rendered with @napi-rs/canvas and read by OCR.
 *
 * A page goes to OCR when it paints an image and its text layer is short (none at all on a
 * scan, or a fax header stamped over one); the text layer and the OCR text are then kept
 * together. A page that paints no image has nothing for OCR to read, however little text.
 *
 * A page with a short text layer is rendered once: whether it paints an image is read from the
 * operator list pdf.js built for that rendering, not from a separate getOperatorList() first
 * (that one is cached under another intent, so the page's content was parsed and its images
 * decoded twice). The rendered image is handed to OCR as grey pixels and dropped before the next page.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ExtractFailure, failureText, type ExtractLimits } from '../rules/failures';
import { rgbaToPgm } from './canvas-image';
import { recognize } from './ocr';
import type { ExtractOutcome, PageText } from './protocol';

/** A page with fewer letters and digits than this that paints an image is OCR'd. */
export const FEW_LETTERS = 200;
/** Rendering resolution for OCR: 200 dots per inch reads typed text well and keeps pages small. */
const OCR_DPI = 200;

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);

function pdfjsFolder(sub: string): string {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  // pdf.js in Node reads these as file paths; the trailing slash is required.
  return `${join(root, sub)}/`;
}

export function letterCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    return await getDocument({
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
      cMapUrl: pdfjsFolder('cmaps'),
      cMapPacked: true,
      standardFontDataUrl: pdfjsFolder('standard_fonts'),
      wasmUrl: pdfjsFolder('wasm'),
    }).promise;
  } catch (err) {
    const name = (err as { name?: string })?.name;
    if (name === 'PasswordException') throw new ExtractFailure('encrypted', failureText.encrypted());
    throw new ExtractFailure('corrupt', failureText.corrupt('PDF'));
  }
}

export async function pageTextLayer(page: PDFPageProxy): Promise<string> {
  const content = await page.getTextContent();
  let text = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    text += item.str;
    text += item.hasEOL ? '\n' : ' ';
  }
  return text.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
}

/**
 * Whether the operator list behind the page's last rendering paints an image. pdf.js keeps that
 * list on the page (per rendering intent) until page.cleanup(); `_intentStates` is not part of
 * its typed API, so when it is not there the list is asked for again (parsed a second time).
 */
async function paintedImage(page: PDFPageProxy): Promise<boolean> {
  const states = (page as unknown as { _intentStates?: Map<unknown, { operatorList?: { fnArray?: number[]; lastChunk?: boolean } }> })._intentStates;
  const lists = states ? [...states.values()].map((s) => s.operatorList).filter((l) => l?.lastChunk && Array.isArray(l.fnArray)) : [];
  if (lists.length > 0) return lists.some((l) => l!.fnArray!.some((fn) => IMAGE_OPS.has(fn)));
  const ops = await page.getOperatorList();
  return ops.fnArray.some((fn) => IMAGE_OPS.has(fn));
}

/** Render a page for OCR at OCR_DPI, or smaller to stay within the pixel limit: a grey PGM (canvas-image.ts). */
export async function renderPageForOcr(page: PDFPageProxy, maxPixels: number): Promise<Buffer> {
  const base = page.getViewport({ scale: 1 });
  const area = base.width * base.height;
  const scale = Math.min(OCR_DPI / 72, Math.sqrt(maxPixels / area));
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: ctx as never, canvas: canvas as never, viewport }).promise;
  const image = rgbaToPgm(canvas.data(), canvas.width, canvas.height);
  // The pixels (about 15 MB at 200 dpi on a letter page) are native memory the GC does not
  // see as pressure: give them back now rather than when the canvas object is collected.
  canvas.width = 1;
  canvas.height = 1;
  return image;
}

export async function extractPdf(bytes: Buffer, limits: ExtractLimits): Promise<ExtractOutcome> {
  const pdf = await openPdf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  try {
    const pagesTotal = pdf.numPages;
    const pages: PageText[] = [];
    let ocrUsed = 0;
    let ocrSkipped = 0;
    for (let n = 1; n <= Math.min(pagesTotal, limits.maxPages); n++) {
      const page = await pdf.getPage(n);
      try {
        const layer = await pageTextLayer(page);
        const letters = letterCount(layer);
        if (letters >= FEW_LETTERS) {
          pages.push({ text: layer, method: 'text' });
          continue;
        }
        if (ocrUsed >= limits.maxOcrPages) {
          // Past the OCR limit: the probe alone says whether a page is a scan left unread.
          if (await paintedImage(page)) ocrSkipped++;
          pages.push({ text: layer, method: 'text' });
          continue;
        }
        // Rendered once; the rendering's operator list tells whether there was an image at all.
        const image = await renderPageForOcr(page, limits.maxPixels);
        if (!(await paintedImage(page))) {
          pages.push({ text: layer, method: 'text' });
          continue;
        }
        ocrUsed++;
        const ocr = (await recognize(image)).trim();
        pages.push({ text: letters > 0 ? `${layer}\n${ocr}` : ocr, method: 'ocr' });
      } finally {
        page.cleanup();
      }
    }
    return { ok: true, pages, pagesTotal, ocrSkipped };
  } finally {
    await pdf.destroy();
  }
}
