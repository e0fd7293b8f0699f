/**
 * Domain conflicts after a merge. Sync merges field by field, so two devices that booked the
 * same suite at the same time while apart both keep their booking; this is where that becomes
 * something a person sees and resolves. After changes arrive, the same checks the calendar and
 * the save use run on what changed; each conflict found is a synced row (stable id: kind + the
 * rows involved), so every device lists it. Open conflicts are checked again after every
 * change (received or made here): one that no longer holds (a session cancelled or moved, a
 * duplicate record deleted) is marked resolved, with what resolved it.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import { insertRow, updateRow, type WriteContext } from '../db/mutate';
import { stableId } from '../db/stable-id';
import { loadSessionConflicts } from '../series/conflicts-data';
import type { SessionConflict } from '../series/conflicts';
import { syncConflicts } from './schema';

export type ConflictKind = 'suite' | 'patient' | 'supervisor' | 'closure' | 'authorization' | 'duplicate_patient';

interface Found {
  kind: ConflictKind;
  subjectIds: string[];
  summary: string;
  startsAt: number | null;
}

const conflictId = (kind: string, ids: readonly string[]) => stableId('sync_conflicts', kind, ...ids);

/** Session, patient and authorization conflicts that involve the given rows. */
function findFor(w: WriteContext, rows: Map<string, Set<string>>): Found[] {
  const out: Found[] = [];
  const sqlite = w.sqlite;

  // Sessions: the time span the changed sessions (and the changed series' sessions) cover.
  const sessionIds = new Set(rows.get('infusion_sessions') ?? []);
  for (const seriesId of rows.get('infusion_series') ?? []) {
    for (const id of sqlite.prepare(`SELECT id FROM infusion_sessions WHERE series_id = ?`).pluck().all(seriesId) as string[]) sessionIds.add(id);
  }
  if (sessionIds.size > 0) {
    const ids = [...sessionIds];
    const span = sqlite
      .prepare(`SELECT min(starts_at) AS a, max(ends_at) AS b FROM infusion_sessions WHERE id IN (SELECT value FROM json_each(?))`)
      .get(JSON.stringify(ids)) as { a: number | null; b: number | null };
    if (span.a !== null && span.b !== null) {
      for (const c of loadSessionConflicts(sqlite, span.a, span.b)) {
        if (c.sessionIds.some((id) => sessionIds.has(id))) out.push(sessionFound(c));
      }
    }
  }

  // Authorizations: more sessions counted against one than it approves.
  const authIds = new Set(rows.get('authorizations') ?? []);
  if (sessionIds.size > 0) {
    const linked = sqlite
      .prepare(
        // A series may draw on a second authorization (the drug's): each is counted on its own.
        `SELECT s.authorization_id FROM infusion_series s JOIN infusion_sessions x ON x.series_id = s.id
         WHERE x.id IN (SELECT value FROM json_each(?)) AND s.authorization_id IS NOT NULL
         UNION
         SELECT s.also_authorization_id FROM infusion_series s JOIN infusion_sessions x ON x.series_id = s.id
         WHERE x.id IN (SELECT value FROM json_each(?)) AND s.also_authorization_id IS NOT NULL`,
      )
      .pluck()
      .all(JSON.stringify([...sessionIds]), JSON.stringify([...sessionIds])) as string[];
    for (const id of linked) authIds.add(id);
  }
  for (const id of authIds) {
    const f = authorizationOver(w, id);
    if (f) out.push(f);
  }

  // Two records of one person: same name and date of birth, or the same MRN.
  for (const id of rows.get('patients') ?? []) out.push(...duplicatesOf(w, id));
  return out;
}

function sessionFound(c: SessionConflict): Found {
  return { kind: c.kind, subjectIds: [...c.sessionIds].sort(), summary: c.reason, startsAt: c.startsAt };
}

