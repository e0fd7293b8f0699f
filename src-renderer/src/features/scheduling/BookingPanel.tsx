/**
 * Booking the first consultation from the chart: the next free times of the consulting
 * providers (clinic time, with the viewer's own beside it), a confirm step, and the
 * patient's consultations with a way to cancel one (a reason is required).
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../../../../src-shared/api/errors';
import type { AppointmentKind, AppointmentStatus, Consultation, FreeSlot } from '../../../../src-shared/api/schemas/scheduling';
import { isConsultingRole } from '../../../../src-shared/api/schemas/scheduling';
import { api } from '../../api/client';
import { DualTime } from '../../components/DualTime';
import { Flash } from '../../components/Flash';
import { SelectField, TextField } from '../../components/Field';
import { useFlash } from '../../components/useFlash';
import { errorText, toFormErrors } from '../../lib/errors';
import { viewerTimeZone } from '../../../../src-shared/domain/clock-display';
import { dualTime, localDateAt, providerLabel } from '../../lib/zoned-time';
import { useCan } from '../auth/store';
import { useClinicStore, useClinicTimeZone } from '../clinic/store';
import { slotKey, useSchedulingStore } from './store';
import { keptDateTimeFormat } from '../../../../src-shared/domain/dates';

const STATUS_WORDS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  cancelled: 'Cancelled',
  completed: 'Completed',
  no_show: 'Did not attend',
};
const KIND_WORDS: Record<AppointmentKind, string> = {
  initial_consultation: 'First consultation',
  follow_up_consultation: 'Follow-up consultation',
};

export function BookingPanel({ patientId, patientName }: { patientId: string; patientName: string }) {
  const zone = useClinicTimeZone();
  const entry = useSchedulingStore((s) => s.consultations[patientId]);
  const [flash, showFlash] = useFlash(6000);
  // Booking is for roles that may change the schedule (not a nurse's or physician's).
  const canBook = useCan('schedule.write');

  useEffect(() => {
    void useSchedulingStore.getState().loadConsultations(patientId);
    // The free times are asked at once too, not after the consultations answer: the picker
    // that shows them (only when no first consultation is booked) then draws with them.
    if (canBook) void useSchedulingStore.getState().loadSlots(patientId, null, null);
  }, [patientId, canBook]);

  const consultations = entry?.data ?? [];
  const now = Date.now();
  const upcomingFirst = consultations.find((c) => c.status === 'booked' && c.kind === 'initial_consultation' && c.endsAt > now);
  const others = consultations.filter((c) => c !== upcomingFirst);
  const changed = (message: string) => {
    showFlash(message);
    void useSchedulingStore.getState().loadConsultations(patientId);
    useSchedulingStore.getState().refreshAll();
  };
  const cancelled = () => changed('Consultation cancelled');

  return (
    <section className="panel booking-panel" id="first-consultation" aria-labelledby="booking-heading">
      <div className="panel-heading">
        <h2 id="booking-heading">First consultation</h2>
        <Flash message={flash} />
      </div>
      {entry?.status === 'error' ? (
        <p className="error-text" role="alert">
          The consultations could not be loaded. {entry.error}
        </p>
      ) : null}
      {upcomingFirst ? <BookedCard consultation={upcomingFirst} zone={zone} onCancelled={cancelled} onRecorded={changed} /> : null}
      {others.length > 0 ? (
        <>
          <h3 className="small-heading">{upcomingFirst ? 'Other consultations' : 'Consultations'}</h3>
          <ConsultationTable consultations={others} zone={zone} onCancelled={cancelled} onRecorded={changed} />
        </>
      ) : null}
      {!upcomingFirst && consultations.length === 0 && entry?.status === 'ready' ? <p className="muted">No consultation booked yet.</p> : null}
      {!upcomingFirst && entry?.status === 'ready' && canBook ? (
        <SlotPicker
          patientId={patientId}
          patientName={patientName}
          onBooked={(c) => {
            const t = dualTime(c.startsAt, zone);
            showFlash(`Booked ${t.clinic} with ${providerLabel(c.staffName)}`);
            void useSchedulingStore.getState().loadConsultations(patientId);
          }}
        />
      ) : null}
    </section>
  );
}

interface RowProps {
  zone: string;
  onCancelled: () => void;
  onRecorded: (message: string) => void;
}

function ConsultationTable({ consultations, ...props }: { consultations: Consultation[] } & RowProps) {
  return (
    <table className="data-table consultation-table">
      <thead>
        <tr>
          <th scope="col">When (clinic time)</th>
          <th scope="col">With</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {consultations.map((c) => (
          <ConsultationRow key={c.id} consultation={c} {...props} />
        ))}
      </tbody>
    </table>
  );
}

/** The upcoming first consultation, large enough to read at a glance. */
function BookedCard({ consultation: c, zone, onCancelled, onRecorded }: { consultation: Consultation } & RowProps) {
  return (
    <div className="booked-card" data-testid="booked-consultation">
      <p className="booked-line">
        <span className="badge badge-success">Booked</span>{' '}
        <strong>
          <DualTime instant={c.startsAt} zone={zone} />
        </strong>{' '}
        with <strong>{providerLabel(c.staffName)}</strong>
      </p>
      <AttendanceControl consultation={c} onRecorded={onRecorded} />
      <CancelControl consultation={c} onCancelled={onCancelled} />
    </div>
  );
}

