/**
 * Writing the audit trail: one row per event, appended to this computer's hash chain, in one
 * transaction with the chain's head. Events come from two places:
 *
 * - the dispatcher's after-call hook (`auditAfterCall`): every successful call the
 *   classification table (audit/classification.ts) says to record — reads of a patient's
 *   data, exports, PDFs, changes, users and roles administration;
 * - the sign-in handlers (`recordAuthEvent`): sign-in, failed sign-in, sign-out, lock, unlock.
 *
 * Rows are inserted through the mutation helper, so they reach the clinic's other computers
 * like any synced row; only the canonical text and its hash travel (see audit/schema.ts).
 * Nothing here logs or stores patient data: ids, the method, the kind, who, when, where.
 */
import type { AuditKind } from '../../../src-shared/api/methods/audit';
import type { CompletedCall } from '../api/dispatch';
import type { HandlerContext } from '../api/context';
import { appendRow, type WriteContext } from '../db/mutate';
import { preparedSql } from '../db/prepared';
import type { Sqlite } from '../db/open';
import { logError, logInfo } from '../log';
import { canonicalBody, ChainWalk, readHead, sha256Hex, writeHead, type ChainReport } from './chain';
import { AUDIT_CLASSIFICATION, READ_KINDS } from './classification';
import { auditEvents } from './schema';

export interface AuditActor {
  id: string;
  displayName: string;
  role: string;
}

export interface AuditEventInput {
  kind: AuditKind;
  method?: string | null;
  /** Who did it; null when nobody is signed in (a failed sign-in). */
  actor: AuditActor | null;
  /** The name to keep when there is no actor (a failed sign-in: the user name typed). */
  userName?: string | null;
  patientId?: string | null;
  subjectId?: string | null;
}

/** Append one event to this computer's chain. Returns the new row's sequence number. */
export function appendAuditEvent(w: WriteContext, e: AuditEventInput): number {
  let tx = appendTx.get(w.sqlite);
  if (!tx) appendTx.set(w.sqlite, (tx = w.sqlite.transaction(append)));
  return tx(w, e);
}

/** The write itself, in one transaction with the chain's head (prepared once per connection). */
const appendTx = new WeakMap<Sqlite, (w: WriteContext, e: AuditEventInput) => number>();

function append(w: WriteContext, e: AuditEventInput): number {
  const device = w.clock.node;
  const head = readHead(w.sqlite, device);
  const seq = head.seq + 1;
  const body = canonicalBody({
    v: 1,
    device,
    seq,
    at: w.now(),
    user: e.actor?.id ?? null,
    userName: e.actor?.displayName ?? e.userName ?? null,
    role: e.actor?.role ?? null,
    kind: e.kind,
    method: e.method ?? null,
    patient: e.patientId ?? null,
    subject: e.subjectId ?? null,
    prev: head.hash,
  });
  const hash = sha256Hex(body);
  appendRow({ ...w, userId: e.actor?.id ?? null }, auditEvents, { body, hash });
  writeHead(w.sqlite, device, { seq, hash });
  return seq;
}

// ---------------------------------------------------------------------------------------
// Repeated reads

/**
 * Reads are written once per look, not once per call:
 *
 * - Opening a chart calls a method per part of it (intake, series, outcomes, documents ...):
 *   the "Chart opened" row covers the parts the same person reads of that patient in the
 *   window after it, and a part read without opening the chart (the outcomes screen) is
 *   written once ("Patient data viewed") and covers the other parts read in the window.
 * - A screen re-reads what it shows when data changes (here or on another computer): the
 *   same read by the same person in the window is not written again.
 *
 * A prior record or document opened is always written once per record in the window;
 * changes, exports and PDFs are always written.
 */
export const REPEAT_READ_WINDOW_MS = 5 * 60 * 1000;
const recentReads = new WeakMap<Sqlite, Map<string, number>>();

