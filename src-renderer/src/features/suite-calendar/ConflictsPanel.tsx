/**
 * Bookings that collide after the fact (made on two devices offline, then synced): listed
 * for a person to resolve. "Show" opens the day with the first session selected, where it
 * can be moved or cancelled like any other.
 */
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { localDateAt } from '../../../../src-shared/domain/zoned-time';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { useSuiteCalendarStore } from './store';

type Conflicts = MethodOutput<'sessions.conflicts'>;
const DAYS_AHEAD = 56;

/**
 * Asked once when the screen opens and again whenever the schedule changes (a move saved here
 * or elsewhere, another device's changes merged): not on each day shown, as the window is the
 * weeks from now whatever day the calendar shows.
 */
export function ConflictsPanel({ zone }: { zone: string }) {
  const [list, setList] = useState<Conflicts | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let asked = 0;
    const load = () => {
      const n = ++asked;
      const from = Date.now() - 86_400_000;
      api.call('sessions.conflicts', { from, to: from + (DAYS_AHEAD + 1) * 86_400_000 }).then(
        (c) => live && n === asked && (setList(c), setError(null)),
        (e: unknown) => live && n === asked && setError(errorText(e)),
      );
    };
    load();
    const off = api.subscribe('schedule.changed', load);
    return () => {
      live = false;
      off();
    };
  }, []);

  if (error) return <p className="error-text">Conflicts could not be checked: {error}</p>;
  if (!list || list.length === 0) return null;
  const show = (c: Conflicts[number]) => {
    const s = useSuiteCalendarStore.getState();
    s.setView('day');
    s.setDate(localDateAt(zone, c.startsAt));
    s.select(c.sessionIds[0] ?? null);
  };
  return (
    <section className="notice notice-warning conflicts-panel" aria-label="Booking conflicts">
      <h2 className="small-heading">
        {list.length} booking conflict{list.length === 1 ? '' : 's'} to resolve (next {DAYS_AHEAD / 7} weeks)
      </h2>
      <ul>
        {list.map((c) => (
          <li key={`${c.kind}-${c.sessionIds.join('-')}`}>
            {c.reason}{' '}
            <button type="button" className="link-button" onClick={() => show(c)}>
              Show
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
