/**
 * The words for this computer's link to the clinic server, shared by the header indicator and
 * Settings → Clinic server, so both always say the same thing. Pure: no React, no API.
 *
 * Every state has words, not only a colour (a tone the stylesheet colours, and a symbol).
 */
import type { SyncStatus } from '../../../../src-shared/api/methods/sync';
import { keptDateTimeFormat } from '../../../../src-shared/domain/dates';

export type SyncTone = 'neutral' | 'busy' | 'ok' | 'warn' | 'error';

export interface SyncSummary {
  tone: SyncTone;
  /** A symbol beside the words (decorative: the words say it all). */
  symbol: string;
  /** The main line, readable at a glance: "Synced 10:42 AM", "Offline — 3 changes waiting". */
  headline: string;
  /** A second, quieter line: "Up to date", "All work saved on this computer". */
  detail: string | null;
  /** While a new computer downloads the clinic. */
  progress: { received: number; total: number } | null;
}

const count = new Intl.NumberFormat('en-US');

export function changes(n: number): string {
  return `${count.format(n)} ${n === 1 ? 'change' : 'changes'}`;
}

function fmt(zone: string, withDate: boolean): Intl.DateTimeFormat {
  return keptDateTimeFormat('en-US', {
    timeZone: zone,
    ...(withDate ? { month: 'short', day: 'numeric' } : {}),
    hour: 'numeric',
    minute: '2-digit',
  });
}

function dayOf(zone: string, instant: number): string {
  return keptDateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** "10:42 AM" today in the clinic's zone, "Dec 6, 4:10 PM" on another day. */
export function shortClinicTime(instant: number, zone: string, now: number): string {
  const sameDay = dayOf(zone, instant) === dayOf(zone, now);
  return fmt(zone, !sameDay).format(instant);
}

export function summarizeSync(status: SyncStatus, clinicZone: string, now: number): SyncSummary {
  switch (status.state) {
    case 'off':
      return { tone: 'neutral', symbol: '●', headline: 'On this computer only', detail: 'Not linked to a clinic server', progress: null };
    case 'connecting':
      return {
        tone: 'busy',
        symbol: '↻',
        headline: 'Connecting…',
        detail: status.waiting > 0 ? `${changes(status.waiting)} to send` : 'to the clinic server',
        progress: null,
      };
    case 'online': {
      if (status.catchUp) {
        const { received, total } = status.catchUp;
        return {
          tone: 'busy',
          symbol: '↓',
          headline: `Downloading the clinic: ${count.format(received)} of ${changes(total)}`,
          detail: 'You can keep working',
          progress: { received, total },
        };
      }
      const headline = status.lastSyncedAt !== null ? `Synced ${shortClinicTime(status.lastSyncedAt, clinicZone, now)}` : 'Connected';
      const detail = status.waiting > 0 ? `${changes(status.waiting)} to send` : 'Up to date';
      return { tone: 'ok', symbol: '✓', headline, detail, progress: null };
    }
    case 'offline':
      return {
        tone: 'warn',
        symbol: '⚠',
        headline: status.waiting > 0 ? `Offline — ${changes(status.waiting)} waiting` : 'Offline',
        detail: 'All work saved on this computer',
        progress: null,
      };
    case 'error':
      return {
        tone: 'error',
        symbol: '⚠',
        headline: status.lastError?.message ?? 'The clinic server refused this computer.',
        detail: status.waiting > 0 ? `Not syncing — ${changes(status.waiting)} waiting on this computer` : 'Not syncing',
        progress: null,
      };
  }
}

/**
 * Conflicts waiting for a person, in every sync state (they are already on this computer even
 * when it is offline). Null when there are none. Words and a symbol as well as the colour.
 */
export interface ConflictsSummary {
  tone: 'warn';
  symbol: string;
  /** "2 conflicts to resolve". */
  headline: string;
  /** The count alone, "2 conflicts" (a narrow header puts "to resolve" on a second line). */
  count: string;
  detail: string;
}

function conflictCount(n: number): string {
  return `${count.format(n)} ${n === 1 ? 'conflict' : 'conflicts'}`;
}

export function conflictsToResolve(n: number): string {
  return `${conflictCount(n)} to resolve`;
}

export function summarizeConflicts(status: SyncStatus | null | undefined): ConflictsSummary | null {
  const n = status?.openConflicts ?? 0;
  if (n <= 0) return null;
  return {
    tone: 'warn',
    symbol: '!',
    headline: conflictsToResolve(n),
    count: conflictCount(n),
    detail: 'Choose what stays',
  };
}
