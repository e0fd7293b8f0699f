/**
 * Folding names for search: "Álvarez", "ALVAREZ" and "alvarez" must find the same patient,
 * and so must "Pena" for "Peña". SQLite's lower() only folds A-Z, so the folded form is
 * computed here and stored beside the name (patients.*_name_key), and the search box's
 * words are folded the same way.
 *
 * The name itself is stored exactly as typed; only this folded form drops what cannot be seen
 * or was never part of the name: Unicode format characters (direction marks such as U+200F,
 * zero-width spaces and joiners, soft hyphens: category Cf) and markup tags pasted from a web
 * page or e-mail (`<b>Smith</b>` is found by "smith"). Only whole tags are dropped: a `<` that
 * does not start a tag ("pain < 3") stays. NFKD also folds compatibility forms (full-width
 * letters, ligatures) as NFKC would, and then the accents are dropped.
 */
// A tag: `<` or `</` then a letter, up to 300 characters without angle brackets, `>`. Bounded and
// without nested repeats: this also folds whole pages of prior records, so it stays linear.
const TAG = /<\/?[a-z][^<>]{0,300}>/gi;
/** Bump when foldName changes: stored keys are folded again at start-up (patients/name-keys.ts). */
export const FOLD_VERSION = 2;

const SPECIAL: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ı: 'i', þ: 'th' };

export function foldName(text: string): string {
  return text
    .replace(/\p{Cf}/gu, '')
    .replace(TAG, ' ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøæœłđıþ]/g, (c) => SPECIAL[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}
