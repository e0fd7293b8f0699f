/**
 * OCR with tesseract.js and the English data shipped in @tesseract.js-data/eng: nothing is
 * fetched from the network (langPath is a local folder, the language cache is off). One
 * tesseract worker per extraction thread, made on first use and kept for the next file.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker, OEM, type Worker as TesseractWorker } from 'tesseract.js';

let worker: Promise<TesseractWorker> | null = null;

/** The folder holding eng.traineddata.gz. */
export function englishDataPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0');
}

function ocrWorker(): Promise<TesseractWorker> {
  worker ??= createWorker('eng', OEM.LSTM_ONLY, {
    langPath: englishDataPath(),
    gzip: true,
    cacheMethod: 'none',
  }).catch((err: unknown) => {
    worker = null;
    throw err;
  });
  return worker;
}

/** The text of one encoded image (PNG, JPEG, PGM from canvas-image.ts, TIFF first page, BMP). */
export async function recognize(image: Buffer): Promise<string> {
  const w = await ocrWorker();
  const result = await w.recognize(image);
  return result.data.text;
}

export async function stopOcr(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await (await w).terminate();
}
