import { describe, expect, it } from 'vitest';
import { boardTiles, floorShare } from '../../../src-renderer/src/features/board/board-model';
import { zonedToInstant } from '../../../src-shared/domain/zoned-time';

const ZONE = 'America/Chicago';
const DATE = '2026-12-07';
const at = (time: string) => zonedToInstant(ZONE, DATE, time);
const S1 = '00000000-0000-4000-8000-000000000001';
const S2 = '00000000-0000-4000-8000-000000000002';
const S3 = '00000000-0000-4000-8000-000000000003';
let n = 0;
function session(suiteId: string, start: string, status = 'scheduled', label = 'A. Rivera') {
  const startsAt = at(start);
  return {
    id: `00000000-0000-4000-8000-1000000000${String(++n).padStart(2, '0')}`,
    version: 1,
    seriesId: S1,
    patientId: S1,
    seq: 3,
    suiteId,
    supervisorId: null,
    supervisorName: 'Carla Diaz, RN',
    startsAt,
    infusionStartsAt: startsAt + 30 * 60_000,
    recoveryStartsAt: startsAt + 270 * 60_000,
    endsAt: startsAt + 330 * 60_000,
    status: status as 'scheduled',
    patientLabel: label,
    patientInitials: 'AR',
    position: '3 of 6',
  };
}

const data = {
  floor: {
    timeZone: ZONE,
    clinicHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' })),
    suites: [
      { id: S1, name: 'Suite 1', openingHours: null },
      { id: S2, name: 'Suite 2', openingHours: null },
      { id: S3, name: 'Suite 3', openingHours: null },
    ],
    closures: [{ suiteId: S3, startsAt: at('00:00'), endsAt: at('23:59'), reason: 'Pump service' }],
    staff: [],
    booked: [],
    series: {},
  },
  sessions: [session(S1, '07:00', 'infusing'), session(S1, '13:00', 'scheduled', 'L. Ortega'), session(S2, '12:00')],
};

describe('the suite board', () => {
  it('shows who is in each suite, their phase until when, who is next, and the closed suite', () => {
    const tiles = boardTiles(data, DATE, at('10:00'));
    expect(tiles.map((t) => t.state)).toEqual(['in_use', 'free', 'closed']);
    expect(tiles[0]!.now).toMatchObject({ phase: 'infusing', phaseEndsAt: at('11:30'), statusWord: 'Infusing' });
    expect(tiles[0]!.next?.patientLabel).toBe('L. Ortega');
    expect(tiles[1]!.next?.startsAt).toBe(at('12:00'));
    expect(tiles[2]!.closedReason).toBe('Pump service');
    // Suite 1: 07:00-12:30 and 13:00-18:00 of 07:00-18:00 = 630 of 660 minutes.
    expect(tiles[0]!.share).toBeCloseTo(630 / 660, 5);
  });

  it('follows the planned phases when the status has not been moved on, and the recorded one when it has', () => {
    const prep = boardTiles(data, DATE, at('12:10'))[1]!;
    expect(prep.now).toMatchObject({ phase: 'prep', phaseEndsAt: at('12:30'), statusWord: 'Expected' });
    const recovering = boardTiles(data, DATE, at('11:45'))[0]!;
    expect(recovering.now?.phase).toBe('infusing'); // the nurse has not marked recovery yet
  });

  it('gives the floor share over open suites only (a closed suite has no open time)', () => {
    // Suite 1: 630, suite 2: 330 booked; open 660 + 660; suite 3 closed all day.
    expect(floorShare(data, DATE)).toBeCloseTo(960 / 1320, 5);
  });
});

describe('before and after hours', () => {
  it('says when a suite opens, and that it has closed for the day', () => {
    expect(boardTiles(data, DATE, at('06:00'))[1]).toMatchObject({ state: 'closed', closedReason: 'opens 07:00' });
    expect(boardTiles(data, DATE, at('19:00'))[1]).toMatchObject({ state: 'closed', closedReason: 'closed for the day' });
  });
});
