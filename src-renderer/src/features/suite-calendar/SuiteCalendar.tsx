/**
 * One suite's column (day view, beside the others) or one suite's week. FullCalendar does the
 * drawing and dragging; the shared move rules decide, while dragging, whether a drop is
 * allowed, and the store saves it. Sessions dragged between suites leave one calendar and are
 * received by another (eventLeave / eventReceive): the received copy is dropped at once and
 * the saved state reloaded, so the screen only ever shows what the store holds.
 */
import FullCalendar from '@fullcalendar/react';
import type { AllowFunc, EventDropInfo, EventInput, EventReceiveInfo, EventResizeDoneInfo } from '@fullcalendar/react';
import interactionPlugin from '@fullcalendar/react/interaction';
import classicTheme from '@fullcalendar/react/themes/classic';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import { useMemo } from 'react';
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

function span(hours: OpeningHours): { min: string; max: string } {
  if (hours.length === 0) return { min: '07:00:00', max: '19:00:00' };
  const min = hours.reduce((m, h) => (h.open < m ? h.open : m), hours[0]!.open);
  const max = hours.reduce((m, h) => (h.close > m ? h.close : m), hours[0]!.close);
  return { min: `${min.slice(0, 2)}:00:00`, max: `${max.slice(3) === '00' ? max : `${String(Number(max.slice(0, 2)) + 1).padStart(2, '0')}:00`}:00` };
}

function sessionWord(s: CalendarSession): string {
  return `${s.patientLabel} (${s.position})`;
}

export function SuiteCalendar({ data, suiteId, view, date, showAxis }: Props) {
  const zone = data.floor.timeZone;
  const format = useTimeFormat();
  const suite = data.floor.suites.find((s) => s.id === suiteId);
  const hours = suite?.openingHours ?? data.floor.clinicHours;
  const allHours = [data.floor.clinicHours, ...data.floor.suites.map((s) => s.openingHours ?? [])].flat();
  const { min, max } = span(allHours);
  const store = useSuiteCalendarStore.getState;
  const hint = useDragHint.getState;

  const events = useMemo<EventInput[]>(() => {
    const list: EventInput[] = data.sessions
      .filter((s) => s.suiteId === suiteId)
      .map((s) => ({
        id: s.id,
        start: toWall(zone, s.startsAt),
        end: toWall(zone, s.endsAt),
        editable: s.status === 'scheduled',
        durationEditable: s.status === 'scheduled',
        classNames: ['session', `session-status-${s.status}`],
        extendedProps: { sessionId: s.id },
      }));
    for (const c of data.floor.closures) {
      if (c.suiteId !== null && c.suiteId !== suiteId) continue;
      list.push({ start: toWall(zone, c.startsAt), end: toWall(zone, c.endsAt), display: 'background', classNames: ['closure'], title: `Closed: ${c.reason}` });
    }
    return list;
  }, [data, suiteId, zone]);

  const businessHours = useMemo(() => hours.map((h) => ({ daysOfWeek: [h.day], startTime: h.open, endTime: h.close })), [hours]);
  const byId = useMemo(() => new Map(data.sessions.map((s) => [s.id, s])), [data]);

  /** The target a drag or resize means: a resize keeps the start and suite and changes the end. */
  const targetOf = (s: CalendarSession, start: Date, end: Date | null) => {
    const startsAt = fromWall(zone, start);
    const endsAt = end ? fromWall(zone, end) : undefined;
    const resize = startsAt === s.startsAt && s.suiteId === suiteId && endsAt !== undefined && endsAt !== s.endsAt;
    return resize ? { suiteId, startsAt, endsAt } : { suiteId, startsAt };
  };

  const eventAllow: AllowFunc = (dropSpan, moving) => {
    const s = moving ? byId.get(moving.id) ?? store().data?.sessions.find((x) => x.id === moving.id) : undefined;
    if (!s) return false;
    const current = store().data;
    if (!current) return false;
    const verdict = dragVerdict(current, s, targetOf(s, dropSpan.start, dropSpan.end), Date.now());
    if (verdict.refused.length) {
      hint().show('refused', `Can't move ${sessionWord(s)} here: ${verdict.refused.join('; ')}`);
      return false;
    }
    if (verdict.timeline.length) hint().show('warning', `Breaks the series timeline: ${verdict.timeline.join(' ')} Drop to see a repaired series.`);
    else hint().show('warning', `${suite?.name ?? 'Suite'} ${timeText(zone, fromWall(zone, dropSpan.start))}: free`);
    return true;
  };

  const commit = (s: CalendarSession, target: { suiteId: string; startsAt: number; endsAt?: number }, revert: () => void) => {
    hint().clear();
    const current = store().data;
    if (!current) return revert();
    const verdict = dragVerdict(current, s, target, Date.now());
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
    const suiteName = current.floor.suites.find((x) => x.id === target.suiteId)?.name ?? 'the suite';
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

  const onDrop = (info: EventDropInfo) => {
    const s = byId.get(info.event.id);
    if (!s || !info.event.start) return info.revert();
    commit(s, { suiteId, startsAt: fromWall(zone, info.event.start) }, info.revert);
  };
  const onReceive = (info: EventReceiveInfo) => {
    const s = store().data?.sessions.find((x) => x.id === info.event.id);
    const start = info.event.start;
    // The received copy goes at once; the reload after saving draws the session where it is.
    info.revert();
    if (!s || !start) return;
    commit(s, { suiteId, startsAt: fromWall(zone, start) }, () => store().snapBack());
  };
  const onResize = (info: EventResizeDoneInfo) => {
    const s = byId.get(info.event.id);
    if (!s || !info.event.start || !info.event.end) return info.revert();
    commit(s, targetOf(s, info.event.start, info.event.end), info.revert);
  };

  return (
    <div className={`suite-calendar${showAxis ? '' : ' suite-calendar-noaxis'}`} data-suite-id={suiteId} data-suite-name={suite?.name ?? ''}>
      <FullCalendar
        plugins={[classicTheme, timeGridPlugin, interactionPlugin]}
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
        eventAllow={eventAllow}
        eventDrop={onDrop}
        eventReceive={onReceive}
        eventResize={onResize}
        eventDragStart={() => store().say(null)}
        eventDragStop={() => {
          // A refused drop snaps back with no drop event: keep its reason on screen.
          const h = hint();
          if (h.kind === 'refused' && h.text) store().say({ kind: 'refused', text: `${h.text}. It stays where it was.` });
          h.clear();
        }}
        eventResizeStop={() => hint().clear()}
        eventClick={(info) => store().select(info.event.id)}
        dayHeaderContent={view === 'timeGridDay' ? () => suite?.name ?? 'Suite' : undefined}
        // Named, so that only the first suite column shows the day's time axis (suite-calendar.css).
        slotHeaderClass="suite-axis-label"
        // The axis in the clinic's time format, worded as the sessions are ("8:00 AM" or "08:00";
        // FullCalendar's own formatter writes "8:00am"). The calendar runs on wall-clock UTC.
        slotHeaderContent={(arg) => formatTime(arg.date.getTime(), 'UTC', format)}
        eventContent={(arg) => {
          const s = byId.get(arg.event.id);
          return s ? <SessionEvent session={s} zone={zone} /> : <span className="closure-label">{arg.event.title}</span>;
        }}
      />
    </div>
  );
}
