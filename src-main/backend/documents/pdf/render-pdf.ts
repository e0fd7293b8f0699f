/**
 * Lays a ReportModel out on US Letter pages with pdf-lib: wrapped text, label/value rows,
 * tables whose rows break across pages, and a footer with "page N of M" on every page.
 * The standard Helvetica fonts keep the file small and need nothing installed; they only
 * encode WinAnsi, so other characters are replaced with close equivalents first. Documents
 * that quote people's words (payer letters) pass `unicode: true`: embedded TrueType fonts
 * (unicode-text.ts) print and extract every character unchanged.
 */
import { PDFDocument, StandardFonts, rgb, type Color, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Block, ReportModel } from './report-model';
import { UnicodeFonts } from './unicode-text';

const PAGE = { width: 612, height: 792 };
const MARGIN = { top: 54, bottom: 60, left: 54, right: 54 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const INK = rgb(0.1, 0.12, 0.14);
const MUTED = rgb(0.36, 0.4, 0.44);
const ALERT = rgb(0.62, 0.1, 0.08);
const OK = rgb(0.05, 0.4, 0.25);
const RULE = rgb(0.78, 0.8, 0.83);

// Characters people paste that WinAnsi lacks, mapped to what Helvetica can print.
const REPLACEMENTS: Record<string, string> = {
  '\u2265': '>=',
  '\u2264': '<=',
  '\u2192': '->',
  '\u2713': 'yes',
  '\u2717': 'no',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2212': '-',
};

export interface RenderOptions {
  /** Stamped into the PDF's metadata. */
  author?: string;
  /** Fixed creation date, for reproducible files in tests. */
  createdAt?: Date;
  /** Embed Unicode fonts so every character prints and extracts unchanged (bigger file). */
  unicode?: boolean;
}

/** Text measuring and drawing for one face family: standard WinAnsi fonts or embedded Unicode ones. */
export interface Typeface {
  /** The text as it will print (WinAnsi replacements for the standard fonts; unchanged otherwise). */
  clean(text: string, bold?: boolean): string;
  width(text: string, size: number, bold?: boolean): number;
  draw(page: PDFPage, text: string, x: number, y: number, size: number, bold: boolean, color: Color): void;
  wrap(text: string, size: number, width: number, bold?: boolean): string[];
}

function standardTypeface(regular: PDFFont, bold: PDFFont): Typeface {
  const pick = (b?: boolean) => (b ? bold : regular);
  return {
    clean: (text, b) => safeText(pick(b), text),
    width: (text, size, b) => pick(b).widthOfTextAtSize(text, size),
    draw: (page, text, x, y, size, b, color) => page.drawText(text, { x, y, size, font: pick(b), color }),
    wrap: (text, size, width, b) => wrap(pick(b), text, size, width),
  };
}

export function unicodeTypeface(fonts: UnicodeFonts): Typeface {
  return {
    clean: (text) => text,
    width: (text, size, b) => fonts.width(text, size, b),
    draw: (page, text, x, y, size, b, color) => {
      fonts.draw(page, text, { x, y, size, bold: b, color });
    },
    wrap: (text, size, width, b) => fonts.wrap(text, size, width, b),
  };
}

class Writer {
  pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;

  constructor(
    private readonly doc: PDFDocument,
    readonly face: Typeface,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - MARGIN.top;
  }

  /** Move to a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  text(s: string, x: number, size: number, bold: boolean, color: Color = INK): void {
    this.face.draw(this.page, s, x, this.y - size, size, bold, color);
  }
}

export function safeText(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const mapped = REPLACEMENTS[ch] ?? ch;
    for (const c of mapped) {
      if (c === '\n' || supported.has(c.codePointAt(0)!)) out += c;
      else {
        // Drop accents the font lacks rather than the whole letter.
        const base = c.normalize('NFKD').replace(/\p{M}/gu, '');
        out += [...base].every((b) => supported.has(b.codePointAt(0)!)) ? base : '?';
      }
    }
  }
  return out;
}

/** Greedy word wrap; words longer than a line are broken by characters. */
export function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of safeText(font, text).split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      if (font.widthOfTextAtSize(word, size) <= width) {
        line = word;
        continue;
      }
      let piece = '';
      for (const ch of word) {
        if (font.widthOfTextAtSize(piece + ch, size) > width && piece) {
          lines.push(piece);
          piece = '';
        }
        piece += ch;
      }
      line = piece;
    }
    lines.push(line);
  }
  return lines;
}

