/**
 * The server's check of each pushed change against the clinic's role table
 * (src-shared/sync/write-rules.ts). Who a change's user is and what their role may do come
 * from the server's own current field values (`field_state`) with the batch's own user and
 * role changes laid over them, so a user created and used while offline is known.
 *
 * A switched-off account's changes made before it was switched off (by HLC) still count: a
 * nurse's scores recorded on a laptop that was offline when the administrator switched her
 * account off are not lost. A role change applies to everything pushed after it arrives.
 */
import {
  DEFAULT_ROLE_PERMISSIONS,
  PERMISSIONS,
  USER_ROLES,
  type Permission,
  type RoleGrants,
  type UserRole,
} from '../../src-shared/api/permissions';
import { parseHlc } from '../../src-shared/hlc';
import type { WireChange } from '../../src-shared/sync/protocol';
import { refusalOf, type ChangeAuthor } from '../../src-shared/sync/write-rules';
import type { Queryable } from '../db/sql';

interface FieldValue {
  hlc: string;
  value: string | null;
}

type Fields = Map<string, Map<string, FieldValue>>; // row → field → latest

function put(into: Fields, row: string, field: string, v: FieldValue): void {
  let m = into.get(row);
  if (!m) into.set(row, (m = new Map()));
  const cur = m.get(field);
  if (!cur || v.hlc > cur.hlc) m.set(field, v);
}

function json(v: string | null | undefined): unknown {
  if (v === null || v === undefined) return null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return null;
  }
}

async function load(tx: Queryable, clinicId: string, table: string, fields: string[], rows: string[] | null, batch: readonly WireChange[]): Promise<Fields> {
  const out: Fields = new Map();
  const res = await tx.query<{ row_id: string; field: string; hlc: string; value: string | null }>(
    `SELECT row_id, field, hlc, value FROM field_state
      WHERE clinic_id = $1 AND table_name = $2 AND field = ANY($3::text[]) ${rows ? 'AND row_id = ANY($4::text[])' : ''}`,
    rows ? [clinicId, table, fields, rows] : [clinicId, table, fields],
  );
  for (const r of res.rows) put(out, r.row_id, r.field, { hlc: r.hlc, value: r.value });
  for (const c of batch) if (c.table === table && fields.includes(c.field)) put(out, c.row, c.field, { hlc: c.hlc, value: c.value });
  return out;
}

export interface Refused {
  change: WireChange;
  reason: string;
}

/** The changes of this batch to refuse (whole operations: an operation is applied entirely or not at all). */
export async function refusedChanges(tx: Queryable, clinicId: string, changes: readonly WireChange[]): Promise<Refused[]> {
  const userIds = [...new Set(changes.map((c) => c.user).filter((u): u is string => u !== null))];
  const users = userIds.length ? await load(tx, clinicId, 'users', ['role', 'disabled', 'deleted_at'], userIds, changes) : new Map();
  const roleRows = await load(tx, clinicId, 'role_permissions', ['role', 'permissions', 'deleted_at'], null, changes);

  const grants: Record<UserRole, readonly Permission[]> = { ...DEFAULT_ROLE_PERMISSIONS };
  for (const fields of roleRows.values()) {
    const role = json(fields.get('role')?.value);
    const list = json(fields.get('permissions')?.value);
    if (json(fields.get('deleted_at')?.value) !== null) continue;
    if (typeof role === 'string' && (USER_ROLES as readonly string[]).includes(role) && role !== 'admin' && Array.isArray(list)) {
      grants[role as UserRole] = PERMISSIONS.filter((p) => list.includes(p));
    }
  }

  const authorAt = (userId: string, hlc: string): ChangeAuthor | null => {
    const f = users.get(userId);
    const role = json(f?.get('role')?.value);
    if (!f || typeof role !== 'string' || !(USER_ROLES as readonly string[]).includes(role)) return null;
    const off = f.get('disabled');
    const gone = f.get('deleted_at');
    const disabledNow = (off && (json(off.value) === true || json(off.value) === 1) && off.hlc < hlc) || (gone && json(gone.value) !== null && gone.hlc < hlc);
    return { id: userId, role: role as UserRole, disabled: !!disabledNow };
  };

  const refused: Refused[] = [];
  const badOps = new Map<string, string>();
  for (const c of changes) {
    const reason = refusalOf(
      { table: c.table, row: c.row, field: c.field, user: c.user, millis: parseHlc(c.hlc).millis },
      c.user ? authorAt(c.user, c.hlc) : null,
      grants as RoleGrants,
    );
    if (reason && !badOps.has(c.op)) badOps.set(c.op, reason);
  }
  if (badOps.size === 0) return refused;
  for (const c of changes) {
    const reason = badOps.get(c.op);
    if (reason) refused.push({ change: c, reason });
  }
  return refused;
}
