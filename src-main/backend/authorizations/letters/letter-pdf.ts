/**
 * A letter as a PDF: the title, then each section (heading and text, lines kept). Laid out by the
 * shared report renderer (documents/pdf/render-pdf.ts) with its embedded Unicode fonts, so every
 * character the chart or the desk typed prints and reads back out of the PDF unchanged.
 */
import type { LetterSection } from '../../../../src-shared/domain/authorizations/letters';
import { renderReportPdf } from '../../documents/pdf/render-pdf';

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
      sections: m.sections.map((s) => ({ heading: s.heading, blocks: [{ kind: 'paragraph' as const, text: s.text }] })),
    },
    { createdAt, author: m.clinicName || 'Infusion Desk', unicode: true },
  );
}
