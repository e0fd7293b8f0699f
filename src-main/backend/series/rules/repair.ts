/**
 * A repaired series for a move that would break the timeline: the moved session where the
 * person put it, earlier sessions untouched, and each later session kept where it is when it
 * still fits, otherwise shifted to the first day (and place) that keeps the template's gaps
 * and window. Pure: a floor snapshot in, moves out; the save re-checks them all.
 */
import { addDays, localDateAt, localTimeAt } from '../../../../src-shared/domain/zoned-time';
import { candidateStarts } from './candidate-starts';
import { checkMoves, placeSession, type FloorSnapshot, type MoveTarget, type MovingSession } from '../../../../src-shared/domain/series/move';
import type { PlannedSession } from '../../../../src-shared/domain/series/planner-types';
import { mmdd, windowEndDate } from '../../../../src-shared/domain/series/timeline';

const GONE = new Set(['cancelled', 'no_show']);

export interface RepairMove {
  session: MovingSession;
  placed: PlannedSession;
}

export interface RepairResult {
  ok: boolean;
  reasons: string[];
  /** The moved session first, then every later session whose place changes. */
  moves: RepairMove[];
}

export function repairSeries(floor: FloorSnapshot, moving: MovingSession, target: MoveTarget, now: number, stepMinutes = 15): RepairResult {
  const info = floor.series[moving.seriesId];
  if (!info) return { ok: false, reasons: ['This session’s series was not found.'], moves: [] };
  const zone = floor.timeZone;
  const spec = info.template;
  const live = info.sessions.filter((s) => !GONE.has(s.status)).sort((a, b) => a.seq - b.seq);
  const later = live.filter((s) => s.seq > moving.seq);
  const movable = later.filter((s) => s.status === 'scheduled');
  const ignore = [moving.id, ...movable.map((s) => s.id)];
  const booked = new Map(floor.booked.map((b) => [b.sessionId, b]));

  const first = placeSession(floor, moving, target, now, ignore, []);
  if (!first.placed) return { ok: false, reasons: first.reasons, moves: [] };
  const moves: RepairMove[] = [{ session: moving, placed: first.placed }];
  const together: PlannedSession[] = [first.placed];

  const earlierDates = live.filter((s) => s.seq < moving.seq).map((s) => localDateAt(zone, s.startsAt));
  const firstDate = [...earlierDates, localDateAt(zone, target.startsAt)].sort()[0]!;
  const lastDate = windowEndDate(firstDate, spec);
  const minGap = Math.max(1, spec.minGapDays);
  let prevDate = localDateAt(zone, target.startsAt);

  for (const s of later) {
    const own = booked.get(s.id);
    const ownDate = localDateAt(zone, s.startsAt);
    if (s.status !== 'scheduled' || !own) {
      prevDate = ownDate;
      continue;
    }
    const lo = addDays(prevDate, minGap);
    const hiByGap = addDays(prevDate, spec.maxGapDays);
    const hi = hiByGap < lastDate ? hiByGap : lastDate;
    if (lo > hi) {
      return { ok: false, reasons: [`Session ${s.seq} cannot follow on ${mmdd(lo)} or later inside the series window, which ends ${mmdd(lastDate)}.`], moves: [] };
    }
    const dates: string[] = [];
    if (ownDate >= lo && ownDate <= hi) dates.push(ownDate);
    for (let d = lo; d <= hi; d = addDays(d, 1)) if (d !== ownDate) dates.push(d);

    const session: MovingSession = {
      id: s.id,
      seriesId: moving.seriesId,
      patientId: moving.patientId,
      seq: s.seq,
      status: s.status,
      supervisorId: own.supervisorId,
      recoveryStartsAt: own.recoveryStartsAt,
      endsAt: own.endsAt,
    };
    const timeOfDay = localTimeAt(zone, s.startsAt);
    const suiteOrder = [own.suiteId, ...floor.suites.map((x) => x.id).filter((id) => id !== own.suiteId)];
    let placed: PlannedSession | null = null;
    search: for (const date of dates) {
      for (const startsAt of candidateStarts(floor, date, timeOfDay, stepMinutes)) {
        for (const suiteId of suiteOrder) {
          const r = placeSession(floor, session, { suiteId, startsAt }, now, ignore, together);
          if (r.placed) {
            placed = r.placed;
            break search;
          }
        }
      }
    }
    if (!placed) {
      return { ok: false, reasons: [`No suite and supervisor are free for session ${s.seq} between ${mmdd(lo)} and ${mmdd(hi)}.`], moves: [] };
    }
    together.push(placed);
    prevDate = localDateAt(zone, placed.startsAt);
    const unchanged = placed.startsAt === own.startsAt && placed.suiteId === own.suiteId && placed.supervisorId === own.supervisorId;
    if (!unchanged) moves.push({ session, placed });
  }

  // The same check the save makes, over exactly the moves returned.
  const check = checkMoves(
    floor,
    moves.map((m) => ({ session: m.session, target: { suiteId: m.placed.suiteId, startsAt: m.placed.startsAt, endsAt: m.placed.endsAt, supervisorId: m.placed.supervisorId } })),
    now,
  );
  if (!check.ok) return { ok: false, reasons: check.reasons, moves: [] };
  return { ok: true, reasons: [], moves };
}
