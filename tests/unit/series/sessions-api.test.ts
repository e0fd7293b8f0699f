import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertRow, type WriteContext } from '../../../src-main/backend/db/mutate';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { infusionSeries, infusionSessions } from '../../../src-main/backend/series/schema';
import { loadDeviceClock } from '../../../src-main/backend/sync/device-clock';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);
const NOW = at('2026-06-08', '07:00');
const MIN = 60_000;

let b: TestBackend;
let sessionId: string;
const count = (table: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  });
  const suite = (await b.ok('suites.create', { name: 'Suite 1' })).id;
  const patient = (await b.ok('patients.create', validPatient)).id;
  const w: WriteContext = { db: b.store.db, sqlite: b.store.sqlite, clock: loadDeviceClock(b.store.sqlite, () => NOW), userId: null, now: () => NOW };
  const series = insertRow(w, infusionSeries, { patientId: patient, templateSnapshot: {}, status: 'active', selfPay: true });
  const startsAt = at('2026-06-08', '08:00');
  sessionId = insertRow(w, infusionSessions, {
    seriesId: series.id,
    patientId: patient,
    seq: 1,
    suiteId: suite,
    supervisorId: null,
    startsAt,
    infusionStartsAt: startsAt + 30 * MIN,
    recoveryStartsAt: startsAt + 270 * MIN,
    endsAt: startsAt + 330 * MIN,
    status: 'scheduled',
    statusTimes: {},
    checklist: {},
  }).id;
});
afterEach(() => b.dispose());

describe('session status flow and checklist', () => {
  it('walks the flow, recording each time and a history row', async () => {
    await b.ok('sessions.setStatus', { sessionId, status: 'arrived' });
    for (const item of ['fasting', 'driver', 'consent'] as const) await b.ok('sessions.updateChecklist', { sessionId, item, done: true });
    await b.ok('sessions.updateChecklist', { sessionId, item: 'authorization', done: false, override: 'Self-pay, no auth needed' });
    for (const status of ['iv_placed', 'infusing', 'recovery', 'discharged'] as const) {
      const s = await b.ok('sessions.setStatus', { sessionId, status });
      expect(s.status).toBe(status);
    }
    const back = await b.fail('sessions.setStatus', { sessionId, status: 'arrived' });
    expect(back.message).toBe('This session is discharged; its status can no longer change.');
    const history = await b.ok('sessions.history', { sessionId });
    expect(history.map((h) => h.action)).toEqual(['status', 'checklist', 'checklist', 'checklist', 'checklist', 'status', 'status', 'status', 'status']);
    expect(history.filter((h) => h.action === 'status').map((h) => h.toValue?.status)).toEqual(['arrived', 'iv_placed', 'infusing', 'recovery', 'discharged']);
  });

  it('refuses skips and backwards moves with a plain message, saving nothing', async () => {
    const before = [count('session_history'), count('change_log')];
    const e = await b.fail('sessions.setStatus', { sessionId, status: 'infusing' });
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'status' });
    expect(e.message).toBe('A session that is scheduled can go next to arrived or no-show or cancelled, not infusing.');
    expect([count('session_history'), count('change_log')]).toEqual(before);
  });

  it('refuses IV placement until the checklist is complete', async () => {
    await b.ok('sessions.setStatus', { sessionId, status: 'arrived' });
    await b.ok('sessions.updateChecklist', { sessionId, item: 'fasting', done: true });
    const e = await b.fail('sessions.setStatus', { sessionId, status: 'iv_placed' });
    expect(e.message).toMatch(/checklist is complete: driver confirmed, authorization valid, consent on file/);
  });

  it('a cancellation needs a reason and is recorded', async () => {
    expect((await b.fail('sessions.setStatus', { sessionId, status: 'cancelled' })).field).toBe('reason');
    const s = await b.ok('sessions.setStatus', { sessionId, status: 'cancelled', reason: 'Flu' });
    expect(s.statusTimes.cancelled).toBe(NOW);
    const h = await b.ok('sessions.history', { sessionId });
    expect(h.at(-1)).toMatchObject({ action: 'status', reason: 'Flu', fromValue: { status: 'scheduled' } });
  });
});

describe('sessions.listByDay', () => {
  it('lists the day by suite with patient, position and phases', async () => {
    const day = await b.ok('sessions.listByDay', { date: '2026-06-08' });
    expect(day).toHaveLength(1);
    expect(day[0]!.suiteName).toBe('Suite 1');
    expect(day[0]!.sessions[0]).toMatchObject({ id: sessionId, patientName: 'Ana Ramirez', patientInitials: 'AR', position: '1 of 1', status: 'scheduled' });
    expect((await b.ok('sessions.listByDay', { date: '2026-06-09' }))[0]!.sessions).toEqual([]);
    expect((await b.fail('sessions.listByDay', { date: '2026-02-30' })).field).toBe('date');
  });
});
