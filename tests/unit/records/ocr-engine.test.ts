/**
 * What the OCR engine is given (extract/ocr.ts): the English data with only its LSTM
 * components, byte for byte (extract/traineddata.ts), and the EXIF orientation as tesseract.js
 * reads it; and the Node options of an extraction worker started from source (extract/pool.ts),
 * which leave tsx to the worker's bootstrap. The OCR text itself is checked in extract.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { englishDataPath, exifOrientation } from '../../../src-main/backend/records/extract/ocr';
import { withoutTsxLoader } from '../../../src-main/backend/records/extract/pool';
import { lstmOnlyTraineddata } from '../../../src-main/backend/records/extract/traineddata';

/** A .traineddata container: count, offsets (-1 when absent), then the components in order. */
function container(count: number, components: Record<number, number[]>): Uint8Array {
  const head = 4 + 8 * count;
  const size = head + Object.values(components).reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setInt32(0, count, true);
  let at = head;
  for (let i = 0; i < count; i++) {
    const c = components[i];
    view.setBigInt64(4 + 8 * i, c ? BigInt(at) : -1n, true);
    if (c) {
      out.set(c, at);
      at += c.length;
    }
  }
  return out;
}

/** Each present component's bytes, by index. */
function componentsOf(data: Uint8Array): Map<number, string> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = view.getInt32(0, true);
  const offsets = Array.from({ length: count }, (_, i) => Number(view.getBigInt64(4 + 8 * i, true)));
  const out = new Map<number, string>();
  offsets.forEach((start, i) => {
    if (start < 0) return;
    const end = offsets.slice(i + 1).find((o) => o >= 0) ?? data.byteLength;
    out.set(i, Buffer.from(data.subarray(start, end)).toString('hex'));
  });
  return out;
}

describe('the language data handed to the OCR engine', () => {
  it('keeps the LSTM components (17 on) unchanged and leaves out the legacy ones', () => {
    const full = container(24, { 1: [1, 1], 3: [3, 3, 3], 14: [14], 17: [17, 17, 17, 17], 19: [19, 19], 23: [23] });
    const lstm = lstmOnlyTraineddata(full)!;
    expect(componentsOf(lstm)).toEqual(
      new Map([
        [17, '11111111'],
        [19, '1313'],
        [23, '17'],
      ]),
    );
    expect(lstm.byteLength).toBe(4 + 8 * 24 + 7);
  });

  it('is null for what is not such a container, or one without an LSTM model', () => {
    expect(lstmOnlyTraineddata(new Uint8Array([1, 2]))).toBeNull();
    expect(lstmOnlyTraineddata(new TextEncoder().encode('not a traineddata file at all, just words'))).toBeNull();
    expect(lstmOnlyTraineddata(container(24, { 3: [3], 14: [14] }))).toBeNull();
    const outOfRange = container(24, { 17: [17] });
    new DataView(outOfRange.buffer).setBigInt64(4 + 8 * 17, 1_000_000n, true);
    expect(lstmOnlyTraineddata(outOfRange)).toBeNull();
  });

  it('from the shipped English file: the same LSTM components, a fifth of the size', () => {
    const full = new Uint8Array(gunzipSync(readFileSync(join(englishDataPath(), 'eng.traineddata.gz'))));
    const lstm = lstmOnlyTraineddata(full)!;
    const before = componentsOf(full);
    const after = componentsOf(lstm);
    expect([...after.keys()]).toEqual([...before.keys()].filter((i) => i >= 17));
    for (const [i, bytes] of after) expect(bytes === before.get(i), `component ${i}`).toBe(true);
    expect(lstm.byteLength).toBeLessThan(full.byteLength / 4);
  });
});

describe('EXIF orientation, read as tesseract.js reads it', () => {
  it('is the value of the Orientation tag when the first 500 bytes hold one, else 1', () => {
    const tag = [1, 18, 0, 3, 0, 0, 0, 1, 0, 6];
    expect(exifOrientation(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, 0, ...tag, 0]))).toBe(6);
    expect(exifOrientation(new Uint8Array([0xff, 0xd8, ...new Array<number>(600).fill(0), ...tag]))).toBe(1);
    expect(exifOrientation(new TextEncoder().encode('P5\n3 1\n255\n\u0001\u0012'))).toBe(1);
  });
});

describe('Node options of an extraction worker started from source', () => {
  it("drop tsx's loader flags, in every spelling, and keep the others", () => {
    expect(withoutTsxLoader(['--import', 'tsx'])).toEqual([]);
    expect(withoutTsxLoader(['--import=tsx', '--conditions', 'development'])).toEqual(['--conditions', 'development']);
    expect(
      withoutTsxLoader(['--require', '/app/node_modules/tsx/dist/preflight.cjs', '--import', 'file:///app/node_modules/tsx/dist/loader.mjs', '--enable-source-maps']),
    ).toEqual(['--enable-source-maps']);
    expect(withoutTsxLoader(['--import', './telemetry.mjs', '--require', 'dotenv/config'])).toEqual(['--import', './telemetry.mjs', '--require', 'dotenv/config']);
    expect(withoutTsxLoader(['--import'])).toEqual(['--import']);
  });
});
