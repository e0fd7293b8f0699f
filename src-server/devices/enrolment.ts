/**
 * Devices of a clinic: one-time enrolment codes, bearer tokens (stored as SHA-256 only),
 * revocation. A revoked device is refused at its next call, and a push already under way
 * re-checks inside its transaction, so nothing it sends after the revocation is applied.
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { DeviceInfo, EnrolRequest, EnrolResponse } from '../../src-shared/sync/protocol';
import type { Queryable, ServerDb } from '../db/sql';
import { SyncError } from '../sync/errors';
import { revokedError } from '../sync/change-log';

export interface DeviceAuth {
  deviceId: string;
  clinicId: string;
  nodeId: string;
  canAdmin: boolean;
  name: string;
}

export const DEFAULT_CLINIC_ID = 'clinic';
export const ENROL_CODE_TTL_MS = 24 * 60 * 60 * 1000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// Crockford base32 without I, L, O, U: read aloud over the phone without confusion.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Canonical form of a typed code: upper case, no spaces or dashes, O→0 and I/L→1. */
export function normaliseCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export async function ensureClinic(db: Queryable, name = 'Clinic', id = DEFAULT_CLINIC_ID, now = Date.now()): Promise<string> {
  await db.query(`INSERT INTO clinics (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [id, name, now]);
  return id;
}

export async function createEnrolCode(
  db: Queryable,
  clinicId: string,
  opts: { canAdmin?: boolean; now?: number; ttlMs?: number } = {},
): Promise<{ code: string; expiresAt: number }> {
  const now = opts.now ?? Date.now();
  let raw = '';
  for (let i = 0; i < 12; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  const expiresAt = now + (opts.ttlMs ?? ENROL_CODE_TTL_MS);
  await db.query(`INSERT INTO enrol_codes (code_hash, clinic_id, can_admin, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
    sha256(raw),
    clinicId,
    opts.canAdmin ?? false,
    now,
    expiresAt,
  ]);
  return { code: `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`, expiresAt };
}

export async function enrol(db: ServerDb, req: EnrolRequest, now = Date.now()): Promise<EnrolResponse> {
  if (!/^[0-9a-f]{16}$/.test(req.nodeId)) throw new SyncError(400, 'BAD_REQUEST', 'This device sent an identity the server cannot read.');
  const name = req.deviceName.trim().slice(0, 80);
  if (!name) throw new SyncError(400, 'BAD_REQUEST', "Enter this computer's name.");
  return db.transaction(async (tx) => {
    const code = (
      await tx.query<{ clinic_id: string; can_admin: boolean; expires_at: number; used_at: number | null }>(
        `SELECT clinic_id, can_admin, expires_at, used_at FROM enrol_codes WHERE code_hash = $1 FOR UPDATE`,
        [sha256(normaliseCode(req.code))],
      )
    ).rows[0];
    if (!code || code.used_at !== null || Number(code.expires_at) < now) {
      throw new SyncError(
        403,
        'ENROL_CODE',
        code && code.used_at !== null
          ? 'This enrolment code has already been used. Ask the administrator for a new one.'
          : code
            ? 'This enrolment code has expired. Ask the administrator for a new one.'
            : 'This enrolment code is not known to the server. Check it for typing mistakes, or ask the administrator for a new one.',
      );
    }
    const clinic = (await tx.query<{ name: string; head: number; min_schema: number }>(`SELECT name, head, min_schema FROM clinics WHERE id = $1`, [code.clinic_id])).rows[0]!;
    const deviceId = randomUUID();
    const token = `dk_${randomBytes(32).toString('base64url')}`;
    await tx.query(
      `INSERT INTO devices (id, clinic_id, name, node_id, token_hash, can_admin, enrolled_at, schema_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [deviceId, code.clinic_id, name, req.nodeId, sha256(token), code.can_admin, now, req.schemaVersion],
    );
    await tx.query(`UPDATE enrol_codes SET used_at = $2, used_by = $3 WHERE code_hash = $1`, [sha256(normaliseCode(req.code)), now, deviceId]);
    return { token, deviceId, clinicId: code.clinic_id, clinicName: clinic.name, head: Number(clinic.head) };
  });
}

/** The device a bearer token belongs to; refused when unknown or revoked. */
export async function authenticate(db: Queryable, token: string | null): Promise<DeviceAuth> {
  if (!token) throw new SyncError(401, 'UNAUTHORIZED', 'This computer is not enrolled with the clinic server.');
  const row = (
    await db.query<{ id: string; clinic_id: string; node_id: string; can_admin: boolean; name: string; revoked_at: number | null }>(
      `SELECT id, clinic_id, node_id, can_admin, name, revoked_at FROM devices WHERE token_hash = $1`,
      [sha256(token)],
    )
  ).rows[0];
  if (!row) throw new SyncError(401, 'UNAUTHORIZED', 'The clinic server does not know this computer. Enrol it again with a new code.');
  if (row.revoked_at !== null) throw revokedError();
  return { deviceId: row.id, clinicId: row.clinic_id, nodeId: row.node_id, canAdmin: row.can_admin, name: row.name };
}

export async function listDevices(db: Queryable, clinicId: string): Promise<DeviceInfo[]> {
  const rows = (
    await db.query<{ id: string; name: string; enrolled_at: number; last_seen_at: number | null; revoked_at: number | null }>(
      `SELECT id, name, enrolled_at, last_seen_at, revoked_at FROM devices WHERE clinic_id = $1 ORDER BY enrolled_at, id`,
      [clinicId],
    )
  ).rows;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    enrolledAt: Number(r.enrolled_at),
    lastSeenAt: r.last_seen_at === null ? null : Number(r.last_seen_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  }));
}

export async function revokeDevice(db: Queryable, clinicId: string, deviceId: string, now = Date.now()): Promise<boolean> {
  const rows = (
    await db.query(`UPDATE devices SET revoked_at = coalesce(revoked_at, $3) WHERE id = $1 AND clinic_id = $2 RETURNING id`, [deviceId, clinicId, now])
  ).rows;
  return rows.length > 0;
}

export async function touchDevice(db: Queryable, deviceId: string, now: number, schemaVersion: number | null): Promise<void> {
  await db.query(`UPDATE devices SET last_seen_at = $2, schema_version = coalesce($3, schema_version) WHERE id = $1`, [deviceId, now, schemaVersion]);
}
