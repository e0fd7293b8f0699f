/**
 * Lays a ReportModel out on US Letter pages with pdf-lib: wrapped text, label/value rows,
 * tables whose rows break across pages, and a footer with "page N of M" on every page.
 * The standard Helvetica fonts keep the file small and need nothing installed; they only
 * encode WinAnsi, so other characters are replaced with close equivalents first.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Block, ReportModel } from './report-model';

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
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

class Writer {
  pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
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

  text(s: string, x: number, size: number, font: PDFFont, color = INK): void {
    this.page.drawText(s, { x, y: this.y - size, size, font, color });
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
  const { regular, bold } = w.fonts;
  const line = SIZE.body * LEADING;
  switch (block.kind) {
    case 'paragraph': {
      const font = block.tone === 'alert' || block.tone === 'ok' ? bold : regular;
      for (const l of wrap(font, block.text, SIZE.body, CONTENT_WIDTH)) {
        w.ensure(line);
        w.text(l, MARGIN.left, SIZE.body, font, toneColor(block.tone));
        w.y -= line;
      }
      w.y -= 4;
      return;
    }
    case 'list': {
      for (const item of block.items) {
        const lines = wrap(regular, item, SIZE.body, CONTENT_WIDTH - 14);
        lines.forEach((l, i) => {
          w.ensure(line);
          if (i === 0) w.text('-', MARGIN.left + 2, SIZE.body, bold, toneColor(block.tone));
          w.text(l, MARGIN.left + 14, SIZE.body, regular, toneColor(block.tone));
          w.y -= line;
        });
      }
      w.y -= 4;
      return;
    }
    case 'fields': {
      const labelWidth = 150;
      for (const [label, value] of block.rows) {
        const lines = wrap(regular, value || '-', SIZE.body, CONTENT_WIDTH - labelWidth);
        w.ensure(line * Math.min(lines.length, 3));
        w.text(safeText(bold, label), MARGIN.left, SIZE.body, bold, MUTED);
        for (const l of lines) {
          w.ensure(line);
          w.text(l, MARGIN.left + labelWidth, SIZE.body, regular);
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
      const measure = (cells: string[], font: PDFFont) => {
        const wrapped = cells.map((c, i) => wrap(font, c || '-', size, widths[i]! - pad * 2));
        return { wrapped, height: Math.max(...wrapped.map((l) => l.length)) * size * LEADING + pad };
      };
      const drawRow = (row: { wrapped: string[][]; height: number }, font: PDFFont, color = INK) => {
        let x = MARGIN.left;
        const top = w.y;
        row.wrapped.forEach((lines, i) => {
          w.y = top;
          for (const l of lines) {
            w.text(l, x + pad, size, font, color);
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
      const header = measure(block.columns.map((c) => c.header), bold);
      const first = measure(block.rows[0]!, regular);
      w.ensure(header.height + first.height);
      drawRow(header, bold, MUTED);
      for (const cells of block.rows) {
        const row = measure(cells, regular);
        if (w.y - row.height < MARGIN.bottom) {
          // A row that moves to a new page gets the column headings again above it.
          w.newPage();
          drawRow(header, bold, MUTED);
        }
        drawRow(row, regular);
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
          const font = s.bold ? bold : regular;
          const size = s.size ?? SIZE.small;
          const text = safeText(font, s.text);
          const width = font.widthOfTextAtSize(text, size);
          const x = s.align === 'right' ? s.x - width : s.align === 'center' ? s.x - width / 2 : s.x;
          // y is the text's vertical middle.
          w.page.drawText(text, { x: X(x), y: Y(s.y) - size * 0.35, size, font, color: color(s.color) });
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
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  doc.setTitle(safeText(fonts.regular, model.title));
  doc.setCreator('Infusion Desk');
  doc.setProducer('Infusion Desk (pdf-lib)');
  if (opts.author) doc.setAuthor(safeText(fonts.regular, opts.author));
  const created = opts.createdAt ?? new Date();
  doc.setCreationDate(created);
  doc.setModificationDate(created);

  const w = new Writer(doc, fonts);
  for (const l of wrap(fonts.bold, model.title, SIZE.title, CONTENT_WIDTH)) {
    w.text(l, MARGIN.left, SIZE.title, fonts.bold);
    w.y -= SIZE.title * 1.25;
  }
  for (const s of model.subtitle) {
    for (const l of wrap(fonts.regular, s, SIZE.subtitle, CONTENT_WIDTH)) {
      w.text(l, MARGIN.left, SIZE.subtitle, fonts.regular, MUTED);
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
    w.text(safeText(fonts.bold, section.heading), MARGIN.left, SIZE.heading, fonts.bold);
    w.y -= SIZE.heading * 1.6;
    for (const block of section.blocks) drawBlock(w, block);
    w.y -= 6;
  }

  const count = w.pages.length;
  w.pages.forEach((page, i) => {
    const footer = safeText(fonts.regular, model.footer);
    page.drawText(footer, { x: MARGIN.left, y: 30, size: SIZE.small, font: fonts.regular, color: MUTED });
    const pageText = `Page ${i + 1} of ${count}`;
    page.drawText(pageText, {
      x: PAGE.width - MARGIN.right - fonts.regular.widthOfTextAtSize(pageText, SIZE.small),
      y: 30,
      size: SIZE.small,
      font: fonts.regular,
      color: MUTED,
    });
  });
  return doc.save();
}
