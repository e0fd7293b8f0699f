/**
 * board.today against a real store: the recorded status from the day-of flow is what the board
 * says, the patient is never named, the clinic's choice of initials or day codes holds, and the
 * utilization figures come with their denominators. board.settings.* keep the choice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertRow, updateRow, type WriteContext } from '../../../src-main/backend/db/mutate';
import { infusionSeries, infusionSessions } from '../../../src-main/backend/series/schema';
import { loadDeviceClock } from '../../../src-main/backend/sync/device-clock';
import { dayCodes } from '../../../src-shared/domain/board/day-code';
import { zonedToInstant } from '../../../src-shared/domain/zoned-time';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const DATE = '2026-06-08'; // a Monday
const at = (time: string) => zonedToInstant(ZONE, DATE, time);
const MIN = 60_000;

let now = at('10:00');
let b: TestBackend;
let w: WriteContext;
let suites: string[];
let ana: string;

beforeEach(async () => {
  now = at('10:00');
  b = tempBackend({ now: () => now });
  await b.ok('settings.update', { name: 'Lakeside Pain & Infusion', timeZone: ZONE, openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })) });
  suites = [];
  for (let i = 1; i <= 8; i++) suites.push((await b.ok('suites.create', { name: `Suite ${i}` })).id);
  ana = (await b.ok('patients.create', validPatient)).id;
  w = { db: b.store.db, sqlite: b.store.sqlite, clock: loadDeviceClock(b.store.sqlite, () => now), userId: null, now: () => now };
});
afterEach(() => b.dispose());

/** A 4-hour session (30 min prep, 3 h infusion, 30 min recovery), with its recorded status. */
function session(suiteId: string, start: string, status = 'scheduled', statusTimes: Record<string, number> = {}, patientId = ana) {
  const series = insertRow(w, infusionSeries, { patientId, templateSnapshot: {}, status: 'active', selfPay: true });
  const startsAt = at(start);
  return insertRow(w, infusionSessions, {
    seriesId: series.id,
    patientId,
    seq: 1,
    suiteId,
    supervisorId: null,
    startsAt,
    infusionStartsAt: startsAt + 30 * MIN,
    recoveryStartsAt: startsAt + 210 * MIN,
    endsAt: startsAt + 240 * MIN,
    status,
    statusTimes,
    checklist: {},
  }).id;
}

describe('board.today', () => {
  it('counts the suite of a patient recorded infusing as in use, with the recorded time and the plan', async () => {
    // Recorded infusing at 09:40; the clock alone (09:30-12:30 planned) agrees here, but the count came out 0 before.
    session(suites[0]!, '09:00', 'infusing', { arrived: at('08:55'), iv_placed: at('09:20'), infusing: at('09:40') });
    const board = await b.ok('board.today', {});
    expect(board.inUse).toBe(1);
    expect(board.tiles).toHaveLength(8);
    expect(board.tiles[0]).toMatchObject({ name: 'Suite 1', state: 'in_use', now: { label: 'AR', position: '1 of 1', phase: { status: 'infusing', since: at('09:40') } } });
    expect(board.tiles.slice(1).every((t) => t.state === 'free')).toBe(true);
    expect(board).toMatchObject({ date: DATE, timeZone: ZONE, asOf: now, identification: 'initials', timeFormat: '12h', clinicName: 'Lakeside Pain & Infusion' });
  });

  it('says arrived, not infusing, for a patient only checked in during the planned infusion; and follows the status as it is recorded', async () => {
    const id = session(suites[1]!, '08:00', 'arrived', { arrived: at('08:10') });
    let tile = (await b.ok('board.today', {})).tiles[1]!;
    expect(tile.now!.phase).toMatchObject({ status: 'arrived', phase: 'prep', since: at('08:10'), late: true, lateWhat: 'infusion start', behindMinutes: 90 });
    // The nurse records the next steps through the day-of flow.
    expect((await b.invoke('sessions.setStatus', { sessionId: id, status: 'no_show' })).ok).toBe(true);
    tile = (await b.ok('board.today', {})).tiles[1]!;
    expect(tile.state).toBe('free');
    expect(tile.now).toBeNull();
  });

  it('never sends the name or ids of a patient, and shows the day code when the clinic chooses it', async () => {
    session(suites[2]!, '09:00', 'arrived', { arrived: at('09:00') });
    const text = JSON.stringify(await b.ok('board.today', {}));
    expect(text).not.toContain(validPatient.lastName);
    expect(text).not.toContain(validPatient.firstName);
    expect(text).not.toContain(ana);

    expect(await b.ok('board.settings.get', {})).toEqual({ identification: 'initials' });
    expect(await b.ok('board.settings.update', { identification: 'code' })).toEqual({ identification: 'code' });
    expect(await b.ok('board.settings.get', {})).toEqual({ identification: 'code' });
    const board = await b.ok('board.today', {});
    expect(board.identification).toBe('code');
    const code = dayCodes(DATE, [{ patientId: ana, startsAt: at('09:00'), status: 'arrived' }]).get(ana);
    expect(board.tiles[2]!.now!.label).toBe(code);
    expect(JSON.stringify(board)).not.toContain('"AR"');
  });

  it('refuses a choice that is neither initials nor a code, and changes nothing', async () => {
    const e = await b.fail('board.settings.update', { identification: 'full name' });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('Choose initials or a code for the day.');
    expect(await b.ok('board.settings.get', {})).toEqual({ identification: 'initials' });
  });

  it('gives scheduled and actual utilization with their denominators', async () => {
    // Suite 1: booked 08:00-12:00, checked in 08:00, discharged 11:30.
    session(suites[0]!, '08:00', 'discharged', { arrived: at('08:00'), discharged: at('11:30') });
    // Suite 2: booked 09:00-13:00, in since 09:30.
    const s2 = session(suites[1]!, '09:00', 'arrived', { arrived: at('09:30') });
    now = at('12:00');
    const u = (await b.ok('board.today', {})).utilization;
    // 8 suites x 9 h open = 72 suite-hours; 8 booked. So far 8 x 4 h = 32; occupied 3.5 + 2.5 = 6.
    expect(u).toMatchObject({ openMinutes: 72 * 60, bookedMinutes: 8 * 60, openSoFarMinutes: 32 * 60, occupiedMinutes: 6 * 60 });
    // A step recorded later with an earlier time is what counts.
    updateRow(w, infusionSessions, s2, { statusTimes: { arrived: at('09:00') } }, { what: 'The session' });
    expect((await b.ok('board.today', {})).utilization.occupiedMinutes).toBe(6.5 * 60);
  });

  it('is what the wall board role may read, and the setting is not', async () => {
    const viewer = await b.signedInAs('viewer');
    expect((await viewer.invoke('board.today', {})).ok).toBe(true);
    expect((await viewer.invoke('board.settings.update', { identification: 'code' })).ok).toBe(false);
    const desk = await b.signedInAs('front_desk');
    expect((await desk.invoke('board.settings.get', {})).ok).toBe(true);
    const r = await desk.invoke('board.settings.update', { identification: 'code' });
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});
