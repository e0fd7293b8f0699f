/**
 * audit.list / audit.exportCsv / audit.status / audit.users: reading the trail (permission
 * audit.read). Rows hold ids; names are looked up as the rows are read: the patient's name
 * from this computer's store, the computer's from the clinic's enrolled devices.
 */
import type { z } from 'zod';
import { ApiError } from '../../../src-shared/api/errors';
import {
  ACCOUNT_KINDS,
  AUDIT_KIND_WORDS,
  type AuditEvent,
  type AuditKind,
  type auditExportInput,
  type auditListInput,
} from '../../../src-shared/api/methods/audit';
import { addDays, startOfLocalDay, wallClockAt } from '../../../src-shared/domain/zoned-time';
import { ROLE_WORDS, type UserRole } from '../../../src-shared/api/permissions';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { preparedSql } from '../db/prepared';
import type { Sqlite } from '../db/open';
import { checkAuditTrail, lastAuditCheck } from './trail';

type Filters = z.output<typeof auditExportInput>;
type ListInput = z.output<typeof auditListInput>;

/** More than this many rows in one CSV is refused with a request to narrow the filters. */
export const EXPORT_MAX_ROWS = 100_000;

interface RawRow {
  id: string;
  at: number;
  kind: AuditKind;
  method: string | null;
  user_id: string | null;
  body: string;
  patient_id: string | null;
  subject_id: string | null;
  device: string;
  seq: number;
}

function clinicZone(sqlite: Sqlite): string {
  const z = preparedSql(sqlite, `SELECT time_zone FROM clinic_settings WHERE deleted_at IS NULL LIMIT 1`).pluck().get() as string | undefined;
  return z ?? 'UTC';
}

function encodeCursor(at: number, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && Number.isInteger(v[0]) && typeof v[1] === 'string') return [v[0] as number, v[1]];
  } catch {
    /* refused below */
  }
  throw ApiError.validation('cursor', 'That page of the audit trail is not valid any more. Start from the first page.');
}

