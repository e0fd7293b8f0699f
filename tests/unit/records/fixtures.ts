/**
 * Real files for the records tests, made on the spot: text PDFs (pdf-lib), scans with text
 * drawn by @napi-rs/canvas (PNG, multi-page TIFF, image-only PDF), a DOCX zipped with fflate,
 * a password-protected PDF, and a few broken ones.
 */
import { createCanvas } from '@napi-rs/canvas';
import { zipSync, strToU8 } from 'fflate';
import { PDFDocument, PDFHexString, PDFName, StandardFonts } from 'pdf-lib';

/** A PDF with a text layer: one array of lines per page. */
export async function textPdf(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([612, 792]);
    lines.forEach((line, i) => page.drawText(line, { x: 56, y: 720 - i * 18, size: 12, font }));
  }
  return doc.save();
}

/** A scan: black text on white, large enough for OCR to read reliably. */
export function scanCanvas(lines: string[], width = 1400) {
  const canvas = createCanvas(width, 120 + lines.length * 70);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000000';
  ctx.font = '40px sans-serif';
  lines.forEach((line, i) => ctx.fillText(line, 50, 90 + i * 70));
  return canvas;
}

export function scanPng(lines: string[]): Buffer {
  return scanCanvas(lines).toBuffer('image/png');
}

export function scanJpeg(lines: string[]): Buffer {
  return scanCanvas(lines).toBuffer('image/jpeg', 95);
}

/** A multi-page TIFF (as fax servers write), one page per array of lines. */
export function scanTiff(pages: string[][]): Buffer {
  const encoded = pages.map((lines) => {
    const c = scanCanvas(lines);
    const rgba = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    return { rgba, width: c.width, height: c.height };
  });
  return multiPageTiff(encoded);
}

function multiPageTiff(pages: { rgba: Uint8ClampedArray; width: number; height: number }[]): Buffer {
  // Build a little-endian baseline TIFF with uncompressed RGBA strips, one IFD per page.
  const entriesPerIfd = 10;
  const ifdSize = 2 + entriesPerIfd * 12 + 4;
  const header = 8;
  let offset = header;
  const layout = pages.map((p) => {
    const ifdAt = offset;
    const bpsAt = ifdAt + ifdSize;
    const dataAt = bpsAt + 8;
    offset = dataAt + p.rgba.length;
    if (offset % 2) offset++;
    return { ifdAt, bpsAt, dataAt };
  });
  const buf = Buffer.alloc(offset);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(layout[0]!.ifdAt, 4);
  pages.forEach((p, i) => {
    const { ifdAt, bpsAt, dataAt } = layout[i]!;
    let at = ifdAt;
    buf.writeUInt16LE(entriesPerIfd, at);
    at += 2;
    const entry = (tag: number, type: number, count: number, value: number) => {
      buf.writeUInt16LE(tag, at);
      buf.writeUInt16LE(type, at + 2);
      buf.writeUInt32LE(count, at + 4);
      if (type === 3 && count === 1) buf.writeUInt16LE(value, at + 8);
      else buf.writeUInt32LE(value, at + 8);
      at += 12;
    };
    entry(256, 4, 1, p.width); // ImageWidth
    entry(257, 4, 1, p.height); // ImageLength
    entry(258, 3, 4, bpsAt); // BitsPerSample 8,8,8,8
    entry(259, 3, 1, 1); // no compression
    entry(262, 3, 1, 2); // RGB
    entry(273, 4, 1, dataAt); // StripOffsets
    entry(277, 3, 1, 4); // SamplesPerPixel
    entry(278, 4, 1, p.height); // RowsPerStrip
    entry(279, 4, 1, p.rgba.length); // StripByteCounts
    entry(338, 3, 1, 2); // ExtraSamples: unassociated alpha
    buf.writeUInt32LE(i + 1 < pages.length ? layout[i + 1]!.ifdAt : 0, at);
    for (let k = 0; k < 4; k++) buf.writeUInt16LE(8, bpsAt + k * 2);
    Buffer.from(p.rgba.buffer, p.rgba.byteOffset, p.rgba.length).copy(buf, dataAt);
  });
  return buf;
}

/** A PDF whose pages are only pictures of text (a scanned fax): no text layer at all. */
export async function imageOnlyPdf(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const lines of pages) {
    const png = await doc.embedPng(scanPng(lines));
    const page = doc.addPage([612, 792]);
    const width = 560;
    const height = (png.height / png.width) * width;
    page.drawImage(png, { x: 26, y: 792 - 40 - height, width, height });
  }
  return doc.save();
}

/** A PDF with the standard security handler and a user password: pdf.js asks for it. */
export async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([612, 792]);
  const context = doc.context;
  const fill = (n: number) => PDFHexString.of('ab'.repeat(n));
  const encrypt = context.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, P: -44 });
  encrypt.set(PDFName.of('O'), fill(32));
  encrypt.set(PDFName.of('U'), fill(32));
  context.trailerInfo.Encrypt = context.register(encrypt);
  context.trailerInfo.ID = context.obj([fill(16), fill(16)]);
  return doc.save({ useObjectStreams: false });
}

/** A Word document: paragraphs, with "\f" in the list for a page break. */
export function docx(paragraphs: string[]): Uint8Array {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = paragraphs
    .map((p) => (p === '\f' ? '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' : `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`))
    .join('');
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(xml),
  });
}

export const corruptPdf = (): Uint8Array => new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage without an end');

/** Poll until `check` returns a value (not undefined/false), or fail after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
