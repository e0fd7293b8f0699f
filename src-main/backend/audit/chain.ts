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
 * Walk every computer's chain in order of sequence number. Pages through the rows (keyset on
 * device, seq, id) so memory stays flat however long the trail is.
 */
export function verifyAuditChain(sqlite: Sqlite, opts: { pageSize?: number; thisDevice?: string } = {}): ChainReport {
  const pageSize = opts.pageSize ?? 5000;
  const first = preparedSql(
    sqlite,
    `SELECT id, device, seq, at, body, hash FROM audit_events ORDER BY device, seq, id LIMIT ?`,
  );
  const next = preparedSql(
    sqlite,
    `SELECT id, device, seq, at, body, hash FROM audit_events WHERE (device, seq, id) > (?, ?, ?) ORDER BY device, seq, id LIMIT ?`,
  );
  // Rows whose body is not JSON (or lacks its device or sequence) sort first with nulls.
  let checked = 0;
  let devices = 0;
  let state: DeviceState | null = null;
  let brokenAt: AuditBreak | null = null;
  let rows = first.all(pageSize) as ChainRow[];
  const heads = new Map<string, ChainHead>();

  const finishDevice = (s: DeviceState | null) => {
    if (!s || brokenAt) return;
    // Rows cut off the end of this computer's own chain: its kept head is further on.
    if (opts.thisDevice && s.device === opts.thisDevice) {
      const head = readKeptHead(sqlite, s.device);
      if (head && head.seq >= s.expectSeq) brokenAt = { device: s.device, seq: s.expectSeq, at: s.lastAt, problem: 'missing' };
    }
    heads.set(s.device, { seq: s.expectSeq - 1, hash: s.prevHash });
  };

  while (rows.length > 0 && !brokenAt) {
    for (const r of rows) {
      checked++;
      if (r.device === null || r.seq === null) {
        brokenAt = { device: r.device ?? 'unknown', seq: r.seq ?? 0, at: r.at, problem: 'unreadable' };
        break;
      }
      if (!state || state.device !== r.device) {
        finishDevice(state);
        if (brokenAt) break;
        devices++;
        state = { device: r.device, expectSeq: 1, prevHash: GENESIS_HASH, lastAt: null };
      }
      const where = { device: r.device, seq: r.seq, at: r.at };
      if (r.seq < state.expectSeq) {
        brokenAt = { ...where, problem: 'duplicate' };
        break;
      }
      if (r.seq > state.expectSeq) {
        // A row is missing before this one.
        brokenAt = { device: r.device, seq: state.expectSeq, at: r.at, problem: 'missing' };
        break;
      }
      if (sha256Hex(r.body) !== r.hash) {
        brokenAt = { ...where, problem: 'changed' };
        break;
      }
      let prev: unknown;
      try {
        prev = (JSON.parse(r.body) as { prev?: unknown }).prev;
      } catch {
        prev = undefined;
      }
      if (prev !== state.prevHash) {
        brokenAt = { ...where, problem: 'link' };
        break;
      }
      state.expectSeq++;
      state.prevHash = r.hash;
      state.lastAt = r.at;
    }
    if (brokenAt) break;
    const last = rows[rows.length - 1]!;
    rows = rows.length < pageSize ? [] : (next.all(last.device, last.seq, last.id, pageSize) as ChainRow[]);
  }
  finishDevice(state);
  // This computer's chain may have lost every row.
  if (!brokenAt && opts.thisDevice && !heads.has(opts.thisDevice)) {
    const head = readKeptHead(sqlite, opts.thisDevice);
    if (head && head.seq > 0) brokenAt = { device: opts.thisDevice, seq: 1, at: null, problem: 'missing' };
  }
  return { ok: brokenAt === null, checkedRows: checked, devices, brokenAt };
}

function readKeptHead(sqlite: Sqlite, device: string): ChainHead | null {
  const kept = preparedSql(sqlite, `SELECT value FROM device_meta WHERE key = ?`).pluck().get(HEAD_KEY) as string | undefined;
  if (!kept) return null;
  const h = JSON.parse(kept) as { device: string; seq: number; hash: string };
  return h.device === device ? { seq: h.seq, hash: h.hash } : null;
}
