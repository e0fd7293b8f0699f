/**
 * The suite calendar: a day with one column per suite side by side (drag between suites), or
 * one suite's week. Drops are checked while dragging; a refused drop snaps back and the line
 * above the calendar says why.
 */
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import { useEffect, useState } from 'react';
import { todayInZone } from '../../../../src-shared/domain/dates';
import { viewerTimeZone, zoneNote } from '../../../../src-shared/domain/clock-display';
import { addDays, zonedToInstant } from '../../../../src-shared/domain/zoned-time';
import { api } from '../../api/client';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useClinicTimeZone } from '../clinic/store';
import { OutboxPanel } from '../reminders';
import { ConflictsPanel } from './ConflictsPanel';
import { useDragHint } from './drag-hint';
import { RepairDialog } from './RepairDialog';
import { SessionPanel } from './SessionPanel';
import { useSuiteCalendarStore, weekStart } from './store';
import { SuiteCalendar } from './SuiteCalendar';

const DAY_TITLE = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
function dayTitle(date: string): string {
  return DAY_TITLE.format(new Date(`${date}T12:00:00Z`));
}

/**
 * While dragging: what the drop would do, in a toast pinned to the bottom of the window, so
 * the calendar under the pointer never moves as the words change.
 */
function DragToast() {
  const { text, kind } = useDragHint();
  if (!text) return null;
  return (
    <p className={`calendar-toast calendar-hint-${kind}`} role="status">
      {text}
    </p>
  );
}

/** After a drop or a save: what happened, in a line of fixed height above the calendar. */
function NoticeLine() {
  const notice = useSuiteCalendarStore((s) => s.notice);
  if (notice) {
    return (
      <p className={`calendar-hint calendar-hint-${notice.kind}`} role={notice.kind === 'saved' ? 'status' : 'alert'}>
        {notice.text}
      </p>
    );
  }
  return <p className="calendar-hint muted">Drag a session to move it, between suites too; drag its bottom edge to change the recovery. Click a session for times that keep its series.</p>;
}

export function ScheduleScreen() {
  const zone = useClinicTimeZone();
  const { date, view, weekSuiteId, data, status, error, renderKey, selectedSessionId } = useSuiteCalendarStore();
  const store = useSuiteCalendarStore.getState;
  // The calendars (one FullCalendar per suite, the costliest part of the screen) are drawn
  // from the second render on: the first commit's effects send the screen's calls (this day's
  // sessions, the conflicts, the reminders), so the calendars' drawing overlaps the answers
  // instead of delaying the questions.
  const [drawCalendars, setDrawCalendars] = useState(false);

  useEffect(() => {
    if (!store().date) store().setDate(todayInZone(zone));
    else void store().load();
    setDrawCalendars(true);
    return api.subscribe('schedule.changed', () => void store().load());
  }, [zone, store]);

  if (!date) return null;
  const step = view === 'week' ? 7 : 1;
  const suites = data?.floor.suites ?? [];
  const weekSuite = weekSuiteId && suites.some((s) => s.id === weekSuiteId) ? weekSuiteId : suites[0]?.id ?? null;
  const selected = data?.sessions.find((s) => s.id === selectedSessionId) ?? null;
  const title = view === 'week' ? `Week of ${dayTitle(weekStart(date))}` : dayTitle(date);

  return (
    <section className="screen schedule-screen">
      <ScreenHeading title="Schedule" lead={`Suite calendar · ${title}`} />
      <div className="calendar-toolbar">
        <div className="button-group" role="group" aria-label="Day">
          <button type="button" className="button" aria-label={view === 'week' ? 'Previous week' : 'Previous day'} onClick={() => store().setDate(addDays(date, -step))}>
            ‹
          </button>
          <button type="button" className="button" onClick={() => store().setDate(todayInZone(zone))}>
            Today
          </button>
          <button type="button" className="button" aria-label={view === 'week' ? 'Next week' : 'Next day'} onClick={() => store().setDate(addDays(date, step))}>
            ›
          </button>
        </div>
        <label className="inline-field">
          <span>Go to</span>
          <input type="date" value={date} onChange={(e) => e.target.value && store().setDate(e.target.value)} />
        </label>
        <div className="button-group" role="group" aria-label="View">
          <button type="button" className={`button${view === 'day' ? ' button-primary' : ''}`} aria-pressed={view === 'day'} onClick={() => store().setView('day')}>
            Day, all suites
          </button>
          <button type="button" className={`button${view === 'week' ? ' button-primary' : ''}`} aria-pressed={view === 'week'} onClick={() => store().setView('week', weekSuite)}>
            Week, one suite
          </button>
        </div>
        {view === 'week' ? (
          <label className="inline-field">
            <span>Suite</span>
            <select aria-label="Suite shown" value={weekSuite ?? ''} onChange={(e) => store().setView('week', e.target.value)}>
              {suites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>

      <ConflictsPanel zone={zone} />
      <NoticeLine />
      <DragToast />
      <p className="phase-legend" aria-label="Shading">
        <span className="legend-swatch phase-prep" /> IV preparation <span className="legend-swatch phase-infusion" /> Infusion{' '}
        <span className="legend-swatch phase-recovery" /> Recovery <span className="legend-swatch closure" /> Closed
        {/* On the legend's line, so saying the zone adds no height above the calendar. */}
        <span className="calendar-zone-note"> · {zoneNote(zone, viewerTimeZone(), zonedToInstant(zone, date, '12:00'))}</span>
      </p>
      {status === 'error' ? (
        <p className="form-alert" role="alert">
          The calendar could not be loaded. {error}
        </p>
      ) : null}
      {data && suites.length === 0 ? <p className="notice">
          No active suites yet. Add the infusion suites under <a href="#/settings/suites">Settings › Suites and closures</a>.
        </p> : null}

      <div className={`schedule-body${selected ? ' with-panel' : ''}`}>
        {data && !drawCalendars ? null : data ? (
          view === 'day' ? (
            <div className="suite-columns">
              {suites.map((s, i) => (
                <SuiteCalendar key={`${s.id}-${date}-${renderKey}`} data={data} suiteId={s.id} view="timeGridDay" date={date} showAxis={i === 0} />
              ))}
            </div>
          ) : weekSuite ? (
            <SuiteCalendar key={`${weekSuite}-week-${date}-${renderKey}`} data={data} suiteId={weekSuite} view="timeGridWeek" date={weekStart(date)} showAxis />
          ) : null
        ) : (
          <p className="muted">Loading the calendar…</p>
        )}
        {selected && data ? <SessionPanel data={data} session={selected} /> : null}
      </div>
      <RepairDialog />
      <OutboxPanel />
    </section>
  );
}
