/**
 * Text folding shared by the intake matchers: lower case, accents off, every run of
 * punctuation or space becomes one space. "Lamictal XR 100mg" → "lamictal xr 100mg";
 * "St. John's Wort" → "st john s wort". Pure.
 */
export function foldWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True when `phrase` (already folded) occurs in `folded` as whole words. */
export function hasWholeWords(folded: string, phrase: string): boolean {
  if (!phrase) return false;
  return ` ${folded} `.includes(` ${phrase} `);
}
