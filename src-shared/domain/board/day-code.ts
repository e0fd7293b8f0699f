/**
 * Per-day codes for the wall board: a clinic that does not want even initials on the wall shows
 * each patient as a short code such as "K27", new every day (so nobody watching the board learns
 * which code is whom from one day to the next), the same for every session of that patient that
 * day and on every computer (it is computed, not stored). The desk tells the patient their code
 * at check-in (the Today screen shows it).
 *
 * A letter and two digits: letters that are not read as digits or each other from across a room
 * (no I, O, Q), 23 x 90 = 2,070 codes. Two patients of one day who would get the same code are
 * told apart by trying the next candidate for the one whose first session of the day starts later
 * (then by id), so a code already given out rarely changes when another patient is added.
 */
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const CODES = LETTERS.length * 90;

/** 32-bit FNV-1a over the text: spreads (date, patient) pairs evenly; not a secret, the patient id is not known outside the clinic. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function codeAt(index: number): string {
  const letter = LETTERS[Math.floor(index / 90)]!;
  return `${letter}${10 + (index % 90)}`;
}

/** The first code a patient would get on a date (before telling apart from others that day). */
export function candidateCode(date: string, patientId: string, attempt = 0): string {
  return codeAt(fnv1a(`${date}|${patientId}|${attempt}`) % CODES);
}

/**
 * Codes for every patient with a session on the clinic's date. `sessions` are that day's
 * sessions (cancelled ones are left out here, so every caller passing the day gets the same codes).
 */
export function dayCodes(date: string, sessions: readonly { patientId: string; startsAt: number; status: string }[]): Map<string, string> {
  const first = new Map<string, number>();
  for (const s of sessions) {
    if (s.status === 'cancelled') continue;
    const seen = first.get(s.patientId);
    if (seen === undefined || s.startsAt < seen) first.set(s.patientId, s.startsAt);
  }
  const order = [...first.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const [patientId] of order) {
    let code = candidateCode(date, patientId);
    for (let attempt = 1; taken.has(code) && attempt < CODES * 4; attempt++) code = candidateCode(date, patientId, attempt);
    taken.add(code);
    out.set(patientId, code);
  }
  return out;
}
