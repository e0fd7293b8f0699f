/**
 * Messages between the records pipeline and an extraction worker thread. Plain data only
 * (structured clone). The worker reads the app's own copy of the file, never the original,
 * through security/data-files.ts with the key the job carries.
 */
import type { FailureCode } from '../../../../src-shared/api/schemas/records';
import type { ExtractLimits } from '../rules/failures';
import type { FileKind } from '../rules/file-kind';

export interface ExtractJob {
  id: number;
  /** Absolute path of the file to read. */
  file: string;
  kind: FileKind;
  limits: ExtractLimits;
  /** The data-files key when the copy is sealed (an encrypted store); null for plain files. */
  key: Uint8Array | null;
}

export interface PageText {
  text: string;
  method: 'text' | 'ocr';
}

export type ExtractOutcome =
  | {
      ok: true;
      pages: PageText[];
      /** Pages in the file (more than `pages.length` when a limit cut reading short). */
      pagesTotal: number;
      /** Scanned pages left without OCR because of the per-file OCR limit. */
      ocrSkipped: number;
    }
  | { ok: false; code: FailureCode; message: string };

export type ToWorker = { type: 'job'; job: ExtractJob };
export type FromWorker = { type: 'ready' } | { type: 'done'; id: number; outcome: ExtractOutcome };
