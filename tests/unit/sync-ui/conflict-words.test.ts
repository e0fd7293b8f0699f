import { describe, expect, it } from 'vitest';
import type { SyncConflict } from '../../../src-shared/api/methods/sync';
import {
  KIND_HINT,
  KIND_TITLE,
  canCancel,
  clinicDate,
  closedBy,
  closedHeadline,
  conflictWhen,
  madeLine,
  sessionTimes,
  sideDetail,
  sideName,
  type ConflictSide,
} from '../../../src-renderer/src/features/sync/conflict-words';
import { conflictKindSchema } from '../../../src-shared/api/methods/sync';
import { zonedToInstant } from '../../../src-shared/domain/zoned-time';

const ZONE = 'America/Chicago';
const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);
const NOW = at('2027-06-07', '10:45');

const session: ConflictSide = {
  id: 's1',
  title: 'Ana Ramirez · Suite 1',
  detail: 'scheduled',
  madeBy: 'Carla Diaz',
  madeOn: null,
  madeAt: at('2027-06-07', '08:12'),
  sessionId: 's1',
  patientId: 'p1',
  version: 3,
  startsAt: at('2027-06-08', '08:00'),
  endsAt: at('2027-06-08', '13:30'),
};
const record: ConflictSide = { id: 'p2', title: 'Bo Lind · MRN 000001', detail: 'Born 1990-01-02', madeBy: null, madeOn: null, madeAt: at('2027-06-06', '16:10'), sessionId: null, patientId: 'p2', version: 1 };

describe('the words of the Conflicts screen', () => {
  it('has a heading and a hint for every kind the backend lists', () => {
    for (const kind of conflictKindSchema.options) {
      expect(KIND_TITLE[kind]).toBeTruthy();
      expect(KIND_HINT[kind]).toBeTruthy();
    }
  });

  it('gives times in the clinic’s zone, not the viewer’s', () => {
    expect(conflictWhen(at('2027-06-08', '08:00'), ZONE)).toBe('Tuesday, June 8, 2027 at 8:00 AM');
    expect(sessionTimes(session.startsAt!, session.endsAt!, ZONE)).toBe('Tue, Jun 8 · 8:00 AM – 1:30 PM');
    expect(sessionTimes(at('2027-06-08', '22:00'), at('2027-06-09', '01:00'), ZONE)).toBe('Tue, Jun 8, 10:00 PM – Wed, Jun 9, 1:00 AM');
    // 00:30 in Chicago is 05:30 UTC: the calendar day is the clinic's.
    expect(clinicDate(at('2027-06-08', '00:30'), ZONE)).toBe('2027-06-08');
    expect(clinicDate(at('2027-06-08', '23:30'), ZONE)).toBe('2027-06-08');
  });

  it('says who made each side and when', () => {
    expect(madeLine(session, ZONE, NOW)).toBe('Booked by Carla Diaz · 8:12 AM');
    expect(madeLine({ ...session, madeAt: null }, ZONE, NOW)).toBe('Booked by Carla Diaz');
    expect(madeLine({ ...session, madeBy: null, madeAt: null }, ZONE, NOW)).toBe('Who booked it is not known');
    expect(madeLine(record, ZONE, NOW)).toBe('Record made Jun 6, 4:10 PM');
    // Where it was made, once the computers have names.
    expect(madeLine({ ...session, madeOn: 'Front desk PC' }, ZONE, NOW)).toBe('Booked by Carla Diaz on Front desk PC · 8:12 AM');
    expect(madeLine({ ...record, madeOn: 'Nurse laptop' }, ZONE, NOW)).toBe('Record made on Nurse laptop · Jun 6, 4:10 PM');
  });

  it('names the patient and the status in words', () => {
    expect(sideName(session)).toBe('Ana Ramirez');
    expect(sideName(record)).toBe('Bo Lind');
    expect(sideDetail(session)).toBe('Scheduled');
    expect(sideDetail({ ...session, detail: 'no_show' })).toBe('No-show');
    expect(sideDetail(record)).toBe('Born 1990-01-02');
  });

  it.each([
    ['scheduled', true],
    ['arrived', true],
    ['infusing', false],
    ['cancelled', false],
  ])('a %s session can be cancelled from here: %s', (detail, ok) => {
    expect(canCancel({ ...session, detail })).toBe(ok);
  });
  it('a patient record is never cancelled', () => expect(canCancel(record)).toBe(false));

  it('says how a closed conflict ended, by whom and when', () => {
    const closed: Pick<SyncConflict, 'status' | 'resolution' | 'resolvedBy' | 'resolvedAt'> = {
      status: 'resolved',
      resolution: 'A session involved was cancelled.',
      resolvedBy: 'Carla Diaz',
      resolvedAt: at('2027-06-07', '10:40'),
    };
    expect(closedHeadline(closed)).toBe('Resolved — A session involved was cancelled.');
    expect(closedBy(closed, ZONE, NOW)).toBe('by Carla Diaz · 10:40 AM');
    expect(closedHeadline({ status: 'dismissed', resolution: 'Two different people' })).toBe('Marked as needing no change — “Two different people”');
    expect(closedBy({ resolvedBy: null, resolvedAt: null }, ZONE, NOW)).toBeNull();
  });
});
