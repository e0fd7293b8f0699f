/**
 * Reading a payer's Da Vinci PAS ClaimResponse (or a PAS Response Bundle holding one) as a
 * status step for the request it answers. Pure: the backend parses nothing itself, hashes the
 * canonical text for "already imported", and records the step through changeAuthorizationStatus.
 *
 * Per item, the review action (ClaimResponse.item.adjudication.extension reviewAction → code,
 * X12 element 306; PAS input/fsh/ClaimResponse.fsh):
 *   A1 certified in total → approved, with preAuthRef as the authorization number, preAuthPeriod
 *      as the dates covered and the certified units as sessions (fewer than asked: partly approved);
 *   A3 not certified → denied, with the reason codes and the payer's notes as the reason;
 *   A4 pended → pending (the payer wants more or has not decided).
 * Anything else (A2, A6, CT, NA, an unknown or missing code, an item the request never had, some
 * codes certified and others not, a certification without its number or dates) → needs review:
 * an import never approves what it cannot read as an approval.
 */
import { DESK_SYSTEMS, REVIEW_ACTIONS, X12_REVIEW_ACTION, pasExtension } from './pas-codes';
import { claimFullUrl, type ServiceLine } from './pas-bundle';

export type PasImportStatus = 'approved' | 'partially_approved' | 'denied' | 'pending' | 'needs_review';

export interface PasRequestRef {
  id: string;
  serviceLines: ServiceLine[] | null;
  requestedSessions: number | null;
  requestedStartDate: string | null;
  requestedEndDate: string | null;
}

export interface PasImportPatch {
  authNumber?: string;
  approvedSessions?: number;
  startDate?: string;
  endDate?: string;
  decisionDate?: string;
  denialDate?: string;
  denialReason?: string;
  denialCode?: string | null;
}

export interface PasItemReading {
  sequence: number;
  code: string | null;
  /** The code's meaning in words ("Certified in total", or what the payer called an unknown one). */
  words: string;
}

export interface PasImportDecision {
  to: PasImportStatus;
  patch: PasImportPatch;
  referenceNumber: string | null;
  /** The history's note: what the response said, in the desk's words. */
  note: string;
  details: Record<string, unknown>;
}

export type PasReading = { ok: false; message: string } | { ok: true; claimResponse: Record<string, unknown>; decision: PasImportDecision };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const ext = (o: unknown, url: string): Obj[] => arr(isObj(o) ? o.extension : undefined).filter((e): e is Obj => isObj(e) && e.url === url);
const DATE = /^\d{4}-\d{2}-\d{2}/;
const dateOf = (v: unknown): string | null => {
  const s = str(v);
  return s && DATE.test(s) ? s.slice(0, 10) : null;
};

/** JSON with keys sorted, so the same response hashes the same however it was spaced or ordered. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObj(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Does this ClaimResponse say it answers the request with this id (and which id does it name)? */
function answers(cr: Obj, bundleEntries: Obj[], authId: string): { mine: boolean; named: string[] } {
  const named: string[] = [];
  const fromIdentifiers = (ids: unknown) => {
    for (const i of Array.isArray(ids) ? ids : [ids]) if (isObj(i) && i.system === DESK_SYSTEMS.request && str(i.value)) named.push(String(i.value));
  };
  const request = isObj(cr.request) ? cr.request : null;
  if (request) {
    fromIdentifiers(request.identifier);
    const ref = str(request.reference);
    if (ref) {
      // Our Claim's fullUrl is the authorization's id; a payer echoing a plain Claim/<id> reference means the same.
      if (ref.toLowerCase() === claimFullUrl(authId) || ref.toLowerCase().endsWith(`claim/${authId.toLowerCase()}`)) named.push(authId);
      // A response bundle may carry the Claim itself (PAS examples do): read its identifier.
      const claim = bundleEntries.find((e) => e.fullUrl === ref || (isObj(e.resource) && `Claim/${String(e.resource.id)}` === ref));
      if (claim && isObj(claim.resource)) fromIdentifiers(claim.resource.identifier);
    }
  }
  // PAS responses echo the Claim's identifier on the ClaimResponse.
  fromIdentifiers(cr.identifier);
  return { mine: named.includes(authId), named };
}

