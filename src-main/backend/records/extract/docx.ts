/** Word documents (.docx): word/document.xml out of the ZIP with fflate, then its words. */
import { unzipSync } from 'fflate';
import { docxXmlToText } from '../rules/docx-text';
import { ExtractFailure, failureText, megabytes, type ExtractLimits } from '../rules/failures';
import type { ExtractOutcome } from './protocol';

export function extractDocx(data: Buffer, limits: ExtractLimits): ExtractOutcome {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let tooBig = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== 'word/document.xml') return false;
        if (f.originalSize > limits.maxDocxXmlBytes) {
          tooBig = f.originalSize;
          return false;
        }
        return true;
      },
    });
  } catch {
    throw new ExtractFailure('corrupt', failureText.corrupt('Word document'));
  }
  if (tooBig) {
    throw new ExtractFailure('too_large', `The Word document's text is too large to read (${megabytes(tooBig)} unpacked; the limit is ${megabytes(limits.maxDocxXmlBytes)}).`);
  }
  const xml = files['word/document.xml'];
  if (!xml) throw new ExtractFailure('corrupt', failureText.corrupt('Word document (it has no document part)'));
  const text = docxXmlToText(new TextDecoder('utf-8').decode(xml));
  const pages = text.split('\f').map((t) => ({ text: t.trim(), method: 'text' as const }));
  return { ok: true, pages, pagesTotal: pages.length, ocrSkipped: 0 };
}
