/**
 * OCR with the tesseract.js engine (tesseract.js-core, Tesseract built to WebAssembly) and the
 * English data shipped in @tesseract.js-data/eng: nothing is fetched from the network. One
 * engine per extraction thread, made on first use and kept for the next file; it ends with the
 * thread (the pool ends idle threads, so an idle app holds no engine).
 *
 * The engine runs in this thread, called as tesseract.js's own worker calls it (the same core
 * build, chosen the same way; the image written to the engine's in-memory file system and read
 * with SetImageFile, EXIF orientation as tesseract.js reads it; Recognize; GetUTF8Text), so the
 * text is the same. tesseract.js's createWorker would start a second thread per extraction
 * thread (another JavaScript heap with its own copy of every page image) and keep the language
 * file in it twice besides the engine's copies; measured on 6 scanned pages at 200 dpi
 * (2026-12-06): a thread OCRing through createWorker peaked 249 MB above the process's start,
 * with the engine in the thread and the LSTM-only data (traineddata.ts) 133 MB, same text,
 * same speed.
 *
 * The language data is handed to the engine with only its LSTM components (traineddata.ts):
 * Tesseract keeps a copy of the whole file in its memory, and the legacy components (18 of the
 * 23 MB) are never read by the LSTM-only engine. The file is removed from the engine's file
 * system once loaded, and each page image once read.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { lstmOnlyTraineddata } from './traineddata';

/** tesseract.js's OEM.LSTM_ONLY, as its createWorker is called by default. */
const LSTM_ONLY = 1;
const DATA_FILE = '/eng.traineddata';
const IMAGE_FILE = '/input';

/** The parts of the engine's Emscripten module and its TessBaseAPI binding used here. */
interface TessBaseApi {
  Init(dataPath: string, language: string, oem: number): number;
  SetImageFile(exifOrientation: number, angle: number): number;
  Recognize(monitor: null): number;
  GetUTF8Text(): string;
  Clear(): void;
  End(): void;
}
interface TessModule {
  FS: { writeFile(path: string, data: Uint8Array): void; unlink(path: string): void };
  TessBaseAPI: new () => TessBaseApi;
}
type TessCore = (moduleArg: { TesseractProgress?(percent: number): void }) => Promise<TessModule>;
/** tesseract.js's getCore (src/worker-script/node/getCore.js): picks the relaxed-SIMD, SIMD or plain LSTM build. */
type GetCore = (oem: number, corePath: string | undefined, res: { progress(info: unknown): void }) => Promise<TessCore>;

interface Engine {
  module: TessModule;
  api: TessBaseApi;
}

let engine: Promise<Engine> | null = null;

/** The folder holding eng.traineddata.gz. */
export function englishDataPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0');
}

async function startEngine(): Promise<Engine> {
  const require = createRequire(import.meta.url);
  const getCore = require('tesseract.js/src/worker-script/node/getCore.js') as GetCore;
  const core = await getCore(LSTM_ONLY, undefined, { progress: () => {} });
  const module = await core({});
  const full = gunzipSync(readFileSync(join(englishDataPath(), 'eng.traineddata.gz')));
  module.FS.writeFile(DATA_FILE, lstmOnlyTraineddata(full) ?? full);
  const api = new module.TessBaseAPI();
  const status = api.Init('/', 'eng', LSTM_ONLY);
  module.FS.unlink(DATA_FILE);
  if (status !== 0) throw new Error('The OCR engine could not load its English data.');
  return { module, api };
}

function ocrEngine(): Promise<Engine> {
  engine ??= startEngine().catch((err: unknown) => {
    engine = null;
    throw err;
  });
  return engine;
}

/** The EXIF orientation (1-8) as tesseract.js reads it from an image's first 500 bytes; 1 when there is none. */
export function exifOrientation(image: Uint8Array): number {
  return Number.parseInt(Array.from(image.subarray(0, 500)).join(' ').match(/1 18 0 3 0 0 0 1 0 (\d)/)?.[1] ?? '', 10) || 1;
}

/** The text of one encoded image (PNG, JPEG, PGM from canvas-image.ts, TIFF first page). */
export async function recognize(image: Uint8Array): Promise<string> {
  const e = await ocrEngine();
  let text: string | null = null;
  e.module.FS.writeFile(IMAGE_FILE, image);
  try {
    if (e.api.SetImageFile(exifOrientation(image), 0) !== 1) {
      e.api.Recognize(null);
      text = e.api.GetUTF8Text();
    }
    e.module.FS.unlink(IMAGE_FILE);
    e.api.Clear();
  } catch (err) {
    // An engine that failed mid-page (out of memory) is not used again.
    engine = null;
    throw err;
  }
  if (text === null) throw new Error('The OCR engine could not read the image.');
  return text;
}

export async function stopOcr(): Promise<void> {
  const e = engine;
  engine = null;
  if (e) (await e.catch(() => null))?.api.End();
}
