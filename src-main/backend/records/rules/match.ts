/**
 * Whose record is this? Every patient the identifiers point at (by MRN, by date of birth, by
 * name) is weighed against the text, and each candidate carries its reason in words.
 *
 * - strong: a labelled MRN with the patient's name or date of birth also in the text; the
 *   patient's full name (accents and case folded) with their date of birth.
 * - weak (a suggestion a person confirms, never a silent attachment): an MRN whose name and
 *   date of birth are not in the text; a date of birth with a name that is only close (OCR
 *   misreads, a missing accent in the source, a typo); a full name with no date of birth.
 *
 * Exactly one strong candidate attaches the record ("matched"); two different strong
 * candidates, or only weak ones, make a suggestion; none leaves it unmatched. Pure.
 */
import type { MatchKind, MatchState, RecordCandidate } from '../../../../src-shared/api/schemas/records';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';
import { foldName } from '../../../../src-shared/domain/names';
import type { DateHit, MrnHit } from './identifiers';

export interface PatientLite {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  mrn: string;
}

export interface MatchDecision {
  state: Extract<MatchState, 'unmatched' | 'suggested' | 'matched'>;
  patientId: string | null;
  kind: MatchKind | null;
  reason: string | null;
  candidates: RecordCandidate[];
}

/** Folded words of a page, in order (for finding names). */
export function pageWords(text: string): string[] {
  return foldName(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Damerau-style edit distance (adjacent swaps count once), capped: only "is it ≤ max" matters. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2: number[] = new Array(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j]!;
    prev = cur;
  }
  return prev[b.length]!;
}

