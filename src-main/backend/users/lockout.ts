/**
 * Lockout after repeated failed sign-ins, with back-off (pure rule; users/auth.ts keeps the
 * counts per user name on this computer). The first few mistakes cost nothing; from the
 * fifth failure the name is locked for 30 seconds, doubling with each further failure up to
 * 15 minutes. A correct password after the lock has passed clears the count.
 */
export const FREE_FAILURES = 4;
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;

/** How long the name is locked after `failures` failed attempts in a row. */
export function lockDurationMs(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_FAILURES - 1));
}

/** "30 seconds", "2 minutes", "15 minutes": how long to wait, in words. */
export function waitWords(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}
