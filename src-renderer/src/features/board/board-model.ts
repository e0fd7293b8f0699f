/**
 * The wall board's layout and freshness rules, apart from React so they are tested alone: how
 * the suites are laid out (columns, rows, and how much the type shrinks when there are more
 * rows than two), when the board is stale, and the words for a suite's state.
 */
import type { MethodOutput } from '../../../../src-shared/api/contract';

export type BoardData = MethodOutput<'board.today'>;
export type BoardTileData = BoardData['tiles'][number];

/** The board asks again this often; a schedule change reloads it at once as well. */
export const REFRESH_MS = 30_000;
/** No answer for this long (three refreshes missed): the board says plainly that it is out of date. */
export const STALE_AFTER_MS = 90_000;

export function isStale(receivedAt: number | null, now: number): boolean {
  return receivedAt === null || now - receivedAt > STALE_AFTER_MS;
}

export interface BoardGrid {
  cols: number;
  rows: number;
  /** Type size against the two-row layout: everything still fits when more rows share the height. */
  scale: number;
}

/**
 * Up to three suites in one row, the type larger (the tiles are tall); up to eight in two rows
 * (4 x 2 on a 16:9 screen); more in three or four rows, the type smaller.
 */
export function boardGrid(suites: number): BoardGrid {
  const n = Math.max(1, suites);
  if (n <= 3) return { cols: n, rows: 1, scale: 1.4 };
  if (n <= 8) return { cols: Math.ceil(n / 2), rows: 2, scale: 1 };
  const rows = n <= 15 ? 3 : 4;
  return { cols: Math.ceil(n / rows), rows, scale: 2 / rows };
}

export const STATE_WORD: Record<BoardTileData['state'], string> = {
  in_use: 'In use',
  waiting: 'Waiting',
  free: 'Free',
  closed: 'Closed',
};