function recently(m: Map<string, number>, key: string, now: number): boolean {
  const last = m.get(key);
  return last !== undefined && now - last < REPEAT_READ_WINDOW_MS && now >= last;
}

/** Whether this read is covered by one written in the window (and if not, remember it). */
function coveredRead(sqlite: Sqlite, who: string, kind: AuditKind, method: string, patientId: string | null, subjectId: string | null, now: number): boolean {
  let m = recentReads.get(sqlite);
  if (!m) recentReads.set(sqlite, (m = new Map()));
  const chart = `${who}|chart|${patientId ?? ''}`;
  const part = `${who}|part|${patientId ?? ''}`;
  const own = kind === 'chartOpened' ? chart : kind === 'patientRead' ? part : `${who}|${method}|${subjectId ?? ''}|${patientId ?? ''}`;
  if (recently(m, own, now) || (kind === 'patientRead' && recently(m, chart, now))) return true;
  m.set(own, now);
  if (m.size > 5000) for (const [k, t] of m) if (now - t >= REPEAT_READ_WINDOW_MS) m.delete(k);
  return false;
}

/** Forget the repeated-read memory (tests, and the bench's with/without runs). */
export function forgetRecentReads(sqlite: Sqlite): void {
  recentReads.delete(sqlite);
}

const actorOf = (ctx: Pick<HandlerContext, 'user' | 'userId'>): AuditActor | null =>
  ctx.userId ? { id: ctx.userId, displayName: ctx.user.displayName, role: ctx.user.role } : null;

/**
 * The dispatcher's after-call hook: record the call if the classification says so. Runs after
 * the call succeeded; the dispatcher logs (without data) anything it throws.
 */
export function auditAfterCall(call: CompletedCall): void {
  const c = AUDIT_CLASSIFICATION[call.method];
  if (!c || c.kind === null) return;
  const { ctx } = call;
  const at = { input: call.input, result: call.result, userId: ctx.userId };
  const patientId = c.patient?.get(at, ctx.sqlite) ?? null;
  const subjectId = c.subject?.get(at, ctx.sqlite) ?? null;
  // Per person and sign-in: someone who signs in again is written again.
  if (READ_KINDS.has(c.kind) && coveredRead(ctx.sqlite, `${ctx.userId ?? ''}|${ctx.session?.startedAt ?? ''}`, c.kind, call.method, patientId, subjectId, ctx.now())) {
    return;
  }
  // The first administrator's set-up is made before anyone is signed in: it is theirs.
  const actor = actorOf(ctx) ?? (call.method === 'auth.setup' ? setupActor(call.result) : null);
  appendAuditEvent(ctx, { kind: c.kind, method: call.method, actor, patientId, subjectId });
}

function setupActor(result: unknown): AuditActor | null {
  const u = (result as { user?: { id?: unknown; displayName?: unknown; role?: unknown } } | null)?.user;
  return u && typeof u.id === 'string' && typeof u.displayName === 'string' && typeof u.role === 'string' ? { id: u.id, displayName: u.displayName, role: u.role } : null;
}

// ---------------------------------------------------------------------------------------
// Sign-in events

export type AuthEventKind = 'signIn' | 'signInFailed' | 'signOut' | 'lock' | 'unlock' | 'userChanged';

/**
 * Called by the sign-in handlers. `userId` is the account concerned; `username` what was typed
 * (never the password).
 *
 * - signIn, signOut, lock, unlock: the actor is ctx's user, else the account `userId` names.
 * - signInFailed: nobody is the actor (whoever typed is unknown); the name typed is kept, and
 *   the account it matched (if any) as the subject.
 * - userChanged: nothing here — the dispatcher's hook records users.create / users.update /
 *   users.resetPassword / roles.update with their method (kind userAdmin).
 */
