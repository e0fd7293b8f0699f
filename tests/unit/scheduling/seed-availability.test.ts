import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../../src-main/backend/db/cipher';
import { TEST_STORE_KEY } from '../../support/temp-backend';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSlot, type ScheduleData } from '../../../src-main/backend/scheduling/rules/free-slots';
import { seedClinic } from '../../../scripts/lib/seed-clinic';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function seeded(patients: number) {
  const dir = mkdtempSync(join(tmpdir(), 'seed-availability-'));
  dirs.push(dir);
  const lines: string[] = [];
  const report = await seedClinic({ dataDir: dir, patients, seed: 5, log: (l) => lines.push(l) });
  return { db: openSqlite(report.file, { key: TEST_STORE_KEY, readonly: true }), lines };
}

describe('seeded consultation hours and bookings', () => {
  it('gives every provider hours, adds exceptions and a few hundred bookings that all fit the rules, the same every time', async () => {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const { db, lines } = await seeded(600);
      try {
        expect(lines.some((l) => /consultation hours for 4 providers/.test(l))).toBe(true);
        const weekly = db
          .prepare(`SELECT staff_id AS staffId, weekday, start_time AS startTime, end_time AS endTime, valid_from AS validFrom, valid_to AS validTo FROM provider_availability`)
          .all() as ScheduleData['availability'][number][];
        const providers = db.prepare(`SELECT id AS staffId, name FROM staff WHERE role IN ('physician', 'anesthesiologist')`).all() as { staffId: string; name: string }[];
        expect(providers).toHaveLength(4);
        expect(new Set(weekly.map((w) => w.staffId)).size).toBe(4);
        const exceptions = db.prepare(`SELECT staff_id AS staffId, starts_at AS startsAt, ends_at AS endsAt, reason FROM availability_exceptions`).all() as ScheduleData['exceptions'][number][];
        expect(exceptions.length).toBeGreaterThanOrEqual(3);
        expect(exceptions.some((e) => e.staffId === null)).toBe(true);
        const appts = db
          .prepare(`SELECT id, patient_id AS patientId, staff_id AS staffId, starts_at AS startsAt, ends_at AS endsAt, status FROM appointments ORDER BY starts_at, id`)
          .all() as { id: string; patientId: string; staffId: string; startsAt: number; endsAt: number; status: string }[];
        const booked = appts.filter((a) => a.status === 'booked');
        expect(booked.length).toBeGreaterThanOrEqual(200);
        expect(booked.length).toBeLessThan(400);
        expect(new Set(appts.map((a) => a.patientId)).size).toBe(appts.length);
        // Every booking would pass the booking check against all the others.
        const settings = db.prepare(`SELECT time_zone AS timeZone, opening_hours AS oh FROM clinic_settings`).get() as { timeZone: string; oh: string };
        for (const a of booked) {
          const data: ScheduleData = {
            timeZone: settings.timeZone,
            openingHours: JSON.parse(settings.oh),
            providers,
            availability: weekly,
            exceptions,
            appointments: booked.filter((x) => x.id !== a.id),
          };
          expect(checkSlot(data, { staffId: a.staffId, startsAt: a.startsAt, minutes: (a.endsAt - a.startsAt) / 60_000, now: 0 })).toEqual({ ok: true });
        }
        // Written through the mutation helper.
        expect((db.prepare(`SELECT count(DISTINCT row_id) AS n FROM change_log WHERE table_name = 'appointments'`).get() as { n: number }).n).toBe(appts.length);
        runs.push({ weekly: db.prepare(`SELECT * FROM provider_availability ORDER BY id`).all(), appts: db.prepare(`SELECT * FROM appointments ORDER BY id`).all() });
      } finally {
        db.close();
      }
    }
    expect(runs[0]).toEqual(runs[1]);
  });

  it('a clinic with no patients gets hours but no bookings', async () => {
    const { db } = await seeded(0);
    try {
      expect((db.prepare(`SELECT count(*) AS n FROM provider_availability`).get() as { n: number }).n).toBeGreaterThan(0);
      expect((db.prepare(`SELECT count(*) AS n FROM appointments`).get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
  });
});
