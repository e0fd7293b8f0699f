/**
 * Every row of a paged list, for a download: asks for pages of `size` until `total` rows are in
 * (or a page comes back empty, when rows were removed meanwhile). The screen keeps showing its
 * own page; the file holds the whole list under the same filters.
 */
export async function allPages<T>(size: number, page: (offset: number, limit: number) => Promise<{ rows: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const { rows, total } = await page(out.length, size);
    out.push(...rows);
    if (rows.length === 0 || out.length >= total) return out;
  }
}