function authorizationOver(w: WriteContext, authId: string): Found | null {
  const auth = w.sqlite
    .prepare(`SELECT approved_sessions AS approved, auth_number AS number, patient_id AS patientId FROM authorizations WHERE id = ? AND deleted_at IS NULL`)
    .get(authId) as { approved: number | null; number: string | null; patientId: string } | undefined;
  if (!auth || auth.approved === null) return null;
  const sessions = w.sqlite
    .prepare(
      `SELECT x.id, x.starts_at AS startsAt FROM infusion_sessions x JOIN infusion_series s ON s.id = x.series_id
       WHERE (s.authorization_id = ? OR s.also_authorization_id = ?) AND x.deleted_at IS NULL AND s.deleted_at IS NULL AND x.status NOT IN ('cancelled', 'no_show')
       ORDER BY x.starts_at, x.id`,
    )
    .all(authId, authId) as { id: string; startsAt: number }[];
  if (sessions.length <= auth.approved) return null;
  const name = patientName(w, auth.patientId);
  return {
    kind: 'authorization',
    subjectIds: [authId],
    summary: `${name} has ${sessions.length} sessions booked under authorization ${auth.number ?? '(no number)'}, which approves ${auth.approved}.`,
    startsAt: sessions[0]!.startsAt,
  };
}

function patientName(w: WriteContext, id: string): string {
  const row = w.sqlite.prepare(`SELECT first_name || ' ' || last_name AS n FROM patients WHERE id = ?`).get(id) as { n: string } | undefined;
  return row?.n ?? 'A patient';
}

function duplicatesOf(w: WriteContext, id: string): Found[] {
  const p = w.sqlite
    .prepare(`SELECT id, first_name_key AS f, last_name_key AS l, date_of_birth AS dob, mrn, first_name || ' ' || last_name AS name FROM patients WHERE id = ? AND deleted_at IS NULL`)
    .get(id) as { id: string; f: string; l: string; dob: string; mrn: string; name: string } | undefined;
  if (!p) return [];
  const others = w.sqlite
    .prepare(
      `SELECT id, mrn, first_name_key AS f, last_name_key AS l, date_of_birth AS dob, first_name || ' ' || last_name AS name FROM patients
       WHERE deleted_at IS NULL AND id <> ? AND ((first_name_key = ? AND last_name_key = ? AND date_of_birth = ?) OR mrn = ?)`,
    )
    .all(p.id, p.f, p.l, p.dob, p.mrn) as { id: string; mrn: string; f: string; l: string; dob: string; name: string }[];
  return others.map((o) => {
    const samePerson = o.f === p.f && o.l === p.l && o.dob === p.dob;
    return {
      kind: 'duplicate_patient' as const,
      subjectIds: [p.id, o.id].sort(),
      summary: samePerson
        ? `${p.name} (MRN ${p.mrn}) and ${o.name} (MRN ${o.mrn}) have the same name and date of birth: two records of one person?`
        : `${p.name} and ${o.name} were both given MRN ${p.mrn} on different computers.`,
      startsAt: null,
    };
  });
}

/** Does an open conflict still hold? */
function stillHolds(w: WriteContext, kind: string, ids: string[]): boolean {
  if (kind === 'authorization') return authorizationOver(w, ids[0]!) !== null;
  if (kind === 'duplicate_patient') return duplicatesOf(w, ids[0]!).some((f) => f.subjectIds.join() === [...ids].sort().join());
  const span = w.sqlite
    .prepare(`SELECT min(starts_at) AS a, max(ends_at) AS b FROM infusion_sessions WHERE id IN (SELECT value FROM json_each(?))`)
    .get(JSON.stringify(ids)) as { a: number | null; b: number | null };
  if (span.a === null || span.b === null) return false;
  const key = [...ids].sort().join();
  return loadSessionConflicts(w.sqlite, span.a, span.b).some((c) => c.kind === kind && [...c.sessionIds].sort().join() === key);
}

