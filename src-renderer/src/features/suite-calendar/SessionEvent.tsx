/** One session on the calendar: initials and surname, "3 of 6", its times, and its phases shaded. */
import type { TimeFormat } from '../../../../src-shared/domain/clock-display';
import { formatTime } from '../../../../src-shared/domain/clock-display';
import type { CalendarSession } from './drag-check';

const STATUS_LABEL: Record<string, string> = {
  scheduled: 'Scheduled',
  arrived: 'Arrived',
  iv_placed: 'IV placed',
  infusing: 'Infusing',
  recovery: 'Recovery',
  discharged: 'Discharged',
  no_show: 'No-show',
  cancelled: 'Cancelled',
};

/** `format`: the clinic's time format (the calendar passes it, so a changed format redraws the boxes). */
export function SessionEvent({ session, zone, format }: { session: CalendarSession; zone: string; format: TimeFormat }) {
  const total = session.endsAt - session.startsAt;
  const pct = (a: number, b: number) => `${((100 * (b - a)) / total).toFixed(2)}%`;
  return (
    <div className={`session-event session-${session.status}`} data-session-id={session.id}>
      {/* Phase shading: IV preparation, infusion, recovery, to scale. */}
      <div className="session-phases" aria-hidden="true">
        <div className="session-phase phase-prep" style={{ height: pct(session.startsAt, session.infusionStartsAt) }} />
        <div className="session-phase phase-infusion" style={{ height: pct(session.infusionStartsAt, session.recoveryStartsAt) }} />
        <div className="session-phase phase-recovery" style={{ height: pct(session.recoveryStartsAt, session.endsAt) }} />
      </div>
      <div className="session-event-text">
        <span className="session-event-name">{session.patientLabel}</span>
        <span className="session-event-seq">{session.position}</span>
        <span className="session-event-time">
          {formatTime(session.startsAt, zone, format)}–{formatTime(session.endsAt, zone, format)}
        </span>
        {session.status !== 'scheduled' ? <span className="session-event-status">{STATUS_LABEL[session.status]}</span> : null}
      </div>
    </div>
  );
}

export function statusLabel(status: string): string {
  return STATUS_LABEL[status] ?? status;
}
