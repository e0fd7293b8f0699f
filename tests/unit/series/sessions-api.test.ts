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
let seriesId: string;
/** The backend's clock: tests move it on as the day goes. */
let clock = NOW;
const count = (table: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeEach(async () => {
  clock = NOW;
  b = tempBackend({ now: () => clock });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  });
  const suite = (await b.ok('suites.create', { name: 'Suite 1' })).id;
  const patient = (await b.ok('patients.create', validPatient)).id;
  const w: WriteContext = { db: b.store.db, sqlite: b.store.sqlite, clock: loadDeviceClock(b.store.sqlite, () => NOW), userId: null, now: () => NOW };
  const series = insertRow(w, infusionSeries, { patientId: patient, templateSnapshot: {}, status: 'active', selfPay: true });
  seriesId = series.id;
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
    clock = at('2026-06-08', '07:50');
    await b.ok('sessions.setStatus', { sessionId, status: 'arrived' });
    for (const item of ['fasting', 'driver', 'consent'] as const) await b.ok('sessions.updateChecklist', { sessionId, item, done: true });
    await b.ok('sessions.updateChecklist', { sessionId, item: 'authorization', done: false, override: 'Self-pay, no auth needed' });
    const when = { iv_placed: '08:05', infusing: '08:30', recovery: '12:30', discharged: '13:31' } as const;
    for (const status of ['iv_placed', 'infusing', 'recovery', 'discharged'] as const) {
      clock = at('2026-06-08', when[status]);
      const driver = status === 'discharged' ? { driverName: 'Luis Ramirez', driverPhone: '(312) 555-0199' } : {};
      const s = await b.ok('sessions.setStatus', { sessionId, status, ...driver });
      expect(s.status).toBe(status);
      expect(s.statusTimes[status]).toBe(clock);
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

describe('status steps respect time (issue 12)', () => {
  const walkTo = async (status: 'arrived' | 'iv_placed' | 'infusing' | 'recovery', times: Partial<Record<string, string>> = {}) => {
    const order = ['arrived', 'iv_placed', 'infusing', 'recovery'] as const;
    const defaults = { arrived: '07:50', iv_placed: '08:05', infusing: '08:30', recovery: '12:30' } as Record<string, string>;
    for (const step of order) {
      clock = at('2026-06-08', times[step] ?? defaults[step]!);
      await b.ok('sessions.setStatus', { sessionId, status: step });
      if (step === 'arrived') {
        for (const item of ['fasting', 'driver', 'consent', 'authorization'] as const) await b.ok('sessions.updateChecklist', { sessionId, item, done: true });
      }
      if (step === status) return;
    }
  };
  const driver = { driverName: 'Luis Ramirez', driverPhone: '312 555 0199' };

  it('the issue: arrived to discharged in one minute is refused at the end of the infusion, and before the recovery minimum', async () => {
    clock = at('2026-06-08', '07:00');
    for (const status of ['arrived', 'iv_placed', 'infusing'] as const) {
      if (status === 'iv_placed') for (const item of ['fasting', 'driver', 'consent', 'authorization'] as const) await b.ok('sessions.updateChecklist', { sessionId, item, done: true });
      await b.ok('sessions.setStatus', { sessionId, status });
      clock += 10_000;
    }
    const before = [count('session_history'), count('change_log')];
    const end = await b.fail('sessions.setStatus', { sessionId, status: 'recovery' });
    expect(end).toMatchObject({ code: 'VALIDATION', field: 'at', message: 'The infusion cannot end at 7:00 AM: it began at 7:00 AM. Record the end of the infusion when it has ended.' });
    expect([count('session_history'), count('change_log')]).toEqual(before);

    clock = at('2026-06-08', '07:45');
    await b.ok('sessions.setStatus', { sessionId, status: 'recovery' });
    clock = at('2026-06-08', '07:46');
    const early = await b.fail('sessions.setStatus', { sessionId, status: 'discharged', ...driver });
    // The planned recovery (60 minutes) is the minimum when the series has no template figure.
    expect(early).toMatchObject({
      field: 'earlyReason',
      message: 'Recovery began at 7:45 AM and has lasted 1 of the 60 minutes required: discharge from 8:45 AM, or give the reason for discharging earlier.',
    });
  });

  it('discharge needs the driver: name and a phone the contact rules accept, nothing saved until then', async () => {
    await walkTo('recovery');
    clock = at('2026-06-08', '13:40');
    const before = [count('session_history'), count('change_log')];
    const none = await b.fail('sessions.setStatus', { sessionId, status: 'discharged' });
    expect(none.issues?.map((i) => i.field)).toEqual(['driverName', 'driverPhone']);
    expect(none.issues?.[0]!.message).toBe('Enter the name of the adult driving the patient home: discharge needs a responsible adult driver.');
    const badPhone = await b.fail('sessions.setStatus', { sessionId, status: 'discharged', driverName: 'Luis Ramirez', driverPhone: '555-01' });
    expect(badPhone).toMatchObject({ field: 'driverPhone', message: "Enter the driver's phone with its area code, e.g. (555) 201-4477." });
    expect([count('session_history'), count('change_log')]).toEqual(before);

    const s = await b.ok('sessions.setStatus', { sessionId, status: 'discharged', ...driver });
    expect(s.discharge).toEqual({ driverName: 'Luis Ramirez', driverPhone: '+13125550199', earlyReason: null });
    const day = await b.ok('sessions.listByDay', { date: '2026-06-08' });
    expect(day[0]!.sessions[0]!.discharge).toEqual(s.discharge);
    const h = (await b.ok('sessions.history', { sessionId })).at(-1)!;
    expect(h.toValue).toMatchObject({ status: 'discharged', at: clock, driverName: 'Luis Ramirez', driverPhone: '+13125550199' });
  });

  it('an early discharge with a reason is recorded and the reason kept', async () => {
    await walkTo('recovery');
    clock = at('2026-06-08', '12:50');
    const s = await b.ok('sessions.setStatus', { sessionId, status: 'discharged', ...driver, earlyReason: 'Dr Patel reviewed: stable, ride waiting' });
    expect(s.discharge?.earlyReason).toBe('Dr Patel reviewed: stable, ride waiting');
    expect((await b.ok('sessions.history', { sessionId })).at(-1)!.reason).toBe('Dr Patel reviewed: stable, ride waiting');
  });

  it("takes the recovery minimum from the series' template figure", async () => {
    b.store.sqlite.prepare(`UPDATE infusion_series SET template_snapshot = ? WHERE id = ?`).run(JSON.stringify({ name: 'Six', recoveryMinutes: 45 }), seriesId);
    expect((await b.ok('sessions.listByDay', { date: '2026-06-08' }))[0]!.sessions[0]!.recoveryMinMinutes).toBe(45);
    await walkTo('recovery');
    clock = at('2026-06-08', '13:14');
    expect((await b.fail('sessions.setStatus', { sessionId, status: 'discharged', ...driver })).message).toMatch(/44 of the 45 minutes required: discharge from 1:15 PM/);
    clock = at('2026-06-08', '13:15');
    expect((await b.ok('sessions.setStatus', { sessionId, status: 'discharged', ...driver })).status).toBe('discharged');
  });

  it('a step recorded afterwards takes its time; before the step before it or in the future is refused', async () => {
    await walkTo('arrived', { arrived: '07:50' });
    clock = at('2026-06-08', '09:00');
    const future = await b.fail('sessions.setStatus', { sessionId, status: 'iv_placed', at: at('2026-06-08', '09:30') });
    expect(future).toMatchObject({ field: 'at', message: 'IV placement cannot be recorded for 9:30 AM: that is still to come (it is 9:00 AM now). Record a step once it has happened.' });
    const tooEarly = await b.fail('sessions.setStatus', { sessionId, status: 'iv_placed', at: at('2026-06-08', '07:40') });
    expect(tooEarly.message).toBe('IV placement cannot be recorded for 7:40 AM: the session was marked arrived at 7:50 AM, and a step cannot come before the one before it.');
    const s = await b.ok('sessions.setStatus', { sessionId, status: 'iv_placed', at: at('2026-06-08', '08:10') });
    expect(s.statusTimes.iv_placed).toBe(at('2026-06-08', '08:10'));
    const h = await b.ok('sessions.history', { sessionId });
    expect(h.at(-1)).toMatchObject({ at: clock, toValue: { status: 'iv_placed', at: at('2026-06-08', '08:10') } });
  });

  it('a no-show is not recorded before the planned start; a cancellation takes no time', async () => {
    clock = at('2026-06-08', '07:30');
    expect((await b.fail('sessions.setStatus', { sessionId, status: 'no_show' })).message).toBe(
      'A no-show cannot be recorded before the planned start (8:00 AM): the patient may still come.',
    );
    expect((await b.fail('sessions.setStatus', { sessionId, status: 'cancelled', reason: 'Flu', at: clock })).field).toBe('at');
    clock = at('2026-06-08', '08:20');
    expect((await b.ok('sessions.setStatus', { sessionId, status: 'no_show' })).status).toBe('no_show');
  });

  it('undoes the last step with a required reason, keeping both in the history', async () => {
    await walkTo('recovery');
    clock = at('2026-06-08', '13:35');
    const done = await b.ok('sessions.setStatus', { sessionId, status: 'discharged', ...driver });
    const noReason = await b.fail('sessions.undoStatus', { sessionId });
    expect(noReason).toMatchObject({ code: 'VALIDATION', field: 'reason', message: 'Enter the reason for undoing the step.' });

    clock = at('2026-06-08', '13:37');
    const back = await b.ok('sessions.undoStatus', { sessionId, reason: 'Pressed on the wrong card', expectedVersion: done.version });
    expect(back.status).toBe('recovery');
    expect(back.statusTimes.discharged).toBeUndefined();
    expect(back.statusTimes.recovery).toBe(at('2026-06-08', '12:30'));
    expect(back.discharge).toBeNull();
    const h = await b.ok('sessions.history', { sessionId });
    expect(h.slice(-2).map((x) => x.action)).toEqual(['status', 'status_undone']);
    expect(h.at(-1)).toMatchObject({
      reason: 'Pressed on the wrong card',
      at: clock,
      fromValue: { status: 'discharged', at: at('2026-06-08', '13:35'), driverName: 'Luis Ramirez' },
      toValue: { status: 'recovery' },
    });
    // A stale card (the version before the undo) is refused, not applied twice.
    expect((await b.fail('sessions.undoStatus', { sessionId, reason: 'again', expectedVersion: done.version })).code).toBe('CONFLICT');
    // Back along the flow one step at a time, to scheduled; nothing further.
    for (const to of ['infusing', 'iv_placed', 'arrived', 'scheduled']) {
      expect((await b.ok('sessions.undoStatus', { sessionId, reason: 'Wrong patient' })).status).toBe(to);
    }
    expect((await b.fail('sessions.undoStatus', { sessionId, reason: 'x' })).message).toBe('This session has no step to undo yet.');
  });

  it('a cancelled session is not undone (its suite time may be given away)', async () => {
    await b.ok('sessions.setStatus', { sessionId, status: 'cancelled', reason: 'Flu' });
    expect((await b.fail('sessions.undoStatus', { sessionId, reason: 'Mistake' })).message).toMatch(/cancelled cannot be undone here: book the patient again/);
  });
});

describe('scores follow the recorded times (issue 12)', () => {
  const score = (timePoint: 'pre_session' | 'post_session', observedAt: number) =>
    ({ patientId: '', instrument: 'nrs', timePoint, sessionId, value: 5, observedAt }) as const;

  it('the issue: a session walked before its planned start still takes its after-infusion score, now', async () => {
    const patientId = (b.store.sqlite.prepare('SELECT patient_id FROM infusion_sessions WHERE id = ?').pluck().get(sessionId) as string);
    const walk = [
      ['arrived', '05:00'],
      ['iv_placed', '05:10'],
      ['infusing', '05:20'],
      ['recovery', '06:00'],
      ['discharged', '07:00'],
    ] as const;
    for (const [status, time] of walk) {
      clock = at('2026-06-08', time);
      if (status === 'iv_placed') for (const item of ['fasting', 'driver', 'consent', 'authorization'] as const) await b.ok('sessions.updateChecklist', { sessionId, item, done: true });
      await b.ok('sessions.setStatus', { sessionId, status, ...(status === 'discharged' ? { driverName: 'Luis Ramirez', driverPhone: '3125550199' } : {}) });
    }
    // 07:05, before the planned 08:00 start: the old rule said "before session 1 began", and
    // 08:00 itself "in the future".
    clock = at('2026-06-08', '07:05');
    const post = await b.ok('outcomes.recordScore', { ...score('post_session', clock), patientId });
    expect(post.observedAt).toBe(clock);
    expect((await b.fail('outcomes.recordScore', { ...score('post_session', at('2026-06-08', '08:00')), patientId })).message).toMatch(/future/);
    // Before the recorded end of the infusion: refused, naming it.
    const tooSoon = await b.fail('outcomes.recordScore', { ...score('post_session', at('2026-06-08', '05:50')), patientId });
    expect(tooSoon).toMatchObject({ field: 'observedAt', message: "An after-infusion score is taken once the infusion has ended: session 1's infusion ended at 06/08/2026 06:00, and this score is dated 06/08/2026 05:50." });
    // The before-infusion score belongs before the recorded start of the infusion.
    expect((await b.ok('outcomes.recordScore', { ...score('pre_session', at('2026-06-08', '05:15')), patientId })).timePoint).toBe('pre_session');
    expect((await b.fail('outcomes.recordScore', { ...score('pre_session', at('2026-06-08', '05:30')), patientId })).message).toMatch(/infusion began at 06\/08\/2026 05:20/);
  });

  it('an after-infusion score waits for the end of the infusion to be recorded', async () => {
    const patientId = (b.store.sqlite.prepare('SELECT patient_id FROM infusion_sessions WHERE id = ?').pluck().get(sessionId) as string);
    clock = at('2026-06-08', '07:00');
    await b.ok('sessions.setStatus', { sessionId, status: 'arrived' });
    const e = await b.fail('outcomes.recordScore', { ...score('post_session', clock), patientId });
    expect(e.message).toBe("Session 1's infusion has not ended yet: record the end of the infusion (Recovery) on the Today screen first, then the after-infusion score.");
  });
});
