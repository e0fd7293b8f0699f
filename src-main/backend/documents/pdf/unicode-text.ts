/**
 * Unicode text for PDFs: every character a person can type prints, and comes back out of the
 * PDF (pdftotext, copy and paste, a payer's OCR-free intake) as the same character.
 *
 * The standard Helvetica of render-pdf.ts encodes WinAnsi only, so names, quotes, CJK, emoji and
 * direction marks were replaced. Payer letters quote the chart word for word, so they embed
 * TrueType fonts instead (subset: only the glyphs used go into the file):
 *   DejaVu Sans (+ Bold)      Latin, Greek, Cyrillic, Hebrew, symbols, direction marks
 *   Droid Sans Fallback       Chinese and Japanese
 *   Nanum Gothic              Korean (Hangul)
 *   Symbola                   emoji and other pictographs (monochrome)
 * Each character is drawn in the first font of that list that has it (runs of one font).
 *
 * The font files ship with the app in resources/fonts/ (copied from Debian's fonts-dejavu-core,
 * fonts-droid-fallback, fonts-nanum and fonts-symbola; their licences, all allowing
 * redistribution, sit beside them as COPYRIGHT.<package>), because a clinic's Windows or macOS
 * machine has none of Debian's paths. Where the folder is, first match wins:
 * $DESK_RESOURCES_DIR/fonts (packaged app), then the nearest resources/fonts above this file.
 *
 * Glyphs are looked up one code point at a time, without fontkit's shaping: shaping would turn
 * "fi" into a ligature and replace direction marks (U+200E/U+200F/U+202A-E) and other
 * default-ignorable characters with spaces, and both change what a reader extracts. Scripts that
 * need shaping (Arabic joining, Indic) therefore print unjoined but still extract unchanged.
 */
import fontkit from '@pdf-lib/fontkit';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CustomFontSubsetEmbedder, PDFFont, type Color, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';

const REGULAR_FILES = ['DejaVuSans.ttf', 'DroidSansFallbackFull.ttf', 'NanumGothic.ttf', 'Symbola.ttf'] as const;
const BOLD_FILE = 'DejaVuSans-Bold.ttf';

export class FontFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FontFilesError';
  }
}

export function fontsDir(): string {
  const env = process.env.DESK_RESOURCES_DIR;
  if (env && existsSync(join(env, 'fonts', REGULAR_FILES[0]))) return join(env, 'fonts');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources', 'fonts');
    if (existsSync(join(candidate, REGULAR_FILES[0]))) return candidate;
    const up = dirname(dir);
    if (up === dir) {
      throw new FontFilesError(
        `The PDF fonts (resources/fonts) were not found above ${dirname(fileURLToPath(import.meta.url))}. Set DESK_RESOURCES_DIR to the app's resources folder.`,
      );
    }
    dir = up;
  }
}

/** The bits of a fontkit font this module uses (the package ships no types). */
interface FkGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface FkFont {
  unitsPerEm: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FkGlyph;
  layout(text: string, features?: unknown): { glyphs: FkGlyph[]; positions: unknown[] };
}

