/**
 * The ICD-10 picker's search over the clinic's list. Every word of the query must match
 * the entry, either as the start of its code ("G90.5", "g905") or as the start of a word
 * of its title, keywords, site or laterality ("crps left arm", "fibro"). An exact code
 * comes first; otherwise the list's own order (codes under their headers). Pure.
 */
import type { Icd10Entry } from '../../../../src-shared/api/schemas/intake';
import { foldWords } from './words';

interface Indexed {
  entry: Icd10Entry;
  code: string; // lower case, no dot
  words: string[];
}

const indexCache = new WeakMap<readonly Icd10Entry[], Indexed[]>();

function indexOf(entries: readonly Icd10Entry[]): Indexed[] {
  let idx = indexCache.get(entries);
  if (!idx) {
    idx = entries.map((entry) => ({
      entry,
      code: entry.code.toLowerCase().replace('.', ''),
      words: [
        ...new Set(
          foldWords([entry.title, ...entry.keywords, entry.site ?? '', entry.laterality ?? ''].join(' '))
            .split(' ')
            .filter(Boolean),
        ),
      ],
    }));
    indexCache.set(entries, idx);
  }
  return idx;
}

const CODE_LIKE = /^[a-z]\d[0-9a-z.]*$/;

export function searchIcd10(
  entries: readonly Icd10Entry[],
  q: string,
  opts: { limit: number; includeHeaders: boolean },
): { items: Icd10Entry[]; more: boolean } {
  const raw = q.toLowerCase().trim();
  const tokens = raw.split(/[\s,;/]+/).filter(Boolean);
  const matches: { entry: Icd10Entry; rank: number; order: number }[] = [];
  indexOf(entries).forEach((ix, order) => {
    if (!opts.includeHeaders && !ix.entry.billable) return;
    let exact = false;
    for (const t of tokens) {
      const codeToken = CODE_LIKE.test(t) ? t.replace(/\./g, '') : null;
      if (codeToken && ix.code.startsWith(codeToken)) {
        if (ix.code === codeToken) exact = true;
        continue;
      }
      const word = foldWords(t);
      if (!word) continue;
      if (!word.split(' ').every((w) => ix.words.some((x) => x.startsWith(w)))) return;
    }
    matches.push({ entry: ix.entry, rank: exact ? 0 : 1, order });
  });
  matches.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return { items: matches.slice(0, opts.limit).map((m) => m.entry), more: matches.length > opts.limit };
}