/** What ended a conflict, in words, from the rows involved. */
function whatResolved(w: WriteContext, kind: string, ids: string[]): string {
  if (kind === 'duplicate_patient') return 'One of the records was changed or removed; they no longer match.';
  if (kind === 'authorization') return 'The sessions now fit the authorization.';
  const cancelled = w.sqlite
    .prepare(`SELECT status FROM infusion_sessions WHERE id IN (SELECT value FROM json_each(?)) AND (status IN ('cancelled', 'no_show') OR deleted_at IS NOT NULL)`)
    .all(JSON.stringify(ids));
  return cancelled.length ? 'A session involved was cancelled.' : 'A session involved was moved; they no longer overlap.';
}

/**
 * After a merge: record new conflicts among what changed, and close the open ones that no
 * longer hold. Returns whether anything was written.
 */
export function checkAfterMerge(w: WriteContext, rows: Map<string, Set<string>>): boolean {
  let wrote = false;
  w.sqlite.transaction(() => {
    for (const f of findFor(w, rows)) {
      const id = conflictId(f.kind, f.subjectIds);
      const existing = w.db.select({ id: syncConflicts.id }).from(syncConflicts).where(eq(syncConflicts.id, id)).get();
      if (existing) continue;
      insertRow(w, syncConflicts, { id, kind: f.kind, subjectIds: f.subjectIds, summary: f.summary, startsAt: f.startsAt, status: 'open', resolution: null, resolvedBy: null, resolvedAt: null });
      wrote = true;
    }
    if (recheckOpen(w)) wrote = true;
  })();
  return wrote;
}

/** Close open conflicts that no longer hold (after any change, here or received). */
export function recheckOpen(w: WriteContext): boolean {
  const open = w.db.select().from(syncConflicts).where(and(eq(syncConflicts.status, 'open'), isNull(syncConflicts.deletedAt))).all();
  let wrote = false;
  for (const c of open) {
    if (stillHolds(w, c.kind, c.subjectIds)) continue;
    updateRow(w, syncConflicts, c.id, { status: 'resolved', resolution: whatResolved(w, c.kind, c.subjectIds), resolvedBy: w.userId, resolvedAt: w.now() }, { what: 'This conflict' });
    wrote = true;
  }
  return wrote;
}

export function openConflictCount(w: Pick<WriteContext, 'sqlite'>): number {
  return w.sqlite.prepare(`SELECT count(*) FROM sync_conflicts WHERE status = 'open' AND deleted_at IS NULL`).pluck().get() as number;
}

export interface ConflictSide {
  id: string;
  title: string;
  detail: string;
  madeBy: string | null;
  /** The computer it was made on, when known. */
  madeOn: string | null;
  madeAt: number | null;
  /** For sessions: what the one-click resolutions act on. */
  sessionId: string | null;
  patientId: string | null;
  version: number | null;
  startsAt?: number;
  endsAt?: number;
}

