/**
 * The server's change log: push (accept a device's batch), pull (changes after a cursor),
 * snapshot (current field values, for a device whose cursor fell below the retention floor)
 * and compaction. Everything lives in the database, so any number of server processes can
 * answer the same clinic.
 */
import {
  MAX_CLOCK_AHEAD_MS,
  PULL_PAGE_BYTES,
  PULL_PAGE_CHANGES,
  SCHEMA_TOO_OLD_MESSAGE,
  clockAheadMessage,
  type PullResponse,
  type PulledChange,
  type PushRequest,
  type PushResponse,
  type SnapshotField,
  type SnapshotResponse,
} from '../../src-shared/sync/protocol';
import { parseHlc } from '../../src-shared/hlc';
import type { Queryable, ServerDb } from '../db/sql';
import type { DeviceAuth } from '../devices/enrolment';
import { SyncError } from './errors';
import { refusedChanges } from './write-check';

function checkSchema(minSchema: number, deviceSchema: number): void {
  if (deviceSchema < minSchema) {
    throw new SyncError(426, 'SCHEMA_TOO_OLD', SCHEMA_TOO_OLD_MESSAGE, { minSchemaVersion: minSchema });
  }
}

async function lockClinic(tx: Queryable, clinicId: string) {
  const row = (
    await tx.query<{ head: number; min_schema: number; floor_seq: number }>(
      `SELECT head, min_schema, floor_seq FROM clinics WHERE id = $1 FOR UPDATE`,
      [clinicId],
    )
  ).rows[0];
  if (!row) throw new SyncError(404, 'NOT_FOUND', 'This clinic no longer exists on the server.');
  return row;
}

export async function push(db: ServerDb, device: DeviceAuth, req: PushRequest, now: number): Promise<PushResponse> {
  // A device sends only its own changes: the node id inside each HLC is the device's.
  let ahead = -Infinity;
  for (const c of req.changes) {
    const ts = parseHlc(c.hlc);
    if (ts.node !== device.nodeId) {
      throw new SyncError(400, 'BAD_REQUEST', 'This batch holds changes stamped by another device; nothing was applied.');
    }
    ahead = Math.max(ahead, ts.millis - now);
  }
  if (ahead > MAX_CLOCK_AHEAD_MS) {
    throw new SyncError(409, 'CLOCK_AHEAD', clockAheadMessage(ahead), { aheadMs: Math.round(ahead) });
  }
  return db.transaction(async (tx) => {
    // The per-clinic counter row, locked until commit: pushes of one clinic take turns, so
    // a sequence is never visible before a smaller one.
    const clinic = await lockClinic(tx, device.clinicId);
    checkSchema(clinic.min_schema, req.schemaVersion);
    const dev = (await tx.query<{ revoked_at: number | null }>(`SELECT revoked_at FROM devices WHERE id = $1 FOR SHARE`, [device.deviceId])).rows[0];
    if (!dev || dev.revoked_at !== null) throw revokedError();
    // Changes the person behind them may not make are kept aside, not applied (write-check.ts).
    const refused = await refusedChanges(tx, device.clinicId, req.changes);
    let changes = req.changes;
    if (refused.length > 0) {
      const out = new Set(refused.map((r) => r.change));
      changes = req.changes.filter((c) => !out.has(c));
      await tx.query(
        `INSERT INTO refused_changes (clinic_id, device_id, hlc, op_id, table_name, row_id, field, value, user_id, reason, received_at)
         SELECT $1, $2, h, o, t, r, f, v, u, why, $3 FROM json_to_recordset($4::json) AS x(h text, o text, t text, r text, f text, v text, u text, why text)
         ON CONFLICT DO NOTHING`,
        [
          device.clinicId,
          device.deviceId,
          now,
          JSON.stringify(refused.map(({ change: c, reason }) => ({ h: c.hlc, o: c.op, t: c.table, r: c.row, f: c.field, v: c.value, u: c.user, why: reason }))),
        ],
      );
    }
    const rows = changes.map((c, i) => ({ i: i + 1, h: c.hlc, o: c.op, t: c.table, r: c.row, f: c.field, v: c.value, u: c.user }));
    const result = (
      await tx.query<{ accepted: number; maxseq: number | null }>(
        `WITH input AS (
           SELECT * FROM json_to_recordset($3::json) AS x(i int, h text, o text, t text, r text, f text, v text, u text)
         ),
         ins AS (
           INSERT INTO changes (clinic_id, seq, hlc, op_id, table_name, row_id, field, value, user_id, device_id, received_at)
           SELECT $1, $2::bigint + i, h, o, t, r, f, v, u, $4, $5 FROM input
           ON CONFLICT (clinic_id, hlc, table_name, row_id, field) DO NOTHING
           RETURNING seq, hlc, table_name, row_id, field, value
         ),
         latest AS (
           SELECT DISTINCT ON (table_name, row_id, field) * FROM ins ORDER BY table_name, row_id, field, hlc DESC
         ),
         up AS (
           INSERT INTO field_state (clinic_id, table_name, row_id, field, hlc, value, seq)
           SELECT $1, table_name, row_id, field, hlc, value, seq FROM latest
           ON CONFLICT (clinic_id, table_name, row_id, field) DO UPDATE
             SET hlc = excluded.hlc, value = excluded.value, seq = excluded.seq
             WHERE excluded.hlc > field_state.hlc
           RETURNING 1
         )
         SELECT (SELECT count(*) FROM ins)::int AS accepted, (SELECT max(seq) FROM ins) AS maxseq, (SELECT count(*) FROM up)::int AS updated`,
        [device.clinicId, clinic.head, JSON.stringify(rows), device.deviceId, now],
      )
    ).rows[0]!;
    const head = Math.max(clinic.head, Number(result.maxseq ?? 0));
    await tx.query(`UPDATE clinics SET head = $2, min_schema = greatest(min_schema, $3) WHERE id = $1`, [device.clinicId, head, req.schemaVersion]);
    await tx.query(`UPDATE devices SET last_seen_at = $2, schema_version = $3 WHERE id = $1`, [device.deviceId, now, req.schemaVersion]);
    return {
      accepted: result.accepted,
      duplicates: changes.length - result.accepted,
      head,
      previousHead: clinic.head,
      refused: refused.length,
      refusedReason: refused[0]?.reason ?? null,
    };
  });
}