export function recordAuthEvent(
  ctx: Pick<HandlerContext, 'user' | 'userId' | 'db' | 'sqlite' | 'clock' | 'now'>,
  event: { kind: AuthEventKind; userId: string | null; username?: string },
): void {
  if (event.kind === 'userChanged') return;
  const w: WriteContext = { db: ctx.db, sqlite: ctx.sqlite, clock: ctx.clock, userId: ctx.userId, now: ctx.now };
  if (event.kind === 'signInFailed') {
    appendAuditEvent(w, { kind: 'signInFailed', actor: null, userName: event.username?.slice(0, 64) ?? null, subjectId: event.userId });
    return;
  }
  let actor = actorOf(ctx);
  if ((!actor || actor.id !== event.userId) && event.userId) actor = accountActor(ctx.sqlite, event.userId) ?? actor;
  appendAuditEvent(w, { kind: event.kind, actor, subjectId: event.userId });
}

function accountActor(sqlite: Sqlite, userId: string): AuditActor | null {
  const r = preparedSql(sqlite, `SELECT id, display_name AS displayName, role FROM users WHERE id = ?`).get(userId) as AuditActor | undefined;
  return r ?? null;
}

// ---------------------------------------------------------------------------------------
// The check at start-up

export interface AuditCheck extends ChainReport {
  /** When the walk ended (or, while it runs, when it began). */
  checkedAt: number;
  /** Still walking: the figures so far. */
  checking: boolean;
}

/** Rows per slice of a walk: a slice is a few tens of milliseconds, so calls are not held up. */
export const CHECK_SLICE_ROWS = 2000;

interface CheckRun {
  current: AuditCheck;
  done: Promise<AuditCheck>;
}
const checks = new WeakMap<Sqlite, CheckRun>();

/**
 * Walk every computer's chain and keep the result for `audit.status`; a break is logged in one
 * line without data. The first slice runs now (a short trail is checked before the first call
 * is answered); a long one goes on in slices between calls. Starting again replaces a walk
 * still running.
 */
export function checkAuditTrail(w: Pick<WriteContext, 'sqlite' | 'clock' | 'now'>, opts: { sliceRows?: number } = {}): AuditCheck {
  const sliceRows = opts.sliceRows ?? CHECK_SLICE_ROWS;
  const started = w.now();
  let resolve!: (c: AuditCheck) => void;
  const run: CheckRun = {
    current: { ok: true, checkedRows: 0, devices: 0, brokenAt: null, checkedAt: started, checking: true },
    done: new Promise((r) => (resolve = r)),
  };
  checks.set(w.sqlite, run);
  let walk: ChainWalk | null = null;
  const finish = (report: ChainReport) => {
    run.current = { ...report, checkedAt: w.now(), checking: false };
    if (!report.ok && report.brokenAt) {
      const b = report.brokenAt;
      logInfo(`audit trail: chain of computer ${b.device} broken at row ${b.seq} (${b.problem}); checked ${report.checkedRows} rows`);
    }
    resolve(run.current);
  };
  const slice = () => {
    // Replaced by a newer walk, or the store was closed: stop here.
    if (checks.get(w.sqlite) !== run || !w.sqlite.open) return;
    try {
      walk ??= new ChainWalk(w.sqlite, w.clock.node);
      if (walk.step(sliceRows)) finish(walk.report());
      else {
        run.current = { ...walk.report(), checkedAt: started, checking: true };
        setImmediate(slice);
      }
    } catch (err) {
      logError('audit trail could not be checked', err instanceof Error ? err.name : typeof err);
      finish({ ok: false, checkedRows: walk?.checked ?? 0, devices: walk?.devices ?? 0, brokenAt: { device: w.clock.node, seq: 0, at: null, problem: 'unreadable' } });
    }
  };
  slice();
  return run.current;
}

export function lastAuditCheck(sqlite: Sqlite): AuditCheck | undefined {
  return checks.get(sqlite)?.current;
}

/** The result of the walk running (or last run) on this store, once it is over. */
export function whenAuditChecked(sqlite: Sqlite): Promise<AuditCheck | undefined> {
  return checks.get(sqlite)?.done ?? Promise.resolve(undefined);
}