function ConsultationRow({ consultation: c, zone, onCancelled, onRecorded }: { consultation: Consultation } & RowProps) {
  return (
    <tr className={c.status === 'cancelled' ? 'inactive-row' : undefined}>
      <td>
        <DualTime instant={c.startsAt} zone={zone} />
      </td>
      <td>{providerLabel(c.staffName)}</td>
      <td>{KIND_WORDS[c.kind]}</td>
      <td>
        <span className={`badge badge-${c.status === 'booked' ? 'success' : 'neutral'}`}>{STATUS_WORDS[c.status]}</span>
        {c.status === 'cancelled' && c.note ? <div className="muted small">{c.note.split('\n').at(-1)}</div> : null}
      </td>
      <td className="actions-cell">
        <AttendanceControl consultation={c} onRecorded={onRecorded} />
        <CancelControl consultation={c} onCancelled={onCancelled} />
      </td>
    </tr>
  );
}

/**
 * Once a booked consultation has begun: "Held" (it then clears the patient for infusions and
 * is the consultation a payer's readiness check asks for) or "Did not attend". The backend
 * refuses either before the visit's start; a refusal shows beside the buttons.
 */
function AttendanceControl({ consultation: c, onRecorded }: { consultation: Consultation; onRecorded: (message: string) => void }) {
  const canWrite = useCan('schedule.write');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!canWrite || c.status !== 'booked' || c.startsAt > Date.now()) return null;
  const record = async (outcome: 'completed' | 'no_show') => {
    if (busy) return;
    setBusy(true);
    try {
      await api.call('consultations.recordAttendance', { id: c.id, outcome, expectedVersion: c.version });
      setError(null);
      onRecorded(outcome === 'completed' ? 'Consultation recorded as held' : 'Recorded: the patient did not attend');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="attendance-control" role="group" aria-label="What happened at the consultation">
      <button type="button" className="button button-small" disabled={busy} onClick={() => void record('completed')}>
        Mark held
      </button>
      <button type="button" className="button button-quiet button-small" disabled={busy} onClick={() => void record('no_show')}>
        Did not attend
      </button>
      {error ? (
        <span className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** "Cancel" and then the reason (required) before anything changes. */
function CancelControl({ consultation: c, onCancelled }: { consultation: Consultation; onCancelled: () => void }) {
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonId = `consultation-${c.id}-reason`;
  const canCancel = c.status === 'booked' && c.endsAt > Date.now();
  if (!canCancel) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!reason.trim()) {
      setError('Enter the reason for cancelling.');
      document.getElementById(reasonId)?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.call('consultations.cancel', { id: c.id, reason, expectedVersion: c.version });
      setCancelling(false);
      setError(null);
      onCancelled();
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => f === 'reason' });
      setError(mapped.fields.reason ?? mapped.general);
      document.getElementById(reasonId)?.focus();
    } finally {
      setBusy(false);
    }
  };

  if (!cancelling) {
    return (
      <button type="button" className="button button-quiet button-small" onClick={() => setCancelling(true)}>
        Cancel<span className="visually-hidden"> the consultation</span>
      </button>
    );
  }
  return (
    <form className="inline-form cancel-form" noValidate onSubmit={submit}>
      <TextField id={reasonId} label="Reason for cancelling" value={reason} onChange={setReason} error={error} maxLength={200} autoFocus autoComplete="off" placeholder="e.g. patient asked to move it" />
      <button type="submit" className="button button-danger button-small" disabled={busy}>
        Cancel consultation
      </button>
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={() => {
          setCancelling(false);
          setError(null);
        }}
      >
        Keep it
      </button>
    </form>
  );
}

