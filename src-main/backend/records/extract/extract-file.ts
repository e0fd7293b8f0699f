/**
 * Read one file's text by its kind. Runs inside an extraction worker thread (worker.ts); the
 * benchmark also calls it directly. Every failure comes back as an outcome with a reason in
 * plain words; nothing thrown here stops the pipeline. The file is read once, through
 * security/data-files.ts (`key` opens the app's sealed copy), and the readers work on the
 * bytes in memory.
 */
import { dataFileSize, readDataFile } from '../../security/data-files';
import { ExtractFailure, failureText, type ExtractLimits } from '../rules/failures';
import { unsupportedReason, type FileKind } from '../rules/file-kind';
import { extractDocx } from './docx';
import { extractPlainImage, extractTiff } from './image';
import { extractPdf } from './pdf';
import type { ExtractOutcome } from './protocol';
import { extractText } from './text';

export async function extractFile(file: string, kind: FileKind, limits: ExtractLimits, key: Uint8Array | null = null): Promise<ExtractOutcome> {
  try {
    const size = dataFileSize(file);
    if (size === null) return { ok: false, code: 'unreadable', message: failureText.unreadable('ENOENT') };
    if (size === 0) return { ok: false, code: 'empty', message: failureText.empty() };
    if (size > limits.maxFileBytes) return { ok: false, code: 'too_large', message: failureText.tooLarge(size, limits.maxFileBytes) };
    let bytes: Buffer;
    try {
      bytes = readDataFile(file, key);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return { ok: false, code: 'unreadable', message: failureText.unreadable(code ?? 'the copy could not be decrypted') };
    }
    switch (kind) {
      case 'pdf':
        return await extractPdf(bytes, limits);
      case 'png':
      case 'jpeg':
        return await extractPlainImage(bytes, kind, limits);
      case 'tiff':
        return await extractTiff(bytes, limits);
      case 'docx':
        return extractDocx(bytes, limits);
      case 'text':
        return extractText(bytes, limits);
      case 'unsupported':
        return { ok: false, code: 'unsupported', message: unsupportedReason(file) };
    }
  } catch (err) {
    if (err instanceof ExtractFailure) return { ok: false, code: err.code, message: err.message };
    return { ok: false, code: 'corrupt', message: failureText.corrupt('file') };
  }
}
