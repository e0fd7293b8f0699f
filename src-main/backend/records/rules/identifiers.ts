/**
 * What a record's text says about whose it is: labelled MRNs ("MRN: 004512", "Medical Record
 * #004512", "Chart No. 004512") and dates, in the ways US records and faxes write them
 * (03/07/1984, 3/7/84, 1984-03-07, March 7, 1984, 7 Mar 1984, 07-MAR-1984). Dates next to a
 * "DOB" / "Date of birth" label are marked as such. Pure: page texts in, findings out, each
 * with the page it is on (1-based).
 */
import { isCalendarDate } from '../../../../src-shared/domain/dates';

export interface MrnHit {
  /** As the clinic stores MRNs: upper case. */
  value: string;
  page: number;
}

export interface DateHit {
  /** YYYY-MM-DD */
  date: string;
  page: number;
  /** Written right after a date-of-birth label. */
  labelled: boolean;
}

const MRN_LABEL =
  /(?:\bMRN\b|\bM\.R\.N\.?|\bMedical\s+Record(?:\s+(?:No\.?|Number|#))?|\bMed\.?\s*Rec\.?\s*(?:No\.?|#)?|\bChart\s*(?:No\.?|Number|#)|\bPatient\s*(?:ID|No\.?|Number|#))\s*(?:[:#]|No\.?)?\s*#?\s*([A-Z0-9][A-Z0-9-]{2,19})\b/giu;

/** OCR reads 0 as O and 1 as l or I inside numbers; fix those only when the rest is digits. */
function ocrDigits(value: string): string {
  const fixed = value.replace(/[OoQ]/g, '0').replace(/[lI|]/g, '1');
  return /^[0-9-]+$/.test(fixed) ? fixed : value;
}

export function findMrns(pages: readonly string[], limit = 20): MrnHit[] {
  const out: MrnHit[] = [];
  const seen = new Set<string>();
  pages.forEach((text, i) => {
    for (const m of text.matchAll(MRN_LABEL)) {
      const raw = m[1]!.toUpperCase();
      // "Patient ID: Ramirez" is not an MRN: require a digit.
      for (const value of new Set([raw, ocrDigits(raw)])) {
        if (!/\d/.test(value) || seen.has(value)) continue;
        seen.add(value);
        out.push({ value, page: i + 1 });
        if (out.length >= limit) return;
      }
    }
  });
  return out;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_WORD = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const DOB_LABEL = String.raw`(?:\bD\.?\s?O\.?\s?B\.?|\bDate\s+of\s+Birth|\bBirth\s*date|\bBorn)\s*[:#-]?\s*`;

interface DatePattern {
  re: RegExp;
  /** [year, month, day] from the match groups (after the optional label group 1). */
  parts(m: RegExpMatchArray): [string, number, number] | null;
}

const label = `(${DOB_LABEL})?`;
const PATTERNS: DatePattern[] = [
  {
    // 1984-03-07
    re: new RegExp(`${label}\\b(\\d{4})-(\\d{2})-(\\d{2})\\b`, 'giu'),
    parts: (m) => [m[2]!, Number(m[3]), Number(m[4])],
  },
  {
    // 03/07/1984, 3-7-84, 3.7.1984 (US order; a first number over 12 is read as the day)
    re: new RegExp(`${label}\\b(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})\\b`, 'giu'),
    parts: (m) => {
      const a = Number(m[2]);
      const b = Number(m[3]);
      if (a > 12 && b <= 12) return [m[4]!, b, a];
      return [m[4]!, a, b];
    },
  },
  {
    // March 7, 1984 / Mar. 7th 1984
    re: new RegExp(`${label}\\b${MONTH_WORD}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'giu'),
    parts: (m) => [m[4]!, MONTHS[m[2]!.slice(0, 3).toLowerCase()] ?? 0, Number(m[3])],
  },
  {
    // 7 March 1984 / 07-MAR-1984 / 7-Mar-84
    re: new RegExp(`${label}\\b(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+${MONTH_WORD}\\.?,?[\\s-]+(\\d{4}|\\d{2})\\b`, 'giu'),
    parts: (m) => [m[4]!, MONTHS[m[3]!.slice(0, 3).toLowerCase()] ?? 0, Number(m[2])],
  },
];

/** Two-digit years: the most recent year that is not after `today` ("84" → 1984, "05" → 2005). */
function fullYear(y: string, today: string): number {
  if (y.length === 4) return Number(y);
  const thisYear = Number(today.slice(0, 4));
  const candidate = Math.floor(thisYear / 100) * 100 + Number(y);
  return candidate > thisYear ? candidate - 100 : candidate;
}

/** Every plausible past date on each page (1900 to today), labelled ones marked. */
export function findDates(pages: readonly string[], today: string, limit = 200): DateHit[] {
  const found = new Map<string, DateHit>();
  pages.forEach((text, i) => {
    for (const p of PATTERNS) {
      for (const m of text.matchAll(p.re)) {
        const parts = p.parts(m);
        if (!parts) continue;
        const year = fullYear(parts[0], today);
        const iso = `${year}-${String(parts[1]).padStart(2, '0')}-${String(parts[2]).padStart(2, '0')}`;
        if (year < 1900 || !isCalendarDate(iso) || iso > today) continue;
        const key = `${iso}|${i + 1}`;
        const labelled = Boolean(m[1]);
        const prev = found.get(key);
        if (prev) prev.labelled ||= labelled;
        else if (found.size < limit) found.set(key, { date: iso, page: i + 1, labelled });
      }
    }
  });
  return [...found.values()];
}
