/**
 * The reminders outbox: what is due, waiting to be sent, sent, failed, or needs a person
 * (no phone number, a patient who prefers a call, the clinic address not set), with the
 * message as the patient will read it and the due time in clinic time. Staff can mark one
 * sent after calling or texting by hand. Place it on the Schedule screen, or on a patient's
 * chart with `patientId`.
 */
import { Fragment, useEffect, useMemo, useState } from 'react';
import type { OutboxRow, OutboxStatus } from '../../../../src-shared/api/schemas/reminders';
import { formatDay } from '../../../../src-shared/domain/clock-display';
import { todayInZone } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { paths } from '../../app/router';
import { DualTime } from '../../components/DualTime';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { errorText } from '../../lib/errors';
import { addDays, localDateAt, zonedToInstant } from '../../lib/zoned-time';
import { useClinicTimeZone } from '../clinic/store';
import { STATUS_BADGE, STATUS_LABELS, deliveryText } from './labels';
import { outboxKey, useRemindersLiveData, useRemindersStore, type OutboxFilter } from './store';
import './reminders.css';

type View = 'to_send' | 'attention' | 'sent' | 'not_sent' | 'all';

const VIEWS: { key: View; label: string; statuses: OutboxStatus[] | undefined; empty: string }[] = [
  { key: 'to_send', label: 'To send', statuses: ['to_send'], empty: 'Nothing waiting to be sent' },
  { key: 'attention', label: 'Needs a person', statuses: ['held', 'failed'], empty: 'Nothing needs a person' },
  { key: 'sent', label: 'Sent', statuses: ['sent'], empty: 'Nothing sent' },
  { key: 'not_sent', label: 'Not sent', statuses: ['skipped', 'cancelled'], empty: 'No skipped or cancelled reminders' },
  { key: 'all', label: 'All', statuses: undefined, empty: 'No reminders' },
];

/** Days before today and after it that the outbox shows at first. */
const DAYS_BACK = 7;
const DAYS_AHEAD = 28;

