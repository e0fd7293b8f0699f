import { describe, expect, it } from 'vitest';
import { boardGrid, isStale, STALE_AFTER_MS } from '../../../src-renderer/src/features/board/board-model';

describe('the wall board layout', () => {
  it('puts eight suites in 4 x 2 at full size, grows the type for one row and shrinks it for a third', () => {
    expect(boardGrid(2)).toEqual({ cols: 2, rows: 1, scale: 1.4 });
    expect(boardGrid(4)).toEqual({ cols: 2, rows: 2, scale: 1 });
    expect(boardGrid(8)).toEqual({ cols: 4, rows: 2, scale: 1 });
    expect(boardGrid(12)).toEqual({ cols: 4, rows: 3, scale: 2 / 3 });
    expect(boardGrid(16)).toEqual({ cols: 4, rows: 4, scale: 0.5 });
    expect(boardGrid(0)).toEqual({ cols: 1, rows: 1, scale: 1.4 });
  });
});

describe('a stale board', () => {
  it('is one with no answer yet or none for longer than three refreshes', () => {
    expect(isStale(null, 0)).toBe(true);
    expect(isStale(1_000, 1_000 + STALE_AFTER_MS)).toBe(false);
    expect(isStale(1_000, 1_001 + STALE_AFTER_MS)).toBe(true);
  });
});
