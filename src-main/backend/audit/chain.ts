/**
 * The audit trail's hash chains: one per computer. Each event is written as a canonical JSON
 * text (`body`) that holds its fields and the hash of the same computer's previous event;
 * `hash` is SHA-256 of that text. Changing, removing or reordering a row breaks the chain at
 * that row, and `verifyAuditChain` says where: which computer, which sequence number, when.
 *
 * A computer also keeps the head of its own chain (last sequence number and hash) in
 * `device_meta`, so rows cut off the end of its own chain are noticed too.
 */
import { createHash } from 'node:crypto';
import type { AuditBreak, AuditKind } from '../../../src-shared/api/methods/audit';
import type { Sqlite } from '../db/open';
import { preparedSql } from '../db/prepared';

/** The first event of a chain follows this. */
export const GENESIS_HASH = '0'.repeat(64);
const HEAD_KEY = 'audit.head';

export interface AuditBody {
  /** Format version of the body. */
  v: 1;
  device: string;
  seq: number;
  at: number;
  user: string | null;
  /** The user's name at the time (for a failed sign-in: the user name that was typed). */
  userName: string | null;
  role: string | null;
  kind: AuditKind;
  method: string | null;
  patient: string | null;
  subject: string | null;
  prev: string;
}

/** The canonical text: fixed key order, no spaces; what the hash is taken over. */
export function canonicalBody(b: AuditBody): string {
  return JSON.stringify({
    v: b.v,
    device: b.device,
    seq: b.seq,
    at: b.at,
    user: b.user,
    userName: b.userName,
    role: b.role,
    kind: b.kind,
    method: b.method,
    patient: b.patient,
    subject: b.subject,
    prev: b.prev,
  });
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface ChainHead {
  seq: number;
  hash: string;
}

/** Where this computer's chain ends: from device_meta, else from its rows, else the start. */
export function readHead(sqlite: Sqlite, device: string): ChainHead {
  const kept = preparedSql(sqlite, `SELECT value FROM device_meta WHERE key = ?`).pluck().get(HEAD_KEY) as string | undefined;
  if (kept) {
    const h = JSON.parse(kept) as { device: string; seq: number; hash: string };
    if (h.device === device) return { seq: h.seq, hash: h.hash };
  }
  const last = preparedSql(sqlite, `SELECT seq, hash FROM audit_events WHERE device = ? ORDER BY seq DESC LIMIT 1`).get(device) as
    | ChainHead
    | undefined;
  return last ?? { seq: 0, hash: GENESIS_HASH };
}

export function writeHead(sqlite: Sqlite, device: string, head: ChainHead): void {
  preparedSql(sqlite, `INSERT INTO device_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
    HEAD_KEY,
    JSON.stringify({ device, seq: head.seq, hash: head.hash }),
  );
}

export interface ChainReport {
  ok: boolean;
  checkedRows: number;
  /** Computers whose chains were walked. */
  devices: number;
  /** The first break found (by computer, then sequence), or null. */
  brokenAt: AuditBreak | null;
}

interface ChainRow {
  id: string;
  device: string | null;
  seq: number | null;
  at: number | null;
  body: string;
  hash: string;
}

interface DeviceState {
  device: string;
  expectSeq: number;
  prevHash: string;
  lastAt: number | null;
}

/**
 * Walks every computer's chain in order of sequence number, a page at a time (keyset on
 * device, seq, id), so memory stays flat however long the trail is and a long walk can be
 * done in slices between other work (see checkAuditTrail).
 */
export class ChainWalk {
  checked = 0;
  devices = 0;
  brokenAt: AuditBreak | null = null;
  private state: DeviceState | null = null;
  private last: ChainRow | null = null;
  private finished = false;
  private sawThisDevice = false;
  /** This computer's head when the walk began: rows appended while it walks do not count. */
  private readonly startHead: ChainHead | null;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly thisDevice?: string,
  ) {
    this.startHead = thisDevice ? readKeptHead(sqlite, thisDevice) : null;
  }

  get done(): boolean {
    return this.finished;
  }

  /** Check up to `pageSize` more rows; true once the walk is over (to the end, or at a break). */
  step(pageSize = 5000): boolean {
    if (this.finished) return true;
    const rows = (
      this.last
        ? preparedSql(
            this.sqlite,
            `SELECT id, device, seq, at, body, hash FROM audit_events WHERE (device, seq, id) > (?, ?, ?) ORDER BY device, seq, id LIMIT ?`,
          ).all(this.last.device, this.last.seq, this.last.id, pageSize)
        : preparedSql(this.sqlite, `SELECT id, device, seq, at, body, hash FROM audit_events ORDER BY device, seq, id LIMIT ?`).all(pageSize)
    ) as ChainRow[];
    for (const r of rows) {
      this.row(r);
      if (this.brokenAt) return (this.finished = true);
    }
    if (rows.length < pageSize) {
      this.finishDevice();
      // This computer's chain may have lost every row.
      if (!this.brokenAt && this.startHead && this.startHead.seq > 0 && !this.sawThisDevice) {
        this.brokenAt = { device: this.thisDevice!, seq: 1, at: null, problem: 'missing' };
      }
      return (this.finished = true);
    }
    this.last = rows[rows.length - 1]!;
    return false;
  }

  report(): ChainReport {
    return { ok: this.brokenAt === null, checkedRows: this.checked, devices: this.devices, brokenAt: this.brokenAt };
  }

  private row(r: ChainRow): void {
    this.checked++;
    // A row whose body is not JSON (or lacks its device or sequence) sorts first, with nulls.
    if (r.device === null || r.seq === null) {
      this.brokenAt = { device: r.device ?? 'unknown', seq: r.seq ?? 0, at: r.at, problem: 'unreadable' };
      return;
    }
    let state = this.state;
    if (!state || state.device !== r.device) {
      this.finishDevice();
      if (this.brokenAt) return;
      this.devices++;
      if (r.device === this.thisDevice) this.sawThisDevice = true;
      state = this.state = { device: r.device, expectSeq: 1, prevHash: GENESIS_HASH, lastAt: null };
    }
    const where = { device: r.device, seq: r.seq, at: r.at };
    if (r.seq < state.expectSeq) {
      this.brokenAt = { ...where, problem: 'duplicate' };
      return;
    }
    if (r.seq > state.expectSeq) {
      // A row is missing before this one.
      this.brokenAt = { device: r.device, seq: state.expectSeq, at: r.at, problem: 'missing' };
      return;
    }
    if (sha256Hex(r.body) !== r.hash) {
      this.brokenAt = { ...where, problem: 'changed' };
      return;
    }
    let prev: unknown;
    try {
      prev = (JSON.parse(r.body) as { prev?: unknown }).prev;
    } catch {
      prev = undefined;
    }
    if (prev !== state.prevHash) {
      this.brokenAt = { ...where, problem: 'link' };
      return;
    }
    state.expectSeq++;
    state.prevHash = r.hash;
    state.lastAt = r.at;
  }

  /** At the end of a computer's rows: this computer's own chain must reach its kept head. */
  private finishDevice(): void {
    const s = this.state;
    if (!s || this.brokenAt) return;
    if (s.device === this.thisDevice && this.startHead && this.startHead.seq >= s.expectSeq) {
      this.brokenAt = { device: s.device, seq: s.expectSeq, at: s.lastAt, problem: 'missing' };
    }
  }
}

/** Walk every computer's chain now, to the end or the first break. */
export function verifyAuditChain(sqlite: Sqlite, opts: { pageSize?: number; thisDevice?: string } = {}): ChainReport {
  const walk = new ChainWalk(sqlite, opts.thisDevice);
  while (!walk.step(opts.pageSize)) {
    /* next page */
  }
  return walk.report();
}

function readKeptHead(sqlite: Sqlite, device: string): ChainHead | null {
  const kept = preparedSql(sqlite, `SELECT value FROM device_meta WHERE key = ?`).pluck().get(HEAD_KEY) as string | undefined;
  if (!kept) return null;
  const h = JSON.parse(kept) as { device: string; seq: number; hash: string };
  return h.device === device ? { seq: h.seq, hash: h.hash } : null;
}
