import { describe, expect, it } from 'vitest';
import { allPages } from '../../../src-renderer/src/lib/all-pages';
import { csvText } from '../../../src-shared/domain/csv';
import { HOSTILE_STRINGS } from '../../support/hostile-strings';

describe('list downloads', () => {
  it('quote only what needs quoting, double quotes, end lines in CRLF, and keep every typed character', () => {
    const text = csvText(['Patient', 'Note'], [
      ['Ana, "Nina" Ruiz', 'line one\nline two'],
      [HOSTILE_STRINGS.cjk, null],
    ]);
    expect(text).toBe(`Patient,Note\r\n"Ana, ""Nina"" Ruiz","line one\nline two"\r\n${HOSTILE_STRINGS.cjk},\r\n`);
  });

  it('collect every page of a list, stopping at its total or at an empty page', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => i);
    const asked: number[] = [];
    const got = await allPages(3, async (offset, limit) => {
      asked.push(offset);
      return { rows: rows.slice(offset, offset + limit), total: rows.length };
    });
    expect(got).toEqual(rows);
    expect(asked).toEqual([0, 3, 6]);
    // Rows removed while downloading: an empty page ends it.
    expect(await allPages(3, async (offset) => ({ rows: offset === 0 ? [1, 2, 3] : [], total: 10 }))).toEqual([1, 2, 3]);
  });
});