/** WHERE clause and parameters for the filters (and the cursor, when paging). */
function whereClause(sqlite: Sqlite, f: Filters, cursor?: [number, string]): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.patientId) {
    parts.push('patient_id = ?');
    params.push(f.patientId);
  }
  if (f.userId) {
    parts.push('user_id = ?');
    params.push(f.userId);
  }
  if (f.kinds && f.kinds.length > 0) {
    parts.push('kind IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(f.kinds));
  }
  if (f.from || f.to) {
    const zone = clinicZone(sqlite);
    if (f.from) {
      parts.push('at >= ?');
      params.push(startOfLocalDay(zone, f.from));
    }
    if (f.to) {
      parts.push('at < ?');
      params.push(startOfLocalDay(zone, addDays(f.to, 1)));
    }
  }
  if (cursor) {
    parts.push('(at < ? OR (at = ? AND id < ?))');
    params.push(cursor[0], cursor[0], cursor[1]);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const SELECT = `SELECT id, at, kind, method, user_id, body, patient_id, subject_id, device, seq FROM audit_events`;

function patientNames(sqlite: Sqlite, ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  const rows = preparedSql(sqlite, `SELECT id, first_name, last_name FROM patients WHERE id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(ids),
  ) as { id: string; first_name: string; last_name: string }[];
  return new Map(rows.map((r) => [r.id, `${r.last_name}, ${r.first_name}`]));
}

/** Accounts named by users administration and sign-in events (a role, for roles.update). */
function accountNames(sqlite: Sqlite, rows: RawRow[]): Map<string, string> {
  const ids = [...new Set(rows.filter((r) => r.subject_id && ACCOUNT_KINDS.includes(r.kind)).map((r) => r.subject_id!))];
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const found = preparedSql(sqlite, `SELECT id, display_name FROM users WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as {
    id: string;
    display_name: string;
  }[];
  for (const u of found) out.set(u.id, u.display_name);
  for (const id of ids) if (!out.has(id) && id in ROLE_WORDS) out.set(id, `the ${ROLE_WORDS[id as UserRole].name} role`);
  return out;
}

function deviceNames(sqlite: Sqlite): Map<string, string> {
  const rows = preparedSql(sqlite, `SELECT node_id, name FROM sync_devices WHERE deleted_at IS NULL`).all() as { node_id: string; name: string }[];
  return new Map(rows.map((r) => [r.node_id, r.name]));
}

function present(ctx: HandlerContext, rows: RawRow[]): AuditEvent[] {
  const names = patientNames(ctx.sqlite, [...new Set(rows.map((r) => r.patient_id).filter((v): v is string => !!v))]);
  const devices = deviceNames(ctx.sqlite);
  const accounts = accountNames(ctx.sqlite, rows);
  return rows.map((r) => {
    const b = JSON.parse(r.body) as { userName?: string | null; role?: string | null };
    return {
      id: r.id,
      at: r.at,
      kind: r.kind,
      method: r.method,
      userId: r.user_id,
      userName: b.userName ?? null,
      role: b.role ?? null,
      patientId: r.patient_id,
      patientName: r.patient_id ? (names.get(r.patient_id) ?? null) : null,
      subjectId: r.subject_id,
      subjectName: r.subject_id ? (accounts.get(r.subject_id) ?? null) : null,
      device: r.device,
      deviceName: devices.get(r.device) ?? null,
      thisDevice: r.device === ctx.clock.node,
      seq: r.seq,
    };
  });
}

export function listAudit(ctx: HandlerContext, input: ListInput) {
  const { sql, params } = whereClause(ctx.sqlite, input, input.cursor ? decodeCursor(input.cursor) : undefined);
  const rows = preparedSql(ctx.sqlite, `${SELECT} ${sql} ORDER BY at DESC, id DESC LIMIT ?`).all(...params, input.limit + 1) as RawRow[];
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  const last = page[page.length - 1];
  return { items: present(ctx, page), nextCursor: more && last ? encodeCursor(last.at, last.id) : null };
}

// ---------------------------------------------------------------------------------------
// CSV

export const AUDIT_CSV_COLUMNS = [
  'at_utc',
  'at_clinic_local',
  'kind',
  'what',
  'method',
  'user_id',
  'user_name',
  'role',
  'patient_id',
  'patient_name',
  'subject_id',
  'subject_name',
  'computer',
  'computer_id',
  'seq',
] as const;

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with '. */
function cell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const two = (n: number) => String(n).padStart(2, '0');

export function exportAuditCsv(ctx: HandlerContext, input: Filters) {
  const { sql, params } = whereClause(ctx.sqlite, input);
  const count = preparedSql(ctx.sqlite, `SELECT count(*) FROM audit_events ${sql}`).pluck().get(...params) as number;
  if (count > EXPORT_MAX_ROWS) {
    throw ApiError.validation(
      'from',
      `${count.toLocaleString('en-US')} events match; one file holds at most ${EXPORT_MAX_ROWS.toLocaleString('en-US')}. Choose fewer days, a patient or a person.`,
    );
  }
  const rows = present(ctx, preparedSql(ctx.sqlite, `${SELECT} ${sql} ORDER BY at DESC, id DESC`).all(...params) as RawRow[]);
  const zone = clinicZone(ctx.sqlite);
  const lines = [AUDIT_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const w = wallClockAt(zone, r.at);
    const local = `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}:${two(w.second)}`;
    lines.push(
      [
        new Date(r.at).toISOString(),
        local,
        r.kind,
        AUDIT_KIND_WORDS[r.kind] ?? r.kind,
        r.method,
        r.userId,
        r.userName,
        r.role,
        r.patientId,
        r.patientName,
        r.subjectId,
        r.subjectName,
        r.deviceName ?? (r.thisDevice ? 'This computer' : null),
        r.device,
        r.seq,
      ]
        .map(cell)
        .join(','),
    );
  }
  const today = wallClockAt(zone, ctx.now());
  const scope = input.patientId ? 'patient' : input.userId ? 'user' : 'clinic';
  return {
    fileName: `audit-trail-${scope}-${today.year}-${two(today.month)}-${two(today.day)}.csv`,
    mimeType: 'text/csv',
    text: `${lines.join('\r\n')}\r\n`,
    count: rows.length,
  };
}

// ---------------------------------------------------------------------------------------

export function auditStatus(ctx: HandlerContext, recheck: boolean) {
  const check = (!recheck && lastAuditCheck(ctx.sqlite)) || checkAuditTrail(ctx);
  const b = check.brokenAt;
  return {
    ok: check.ok,
    checkedRows: check.checkedRows,
    checkedAt: check.checkedAt,
    checking: check.checking,
    brokenAt: b ? { ...b, deviceName: deviceNames(ctx.sqlite).get(b.device) ?? null, thisDevice: b.device === ctx.clock.node } : null,
  };
}

export const auditHandlers: PartialHandlers = {
  'audit.list': (input, ctx) => listAudit(ctx, input),
  'audit.exportCsv': (input, ctx) => exportAuditCsv(ctx, input),
  'audit.status': (input, ctx) => auditStatus(ctx, input.recheck),
  'audit.users': (_input, ctx) =>
    preparedSql(ctx.sqlite, `SELECT id, display_name AS displayName, role FROM users ORDER BY display_name COLLATE NOCASE, id`).all() as {
      id: string;
      displayName: string;
      role: string | null;
    }[],
};
