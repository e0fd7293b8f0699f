/**
 * One suite's column (day view, beside the others) or one suite's week. FullCalendar does the
 * drawing and dragging; the shared move rules decide, while dragging, whether a drop is
 * allowed, and the store saves it. Sessions dragged between suites leave one calendar and are
 * received by another (eventLeave / eventReceive): the received copy is dropped at once and
 * the saved state reloaded, so the screen only ever shows what the store holds.
 *
 * Cheap to draw again: the day view mounts one of these per suite, and the screen redraws on
 * every store change. Each column is memoised; every option FullCalendar gets keeps its
 * identity from one render to the next unless what it says changed (a changed function or
 * array makes FullCalendar re-read its options and redraw); and a reload that brings the same
 * sessions keeps the same events array, so FullCalendar does not re-read its events.
 */
import FullCalendar from '@fullcalendar/react';
import type { AllowFunc, EventClickInfo, EventDisplayInfo, EventDropInfo, EventInput, EventReceiveInfo, EventResizeDoneInfo, SlotHeaderInfo } from '@fullcalendar/react';
import interactionPlugin from '@fullcalendar/react/interaction';
import classicTheme from '@fullcalendar/react/themes/classic';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import { memo, useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import type { OpeningHours } from '../../../../src-shared/api/schemas/common';
import { formatTime } from '../../../../src-shared/domain/clock-display';
import { useTimeFormat } from '../clinic/clock';
import { timeText } from '../series/format';
import { useDragHint } from './drag-hint';
import { dragVerdict, type CalendarData, type CalendarSession } from './drag-check';
import { SessionEvent } from './SessionEvent';
import './suite-calendar.css';
import { useSuiteCalendarStore } from './store';
import { fromWall, toWall } from './wall-clock';

interface Props {
  data: CalendarData;
  suiteId: string;
  view: 'timeGridDay' | 'timeGridWeek';
  date: string;
  /** The first column of the day view keeps the time axis; the others hide it. */
  showAxis: boolean;
}

/** One array for every calendar: FullCalendar re-reads its plugins when the array changes. */
const PLUGINS = [classicTheme, timeGridPlugin, interactionPlugin];

/**
 * For the texts FullCalendar works out but these calendars never show (the time axis, the
 * session boxes and the day view's column headers have contents of our own): a formatter
 * function, where its default would build Intl formatters per suite column to word them.
 */
const NOT_SHOWN = () => '';

/**
 * The day view's title, which FullCalendar gives the grid as its accessible name ("June 2,
 * 2026"): its own wording (long month, day, year, on the calendar's wall-clock UTC), from one
 * formatter per locale shared by every suite column instead of one per column.
 */
const dayTitleFormatters = new Map<string, Intl.DateTimeFormat>();
function dayTitleFormat(arg: { start: { marker: Date }; localeCodes: string[] }): string {
  const codes = arg.localeCodes.join(',');
  let f = dayTitleFormatters.get(codes);
  if (!f) dayTitleFormatters.set(codes, (f = new Intl.DateTimeFormat(arg.localeCodes, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })));
  return f.format(arg.start.marker);
}

function span(hours: OpeningHours): { min: string; max: string } {
  if (hours.length === 0) return { min: '07:00:00', max: '19:00:00' };
  const min = hours.reduce((m, h) => (h.open < m ? h.open : m), hours[0]!.open);
  const max = hours.reduce((m, h) => (h.close > m ? h.close : m), hours[0]!.close);
  return { min: `${min.slice(0, 2)}:00:00`, max: `${max.slice(3) === '00' ? max : `${String(Number(max.slice(0, 2)) + 1).padStart(2, '0')}:00`}:00` };
}

function sessionWord(s: CalendarSession): string {
  return `${s.patientLabel} (${s.position})`;
}

/** What one session's box shows and how it may be dragged: equal texts, equal boxes. */
function sessionKey(s: CalendarSession): string {
  return [s.id, s.version, s.status, s.startsAt, s.infusionStartsAt, s.recoveryStartsAt, s.endsAt, s.patientLabel, s.position].join('|');
}

/** The suite's events: its sessions (each box drawn from the session it carries) and its closures. */
function suiteEvents(data: CalendarData, suiteId: string, zone: string): EventInput[] {
  const list: EventInput[] = data.sessions
    .filter((s) => s.suiteId === suiteId)
    .map((s) => ({
      id: s.id,
      start: toWall(zone, s.startsAt),
      end: toWall(zone, s.endsAt),
      editable: s.status === 'scheduled',
      durationEditable: s.status === 'scheduled',
      classNames: ['session', `session-status-${s.status}`],
      extendedProps: { sessionId: s.id, session: s },
    }));
  for (const c of data.floor.closures) {
    if (c.suiteId !== null && c.suiteId !== suiteId) continue;
    list.push({ start: toWall(zone, c.startsAt), end: toWall(zone, c.endsAt), display: 'background', classNames: ['closure'], title: `Closed: ${c.reason}` });
  }
  return list;
}