const SIZE = { title: 17, subtitle: 10.5, heading: 12.5, body: 10, small: 8.5 };
const LEADING = 1.3;

function toneColor(tone: string | undefined) {
  return tone === 'alert' ? ALERT : tone === 'ok' ? OK : tone === 'muted' ? MUTED : INK;
}

function drawBlock(w: Writer, block: Block): void {
  const face = w.face;
  const line = SIZE.body * LEADING;
  switch (block.kind) {
    case 'paragraph': {
      const bold = block.tone === 'alert' || block.tone === 'ok';
      for (const l of face.wrap(block.text, SIZE.body, CONTENT_WIDTH, bold)) {
        w.ensure(line);
        w.text(l, MARGIN.left, SIZE.body, bold, toneColor(block.tone));
        w.y -= line;
      }
      w.y -= 4;
      return;
    }
    case 'list': {
      for (const item of block.items) {
        const lines = face.wrap(item, SIZE.body, CONTENT_WIDTH - 14);
        lines.forEach((l, i) => {
          w.ensure(line);
          if (i === 0) w.text('-', MARGIN.left + 2, SIZE.body, true, toneColor(block.tone));
          w.text(l, MARGIN.left + 14, SIZE.body, false, toneColor(block.tone));
          w.y -= line;
        });
      }
      w.y -= 4;
      return;
    }
    case 'fields': {
      const labelWidth = 150;
      for (const [label, value] of block.rows) {
        const lines = face.wrap(value || '-', SIZE.body, CONTENT_WIDTH - labelWidth);
        w.ensure(line * Math.min(lines.length, 3));
        w.text(face.clean(label, true), MARGIN.left, SIZE.body, true, MUTED);
        for (const l of lines) {
          w.ensure(line);
          w.text(l, MARGIN.left + labelWidth, SIZE.body, false);
          w.y -= line;
        }
      }
      w.y -= 4;
      return;
    }
    case 'table': {
      const total = block.columns.reduce((s, c) => s + c.width, 0);
      const widths = block.columns.map((c) => (c.width / total) * CONTENT_WIDTH);
      const pad = 4;
      const size = SIZE.small + 0.5;
      const measure = (cells: string[], bold: boolean) => {
        const wrapped = cells.map((c, i) => face.wrap(c || '-', size, widths[i]! - pad * 2, bold));
        return { wrapped, height: Math.max(...wrapped.map((l) => l.length)) * size * LEADING + pad };
      };
      const drawRow = (row: { wrapped: string[][]; height: number }, bold: boolean, color: Color = INK) => {
        let x = MARGIN.left;
        const top = w.y;
        row.wrapped.forEach((lines, i) => {
          w.y = top;
          for (const l of lines) {
            w.text(l, x + pad, size, bold, color);
            w.y -= size * LEADING;
          }
          x += widths[i]!;
        });
        w.y = top - row.height;
        w.page.drawLine({
          start: { x: MARGIN.left, y: w.y + 2 },
          end: { x: MARGIN.left + CONTENT_WIDTH, y: w.y + 2 },
          thickness: 0.5,
          color: RULE,
        });
      };
      if (block.rows.length === 0) {
        drawBlock(w, { kind: 'paragraph', text: block.empty ?? 'None recorded.', tone: 'muted' });
        return;
      }
      const header = measure(block.columns.map((c) => c.header), true);
      const first = measure(block.rows[0]!, false);
      w.ensure(header.height + first.height);
      drawRow(header, true, MUTED);
      for (const cells of block.rows) {
        const row = measure(cells, false);
        if (w.y - row.height < MARGIN.bottom) {
          // A row that moves to a new page gets the column headings again above it.
          w.newPage();
          drawRow(header, true, MUTED);
        }
        drawRow(row, false);
      }
      w.y -= 6;
      return;
    }
    case 'figure': {
      w.ensure(block.height);
      const top = w.y;
      const X = (x: number) => MARGIN.left + x;
      const Y = (y: number) => top - y;
      const color = (c?: [number, number, number]) => (c ? rgb(c[0], c[1], c[2]) : INK);
      for (const s of block.shapes) {
        if (s.kind === 'line') {
          w.page.drawLine({
            start: { x: X(s.x1), y: Y(s.y1) },
            end: { x: X(s.x2), y: Y(s.y2) },
            thickness: s.width ?? 1,
            color: color(s.color),
            ...(s.dash ? { dashArray: s.dash } : {}),
          });
        } else if (s.kind === 'circle') {
          w.page.drawCircle({
            x: X(s.x),
            y: Y(s.y),
            size: s.r,
            ...(s.filled === false ? { borderColor: color(s.color), borderWidth: 1, color: rgb(1, 1, 1) } : { color: color(s.color) }),
          });
        } else {
          const bold = s.bold ?? false;
          const size = s.size ?? SIZE.small;
          const text = face.clean(s.text, bold);
          const width = face.width(text, size, bold);
          const x = s.align === 'right' ? s.x - width : s.align === 'center' ? s.x - width / 2 : s.x;
          // y is the text's vertical middle.
          face.draw(w.page, text, X(x), Y(s.y) - size * 0.35, size, bold, color(s.color));
        }
      }
      w.y = top - block.height - 6;
      return;
    }
  }
}