export function revokedError(): SyncError {
  return new SyncError(
    401,
    'REVOKED',
    "This computer's access to the clinic server was withdrawn by an administrator. Work saved here stays on this computer; ask the administrator to enrol it again.",
  );
}

interface ChangeRow {
  seq: number;
  hlc: string;
  op_id: string;
  table_name: string;
  row_id: string;
  field: string;
  value: string | null;
  user_id: string | null;
}

async function clinicState(db: Queryable, clinicId: string) {
  const row = (await db.query<{ head: number; min_schema: number; floor_seq: number }>(`SELECT head, min_schema, floor_seq FROM clinics WHERE id = $1`, [clinicId])).rows[0];
  if (!row) throw new SyncError(404, 'NOT_FOUND', 'This clinic no longer exists on the server.');
  return row;
}

/** Trim a page so it never ends inside one operation (a row's fields travel together). */
export function pageOnOpBoundary<T extends { op_id: string; value: string | null }>(rows: T[], full: boolean, maxBytes: number): { page: T[]; more: boolean } {
  let bytes = 0;
  let end = rows.length;
  let more = full;
  for (let i = 0; i < rows.length; i++) {
    bytes += (rows[i]!.value?.length ?? 4) + 120;
    if (bytes > maxBytes && i > 0) {
      end = i;
      more = true;
      break;
    }
  }
  if (more && end > 0) {
    // Step back to the first change of the operation the page would cut.
    const cutOp = end < rows.length ? rows[end]!.op_id : null;
    let e = end;
    if (cutOp !== null) while (e > 0 && rows[e - 1]!.op_id === cutOp) e--;
    // An operation bigger than a page is sent whole rather than split.
    if (e === 0 && cutOp !== null) {
      e = end;
      while (e < rows.length && rows[e]!.op_id === cutOp) e++;
    }
    end = e;
  }
  return { page: rows.slice(0, end), more };
}

export async function pull(
  db: ServerDb,
  device: DeviceAuth,
  after: number,
  schemaVersion: number,
  limits: { changes?: number; bytes?: number } = {},
): Promise<PullResponse | SnapshotResponse> {
  const clinic = await clinicState(db, device.clinicId);
  checkSchema(clinic.min_schema, schemaVersion);
  if (after < clinic.floor_seq) return snapshotPage(db, device.clinicId, null, limits.changes);
  const limit = limits.changes ?? PULL_PAGE_CHANGES;
  // One extra row tells whether the page cut an operation.
  // One JSON text for the page instead of a row per change: the embedded PGlite pays for
  // every row it hands over (about 5x faster for a 5,000-change page), PostgreSQL does not mind.
  const text = (
    await db.query<{ page: string | null }>(
      `SELECT json_agg(json_build_array(seq, hlc, op_id, table_name, row_id, field, value, user_id) ORDER BY seq)::text AS page
       FROM (SELECT * FROM changes WHERE clinic_id = $1 AND seq > $2 ORDER BY seq LIMIT $3) c`,
      [device.clinicId, after, limit + 1],
    )
  ).rows[0]?.page;
  const rows: ChangeRow[] = (text ? (JSON.parse(text) as [number, string, string, string, string, string, string | null, string | null][]) : []).map(
    ([seq, hlc, op_id, table_name, row_id, field, value, user_id]) => ({ seq, hlc, op_id, table_name, row_id, field, value, user_id }),
  );
  const full = rows.length > limit;
  const { page, more } = pageOnOpBoundary(rows, full, limits.bytes ?? PULL_PAGE_BYTES);
  const changes: PulledChange[] = page.map((r) => ({
    seq: Number(r.seq),
    hlc: r.hlc,
    op: r.op_id,
    table: r.table_name,
    row: r.row_id,
    field: r.field,
    value: r.value,
    user: r.user_id,
  }));
  return { kind: 'changes', changes, cursor: changes.length ? changes[changes.length - 1]!.seq : after, head: clinic.head, more };
}

