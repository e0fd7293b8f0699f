import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderReportPdf } from '../../../src-main/backend/documents/pdf/render-pdf';
import { UnicodeFonts } from '../../../src-main/backend/documents/pdf/unicode-text';
import { HOSTILE_STRINGS, withoutPopplerBidiFrames } from '../../support/hostile-strings';
import { pdfText } from '../../support/pdf-text';

/** Lines as pdftotext gives them, joined where the writer wrapped them (no spaces lost inside). */
async function roundTrip(text: string, width = 500): Promise<{ out: string; lines: string[] }> {
  const doc = await PDFDocument.create();
  const fonts = await UnicodeFonts.embed(doc);
  const page = doc.addPage([612, 792]);
  const lines = fonts.wrap(text, 10, width);
  let y = 740;
  for (const l of lines) {
    fonts.draw(page, l, { x: 40, y, size: 10 });
    y -= 14;
  }
  const out = withoutPopplerBidiFrames(pdfText(await doc.save()))
    .replace(/\f/g, '')
    .split('\n')
    .filter((l) => l !== '');
  return { out: out.join('\n'), lines };
}

describe('the Unicode PDF text writer', () => {
  for (const [name, s] of Object.entries(HOSTILE_STRINGS)) {
    it(`prints ${name} so pdftotext reads back the same characters`, async () => {
      const { out, lines } = await roundTrip(s);
      // Each printed line comes back exactly; wrapping only ever breaks at spaces or inside a
      // too-long word, so the lines joined give the string back.
      expect(out.split('\n')).toEqual(lines);
      expect(lines.join(name === 'longWord' ? '' : ' ')).toBe(s.replace(/[ \t]+/g, ' '));
    });
  }

  it('breaks a word longer than the line between characters and keeps every one', async () => {
    const { lines } = await roundTrip(HOSTILE_STRINGS.longWord, 200);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('')).toBe(HOSTILE_STRINGS.longWord);
  });

  it('draws a plain English letter with DejaVu only and brings in a fallback font only when a character needs it', async () => {
    const doc = await PDFDocument.create();
    const fonts = await UnicodeFonts.embed(doc);
    expect(fonts.runs('Failed physical therapy, 03/2025').map((r) => r.font.name)).toEqual([fonts.regular.name]);
    const runs = fonts.runs('Pain 中文 🎉');
    expect(runs.map((r) => r.text)).toEqual(['Pain ', '中文', ' ', '🎉']);
    expect(new Set(runs.map((r) => r.font.name)).size).toBe(3);
    expect(fonts.runs('Bold', true)[0]!.font.name).toBe(fonts.bold.name);
  });

  it('lays a whole report out in Unicode fonts when asked: every block keeps every character', async () => {
    const h = HOSTILE_STRINGS;
    const bytes = await renderReportPdf(
      {
        title: `Letter for ${h.accents}`,
        subtitle: [h.quotes],
        footer: `Clinic ${h.cjk}`,
        sections: [
          { heading: h.markup, blocks: [{ kind: 'paragraph', text: h.emoji }] },
          { heading: 'Fields', blocks: [{ kind: 'fields', rows: [['Name', h.rtl]] }] },
          { heading: 'Table', blocks: [{ kind: 'table', columns: [{ header: 'Treatment', width: 1 }], rows: [[h.cjk]] }] },
          { heading: 'List', blocks: [{ kind: 'list', items: [h.quotes] }] },
        ],
      },
      { unicode: true },
    );
    // Wrapped lines come back as separate lines: compare with runs of white space as one space.
    const flat = (t: string) => t.replace(/\s+/g, ' ');
    const text = flat(withoutPopplerBidiFrames(pdfText(bytes)));
    for (const s of [h.accents, h.quotes, h.cjk, h.markup, h.emoji, h.rtl]) expect(text).toContain(flat(s));
    // The standard fonts would have replaced them.
    const plain = pdfText(await renderReportPdf({ title: h.cjk, subtitle: [], footer: '', sections: [] }));
    expect(plain).not.toContain(h.cjk);
  });
});
