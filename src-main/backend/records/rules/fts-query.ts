/**
 * Turning what someone typed into an FTS5 query, and FTS5's snippet() back into pieces the
 * screen can highlight. Pure.
 *
 * Every word must be found (FTS5's implicit AND); each word is quoted so that FTS5 operators
 * (OR, NOT, NEAR, *, ^, column filters) typed by accident are plain words; the last word is a
 * prefix ("stella" finds "stellate") because people search as they type.
 *
 * Words typed in double quotes ("nerve block", or “nerve block” pasted with curly quotes) are a
 * phrase: found only next to each other, in that order, each a whole word. A quote opens a
 * phrase only at the start of a word and closes it only at the end of one: a quote left open,
 * or one inside a word (O"Brien), is a separator as before, so the words are searched one by one.
 */
import { foldName } from '../../../../src-shared/domain/names';

export const MAX_TERMS = 12;

export interface FtsQuery {
  match: string;
  /** The words searched for, a phrase as its words joined by a space. */
  terms: string[];
}

/** A phrase: a straight or curly double quote not inside a word, up to the next one not inside a word. */
const PHRASE = /(?<![\p{L}\p{N}])["“”]([^"“”]*)["“”](?![\p{L}\p{N}])/gu;

const wordsIn = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

export function toFtsQuery(q: string): FtsQuery | null {
  const folded = foldName(q);
  // What was typed, in order: single words, and phrases (their words).
  const typed: { words: string[]; phrase: boolean }[] = [];
  const addWords = (text: string) => typed.push(...wordsIn(text).map((w) => ({ words: [w], phrase: false })));
  let from = 0;
  for (const m of folded.matchAll(PHRASE)) {
    addWords(folded.slice(from, m.index));
    typed.push({ words: wordsIn(m[1]!), phrase: true });
    from = m.index + m[0].length;
  }
  addWords(folded.slice(from));

  // Each word or phrase once, at most MAX_TERMS words in all (a long phrase is cut there).
  const items: { text: string; phrase: boolean }[] = [];
  const seen = new Set<string>();
  let room = MAX_TERMS;
  for (const t of typed) {
    const text = t.words.slice(0, room).join(' ');
    // A word and the same word in quotes are one search.
    if (!text || seen.has(text)) continue;
    seen.add(text);
    items.push({ text, phrase: t.phrase });
    room -= Math.min(t.words.length, room);
    if (room === 0) break;
  }
  if (items.length === 0) return null;
  const last = items.length - 1;
  // A one-letter prefix matches half the index; only longer last words become prefixes. A phrase
  // was closed by its quote: its words are whole words. Quoted text is only letters, digits and
  // spaces here, so nothing in it is FTS5 syntax, and FTS5 reads a quoted string of words as a phrase.
  const match = items.map((t, i) => (i === last && !t.phrase && t.text.length >= 2 ? `"${t.text}"*` : `"${t.text}"`)).join(' ');
  return { match, terms: items.map((t) => t.text) };
}

/** Markers passed to snippet(); control characters that stored text never contains (see cleanText). */
export const HIT_OPEN = '\u0001';
export const HIT_CLOSE = '\u0002';

export interface SnippetPart {
  text: string;
  hit: boolean;
}

export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf(HIT_OPEN);
    if (open < 0) {
      parts.push({ text: rest, hit: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), hit: false });
    const close = rest.indexOf(HIT_CLOSE, open + 1);
    const end = close < 0 ? rest.length : close;
    parts.push({ text: rest.slice(open + 1, end), hit: true });
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  // Page breaks (form feeds) read as a line break in a snippet.
  return parts.filter((p) => p.text.length > 0).map((p) => ({ ...p, text: p.text.replace(/\f/g, ' … ') }));
}

/** Text as stored: no control characters but line breaks, tabs and page breaks. */
export function cleanText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, ' ')
      .replace(/[ \t]+\n/g, '\n')
  );
}