/** Width of the area blocks are laid out in (figures are drawn in this many points). */
export const REPORT_CONTENT_WIDTH = CONTENT_WIDTH;

export async function renderReportPdf(model: ReportModel, opts: RenderOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  await drawReport(doc, model, opts);
  return doc.save();
}

/** The typeface a report in this document is drawn with (see RenderOptions.unicode). */
export async function reportTypeface(doc: PDFDocument, unicode: boolean | undefined): Promise<Typeface> {
  return unicode
    ? unicodeTypeface(await UnicodeFonts.embed(doc))
    : standardTypeface(await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
}

/**
 * Lay a report out on new pages appended to `doc` (so a caller can add pages of its own after
 * it, e.g. enclosed records); "page N of M" counts the report's own pages. Sets the metadata.
 */
export async function drawReport(doc: PDFDocument, model: ReportModel, opts: RenderOptions = {}, face?: Typeface): Promise<PDFPage[]> {
  face ??= await reportTypeface(doc, opts.unicode);
  doc.setTitle(face.clean(model.title));
  doc.setCreator('Infusion Desk');
  doc.setProducer('Infusion Desk (pdf-lib)');
  if (opts.author) doc.setAuthor(face.clean(opts.author));
  const created = opts.createdAt ?? new Date();
  doc.setCreationDate(created);
  doc.setModificationDate(created);

  const w = new Writer(doc, face);
  for (const l of face.wrap(model.title, SIZE.title, CONTENT_WIDTH, true)) {
    w.text(l, MARGIN.left, SIZE.title, true);
    w.y -= SIZE.title * 1.25;
  }
  for (const s of model.subtitle) {
    for (const l of face.wrap(s, SIZE.subtitle, CONTENT_WIDTH)) {
      w.text(l, MARGIN.left, SIZE.subtitle, false, MUTED);
      w.y -= SIZE.subtitle * LEADING;
    }
  }
  w.y -= 8;

  for (const section of model.sections) {
    // Keep a heading with at least a few lines of its content.
    w.ensure(SIZE.heading * 1.6 + SIZE.body * LEADING * 3);
    w.page.drawLine({
      start: { x: MARGIN.left, y: w.y },
      end: { x: MARGIN.left + CONTENT_WIDTH, y: w.y },
      thickness: 0.8,
      color: RULE,
    });
    w.y -= 6;
    for (const l of face.wrap(section.heading, SIZE.heading, CONTENT_WIDTH, true)) {
      w.ensure(SIZE.heading * 1.3);
      w.text(l, MARGIN.left, SIZE.heading, true);
      w.y -= SIZE.heading * 1.3;
    }
    w.y -= SIZE.heading * 0.3;
    for (const block of section.blocks) drawBlock(w, block);
    w.y -= 6;
  }

  const count = w.pages.length;
  w.pages.forEach((page, i) => {
    const pageText = `Page ${i + 1} of ${count}`;
    const pageWidth = face.width(pageText, SIZE.small);
    // The footer keeps to one line, clear of the page number (long names are cut, not overprinted).
    const footer = face.wrap(model.footer, SIZE.small, CONTENT_WIDTH - pageWidth - 12)[0] ?? '';
    face.draw(page, footer, MARGIN.left, 30, SIZE.small, false, MUTED);
    face.draw(page, pageText, PAGE.width - MARGIN.right - pageWidth, 30, SIZE.small, false, MUTED);
  });
  return w.pages;
}
