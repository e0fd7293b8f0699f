import { describe, expect, it } from 'vitest';
import { renderReportPdf } from '../../../src-main/backend/documents/pdf/render-pdf';
import type { ReportModel } from '../../../src-main/backend/documents/pdf/report-model';
import { pdfPageCount, pdfText } from '../../support/pdf-text';

const base: ReportModel = {
  title: 'Intake summary',
  subtitle: ['Peña, José · MRN 004512 · born 03/07/1984'],
  footer: 'Lakeside Pain & Infusion Center · Peña, José (MRN 004512)',
  sections: [],
};

describe('the PDF layout', () => {
  it('prints every kind of block, readable back as text', async () => {
    const bytes = await renderReportPdf({
      ...base,
      sections: [
        { heading: 'Result', blocks: [{ kind: 'paragraph', text: 'Clinical criteria met: symptoms in 3 of 4 categories.', tone: 'ok' }] },
        { heading: 'Details', blocks: [{ kind: 'fields', rows: [['Evaluator', 'Dr. Imani Okafor'], ['Date', '11/02/2026']] }] },
        { heading: 'Missing', blocks: [{ kind: 'list', items: ['Baseline function score', 'Contraindication screening'], tone: 'alert' }] },
        {
          heading: 'Treatments',
          blocks: [{ kind: 'table', columns: [{ header: 'Treatment', width: 3 }, { header: 'Outcome', width: 2 }], rows: [['Gabapentin 300 mg TID', 'Failed']] }],
        },
      ],
    });
    const text = pdfText(bytes);
    for (const s of ['Intake summary', 'Peña, José', 'Clinical criteria met', 'Dr. Imani Okafor', 'Baseline function score', 'Gabapentin 300 mg TID', 'Failed', 'Page 1 of 1']) {
      expect(text).toContain(s);
    }
  });

  it('replaces characters the standard font lacks instead of failing', async () => {
    const bytes = await renderReportPdf({
      ...base,
      sections: [{ heading: 'Thresholds', blocks: [{ kind: 'paragraph', text: 'Responder: ≥ 30% reduction → continue; 王 unknown' }] }],
    });
    const text = pdfText(bytes);
    expect(text).toContain('Responder: >= 30% reduction -> continue; ? unknown');
  });

  it('breaks long tables across pages, repeating the headings and numbering every page', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`Medication ${i + 1}`, i % 2 ? 'Failed' : 'Intolerant']);
    const bytes = await renderReportPdf({
      ...base,
      sections: [{ heading: 'Medications', blocks: [{ kind: 'table', columns: [{ header: 'Drug', width: 1 }, { header: 'Outcome', width: 1 }], rows }] }],
    });
    const pages = pdfPageCount(bytes);
    expect(pages).toBeGreaterThan(1);
    const text = pdfText(bytes);
    expect(text).toContain('Medication 120');
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text.match(/Drug/g)!.length).toBe(pages);
  });
});
