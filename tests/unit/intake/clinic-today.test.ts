/**
 * clinicToday keeps the clinic's day with the instants it spans (read on every chart opening):
 * it must still answer what todayInZone answers at every instant, across midnight, DST changes
 * and a change of the clinic's time zone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { todayInZone } from '../../../src-shared/domain/dates';
import { readSettings } from '../../../src-main/backend/clinic/service';
import { clinicToday } from '../../../src-main/backend/intake/record';
import { tempBackend } from '../../support/temp-backend';

const b = tempBackend();
afterAll(() => b.dispose());

const H = 3_600_000;
const setZone = (zone: string) => b.store.sqlite.prepare(`UPDATE clinic_settings SET time_zone = ?`).run(zone);

describe('clinicToday', () => {
  it.each(['America/Chicago', 'Pacific/Auckland', 'Asia/Kolkata', 'America/Santiago'])('agrees with todayInZone every 20 minutes through DST changes (%s)', (zone) => {
    setZone(zone);
    const tz = readSettings({ db: b.store.db }).timeZone;
    expect(tz).toBe(zone);
    // Around the March and autumn changes of both hemispheres, in steps that cross every midnight.
    for (const start of [Date.UTC(2026, 2, 6), Date.UTC(2026, 3, 3), Date.UTC(2026, 8, 4), Date.UTC(2026, 9, 30)]) {
      for (let t = start; t < start + 4 * 24 * H; t += H / 3) {
        expect(clinicToday({ db: b.store.db, now: () => t })).toBe(todayInZone(zone, t));
      }
    }
  });

  it('follows a change of the clinic time zone at once', () => {
    const t = Date.UTC(2026, 5, 1, 2, 0); // 02:00 UTC: still 31 May in Chicago
    setZone('America/Chicago');
    expect(clinicToday({ db: b.store.db, now: () => t })).toBe('2026-05-31');
    setZone('Europe/Berlin');
    expect(clinicToday({ db: b.store.db, now: () => t })).toBe('2026-06-01');
  });
});
