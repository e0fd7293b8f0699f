import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src-shared/api/methods/sync';
import { summarizeConflicts, summarizeSync } from '../../../src-renderer/src/features/sync/sync-words';
import { zonedToInstant } from '../../../src-shared/domain/zoned-time';

const ZONE = 'America/Chicago';
const NOW = zonedToInstant(ZONE, '2026-12-07', '10:45');
// Asserted, not annotated: the status grows fields (openConflicts) these words do not use.
const linked = {
  state: 'online',
  serverUrl: 'https://clinic-server.local:8443',
  deviceName: 'Front desk PC',
  deviceId: 'd1',
  clinicName: 'Lakeside',
  lastSyncedAt: zonedToInstant(ZONE, '2026-12-07', '10:42'),
  waiting: 0,
  lastError: null,
  catchUp: null,
  openConflicts: 0,
  refused: null,
} as SyncStatus;

describe('the words for sync', () => {
  const cases: Array<[string, Partial<SyncStatus>, string, string | null]> = [
    ['not linked', { state: 'off' }, 'On this computer only', 'Not linked to a clinic server'],
    ['connecting', { state: 'connecting' }, 'Connecting…', 'to the clinic server'],
    ['online, up to date, in the clinic zone', {}, 'Synced 10:42 AM', 'Up to date'],
    ['online with changes still to send', { waiting: 1 }, 'Synced 10:42 AM', '1 change to send'],
    ['synced on an earlier day shows the date', { lastSyncedAt: zonedToInstant(ZONE, '2026-12-06', '16:10') }, 'Synced Dec 6, 4:10 PM', 'Up to date'],
    ['online, never synced yet', { lastSyncedAt: null }, 'Connected', 'Up to date'],
    ['offline with work waiting', { state: 'offline', waiting: 12 }, 'Offline — 12 changes waiting', 'All work saved on this computer'],
    ['offline with nothing waiting', { state: 'offline' }, 'Offline', 'All work saved on this computer'],
    [
      'refused: the server’s own words',
      { state: 'error', waiting: 3, lastError: { code: 'CLOCK_AHEAD', message: "This computer's clock is 7 minutes fast; fix the time, nothing was lost.", at: NOW } },
      "This computer's clock is 7 minutes fast; fix the time, nothing was lost.",
      'Not syncing — 3 changes waiting on this computer',
    ],
    ['catching up', { lastSyncedAt: null, catchUp: { received: 12345, total: 1_000_000 } }, 'Downloading the clinic: 12,345 of 1,000,000 changes', 'You can keep working'],
  ];
  it.each(cases)('%s', (_name, patch, headline, detail) => {
    const s = summarizeSync({ ...linked, ...patch }, ZONE, NOW);
    expect(s.headline).toBe(headline);
    expect(s.detail).toBe(detail);
  });

  it('gives every state a tone and a symbol, never colour alone', () => {
    for (const state of ['off', 'connecting', 'online', 'offline', 'error'] as const) {
      const s = summarizeSync({ ...linked, state }, ZONE, NOW);
      expect(s.symbol.length).toBeGreaterThan(0);
      expect(s.headline.length).toBeGreaterThan(0);
    }
  });

  it('reports catch-up progress for the bar', () => {
    const s = summarizeSync({ ...linked, catchUp: { received: 5, total: 10 } }, ZONE, NOW);
    expect(s.progress).toEqual({ received: 5, total: 10 });
  });
});

describe('the words for conflicts waiting', () => {
  it.each([
    [0, null],
    [1, '1 conflict to resolve'],
    [2, '2 conflicts to resolve'],
    [1234, '1,234 conflicts to resolve'],
  ] as const)('%d open → %s', (n, headline) => {
    const c = summarizeConflicts({ ...linked, openConflicts: n });
    expect(c?.headline ?? null).toBe(headline);
    if (c) {
      expect(c.tone).toBe('warn');
      expect(c.symbol.length).toBeGreaterThan(0);
      expect(c.detail).toBe('Choose what stays');
      expect(c.headline).toBe(`${c.count} to resolve`);
    }
  });

  it('speaks in every sync state, offline and refused too (the conflicts are already here)', () => {
    for (const state of ['off', 'connecting', 'online', 'offline', 'error'] as const) {
      expect(summarizeConflicts({ ...linked, state, openConflicts: 3 })?.headline).toBe('3 conflicts to resolve');
    }
  });

  it('says nothing before the status is read or when the count is missing', () => {
    expect(summarizeConflicts(null)).toBeNull();
    expect(summarizeConflicts(undefined)).toBeNull();
  });
});