export function OutboxPanel({ patientId, heading = 'Reminders outbox' }: { patientId?: string; heading?: string }) {
  useRemindersLiveData();
  const zone = useClinicTimeZone();
  const today = todayInZone(zone);
  const [view, setView] = useState<View>('to_send');
  const [fromDate, setFromDate] = useState(() => addDays(today, -DAYS_BACK));
  const [toDate, setToDate] = useState(() => addDays(today, DAYS_AHEAD));
  const rangeProblem = fromDate && toDate && toDate < fromDate ? 'The last day must be on or after the first day.' : null;

  const filter = useMemo<OutboxFilter>(() => {
    const statuses = VIEWS.find((v) => v.key === view)!.statuses;
    const f: OutboxFilter = {};
    if (statuses) f.statuses = statuses;
    if (patientId) f.patientId = patientId;
    if (!rangeProblem) {
      if (fromDate) f.from = zonedToInstant(zone, fromDate, 0);
      if (toDate) f.to = zonedToInstant(zone, addDays(toDate, 1), 0);
    }
    return f;
  }, [view, patientId, fromDate, toDate, zone, rangeProblem]);
  const key = outboxKey(filter);
  const entry = useRemindersStore((s) => s.outbox[key]);

  // Bring the outbox up to date once when it opens (sessions may have begun since), then list.
  useEffect(() => {
    void api.call('reminders.sync', {}).catch(() => undefined);
  }, []);
  useEffect(() => {
    void useRemindersStore.getState().loadOutbox(key, filter);
  }, [key, filter]);

  const counts = entry?.data?.counts;
  const viewCount = (v: (typeof VIEWS)[number]) => (counts ? (v.statuses ?? (Object.keys(counts) as OutboxStatus[])).reduce((n, s) => n + (counts[s] ?? 0), 0) : null);
  const rows = entry?.data?.rows ?? [];
  const current = VIEWS.find((v) => v.key === view)!;

  return (
    <section className="panel outbox-panel" aria-labelledby="outbox-heading">
      <div className="panel-heading">
        <h2 id="outbox-heading">{heading}</h2>
      </div>
      <p className="field-hint">
        Reminders are written for every booked session and sent by the clinic server when it is connected; until then they
        wait here. Times are clinic time; a viewer elsewhere also sees their own, with its day.
      </p>
      <div className="outbox-controls">
        <div className="button-group outbox-views" role="group" aria-label="Show reminders">
          {VIEWS.map((v) => {
            const n = viewCount(v);
            return (
              <button key={v.key} type="button" className={`button${view === v.key ? ' button-primary' : ''}`} aria-pressed={view === v.key} onClick={() => setView(v.key)}>
                {v.label}
                {n !== null ? <span className="outbox-count"> {n}</span> : null}
              </button>
            );
          })}
        </div>
        <div className="outbox-range">
          <label htmlFor="outbox-from">Due from</label>
          <input id="outbox-from" type="date" value={fromDate} onChange={(e) => setFromDate(e.target.value)} />
          <label htmlFor="outbox-to">to</label>
          <input id="outbox-to" type="date" value={toDate} onChange={(e) => setToDate(e.target.value)} aria-invalid={rangeProblem ? true : undefined} aria-describedby={rangeProblem ? 'outbox-range-error' : undefined} />
        </div>
      </div>
      {rangeProblem ? (
        <p id="outbox-range-error" className="field-error">
          {rangeProblem}
        </p>
      ) : null}
      {entry?.status === 'error' ? (
        <div className="form-alert" role="alert">
          <p>The outbox could not be loaded. {entry.error}</p>
          <button type="button" className="button" onClick={() => void useRemindersStore.getState().loadOutbox(key, filter)}>
            Try again
          </button>
        </div>
      ) : null}
      {!entry?.data ? (
        entry?.status === 'error' ? null : <p className="muted">Loading the outbox…</p>
      ) : rows.length === 0 ? (
        <p className="muted outbox-empty">{current.empty} with a due time in these dates.</p>
      ) : (
        <table className="data-table outbox-table">
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">Patient and session</th>
              <th scope="col">Message</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              // A heading row for each clinic day, so "what goes out on Saturday" reads at a glance.
              const day = localDateAt(zone, r.dueAt);
              const newDay = i === 0 || localDateAt(zone, rows[i - 1]!.dueAt) !== day;
              return (
                <Fragment key={r.id}>
                  {newDay ? (
                    <tr className="outbox-day">
                      <th scope="rowgroup" colSpan={5}>
                        {dayHeading(day, today, zone)}
                      </th>
                    </tr>
                  ) : null}
                  <OutboxRowView row={r} zone={zone} showPatient={!patientId} />
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      {entry?.data?.truncated ? <p className="muted small">Only the first {rows.length} are shown: narrow the dates to see the rest.</p> : null}
    </section>
  );
}

/** "Today, Friday, November 27", "Tomorrow, ...", "Monday, November 30", "Monday, January 4, 2027" (a clinic date; the year when not this one). */
function dayHeading(date: string, today: string, zone: string): string {
  const label = formatDay(date, zone, { style: 'long' });
  if (date === today) return `Today, ${label}`;
  if (date === addDays(today, 1)) return `Tomorrow, ${label}`;
  if (date === addDays(today, -1)) return `Yesterday, ${label}`;
  return label;
}

function OutboxRowView({ row: r, zone, showPatient }: { row: OutboxRow; zone: string; showPatient: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [flash, showFlash] = useFlash();
  const [open, setOpen] = useState(false);
  const canMarkSent = r.status !== 'sent' && r.status !== 'cancelled';

  const markSent = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('reminders.outbox.markSent', { id: r.id, expectedVersion: r.version });
      showFlash('Marked sent');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr className={`outbox-row outbox-${r.status}`}>
      <td className="outbox-due">
        <DualTime instant={r.dueAt} zone={zone} withDate={false} />
      </td>
      <td>
        {showPatient ? (
          <a href={paths.patient(r.patientId)} className="row-link">
            {r.patientName}
          </a>
        ) : null}
        <div className="muted small">
          Infusion {r.position} · <DualTime instant={r.sessionStartsAt} zone={zone} />
        </div>
      </td>
      <td className="outbox-message">
        <div className="outbox-message-head">
          <strong>{r.templateName}</strong> · <span className="nowrap">{deliveryText(r.channel, r.recipient)}</span>
        </div>
        {r.subject ? <div className="small">Subject: {r.subject}</div> : null}
        <p className={`outbox-body${open ? '' : ' is-clamped'}`}>{r.body}</p>
        <button type="button" className="link-button small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Show less' : 'Show the whole message'}
        </button>
      </td>
      <td>
        <span className={`badge ${STATUS_BADGE[r.status]}`}>{STATUS_LABELS[r.status]}</span>
        {r.status === 'sent' && r.sentAt ? (
          <div className="muted small">
            <DualTime instant={r.sentAt} zone={zone} />
          </div>
        ) : null}
        {r.reason ? <p className="outbox-reason small">{r.reason}</p> : null}
        {r.lastError ? (
          <p className="outbox-reason small">
            Delivery {r.status === 'failed' ? 'failed' : 'problem'}: {r.lastError}
            {r.attempts > 1 ? ` (${r.attempts} tries)` : ''}
          </p>
        ) : null}
        {error ? (
          <p className="error-text small" role="alert">
            {error}
          </p>
        ) : null}
      </td>
      <td className="actions-cell">
        {canMarkSent ? (
          <button type="button" className="button button-small" onClick={() => void markSent()} disabled={busy}>
            {r.channel === 'phone' ? 'Called: mark sent' : 'Mark sent'}
            <span className="visually-hidden">
              {' '}
              ({r.templateName}, {r.patientName})
            </span>
          </button>
        ) : null}
        <Flash message={flash} />
      </td>
    </tr>
  );
}