interface ReviewAction {
  code: string | null;
  display: string | null;
  number: string | null;
  reasons: { code: string | null; text: string }[];
}

function reviewActionOf(adjudications: unknown): ReviewAction | null {
  for (const adj of arr(adjudications)) {
    for (const ra of ext(adj, pasExtension('extension-reviewAction'))) {
      const codeExt = [...ext(ra, pasExtension('extension-reviewActionCode')), ...ext(ra, 'code')][0];
      const coding = arr(isObj(codeExt?.valueCodeableConcept) ? codeExt.valueCodeableConcept.coding : undefined).find(
        (c): c is Obj => isObj(c) && (c.system === X12_REVIEW_ACTION || c.system === undefined),
      );
      const reasons = ext(ra, 'reasonCode').map((r) => {
        const cc = isObj(r.valueCodeableConcept) ? r.valueCodeableConcept : {};
        const c = arr(cc.coding).find(isObj);
        const code = str(c?.code);
        const text = str(c?.display) ?? str(cc.text) ?? (code ? `reason code ${code}` : 'reason not given');
        return { code, text };
      });
      return {
        code: str(coding?.code),
        display: str(coding?.display),
        number: str(ext(ra, 'number')[0]?.valueString),
        reasons,
      };
    }
  }
  return null;
}

const lineName = (l: ServiceLine | undefined, seq: number) => (l ? l.code : `item ${seq}`);

/**
 * Read `json` (the text as received) as the answer to `request`. Refusals are plain words and
 * mean nothing changes. `localDate` turns an instant into the clinic's calendar date; `today`
 * is the clinic's date now (a decision date is never after it).
 */
export function readClaimResponse(json: string, request: PasRequestRef, today: string, localDate: (ms: number) => string): PasReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, message: "This is not valid JSON, so it cannot be the payer's response. Use the file or text exactly as the payer sent it." };
  }
  if (!isObj(parsed) || !str(parsed.resourceType)) {
    return { ok: false, message: 'This JSON is not a FHIR resource (it has no resourceType). Expected a ClaimResponse or a Bundle holding one.' };
  }

  let candidates: Obj[];
  let entries: Obj[] = [];
  if (parsed.resourceType === 'ClaimResponse') candidates = [parsed];
  else if (parsed.resourceType === 'Bundle') {
    entries = arr(parsed.entry).filter(isObj);
    candidates = entries.map((e) => e.resource).filter((r): r is Obj => isObj(r) && r.resourceType === 'ClaimResponse');
    if (!candidates.length) return { ok: false, message: 'This Bundle holds no ClaimResponse, so there is no payer decision in it to import.' };
  } else {
    return { ok: false, message: `This is a FHIR ${String(parsed.resourceType).slice(0, 40)}, not a ClaimResponse. Import the payer's response to the request.` };
  }

  const matched = candidates.map((cr) => ({ cr, ...answers(cr, entries, request.id) }));
  const mine = matched.filter((m) => m.mine);
  if (!mine.length) {
    const other = matched.flatMap((m) => m.named).find((n) => n !== request.id);
    return {
      ok: false,
      message: other
        ? 'This response answers a different authorization request, not this one. Open that request to import it.'
        : 'This response does not say it answers this request (its request reference and identifier name another claim or none). Check it is the reply to the request exported from here.',
    };
  }
  if (mine.length > 1) return { ok: false, message: 'This Bundle holds more than one ClaimResponse for this request. Import them one at a time.' };
  const cr = mine[0]!.cr;
  if (str(cr.use) && cr.use !== 'preauthorization') {
    return { ok: false, message: `This ClaimResponse is for a ${String(cr.use).slice(0, 30)}, not a prior authorization (use must be preauthorization).` };
  }
  return { ok: true, claimResponse: cr, decision: decide(cr, request, today, localDate) };
}