interface DayGroup {
  date: string;
  heading: string;
  slots: FreeSlot[];
}

function dayHeading(zone: string, instant: number): string {
  return keptDateTimeFormat('en-US', { timeZone: zone, weekday: 'long', month: 'long', day: 'numeric' }).format(instant);
}

function byDay(slots: FreeSlot[], zone: string): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const s of slots) {
    const date = localDateAt(zone, s.startsAt);
    let g = groups.at(-1);
    if (!g || g.date !== date) groups.push((g = { date, heading: dayHeading(zone, s.startsAt), slots: [] }));
    g.slots.push(s);
  }
  return groups;
}

/**
 * One free time. Its name reads in full ("Tue, Dec 1, 9:00 AM CST · Dr. Ada Osei"); on screen
 * the day is the group's heading, and the viewer's own time shows below when it differs.
 */
function SlotButton({ slot, zone, chosen, onChoose }: { slot: FreeSlot; zone: string; chosen: boolean; onChoose: () => void }) {
  const withDate = dualTime(slot.startsAt, zone);
  const timeOnly = dualTime(slot.startsAt, zone, { withDate: false });
  const day = withDate.clinic.slice(0, withDate.clinic.length - timeOnly.clinic.length).replace(/,\s*$/, '');
  const viewerZone = viewerTimeZone();
  const viewerOtherDay = localDateAt(viewerZone, slot.startsAt) !== localDateAt(zone, slot.startsAt);
  const viewer = timeOnly.viewer ? (viewerOtherDay ? withDate.viewer : timeOnly.viewer) : null;
  return (
    <button type="button" className={`slot${chosen ? ' is-chosen' : ''}`} aria-pressed={chosen} onClick={onChoose}>
      <span className="slot-main">
        <span className="visually-hidden">{day}, </span>
        {timeOnly.clinic}
      </span>
      <span className="slot-provider">
        <span className="visually-hidden"> · </span>
        {providerLabel(slot.staffName)}
      </span>
      {viewer ? <span className="slot-viewer">your time {viewer}</span> : null}
    </button>
  );
}