export function sidesOf(w: WriteContext, kind: string, ids: string[]): ConflictSide[] {
  if (kind === 'duplicate_patient') {
    return ids.map((id) => {
      const p = w.sqlite
        .prepare(`SELECT first_name || ' ' || last_name AS name, mrn, date_of_birth AS dob, phone, created_at AS createdAt, version FROM patients WHERE id = ?`)
        .get(id) as { name: string; mrn: string; dob: string; phone: string | null; createdAt: number; version: number } | undefined;
      return {
        id,
        title: p ? `${p.name} · MRN ${p.mrn}` : 'A patient record',
        detail: p ? `Born ${p.dob}${p.phone ? ` · ${p.phone}` : ''}` : '',
        madeBy: null,
        madeOn: madeOn(w, 'patients', id),
        madeAt: p?.createdAt ?? null,
        sessionId: null,
        patientId: id,
        version: p?.version ?? null,
      };
    });
  }
  const sessionIds =
    kind === 'authorization'
      ? (w.sqlite
          .prepare(
            `SELECT x.id FROM infusion_sessions x JOIN infusion_series s ON s.id = x.series_id WHERE (s.authorization_id = ? OR s.also_authorization_id = ?) AND x.deleted_at IS NULL AND x.status NOT IN ('cancelled', 'no_show') ORDER BY x.starts_at`,
          )
          .pluck()
          .all(ids[0], ids[0]) as string[])
      : ids;
  const stmt = w.sqlite.prepare(
    `SELECT x.id, x.patient_id AS patientId, x.starts_at AS startsAt, x.ends_at AS endsAt, x.status, x.version,
            p.first_name || ' ' || p.last_name AS patient, su.name AS suite,
            (SELECT u.display_name FROM session_history h LEFT JOIN users u ON u.id = h.by_user WHERE h.session_id = x.id AND h.action = 'booked' ORDER BY h.created_at LIMIT 1) AS bookedBy,
            (SELECT h.created_at FROM session_history h WHERE h.session_id = x.id AND h.action = 'booked' ORDER BY h.created_at LIMIT 1) AS bookedAt
     FROM infusion_sessions x JOIN patients p ON p.id = x.patient_id LEFT JOIN suites su ON su.id = x.suite_id WHERE x.id = ?`,
  );
  return sessionIds.flatMap((id) => {
    const r = stmt.get(id) as
      | { id: string; patientId: string; startsAt: number; endsAt: number; status: string; version: number; patient: string; suite: string | null; bookedBy: string | null; bookedAt: number | null }
      | undefined;
    if (!r) return [];
    return [
      {
        id,
        title: `${r.patient} · ${r.suite ?? 'no suite'}`,
        detail: r.status,
        madeBy: r.bookedBy,
        madeOn: madeOn(w, 'infusion_sessions', id),
        madeAt: r.bookedAt,
        sessionId: id,
        patientId: r.patientId,
        version: r.version,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
      },
    ];
  });
}

/** The computer a row was created on: the node in its created_at clock, by its synced name. */
function madeOn(w: WriteContext, table: string, id: string): string | null {
  const hlc = w.sqlite.prepare(`SELECT hlc FROM field_clocks WHERE table_name = ? AND row_id = ? AND field = 'created_at'`).pluck().get(table, id) as string | undefined;
  if (!hlc) return null;
  const node = hlc.slice(-16);
  return (w.sqlite.prepare(`SELECT name FROM sync_devices WHERE node_id = ? AND deleted_at IS NULL`).pluck().get(node) as string | undefined) ?? null;
}

export function dismissConflict(w: WriteContext, id: string, reason: string, expectedVersion?: number): void {
  const row = w.db.select().from(syncConflicts).where(eq(syncConflicts.id, id)).get();
  if (!row || row.deletedAt !== null) throw ApiError.notFound('This conflict');
  if (row.status !== 'open') throw new ApiError('CONFLICT', 'This conflict was already resolved, perhaps on another computer.');
  updateRow(w, syncConflicts, id, { status: 'dismissed', resolution: reason, resolvedBy: w.userId, resolvedAt: w.now() }, { what: 'This conflict', expectedVersion });
}

export function listConflicts(w: WriteContext, includeClosed: boolean) {
  const rows = w.db
    .select()
    .from(syncConflicts)
    .where(includeClosed ? isNull(syncConflicts.deletedAt) : and(eq(syncConflicts.status, 'open'), isNull(syncConflicts.deletedAt)))
    .all()
    .sort((a, b) => (a.status === b.status ? (a.startsAt ?? 0) - (b.startsAt ?? 0) : a.status === 'open' ? -1 : 1));
  const userIds = [...new Set(rows.map((r) => r.resolvedBy).filter((x): x is string => !!x))];
  const names = new Map(
    userIds.length
      ? (w.sqlite.prepare(`SELECT id, display_name AS n FROM users WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(userIds)) as { id: string; n: string }[]).map((u) => [u.id, u.n])
      : [],
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    kind: r.kind as ConflictKind,
    summary: r.summary,
    status: r.status as 'open' | 'resolved' | 'dismissed',
    startsAt: r.startsAt,
    detectedAt: r.createdAt,
    resolution: r.resolution,
    resolvedBy: r.resolvedBy ? (names.get(r.resolvedBy) ?? null) : null,
    resolvedAt: r.resolvedAt,
    sides: sidesOf(w, r.kind, r.subjectIds),
  }));
}