function decide(cr: Obj, request: PasRequestRef, today: string, localDate: (ms: number) => string): PasImportDecision {
  const lines = request.serviceLines ?? [];
  const header = reviewActionOf(cr.adjudication);
  const items = arr(cr.item).filter(isObj);
  const bySeq = new Map<number, Obj>();
  const strange: number[] = [];
  for (const it of items) {
    const seq = typeof it.itemSequence === 'number' ? it.itemSequence : NaN;
    if (!Number.isInteger(seq) || seq < 1 || seq > lines.length) strange.push(seq);
    else bySeq.set(seq, it);
  }
  // No lines on the request: the response can only be read from its header or single item.
  const sequences = lines.length ? lines.map((_, i) => i + 1) : [...bySeq.keys()];
  const readings = sequences.map((seq) => {
    const item = bySeq.get(seq);
    const action = (item ? reviewActionOf(item.adjudication) : null) ?? header;
    return { seq, item, action };
  });

  const itemWords: PasItemReading[] = readings.map(({ seq, action }) => ({
    sequence: seq,
    code: action?.code ?? null,
    words: action?.code ? (REVIEW_ACTIONS[action.code as keyof typeof REVIEW_ACTIONS] ?? action.display ?? `code ${action.code}`) : 'no review action',
  }));
  const identifier = arr(cr.identifier).find(isObj) ?? (isObj(cr.identifier) ? cr.identifier : null);
  const errors = arr(cr.error)
    .filter(isObj)
    .map((e) => str(arr(isObj(e.code) ? e.code.coding : undefined).find(isObj)?.code))
    .filter((c): c is string => c !== null);
  const details: Record<string, unknown> = {
    pasResponseId: str(identifier?.value),
    pasOutcome: str(cr.outcome),
    pasCreated: str(cr.created),
    pasItems: itemWords.map(({ sequence, code, words }) => ({ sequence, code, words })),
    ...(errors.length ? { pasErrors: errors } : {}),
  };
  const summary = itemWords.map((w) => `${lineName(lines[w.sequence - 1], w.sequence)}: ${w.words}${w.code ? ` (${w.code})` : ''}`).join('; ');
  const review = (why: string): PasImportDecision => ({
    to: 'needs_review',
    patch: {},
    referenceNumber: null,
    note: `Payer response imported; it needs review: ${why} Response: ${summary || 'no items'}.`,
    details,
  });

  if (strange.length) return review(`it answers items the request does not have (${strange.map((s) => (Number.isNaN(s) ? 'no number' : `item ${s}`)).join(', ')}).`);
  if (!readings.length) return review('it has no items and no overall review action.');
  const unreadable = readings.filter((r) => !r.action?.code || !(r.action.code in REVIEW_ACTIONS));
  if (unreadable.length) {
    const names = unreadable.map((r) => `${lineName(lines[r.seq - 1], r.seq)} (${r.action?.code ? `code ${r.action.code}` : 'no code'})`);
    return review(`the review action for ${names.join(', ')} is not one the desk can read as a decision (A1 certified, A3 not certified, A4 pended).`);
  }
  const codes = readings.map((r) => r.action!.code!);
  const created = dateOf(cr.created) ?? (str(cr.created) ? localDate(Date.parse(String(cr.created))) : null);
  const decisionDate = created && created <= today ? created : today;

  if (codes.includes('A4')) {
    const pendRef =
      readings.map((r) => str(ext(r.item, pasExtension('extension-administrationReferenceNumber'))[0]?.valueString)).find((x) => x) ??
      str(ext(cr, pasExtension('extension-administrationReferenceNumber'))[0]?.valueString) ??
      str(identifier?.value);
    return { to: 'pending', patch: {}, referenceNumber: pendRef, note: `Payer response imported: pended. ${summary}.`, details };
  }

  if (codes.every((c) => c === 'A3')) {
    const reasons = readings.flatMap((r) => r.action!.reasons);
    const notes = arr(cr.processNote)
      .filter(isObj)
      .map((n) => str(n.text))
      .filter((t): t is string => t !== null);
    const disposition = str(cr.disposition);
    const words = [...new Set([...reasons.map((r) => r.text), ...(disposition ? [disposition] : []), ...notes])];
    return {
      to: 'denied',
      patch: {
        denialDate: decisionDate,
        decisionDate,
        denialReason: (words.length ? words.join('; ') : 'Not certified; the response gives no reason.').slice(0, 500),
        denialCode: reasons.find((r) => r.code)?.code ?? null,
      },
      referenceNumber: str(identifier?.value),
      note: `Payer response imported: not certified. ${summary}.`,
      details,
    };
  }

  if (!codes.every((c) => c === 'A1')) {
    return review('the payer certified some codes and not others; record what was approved yourself.');
  }

  // Certified in total: the number and dates must come from the payer, never be guessed.
  const numbers = [...new Set(readings.map((r) => r.action!.number).filter((n): n is string => n !== null))];
  const authNumber = str(cr.preAuthRef) ?? (numbers.length === 1 ? numbers[0]! : null);
  if (!authNumber) return review('it certifies the request but gives no authorization number (preAuthRef).');
  const periods = [
    isObj(cr.preAuthPeriod) ? cr.preAuthPeriod : null,
    ...readings.map((r) => {
      const p = ext(r.item, pasExtension('extension-itemPreAuthPeriod'))[0]?.valuePeriod;
      return isObj(p) ? p : null;
    }),
  ];
  const overall = periods[0];
  const itemPeriods = periods.slice(1);
  let start: string | null;
  let end: string | null;
  if (overall) [start, end] = [dateOf(overall.start), dateOf(overall.end)];
  else if (itemPeriods.every((p) => p)) {
    // Each code certified for its own dates: the series is covered where all of them are.
    start = itemPeriods.map((p) => dateOf(p!.start)).reduce<string | null>((m, d) => (m === null || d === null ? null : d > m ? d : m), '0000-00-00');
    end = itemPeriods.map((p) => dateOf(p!.end)).reduce<string | null>((m, d) => (m === null || d === null ? null : d < m ? d : m), '9999-99-99');
  } else [start, end] = [null, null];
  if (!start || !end) return review('it certifies the request but gives no dates covered (preAuthPeriod).');
  if (end < start) return review(`the dates covered end (${end}) before they start (${start}).`);

  // Certified units per code, as sessions: what the payer wrote, else all that was asked for.
  const sessionsPerLine = readings.map((r) => {
    const line = lines[r.seq - 1];
    const detail = ext(r.item, pasExtension('extension-itemAuthorizedDetail'))[0];
    const q = ext(detail, 'quantity')[0]?.valueQuantity;
    const units = isObj(q) && typeof q.value === 'number' ? q.value : null;
    if (units === null) return request.requestedSessions;
    return line && line.unitsPerSession > 0 ? Math.floor(units / line.unitsPerSession) : units;
  });
  if (sessionsPerLine.some((s) => s === null)) return review('it certifies the request but says no units, and the request has no sessions asked for to take them from.');
  const approvedSessions = Math.min(...(sessionsPerLine as number[]));
  if (!Number.isInteger(approvedSessions) || approvedSessions < 1) return review('the certified units come to less than one session.');

  const fewer = request.requestedSessions !== null && approvedSessions < request.requestedSessions;
  const later = request.requestedStartDate !== null && start > request.requestedStartDate;
  const sooner = request.requestedEndDate !== null && end < request.requestedEndDate;
  const partly = fewer || later || sooner;
  return {
    to: partly ? 'partially_approved' : 'approved',
    patch: { authNumber, approvedSessions, startDate: start, endDate: end, decisionDate },
    referenceNumber: str(identifier?.value),
    note: `Payer response imported: certified${partly ? ', for less than asked' : ''}. ${summary}.`,
    details,
  };
}