interface SnapshotPosition {
  s: number;
  t: string;
  r: string;
  f: string;
}

/**
 * One page of the clinic's current values, in (table, row, field) order. The device pulls
 * changes after `snapshotSeq` once the last page is in; fields that changed while it read the
 * pages come again through those changes and merge by the same last-writer-wins.
 */
export async function snapshotPage(db: ServerDb, clinicId: string, next: string | null, limit = PULL_PAGE_CHANGES): Promise<SnapshotResponse> {
  const clinic = await clinicState(db, clinicId);
  let pos: SnapshotPosition | null = null;
  if (next) {
    try {
      pos = JSON.parse(Buffer.from(next, 'base64url').toString('utf8')) as SnapshotPosition;
    } catch {
      throw new SyncError(400, 'BAD_REQUEST', 'The snapshot position is not valid; start the download again.');
    }
  }
  const snapshotSeq = pos?.s ?? clinic.head;
  const rows = (
    await db.query<SnapshotField & { table_name: string; row_id: string }>(
      `SELECT table_name, row_id, field, hlc, value FROM field_state
       WHERE clinic_id = $1 AND ($2::text IS NULL OR (table_name, row_id, field) > ($2::text, $3::text, $4::text))
       ORDER BY table_name, row_id, field LIMIT $5`,
      [clinicId, pos?.t ?? null, pos?.r ?? '', pos?.f ?? '', limit],
    )
  ).rows;
  const total = pos
    ? 0
    : Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM field_state WHERE clinic_id = $1`, [clinicId])).rows[0]!.n);
  const fields: SnapshotField[] = rows.map((r) => ({ table: r.table_name, row: r.row_id, field: r.field, hlc: r.hlc, value: r.value }));
  const last = rows[rows.length - 1];
  const nextPos =
    rows.length === limit && last ? Buffer.from(JSON.stringify({ s: snapshotSeq, t: last.table_name, r: last.row_id, f: last.field })).toString('base64url') : null;
  return { kind: 'snapshot', fields, snapshotSeq, next: nextPos, head: clinic.head, total };
}

/**
 * Compaction: changes at or below `upToSeq` leave the log (their who/what/when stay in
 * change_history for the audit trail; current values stay in field_state). Devices whose
 * cursor is below the new floor catch up from a snapshot.
 */
export async function compact(db: ServerDb, clinicId: string, upToSeq: number): Promise<{ moved: number; floor: number }> {
  return db.transaction(async (tx) => {
    const clinic = await lockClinic(tx, clinicId);
    const floor = Math.min(upToSeq, clinic.head);
    if (floor <= clinic.floor_seq) return { moved: 0, floor: clinic.floor_seq };
    const moved = (
      await tx.query<{ n: number }>(
        `WITH gone AS (
           DELETE FROM changes WHERE clinic_id = $1 AND seq <= $2 RETURNING seq, hlc, table_name, row_id, field, user_id, device_id, received_at
         ), kept AS (
           INSERT INTO change_history (clinic_id, seq, hlc, table_name, row_id, field, user_id, device_id, received_at)
           SELECT $1, seq, hlc, table_name, row_id, field, user_id, device_id, received_at FROM gone
           ON CONFLICT DO NOTHING RETURNING 1
         )
         SELECT count(*)::int AS n FROM kept`,
        [clinicId, floor],
      )
    ).rows[0]!.n;
    await tx.query(`UPDATE clinics SET floor_seq = $2 WHERE id = $1`, [clinicId, floor]);
    return { moved, floor };
  });
}

export async function clinicHead(db: Queryable, clinicId: string): Promise<number> {
  return (await clinicState(db, clinicId)).head;
}
