/**
 * Read one file's text by its kind. Runs inside an extraction worker thread (worker.ts); the
 * benchmark also calls it directly. Every failure comes back as an outcome with a reason in
 * plain words; nothing thrown here stops the pipeline.
 */
import { statSync } from 'node:fs';
import { ExtractFailure, failureText, type ExtractLimits } from '../rules/failures';
import { unsupportedReason, type FileKind } from '../rules/file-kind';
import { extractDocx } from './docx';
import { extractPlainImage, extractTiff } from './image';
import { extractPdf } from './pdf';
import type { ExtractOutcome } from './protocol';
import { extractText } from './text';

export async function extractFile(file: string, kind: FileKind, limits: ExtractLimits): Promise<ExtractOutcome> {
  try {
    let size: number;
    try {
      size = statSync(file).size;
    } catch (err) {
      return { ok: false, code: 'unreadable', message: failureText.unreadable((err as NodeJS.ErrnoException).code ?? 'unknown error') };
    }
    if (size === 0) return { ok: false, code: 'empty', message: failureText.empty() };
    if (size > limits.maxFileBytes) return { ok: false, code: 'too_large', message: failureText.tooLarge(size, limits.maxFileBytes) };
    switch (kind) {
      case 'pdf':
        return await extractPdf(file, limits);
      case 'png':
      case 'jpeg':
        return await extractPlainImage(file, kind, limits);
      case 'tiff':
        return await extractTiff(file, limits);
      case 'docx':
        return extractDocx(file, limits);
      case 'text':
        return extractText(file, limits);
      case 'unsupported':
        return { ok: false, code: 'unsupported', message: unsupportedReason(file) };
    }
  } catch (err) {
    if (err instanceof ExtractFailure) return { ok: false, code: err.code, message: err.message };
    return { ok: false, code: 'corrupt', message: failureText.corrupt('file') };
  }
}
