/**
 * The session picked on the calendar: who, which of the series, its phases and supervisor,
 * places it could move to that keep the series inside its window, and its history.
 */
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { dayText, timeText } from '../series/format';
import { formatDay } from '../../../../src-shared/domain/clock-display';
import { todayInZone } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { TimeSpan } from '../../components/TimeSpan';
import { paths } from '../../app/router';
import { errorText } from '../../lib/errors';
import type { CalendarData, CalendarSession } from './drag-check';
import { statusLabel } from './SessionEvent';
import { useSuiteCalendarStore } from './store';

type Options = MethodOutput<'sessions.rescheduleOptions'>;
type History = MethodOutput<'sessions.history'>;

const REASONS = ['Patient asked to change', 'Patient unwell', 'Suite or staff change', 'Authorization dates'];

function historyLine(zone: string, h: History[number]): string {
  const when = `${dayText(zone, h.at)} ${timeText(zone, h.at)}`;
  const place = (v: Record<string, unknown> | null) =>
    v && typeof v['startsAt'] === 'number' ? `${dayText(zone, v['startsAt'])} ${timeText(zone, v['startsAt'])}` : '';
  const what =
    h.action === 'moved' || h.action === 'resized'
      ? `${h.action === 'moved' ? 'Moved' : 'Length changed'} from ${place(h.fromValue)} to ${place(h.toValue)}`
      : h.action === 'booked'
        ? `Booked for ${place(h.toValue)}`
        : h.action.charAt(0).toUpperCase() + h.action.slice(1);
  return `${when} · ${h.byName} · ${what}${h.reason ? ` — ${h.reason}` : ''}`;
}

export function SessionPanel({ data, session }: { data: CalendarData; session: CalendarSession }) {
  const zone = data.floor.timeZone;
  const [options, setOptions] = useState<Options | null>(null);
  // "Find times" looks at one clinic day at a time; the desk moves between the days that keep the series.
  const [day, setDay] = useState<string | null>(null);
  const [history, setHistory] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState(REASONS[0]!);
  const [busy, setBusy] = useState(false);
  const suiteName = data.floor.suites.find((s) => s.id === session.suiteId)?.name ?? 'Suite';

  useEffect(() => {
    let live = true;
    setOptions(null);
    setHistory(null);
    setError(null);
    api.call('sessions.history', { sessionId: session.id }).then(
      (h) => live && setHistory(h),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [session.id, session.version]);

  const showDay = async (date: string) => {
    setError(null);
    try {
      const r = await api.call('sessions.rescheduleOptions', { sessionId: session.id, limit: 24, date });
      setDay(date);
      setOptions(r);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const findSlots = async () => {
    setError(null);
    try {
      // The earliest day with a free place first; then any other day that keeps the series.
      const first = await api.call('sessions.rescheduleOptions', { sessionId: session.id, limit: 1 });
      const start = first.slots[0] ? todayInZone(zone, first.slots[0].startsAt) : (first.days[0] ?? null);
      if (start) await showDay(start);
      else setOptions(first);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const dayIndex = options && day ? options.days.indexOf(day) : -1;
  const choose = async (slot: Options['slots'][number]) => {
    setBusy(true);
    const ok = await useSuiteCalendarStore
      .getState()
      .save(
        [{ sessionId: session.id, expectedVersion: session.version, suiteId: slot.suiteId, startsAt: slot.startsAt, supervisorId: slot.supervisorId }],
        reason,
        `${session.patientLabel} (${session.position}) rescheduled to ${slot.label}.`,
      );
    setBusy(false);
    if (ok) setOptions(null);
  };

  return (
    <aside className="panel session-panel" aria-label="Selected session">
      <div className="panel-heading">
        <h2>
          {session.patientLabel} · {session.position}
        </h2>
        <button type="button" className="button button-quiet button-small" onClick={() => useSuiteCalendarStore.getState().select(null)}>
          Close
        </button>
      </div>
      <dl className="detail-list">
        <div className="detail-item">
          <dt>When</dt>
          <dd>
            <TimeSpan zone={zone} startsAt={session.startsAt} endsAt={session.endsAt} /> · {suiteName}
          </dd>
        </div>
        <div className="detail-item">
          <dt>Phases</dt>
          <dd>
            IV prep {timeText(zone, session.startsAt)} · infusion {timeText(zone, session.infusionStartsAt)} · recovery{' '}
            {timeText(zone, session.recoveryStartsAt)} · discharge {timeText(zone, session.endsAt)}
          </dd>
        </div>
        <div className="detail-item">
          <dt>Supervisor</dt>
          <dd>{session.supervisorName ?? <span className="muted">None</span>}</dd>
        </div>
        <div className="detail-item">
          <dt>Status</dt>
          <dd>{statusLabel(session.status)}</dd>
        </div>
      </dl>
      <p>
        <a href={paths.patient(session.patientId)}>Open the patient’s chart</a>
      </p>

      {session.status === 'scheduled' ? (
        <section aria-label="Reschedule">
          <h3 className="small-heading">Reschedule</h3>
          <label className="field">
            <span className="field-label">Reason</span>
            <select value={reason} onChange={(e) => setReason(e.target.value)}>
              {REASONS.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          {options === null ? (
            <button type="button" className="button" onClick={() => void findSlots()}>
              Find times that keep the series
            </button>
          ) : (
            <div className="reschedule-finder" aria-label="Times that keep the series" role="group">
              {day && options.days.length ? (
                <div className="reschedule-day">
                  <button type="button" className="button button-small" disabled={dayIndex <= 0} onClick={() => void showDay(options.days[dayIndex - 1]!)}>
                    ‹ Earlier day
                  </button>
                  <select aria-label="Day" value={day} onChange={(e) => void showDay(e.target.value)}>
                    {options.days.map((d) => (
                      <option key={d} value={d}>
                        {formatDay(d, zone)}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="button button-small"
                    disabled={dayIndex < 0 || dayIndex >= options.days.length - 1}
                    onClick={() => void showDay(options.days[dayIndex + 1]!)}
                  >
                    Later day ›
                  </button>
                </div>
              ) : null}
              {options.slots.length === 0 ? (
                <p className="notice notice-warning">{options.note}</p>
              ) : (
                <ul className="reschedule-slots">
                  {options.slots.map((slot) => (
                    <li key={`${slot.suiteId}-${slot.startsAt}`}>
                      <button type="button" className="button button-small" disabled={busy} aria-label={slot.label} onClick={() => void choose(slot)}>
                        <strong>{timeText(zone, slot.startsAt)}</strong> · {slot.suiteName}
                        <span className="reschedule-slot-who">{slot.supervisorName}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </section>
      ) : null}

      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}

      <section aria-label="History">
        <h3 className="small-heading">History</h3>
        {history === null ? (
          <p className="muted">Loading…</p>
        ) : (
          <ol className="history-list">
            {history.map((h) => (
              <li key={h.id}>{historyLine(zone, h)}</li>
            ))}
          </ol>
        )}
      </section>
    </aside>
  );
}
