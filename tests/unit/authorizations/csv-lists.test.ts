import { describe, expect, it } from 'vitest';
import { allPages, DownloadCancelled } from '../../../src-renderer/src/lib/all-pages';
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

  it('say how far they have got after each page, and stop between pages on Cancel without asking for more', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => i);
    const seen: [number, number][] = [];
    const asked: number[] = [];
    const ctl = new AbortController();
    const run = allPages(
      4,
      async (offset, limit) => {
        asked.push(offset);
        // The person presses Cancel while the second page is on its way.
        if (offset === 4) ctl.abort();
        return { rows: rows.slice(offset, offset + limit), total: rows.length };
      },
      { signal: ctl.signal, onPage: (done, total) => seen.push([done, total]) },
    );
    await expect(run).rejects.toBeInstanceOf(DownloadCancelled);
    expect(asked).toEqual([0, 4]);
    expect(seen).toEqual([[4, 10]]);
    const all: [number, number][] = [];
    await allPages(4, async (offset, limit) => ({ rows: rows.slice(offset, offset + limit), total: rows.length }), { onPage: (d, t) => all.push([d, t]) });
    expect(all).toEqual([
      [4, 10],
      [8, 10],
      [10, 10],
    ]);
  });
});
