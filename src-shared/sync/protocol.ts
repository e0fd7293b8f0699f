/**
 * The wire between a device's sync client and the clinic server (JSON over HTTPS).
 *
 * - Push: POST /v1/push {batchId, schemaVersion, changes[]} → {accepted, duplicates, head}.
 *   A change's identity is (hlc, table, row, field); the hlc carries the device's node id,
 *   so a batch sent twice applies once.
 * - Pull: GET /v1/pull?after=<server seq>&schema=<version>[&wait=<ms>] → a page of changes
 *   after the cursor, in server-sequence order, never split inside one operation; `wait`
 *   long-polls when there is nothing new. A cursor below the server's retention floor is
 *   answered with a snapshot page instead (the current value of every field).
 * - Every call carries the device's bearer token; every push and pull its schema version.
 *
 * Pure: zod shapes and constants only, imported by the server and the backend.
 */
import { z } from 'zod';

/**
 * The desktop store's schema version: the number of migrations in drizzle/ (a test keeps
 * them equal). The server refuses a device older than the newest one it has seen for the
 * clinic, so no device writes rows with fields another one's app does not have.
 */
export const SYNC_SCHEMA_VERSION = 25;

/** How far ahead of the server's clock a change may be stamped (the HLC's own bound). */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

/** Pages stay well under a few MB: at most this many changes, and at most this many bytes of values. */
export const PULL_PAGE_CHANGES = 5000;
export const PULL_PAGE_BYTES = 2 * 1024 * 1024;
export const PUSH_BATCH_CHANGES = 2000;
export const MAX_PUSH_BODY_BYTES = 8 * 1024 * 1024;

const hlcText = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{16}$/);
const ident = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);

export const wireChangeSchema = z.object({
  hlc: hlcText,
  op: z.string().min(1).max(64),
  table: ident,
  row: z.string().min(1).max(64),
  field: ident,
  /** JSON text of the new value, as the device's change log holds it (null for SQL NULL). */
  value: z.string().max(1024 * 1024).nullable(),
  user: z.string().max(64).nullable(),
});
export type WireChange = z.infer<typeof wireChangeSchema>;

export const pushRequestSchema = z.object({
  batchId: z.string().min(1).max(64),
  schemaVersion: z.number().int().min(0),
  changes: z.array(wireChangeSchema).min(1).max(PUSH_BATCH_CHANGES),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export interface PushResponse {
  /** Changes stored for the first time by this push. */
  accepted: number;
  /** Changes the server already had (a batch sent again after a lost answer). */
  duplicates: number;
  /** The server's latest sequence after this push. */
  head: number;
  /**
   * The server's sequence just before this push. When it equals the device's pull cursor,
   * everything up to `head` is this device's own batch, and the cursor can jump to `head`.
   */
  previousHead: number;
  /**
   * Changes the server would not apply because the person behind them may not make them
   * (src-shared/sync/write-rules.ts); kept on the server for the administrator, never sent on.
   */
  refused: number;
  /** The first refusal in words, e.g. "a change to users by someone whose role (nurse) does not allow it". */
  refusedReason: string | null;
}

export interface PulledChange extends WireChange {
  seq: number;
}

export interface PullResponse {
  kind: 'changes';
  changes: PulledChange[];
  /** The cursor to ask from next time (the last seq in this page, or the request's cursor). */
  cursor: number;
  head: number;
  /** More pages wait: ask again at once. */
  more: boolean;
}

/** One field's current value, as a snapshot carries it. */
export interface SnapshotField {
  table: string;
  row: string;
  field: string;
  hlc: string;
  value: string | null;
}

export interface SnapshotResponse {
  kind: 'snapshot';
  fields: SnapshotField[];
  /** Where the snapshot was taken: after the last page, pull changes from here. */
  snapshotSeq: number;
  /** Opaque position inside the snapshot; absent on the last page. */
  next: string | null;
  head: number;
  /** Fields in the whole snapshot, for progress. */
  total: number;
}

export interface EnrolRequest {
  code: string;
  deviceName: string;
  nodeId: string;
  schemaVersion: number;
}
export interface EnrolResponse {
  token: string;
  deviceId: string;
  clinicId: string;
  clinicName: string;
  head: number;
}

export interface DeviceInfo {
  id: string;
  name: string;
  enrolledAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
}

/** Errors the server answers with, in plain words the device shows as they are. */
export const SYNC_ERROR_CODES = [
  'UNAUTHORIZED',
  'REVOKED',
  'CLOCK_AHEAD',
  'SCHEMA_TOO_OLD',
  'BAD_REQUEST',
  'ENROL_CODE',
  'FORBIDDEN',
  'TOO_LARGE',
  'NOT_FOUND',
  'SERVER',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export interface SyncErrorBody {
  error: { code: SyncErrorCode; message: string; aheadMs?: number; minSchemaVersion?: number };
}

/** "7 minutes" / "1 minute" / "40 seconds": how far a clock is off, for messages. */
export function describeDrift(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 90) return `${s} seconds`;
  const m = Math.round(s / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
}

export function clockAheadMessage(aheadMs: number): string {
  return `This computer's clock is ${describeDrift(aheadMs)} fast; fix the time, nothing was lost.`;
}

export const SCHEMA_TOO_OLD_MESSAGE =
  'This copy of the app is older than the one the clinic server now works with. Update the app on this computer; changes made here are kept and will be sent after the update.';