// Font files are read once per process; each PDF embeds its own subset.
const bytesCache = new Map<string, Uint8Array>();
function fontBytes(file: string): Uint8Array {
  let bytes = bytesCache.get(file);
  if (!bytes) {
    const path = join(fontsDir(), file);
    try {
      bytes = new Uint8Array(readFileSync(path));
    } catch (err) {
      throw new FontFilesError(`The PDF font ${path} could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
    bytesCache.set(file, bytes);
  }
  return bytes;
}

// Advances in ems by code point (bold as -cp - 1), from the font that prints each one.
const advanceCache = new Map<number, number>();

// Coverage checks and advances use one parsed copy per file, shared by all documents.
const coverageCache = new Map<string, FkFont>();
function coverageFont(file: string): FkFont {
  let font = coverageCache.get(file);
  if (!font) {
    font = (fontkit as unknown as { create(b: Uint8Array): FkFont }).create(fontBytes(file));
    coverageCache.set(file, font);
  }
  return font;
}

/**
 * Replace fontkit's shaping on the font pdf-lib embeds with a plain code point → glyph lookup,
 * so pdf-lib's ToUnicode map gets one entry per character typed (see the header for why).
 * Reaches pdf-lib's embedder, which it keeps private; pinned by the round-trip tests.
 */
function unshaped(pdfFont: PDFFont): void {
  const fk = (pdfFont as unknown as { embedder: { font: FkFont } }).embedder.font;
  fk.layout = (text: string) => {
    const glyphs: FkGlyph[] = [];
    for (const ch of text) glyphs.push(fk.glyphForCodePoint(ch.codePointAt(0)!));
    return { glyphs, positions: [] };
  };
}

export interface TextRun {
  font: PDFFont;
  text: string;
}

export interface DrawTextOptions {
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  bold?: boolean;
  color?: Color;
}

/**
 * The fonts of one PDF document. Fallback fonts are embedded the first time a character needs
 * them, so a letter in plain English carries DejaVu only.
 */
export class UnicodeFonts {
  private readonly embedded = new Map<string, PDFFont>();

  private constructor(private readonly doc: PDFDocument) {}

  static async embed(doc: PDFDocument): Promise<UnicodeFonts> {
    doc.registerFontkit(fontkit);
    const fonts = new UnicodeFonts(doc);
    // The two always used, so a missing font folder fails here with its message.
    fonts.font(REGULAR_FILES[0]);
    fonts.font(BOLD_FILE);
    return fonts;
  }

  /** The primary regular face (for callers that need a PDFFont, e.g. metadata or metrics). */
  get regular(): PDFFont {
    return this.font(REGULAR_FILES[0]);
  }

  get bold(): PDFFont {
    return this.font(BOLD_FILE);
  }

  private font(file: string): PDFFont {
    let font = this.embedded.get(file);
    if (!font) {
      font = embedCustomFontSync(this.doc, fontBytes(file));
      unshaped(font);
      this.embedded.set(file, font);
    }
    return font;
  }

  /** The file whose font prints this code point: the first in the list that has it. */
  private fileFor(cp: number, bold: boolean): string {
    if (bold && coverageFont(BOLD_FILE).hasGlyphForCodePoint(cp)) return BOLD_FILE;
    for (const file of REGULAR_FILES) if (coverageFont(file).hasGlyphForCodePoint(cp)) return file;
    // Nothing has it (an unassigned code point, a private-use character): DejaVu's empty box,
    // mapped back to the same character for extraction.
    return bold ? BOLD_FILE : REGULAR_FILES[0];
  }

  /** Split text into runs that one font each can print. Line breaks are the caller's. */
  runs(text: string, bold = false): TextRun[] {
    const out: { file: string; text: string }[] = [];
    for (const ch of text) {
      const file = this.fileFor(ch.codePointAt(0)!, bold);
      const last = out[out.length - 1];
      if (last && last.file === file) last.text += ch;
      else out.push({ file, text: ch });
    }
    return out.map((r) => ({ font: this.font(r.file), text: r.text }));
  }

  /**
   * Width at this size. Glyphs are laid out one code point at a time with no kerning (see
   * unshaped), so a text's width is the sum of its characters' advances: each is looked up once
   * per process and the wrap below adds words to a line without measuring the line again.
   */
  width(text: string, size: number, bold = false): number {
    let em = 0;
    for (const ch of text) em += this.advance(ch.codePointAt(0)!, bold);
    return em * size;
  }

  /** Advance of one character in ems, in the font that prints it. */
  private advance(cp: number, bold: boolean): number {
    const key = bold ? -cp - 1 : cp;
    let em = advanceCache.get(key);
    if (em === undefined) {
      const font = coverageFont(this.fileFor(cp, bold));
      em = font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
      advanceCache.set(key, em);
    }
    return em;
  }

  /** Draw one line (no line breaks) starting at x on the baseline y; returns its width. */
  draw(page: PDFPage, text: string, opts: DrawTextOptions): number {
    let x = opts.x;
    for (const r of this.runs(text, opts.bold)) {
      page.drawText(r.text, { x, y: opts.y, size: opts.size, font: r.font, ...(opts.color ? { color: opts.color } : {}) });
      x += this.width(r.text, opts.size, opts.bold);
    }
    return x - opts.x;
  }

  /**
   * Greedy word wrap on spaces; a word longer than the line is broken between characters
   * (never inside a surrogate pair). Paragraphs split on line breaks; empty ones are kept.
   */
  wrap(text: string, size: number, width: number, bold = false): string[] {
    const lines: string[] = [];
    for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
      let line = '';
      let lineWidth = 0;
      const space = this.width(' ', size, bold);
      for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
        const wordWidth = this.width(word, size, bold);
        const candidateWidth = line ? lineWidth + space + wordWidth : wordWidth;
        if (candidateWidth <= width) {
          line = line ? `${line} ${word}` : word;
          lineWidth = candidateWidth;
          continue;
        }
        if (line) lines.push(line);
        if (wordWidth <= width) {
          line = word;
          lineWidth = wordWidth;
          continue;
        }
        let piece = '';
        let pieceWidth = 0;
        for (const ch of word) {
          const w = this.width(ch, size, bold);
          if (piece && pieceWidth + w > width) {
            lines.push(piece);
            piece = '';
            pieceWidth = 0;
          }
          piece += ch;
          pieceWidth += w;
        }
        line = piece;
        lineWidth = pieceWidth;
      }
      lines.push(line);
    }
    return lines;
  }
}

/**
 * pdf-lib's PDFDocument.embedFont(bytes) awaits nothing for custom fonts but is declared async;
 * lazily embedding a fallback in the middle of a synchronous layout needs the same steps in a
 * synchronous call. Mirrors PDFDocument.embedFont(bytes, { subset: true }) in pdf-lib 1.17.
 */
function embedCustomFontSync(doc: PDFDocument, bytes: Uint8Array): PDFFont {
  // A fresh parse per document: fontkit caches a glyph with the code points it was first asked
  // for, and pdf-lib's ToUnicode map reads them, so a font shared between documents made one
  // PDF's "u" extract as another's space (the unicode-text round trip caught it).
  const parsed = (fontkit as unknown as { create(b: Uint8Array): FkFont }).create(bytes);
  const Embedder = CustomFontSubsetEmbedder as unknown as new (font: FkFont, data: Uint8Array) => unknown;
  const embedder = new Embedder(parsed, bytes);
  const internal = doc as unknown as { context: { nextRef(): PDFRef }; fonts: PDFFont[] };
  const font = (PDFFont as unknown as { of(ref: PDFRef, doc: PDFDocument, embedder: unknown): PDFFont }).of(
    internal.context.nextRef(),
    doc,
    embedder,
  );
  internal.fonts.push(font);
  return font;
}
