/**
 * A letter as a PDF: the title, then each section (heading and text, lines kept). Laid out by the
 * shared report renderer (documents/pdf/render-pdf.ts) with its embedded Unicode fonts, so every
 * character the chart or the desk typed prints and reads back out of the PDF unchanged.
 */
import type { LetterSection } from '../../../../src-shared/domain/authorizations/letters';
import { renderReportPdf } from '../../documents/pdf/render-pdf';
import type { Block } from '../../documents/pdf/report-model';

const ITEM = /^\s*- (.*)$/;

/**
 * A section's text as blocks: runs of "- " lines become an indented list (the criteria's facts,
 * call windows, enclosures), other lines stay paragraphs with their line breaks.
 */
export function letterBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split('\n')) {
    const item = ITEM.exec(line);
    const last = blocks[blocks.length - 1];
    if (item) {
      if (last?.kind === 'list') last.items.push(item[1]!);
      else blocks.push({ kind: 'list', items: [item[1]!] });
    } else if (last?.kind === 'paragraph') last.text += `\n${line}`;
    else blocks.push({ kind: 'paragraph', text: line });
  }
  return blocks;
}

export interface LetterPdfModel {
  title: string;
  clinicName: string;
  patientLine: string;
  sections: LetterSection[];
}

export function renderLetterPdf(m: LetterPdfModel, createdAt: Date): Promise<Uint8Array> {
  return renderReportPdf(
    {
      title: m.title,
      subtitle: [m.clinicName].filter(Boolean),
      footer: `${m.clinicName ? `${m.clinicName} · ` : ''}${m.patientLine}`,
      sections: m.sections.map((s) => ({ heading: s.heading, blocks: letterBlocks(s.text) })),
    },
    { createdAt, author: m.clinicName || 'Infusion Desk', unicode: true },
  );
}
