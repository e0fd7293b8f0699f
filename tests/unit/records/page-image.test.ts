/**
 * The page image handed to OCR (extract/canvas-image.ts): 8-bit grey PGM, one byte a pixel, a
 * header tesseract reads; and the pool's default size, one extraction worker per core.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { rgbaToPgm } from '../../../src-main/backend/records/extract/canvas-image';
import { defaultPoolSize } from '../../../src-main/backend/records/runtime';

describe('page images for OCR', () => {
  it('are grey PGM: header, then one luma byte per pixel', () => {
    // 3 × 1: white, black, pure red.
    const rgba = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255]);
    const pgm = rgbaToPgm(rgba, 3, 1);
    const head = 'P5\n3 1\n255\n';
    expect(pgm.subarray(0, head.length).toString('ascii')).toBe(head);
    expect([...pgm.subarray(head.length)]).toEqual([255, 0, 76]);
    expect(pgm.length).toBe(head.length + 3);
  });

  it('ignore padding beyond width × height', () => {
    const rgba = new Uint8Array(4 * 4).fill(128);
    expect(rgbaToPgm(rgba, 1, 2).length).toBe('P5\n1 2\n255\n'.length + 2);
  });
});

describe('extraction pool size', () => {
  it('is one worker per core but one (the desk keeps a core), at least 1 and at most 4', () => {
    expect([1, 2, 3, 4, 8, 16].map((cores) => defaultPoolSize(cores))).toEqual([1, 1, 2, 3, 4, 4]);
    expect(defaultPoolSize()).toBe(defaultPoolSize(availableParallelism()));
  });
});
