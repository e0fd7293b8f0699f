/**
 * The calendar's drag check: the same shared rules the save runs (placement for the suite,
 * supervisor, hours, closures, patient; the series timeline), over the floor snapshot the
 * calendar was sent. Placement problems refuse the drop; a timeline problem alone lets it
 * land so the screen can offer a repaired series instead.
 */
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { placeSession } from '../../../../src-shared/domain/series/move';
import { timelineProblems } from '../../../../src-shared/domain/series/timeline';

export type CalendarData = MethodOutput<'sessions.calendar'>;
export type CalendarSession = CalendarData['sessions'][number];

export interface DragVerdict {
  /** Reasons the place itself is refused (the drop snaps back). */
  refused: string[];
  /** Reasons the series timeline would break (the drop offers a repaired series). */
  timeline: string[];
}

export function dragVerdict(
  data: CalendarData,
  session: CalendarSession,
  target: { suiteId: string; startsAt: number; endsAt?: number },
  now: number,
): DragVerdict {
  const floor = data.floor;
  const place = placeSession(floor, session, target, now, [session.id], []);
  const info = floor.series[session.seriesId];
  const timeline = info
    ? timelineProblems(
        floor.timeZone,
        info.template,
        info.sessions
          .filter((s) => s.status !== 'cancelled' && s.status !== 'no_show')
          .map((s) => ({ seq: s.seq, startsAt: s.id === session.id ? target.startsAt : s.startsAt })),
      )
    : [];
  if (place.placed || !info) return { refused: place.placed ? [] : place.reasons, timeline };
  // Onto a day a later session of the same series holds: a repaired series (later sessions
  // shifted) may still make room, so that is a timeline matter, not a refusal.
  const later = info.sessions.filter((s) => s.seq > session.seq && s.status === 'scheduled').map((s) => s.id);
  const withoutLater = later.length ? placeSession(floor, session, target, now, [session.id, ...later], []) : null;
  if (withoutLater?.placed) return { refused: [], timeline: [...new Set([...place.reasons, ...timeline])] };
  return { refused: place.reasons, timeline };
}
