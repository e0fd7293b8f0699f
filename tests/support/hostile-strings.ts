/**
 * Free text people paste that breaks naive documents: quotes of every kind, markup, direction
 * marks and overrides, emoji (with a skin tone and a joiner sequence), CJK and Hangul, accents
 * both composed and decomposed, and a word longer than any line. Shared by every test that
 * checks a free-text field round-trips into a PDF or an export unchanged.
 */
export const HOSTILE_STRINGS = {
  quotes: `O'Brien said "no" — ‘really’ «non» „ja“`,
  markup: '<script>alert("x")</script> & <b>bold</b> &amp;',
  rtl: 'Dr. Levi\u200f, \u200eMD (\u202eevil\u202c)',
  emoji: 'Felt better 😀👍🏽 👨‍👩‍👧 ✓',
  cjk: '中文病历 日本語のカルテ 한국어 기록',
  accents: 'Zoë Peña-Ñúñez, Łódź, Ærøskøbing, José (decomposed: Jose\u0301)',
  longWord: 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(4),
} satisfies Record<string, string>;

/**
 * pdftotext wraps every right-to-left run it meets (here the RLM and RLO marks themselves) in
 * RLE … PDF (U+202B … U+202C) of its own; those two are its framing, not the PDF's text.
 * (Hebrew or Arabic letters are not in the list above: the writer prints them in the order typed,
 * without bidi reordering, and pdftotext reverses such runs.)
 */
export function withoutPopplerBidiFrames(text: string): string {
  return text.replace(/\u202b([^\u202b\u202c]*)\u202c/g, '$1');
}