/** How many edits still count as "close" for a name of this length (none for short names). */
function allowedEdits(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

type Found = 'exact' | 'close';

/** A page's folded words and where each word occurs, so exact names are found by lookup. */
export interface PageIndex {
  words: readonly string[];
  at: ReadonlyMap<string, readonly number[]>;
}

export function indexPage(words: readonly string[]): PageIndex {
  const at = new Map<string, number[]>();
  words.forEach((w, i) => {
    const list = at.get(w);
    if (list) list.push(i);
    else at.set(w, [i]);
  });
  return { words, at };
}

/**
 * Word positions where a (possibly multi-word) name appears exactly, and, with `close`, also
 * within the edit budget. Exact finds are lookups; close ones compare every word, so they are
 * only asked for patients the date of birth or MRN already points at.
 */
function namePositions(page: PageIndex, name: string, close: boolean): Map<number, Found> {
  const parts = foldName(name).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const out = new Map<number, Found>();
  if (parts.length === 0) return out;
  const { words } = page;
  for (const i of page.at.get(parts[0]!) ?? []) {
    if (parts.every((p, k) => words[i + k] === p)) out.set(i, 'exact');
  }
  const joined = parts.join('');
  const edits = allowedEdits(joined.length);
  if (!close || edits === 0) return out;
  for (let i = 0; i < words.length; i++) {
    if (out.has(i)) continue;
    // One to three words run together or split differently, within the edit budget.
    let run = '';
    for (let k = 0; k < 3 && i + k < words.length; k++) {
      run += words[i + k];
      if (run.length > joined.length + edits) break;
      if (editDistance(run, joined, edits) <= edits) {
        out.set(i, 'close');
        break;
      }
    }
  }
  return out;
}

export interface NameOnPage {
  found: Found;
  page: number;
}

/**
 * The patient's first and last name near each other (within three words, either order:
 * "Ana Ramirez", "RAMIREZ, ANA M"). The best finding over all pages, first page first.
 */
export function findFullName(pages: readonly PageIndex[], first: string, last: string, close = true): NameOnPage | null {
  let best: NameOnPage | null = null;
  pages.forEach((page, i) => {
    if (best?.found === 'exact') return;
    const lastAt = namePositions(page, last, close);
    if (lastAt.size === 0) return;
    const firstAt = namePositions(page, first, close);
    for (const [l, lf] of lastAt) {
      for (const [f, ff] of firstAt) {
        if (f === l || Math.abs(f - l) > 3) continue;
        const found: Found = lf === 'exact' && ff === 'exact' ? 'exact' : 'close';
        if (!best || (found === 'exact' && best.found !== 'exact')) best = { found, page: i + 1 };
        if (found === 'exact') return;
      }
    }
  });
  return best;
}

const KIND_ORDER: Record<MatchKind, number> = { mrn: 0, name_dob: 1, name: 2, manual: 3 };

function displayName(p: PatientLite): string {
  return `${p.lastName}, ${p.firstName}`;
}

function pagesIndex(pages: readonly string[]): PageIndex[] {
  return pages.map((p) => indexPage(pageWords(p)));
}

/** Weigh every patient the identifiers pointed at; see the file comment for the rules. */
export function matchRecord(
  pages: readonly string[],
  found: { mrns: readonly MrnHit[]; dates: readonly DateHit[] },
  patients: readonly PatientLite[],
  index: readonly PageIndex[] = pagesIndex(pages),
): MatchDecision {
  const candidates: RecordCandidate[] = [];
  const datesByValue = new Map<string, DateHit[]>();
  for (const d of found.dates) {
    const list = datesByValue.get(d.date) ?? [];
    list.push(d);
    datesByValue.set(d.date, list);
  }
  const mrnByValue = new Map(found.mrns.map((m) => [m.value, m]));

  for (const p of patients) {
    const base = { patientId: p.id, patientName: displayName(p), dateOfBirth: p.dateOfBirth, mrn: p.mrn };
    const dobHits = datesByValue.get(p.dateOfBirth) ?? [];
    // A labelled DOB is the better witness; otherwise the first page it is on.
    const dob = dobHits.find((d) => d.labelled) ?? dobHits[0];
    const mrn = mrnByValue.get(p.mrn.toUpperCase());
    // Close (misspelt) names count only beside a DOB or MRN; a name alone must be exact.
    const name = findFullName(index, p.firstName, p.lastName, Boolean(dob || mrn));

    if (mrn) {
      if (name?.found === 'exact' || dob) {
        candidates.push({ ...base, kind: 'mrn', strength: 'strong', reason: `MRN ${mrn.value} on page ${mrn.page}` });
      } else {
        candidates.push({
          ...base,
          kind: 'mrn',
          strength: 'weak',
          reason: `MRN ${mrn.value} on page ${mrn.page}, but neither the patient's name nor date of birth was found`,
        });
      }
      continue;
    }
    if (dob && name?.found === 'exact') {
      const reason =
        name.page === dob.page
          ? `name and date of birth on page ${dob.page}`
          : `name on page ${name.page} and date of birth on page ${dob.page}`;
      candidates.push({ ...base, kind: 'name_dob', strength: 'strong', reason });
      continue;
    }
    if (dob && name?.found === 'close') {
      candidates.push({
        ...base,
        kind: 'name_dob',
        strength: 'weak',
        reason: `date of birth ${formatCalendarDate(p.dateOfBirth)} and a similar name on page ${name.page}`,
      });
      continue;
    }
    if (name?.found === 'exact') {
      candidates.push({
        ...base,
        kind: 'name',
        strength: 'weak',
        reason: `name on page ${name.page}, but no matching date of birth`,
      });
    }
  }

  candidates.sort(
    (a, b) =>
      (a.strength === b.strength ? 0 : a.strength === 'strong' ? -1 : 1) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.patientName.localeCompare(b.patientName),
  );
  const strong = candidates.filter((c) => c.strength === 'strong');
  const top = candidates[0];
  if (!top) return { state: 'unmatched', patientId: null, kind: null, reason: null, candidates };
  if (strong.length === 1) {
    return { state: 'matched', patientId: top.patientId, kind: top.kind, reason: top.reason, candidates };
  }
  if (strong.length > 1) {
    return {
      state: 'suggested',
      patientId: top.patientId,
      kind: top.kind,
      reason: `${top.reason}; ${strong.length} patients match, so a person must choose`,
      candidates,
    };
  }
  return { state: 'suggested', patientId: top.patientId, kind: top.kind, reason: top.reason, candidates };
}
