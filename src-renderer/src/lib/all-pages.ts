/**
 * Every row of a paged list, for a download: asks for pages of `size` until `total` rows are in
 * (or a page comes back empty, when rows were removed meanwhile). The screen keeps showing its
 * own page; the file holds the whole list under the same filters.
 *
 * A long list (the waiting list's 17,000 patients on a large clinic is some 90 pages) says how
 * far it has got after each page (`onPage`) and stops between pages when `signal` is aborted,
 * throwing DownloadCancelled: nothing half-made is kept. Each page is its own call, so the
 * backend answers the screen's other calls in between.
 */
export class DownloadCancelled extends Error {
  constructor() {
    super('The download was cancelled.');
    this.name = 'DownloadCancelled';
  }
}

export interface PagesOptions {
  onPage?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export async function allPages<T>(
  size: number,
  page: (offset: number, limit: number) => Promise<{ rows: T[]; total: number }>,
  opts: PagesOptions = {},
): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    if (opts.signal?.aborted) throw new DownloadCancelled();
    const { rows, total } = await page(out.length, size);
    if (opts.signal?.aborted) throw new DownloadCancelled();
    out.push(...rows);
    opts.onPage?.(out.length, Math.max(total, out.length));
    if (rows.length === 0 || out.length >= total) return out;
  }
}
