/**
 * Turning what someone typed into an FTS5 query, and FTS5's snippet() back into pieces the
 * screen can highlight. Pure.
 *
 * Every word must be found (FTS5's implicit AND); each word is quoted so that FTS5 operators
 * (OR, NOT, NEAR, *, ^, column filters) typed by accident are plain words; the last word is a
 * prefix ("stella" finds "stellate") because people search as they type.
 */
import { foldName } from '../../../../src-shared/domain/names';

export const MAX_TERMS = 12;

export interface FtsQuery {
  match: string;
  terms: string[];
}

export function toFtsQuery(q: string): FtsQuery | null {
  const terms = [...new Set(foldName(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean))].slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  const last = terms.length - 1;
  // A one-letter prefix matches half the index; only longer last words become prefixes.
  const match = terms.map((t, i) => (i === last && t.length >= 2 ? `"${t}"*` : `"${t}"`)).join(' ');
  return { match, terms };
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