function SlotPicker({ patientId, patientName, onBooked }: { patientId: string; patientName: string; onBooked: (c: Consultation) => void }) {
  const zone = useClinicTimeZone();
  const staff = useClinicStore((s) => s.staff);
  const providers = useMemo(() => staff.filter((s) => s.active && isConsultingRole(s.role)), [staff]);
  const [providerId, setProviderId] = useState('');
  // Later pages: where each one starts (empty: the earliest free times from now).
  const [pages, setPages] = useState<number[]>([]);
  const from = pages.at(-1) ?? null;
  const key = slotKey(patientId, providerId || null, from);
  const entry = useSchedulingStore((s) => s.slots[key]);
  const [chosen, setChosen] = useState<FreeSlot | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void useSchedulingStore.getState().loadSlots(patientId, providerId || null, from, { reuseRecent: true });
  }, [patientId, providerId, from]);

  const reload = () => useSchedulingStore.getState().loadSlots(patientId, providerId || null, from);

  const book = async () => {
    if (!chosen || busy) return;
    setBusy(true);
    try {
      const c = await api.call('consultations.book', { patientId, staffId: chosen.staffId, startsAt: chosen.startsAt, kind: 'initial_consultation' });
      setChosen(null);
      setProblem(null);
      onBooked(c);
    } catch (err) {
      const taken = err instanceof ApiError && err.code === 'CONFLICT';
      setProblem(taken ? `That time can no longer be booked. ${err.message} The free times below are up to date.` : errorText(err));
      setChosen(null);
      await reload();
    } finally {
      setBusy(false);
    }
  };

  const data = entry?.data;
  const slots = data?.slots ?? [];
  const groups = byDay(slots, zone);
  const last = slots.at(-1);
  return (
    <div className="slot-picker">
      <h3>Book first consultation</h3>
      {problem ? (
        <div className="form-alert" role="alert">
          <p>{problem}</p>
        </div>
      ) : null}
      <div className="field-row slot-filter">
        <SelectField
          id="booking-provider"
          label="Provider"
          value={providerId}
          onChange={(v) => {
            setProviderId(v);
            setPages([]);
            setChosen(null);
          }}
          options={[{ value: '', label: 'Any provider' }, ...providers.map((p) => ({ value: p.id, label: providerLabel(p.name) }))]}
          className="field-narrow"
        />
      </div>
      {chosen ? (
        <div className="confirm-box" role="group" aria-labelledby="confirm-booking-text">
          <p id="confirm-booking-text">
            Book a first consultation for <strong>{patientName}</strong> on{' '}
            <strong>
              <DualTime instant={chosen.startsAt} zone={zone} />
            </strong>{' '}
            with <strong>{providerLabel(chosen.staffName)}</strong> ({data?.minutes ?? ''} minutes)?
          </p>
          <div className="form-actions">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void book()} autoFocus>
              Book consultation
            </button>
            <button type="button" className="button button-quiet" onClick={() => setChosen(null)}>
              Choose another time
            </button>
          </div>
        </div>
      ) : null}
      {!entry || entry.status === 'loading' ? (
        <p className="muted">Finding free times…</p>
      ) : entry.status === 'error' ? (
        <div className="form-alert" role="alert">
          <p>The free times could not be found. {entry.error}</p>
          <button type="button" className="button" onClick={() => void reload()}>
            Try again
          </button>
        </div>
      ) : slots.length === 0 ? (
        <p className="notice">
          No free consultation times in the next three weeks
          {providerId ? ' for this provider' : ''}. Check the providers’ weekly hours under <a href="#/settings/providers">Settings › Provider hours</a>.
        </p>
      ) : (
        <>
          <p className="field-hint">
            Free times in clinic time, {data?.minutes} minutes each{viewerTimeZone() !== zone ? ', with your own time below' : ''}. Choose one to book it.
          </p>
          <div className="slot-days" role="list" aria-label="Free consultation times">
            {groups.map((g) => (
              <div key={g.date} className="slot-day" role="listitem">
                <h4 className="slot-day-heading">{g.heading}</h4>
                <ul className="slot-list">
                  {g.slots.map((s) => (
                    <li key={`${s.staffId}-${s.startsAt}`}>
                      <SlotButton
                        slot={s}
                        zone={zone}
                        chosen={chosen?.startsAt === s.startsAt && chosen.staffId === s.staffId}
                        onChoose={() => {
                          setChosen(s);
                          setProblem(null);
                        }}
                      />
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
          <div className="form-actions slot-pages">
            {pages.length > 0 ? (
              <button type="button" className="button button-quiet button-small" onClick={() => setPages([])}>
                ‹ Back to the earliest times
              </button>
            ) : null}
            {data?.more && last ? (
              <button type="button" className="button button-small" onClick={() => setPages((p) => [...p, last.startsAt])}>
                Later times ›
              </button>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}