/** Everything suiteEvents reads, as one string: the same string, the same events. */
function suiteEventsKey(data: CalendarData, suiteId: string, zone: string): string {
  const parts = [zone];
  for (const s of data.sessions) if (s.suiteId === suiteId) parts.push(sessionKey(s));
  for (const c of data.floor.closures) if (c.suiteId === null || c.suiteId === suiteId) parts.push(`closure|${c.startsAt}|${c.endsAt}|${c.reason}`);
  return parts.join('\n');
}

/**
 * The suite's events, the same array while the reloaded data says the same: a reload of an
 * unchanged day then costs FullCalendar nothing. (A drag FullCalendar drew and the save then
 * refused is undone by the screen's renderKey, which mounts the calendar afresh.)
 */
function useSuiteEvents(data: CalendarData, suiteId: string, zone: string): EventInput[] {
  const key = useMemo(() => suiteEventsKey(data, suiteId, zone), [data, suiteId, zone]);
  const last = useRef<{ key: string; events: EventInput[] } | null>(null);
  if (last.current?.key !== key) last.current = { key, events: suiteEvents(data, suiteId, zone) };
  return last.current.events;
}

function SuiteCalendarColumn({ data, suiteId, view, date, showAxis }: Props) {
  const zone = data.floor.timeZone;
  const format = useTimeFormat();
  const suite = data.floor.suites.find((s) => s.id === suiteId);
  const suiteName = suite?.name ?? 'Suite';
  const hours = suite?.openingHours ?? data.floor.clinicHours;
  const { min, max } = useMemo(() => span([data.floor.clinicHours, ...data.floor.suites.map((s) => s.openingHours ?? [])].flat()), [data.floor]);
  const store = useSuiteCalendarStore.getState;
  const hint = useDragHint.getState;

  const events = useSuiteEvents(data, suiteId, zone);
  const hoursKey = JSON.stringify(hours);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the same hours, the same array (hoursKey says them all)
  const businessHours = useMemo(() => hours.map((h) => ({ daysOfWeek: [h.day], startTime: h.open, endTime: h.close })), [hoursKey]);
  const byId = useMemo(() => new Map(data.sessions.map((s) => [s.id, s])), [data]);

  // The drag handlers read this render's sessions through a ref, so FullCalendar is handed
  // the same functions on every render. They run only on a person's drag, after a commit.
  const current = useRef({ byId, zone, suiteId, suiteName });
  useLayoutEffect(() => {
    current.current = { byId, zone, suiteId, suiteName };
  });

  const handlers = useMemo(() => {
    /** The target a drag or resize means: a resize keeps the start and suite and changes the end. */
    const targetOf = (s: CalendarSession, start: Date, end: Date | null) => {
      const { zone, suiteId } = current.current;
      const startsAt = fromWall(zone, start);
      const endsAt = end ? fromWall(zone, end) : undefined;
      const resize = startsAt === s.startsAt && s.suiteId === suiteId && endsAt !== undefined && endsAt !== s.endsAt;
      return resize ? { suiteId, startsAt, endsAt } : { suiteId, startsAt };
    };

    const eventAllow: AllowFunc = (dropSpan, moving) => {
      const { byId, zone, suiteName } = current.current;
      const s = moving ? byId.get(moving.id) ?? store().data?.sessions.find((x) => x.id === moving.id) : undefined;
      if (!s) return false;
      const latest = store().data;
      if (!latest) return false;
      const verdict = dragVerdict(latest, s, targetOf(s, dropSpan.start, dropSpan.end), Date.now());
      if (verdict.refused.length) {
        hint().show('refused', `Can't move ${sessionWord(s)} here: ${verdict.refused.join('; ')}`);
        return false;
      }
      if (verdict.timeline.length) hint().show('warning', `Breaks the series timeline: ${verdict.timeline.join(' ')} Drop to see a repaired series.`);
      else hint().show('warning', `${suiteName} ${timeText(zone, fromWall(zone, dropSpan.start))}: free`);
      return true;
    };

    const commit = (s: CalendarSession, target: { suiteId: string; startsAt: number; endsAt?: number }, revert: () => void) => {
      const { zone } = current.current;
      hint().clear();
      const latest = store().data;
      if (!latest) return revert();
      const verdict = dragVerdict(latest, s, target, Date.now());
      if (verdict.refused.length) {
        revert();
        store().say({ kind: 'refused', text: `Not moved: ${verdict.refused.join('; ')}` });
        return;
      }
      if (verdict.timeline.length) {
        revert();
        void store().askRepair(sessionWord(s), { sessionId: s.id, ...target });
        return;
      }
      const suiteName = latest.floor.suites.find((x) => x.id === target.suiteId)?.name ?? 'the suite';
      const done =
        target.endsAt !== undefined
          ? `${sessionWord(s)} now ends ${timeText(zone, target.endsAt)}.`
          : `${sessionWord(s)} moved to ${suiteName} at ${timeText(zone, target.startsAt)}.`;
      const reason = target.endsAt !== undefined ? 'Recovery changed on the suite calendar' : 'Moved on the suite calendar';
      void store()
        .save([{ sessionId: s.id, expectedVersion: s.version, ...target }], reason, done)
        .then((ok) => {
          if (!ok) revert();
        });
    };

    const eventDrop = (info: EventDropInfo) => {
      const { byId, zone, suiteId } = current.current;
      const s = byId.get(info.event.id);
      if (!s || !info.event.start) return info.revert();
      commit(s, { suiteId, startsAt: fromWall(zone, info.event.start) }, info.revert);
    };
    const eventReceive = (info: EventReceiveInfo) => {
      const { zone, suiteId } = current.current;
      const s = store().data?.sessions.find((x) => x.id === info.event.id);
      const start = info.event.start;
      // The received copy goes at once; the reload after saving draws the session where it is.
      info.revert();
      if (!s || !start) return;
      commit(s, { suiteId, startsAt: fromWall(zone, start) }, () => store().snapBack());
    };
    const eventResize = (info: EventResizeDoneInfo) => {
      const s = current.current.byId.get(info.event.id);
      if (!s || !info.event.start || !info.event.end) return info.revert();
      commit(s, targetOf(s, info.event.start, info.event.end), info.revert);
    };
    const eventDragStart = () => store().say(null);
    const eventDragStop = () => {
      // A refused drop snaps back with no drop event: keep its reason on screen.
      const h = hint();
      if (h.kind === 'refused' && h.text) store().say({ kind: 'refused', text: `${h.text}. It stays where it was.` });
      h.clear();
    };
    const eventResizeStop = () => hint().clear();
    const eventClick = (info: EventClickInfo) => store().select(info.event.id);
    return { eventAllow, eventDrop, eventReceive, eventResize, eventDragStart, eventDragStop, eventResizeStop, eventClick };
  }, [store, hint]);

  const dayHeaderContent = useCallback(() => suiteName, [suiteName]);
  // The axis in the clinic's time format, worded as the sessions are ("8:00 AM" or "08:00";
  // FullCalendar's own formatter writes "8:00am"). The calendar runs on wall-clock UTC.
  const slotHeaderContent = useCallback((arg: SlotHeaderInfo) => formatTime(arg.date.getTime(), 'UTC', format), [format]);
  // Each box is drawn from the session its event carries (the one the events were made from).
  const eventContent = useCallback(
    (arg: EventDisplayInfo) => {
      const s = (arg.event.extendedProps as { session?: CalendarSession }).session;
      return s ? <SessionEvent session={s} zone={zone} format={format} /> : <span className="closure-label">{arg.event.title}</span>;
    },
    [zone, format],
  );

  return (
    <div className={`suite-calendar${showAxis ? '' : ' suite-calendar-noaxis'}`} data-suite-id={suiteId} data-suite-name={suite?.name ?? ''}>
      <FullCalendar
        plugins={PLUGINS}
        initialView={view}
        initialDate={date}
        timeZone="UTC"
        headerToolbar={false}
        allDaySlot={false}
        firstDay={1}
        slotMinTime={min}
        slotMaxTime={max}
        slotDuration="00:30:00"
        snapDuration="00:15:00"
        height="auto"
        expandRows
        nowIndicator={false}
        businessHours={businessHours}
        editable
        droppable
        eventResizableFromStart={false}
        // A refused drop snaps back at once, and the drag ends (and its verdict is kept) at once.
        dragRevertDuration={0}
        events={events}
        eventAllow={handlers.eventAllow}
        eventDrop={handlers.eventDrop}
        eventReceive={handlers.eventReceive}
        eventResize={handlers.eventResize}
        eventDragStart={handlers.eventDragStart}
        eventDragStop={handlers.eventDragStop}
        eventResizeStop={handlers.eventResizeStop}
        eventClick={handlers.eventClick}
        dayHeaderContent={view === 'timeGridDay' ? dayHeaderContent : undefined}
        dayHeaderFormat={view === 'timeGridDay' ? NOT_SHOWN : undefined}
        titleFormat={view === 'timeGridDay' ? dayTitleFormat : undefined}
        // Named, so that only the first suite column shows the day's time axis (suite-calendar.css).
        slotHeaderClass="suite-axis-label"
        slotHeaderContent={slotHeaderContent}
        slotHeaderFormat={NOT_SHOWN}
        eventContent={eventContent}
        eventTimeFormat={NOT_SHOWN}
      />
    </div>
  );
}

/** Drawn again only when its data, suite, view, date or axis change (not on every store change). */
export const SuiteCalendar = memo(SuiteCalendarColumn);
