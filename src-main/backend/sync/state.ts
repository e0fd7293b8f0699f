/**
 * This device's sync settings and positions, in device_meta (local, never synced). Each
 * position is written in the same transaction as the work it records, so a restart resumes
 * exactly where the last one stopped.
 */
import type { Sqlite } from '../db/open';

export interface SyncLink {
  serverUrl: string;
  token: string;
  deviceId: string;
  deviceName: string;
  clinicId: string;
  clinicName: string;
  allowInsecure: boolean;
}

export interface SyncPositions {
  /** Last server sequence applied here. */
  pullCursor: number;
  /** Last change-log seq the server acknowledged. */
  pushedSeq: number;
  /** A snapshot being downloaded: where it was taken and the next page's position. */
  snapshotSeq: number | null;
  snapshotNext: string | null;
  lastSyncedAt: number | null;
}

const get = (sqlite: Sqlite, key: string) =>
  (sqlite.prepare(`SELECT value FROM device_meta WHERE key = ?`).get(key) as { value: string } | undefined)?.value ?? null;

export function setMeta(sqlite: Sqlite, key: string, value: string | number | null): void {
  if (value === null) sqlite.prepare(`DELETE FROM device_meta WHERE key = ?`).run(key);
  else
    sqlite
      .prepare(`INSERT INTO device_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
      .run(key, String(value));
}

export function readLink(sqlite: Sqlite): SyncLink | null {
  const raw = get(sqlite, 'sync.link');
  return raw ? (JSON.parse(raw) as SyncLink) : null;
}

export function writeLink(sqlite: Sqlite, link: SyncLink | null): void {
  setMeta(sqlite, 'sync.link', link ? JSON.stringify(link) : null);
}

const num = (v: string | null) => (v === null ? null : Number(v));

export function readPositions(sqlite: Sqlite): SyncPositions {
  return {
    pullCursor: num(get(sqlite, 'sync.pullCursor')) ?? 0,
    pushedSeq: num(get(sqlite, 'sync.pushedSeq')) ?? 0,
    snapshotSeq: num(get(sqlite, 'sync.snapshotSeq')),
    snapshotNext: get(sqlite, 'sync.snapshotNext'),
    lastSyncedAt: num(get(sqlite, 'sync.lastSyncedAt')),
  };
}

/**
 * Changes the server refused (src-shared/sync/write-rules.ts), counted across pushes with the
 * latest reason, for Settings → Clinic server. They stay in this computer's store.
 */
export function noteRefused(sqlite: Sqlite, count: number, reason: string, at: number): void {
  const before = readRefused(sqlite);
  setMeta(sqlite, 'sync.refused', JSON.stringify({ count: (before?.count ?? 0) + count, reason, at }));
}

export function readRefused(sqlite: Sqlite): { count: number; reason: string; at: number } | null {
  const raw = get(sqlite, 'sync.refused');
  if (!raw) return null;
  try {
    return JSON.parse(raw) as { count: number; reason: string; at: number };
  } catch {
    return null;
  }
}
