/**
 * Folding names for search: "Álvarez", "ALVAREZ" and "alvarez" must find the same patient,
 * and so must "Pena" for "Peña". SQLite's lower() only folds A-Z, so the folded form is
 * computed here and stored beside the name (patients.*_name_key), and the search box's
 * words are folded the same way.
 */
const SPECIAL: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ı: 'i', þ: 'th' };

export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøæœłđıþ]/g, (c) => SPECIAL[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}
