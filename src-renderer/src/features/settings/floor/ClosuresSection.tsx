/**
 * Settings › Infusion floor › Suite closures: a suite, or every suite, closed for a span
 * (maintenance, a holiday, training), with the reason. No infusion is booked into a closure.
 * Times are typed and shown in clinic time; the viewer's own time is shown beside it.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { keptDateTimeFormat, todayInZone, formatCalendarDate } from '../../../../../src-shared/domain/dates';
import { api } from '../../../api/client';
import { DualTime } from '../../../components/DualTime';
import { CheckboxField, FormAlert, SelectField, TextField } from '../../../components/Field';
import { Flash } from '../../../components/Flash';
import { useFlash } from '../../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../../lib/errors';
import { readTypedDate } from '../../../lib/typed-date';
import { addDays, localTimeAt, zonedToInstant } from '../../../lib/zoned-time';
import { useClinicStore, useClinicTimeZone } from '../../clinic/store';
import { useFloorList, useFloorStore, type Closure } from './store';

const WHOLE_CLINIC = '__clinic__';

function dayText(zone: string, instant: number): string {
  return keptDateTimeFormat('en-US', { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(instant);
}

export function ClosuresSection() {
  const entry = useFloorList('closures');
  const zone = useClinicTimeZone();
  const [flash, showFlash] = useFlash(6000);
  const [listError, setListError] = useState<string | null>(null);
  const [inside, setInside] = useState(0);
  const closures = entry?.data ?? [];

  return (
    <section className="panel floor-section" aria-labelledby="closures-heading">
      <div className="panel-heading">
        <h3 id="closures-heading">Suite closures</h3>
        <Flash message={flash} />
      </div>
      <p className="field-hint">
        A suite, or the whole clinic, closed for infusions: maintenance, a holiday, training. Nothing is booked into a closed
        suite. (Time off for consultations is under Provider availability.)
      </p>
      {entry?.status === 'error' ? (
        <div className="form-alert" role="alert">
          <p>The closures could not be loaded. {entry.error}</p>
          <button type="button" className="button" onClick={() => void useFloorStore.getState().load('closures')}>
            Try again
          </button>
        </div>
      ) : null}
      {listError ? (
        <p className="form-alert" role="alert">
          {listError}
        </p>
      ) : null}
      {!entry?.data ? (
        entry?.status === 'error' ? null : <p className="muted">Loading closures…</p>
      ) : closures.length === 0 ? (
        <p className="muted">No closures coming up.</p>
      ) : (
        <table className="data-table closures-table">
          <thead>
            <tr>
              <th scope="col">Closed</th>
              <th scope="col">From (clinic time)</th>
              <th scope="col">Until (clinic time)</th>
              <th scope="col">Reason</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {closures.map((c) => (
              <ClosureRow
                key={c.id}
                closure={c}
                zone={zone}
                onRemoved={() => {
                  setListError(null);
                  showFlash('Closure removed');
                }}
                onError={setListError}
              />
            ))}
          </tbody>
        </table>
      )}
      {inside ? (
        <p className="notice notice-warning" role="alert">
          {inside} booked session{inside === 1 ? ' falls' : 's fall'} inside this closure. {inside === 1 ? 'It is' : 'They are'} listed under booking conflicts on the{' '}
          <a href="#/schedule">Schedule</a> screen to move or cancel.
        </p>
      ) : null}
      <AddClosureForm
        zone={zone}
        onAdded={(what, sessionsInside) => {
          setInside(sessionsInside);
          showFlash(`${what} added`);
        }}
      />
    </section>
  );
}

/** Whole days (midnight to midnight) read as dates, the last day included; anything else as times. */
function Span({ closure: c, zone }: { closure: Closure; zone: string }) {
  const wholeDays = localTimeAt(zone, c.startsAt) === '00:00' && localTimeAt(zone, c.endsAt) === '00:00';
  if (wholeDays) {
    return (
      <>
        <td>{dayText(zone, c.startsAt)}</td>
        <td>
          {dayText(zone, c.endsAt - 1)} <span className="muted">(whole day)</span>
        </td>
      </>
    );
  }
  return (
    <>
      <td>
        <DualTime instant={c.startsAt} zone={zone} />
      </td>
      <td>
        <DualTime instant={c.endsAt} zone={zone} />
      </td>
    </>
  );
}

function ClosureRow({ closure: c, zone, onRemoved, onError }: { closure: Closure; zone: string; onRemoved: () => void; onError: (m: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const where = c.suiteName ?? 'Whole clinic';
  const remove = async () => {
    setBusy(true);
    try {
      await api.call('closures.remove', { id: c.id, expectedVersion: c.version });
      await useFloorStore.getState().load('closures');
      onRemoved();
    } catch (err) {
      onError(errorText(err));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr>
      <td>{c.suiteId === null ? <strong>Whole clinic (every suite)</strong> : c.suiteName}</td>
      <Span closure={c} zone={zone} />
      <td>{c.reason}</td>
      <td className="actions-cell">
        {confirming ? (
          <>
            <button type="button" className="button button-danger button-small" disabled={busy} onClick={() => void remove()}>
              Yes, reopen<span className="visually-hidden"> {where}</span>
            </button>{' '}
            <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(false)}>
              Keep closed
            </button>
          </>
        ) : (
          <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(true)}>
            Remove<span className="visually-hidden"> closure of {where}: {c.reason}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

const CF = ['suiteId', 'reason', 'startDate', 'startTime', 'endDate', 'endTime'] as const;
type ClosureField = (typeof CF)[number];
const cid = (f: ClosureField) => `closure-${f}`;

function AddClosureForm({ zone, onAdded }: { zone: string; onAdded: (what: string, sessionsInside: number) => void }) {
  const suites = useClinicStore((s) => s.suites);
  const today = formatCalendarDate(todayInZone(zone));
  const blank = { startDate: today, startTime: '08:00', endDate: today, endTime: '17:00', reason: '' };
  const [where, setWhere] = useState('');
  const [wholeDays, setWholeDays] = useState(true);
  const [v, setV] = useState(blank);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const options = useMemo(
    () => [{ value: WHOLE_CLINIC, label: 'Whole clinic (every suite)' }, ...suites.map((s) => ({ value: s.id, label: s.active ? s.name : `${s.name} (not in use)` }))],
    [suites],
  );
  const set = (f: keyof typeof v) => (value: string) => setV((p) => ({ ...p, [f]: value }));

  const show = (next: FormErrors) => {
    setErrors(next);
    const first = CF.find((f) => next.fields[f]);
    if (first) document.getElementById(cid(first))?.focus();
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    // Dates are typed as the desk writes them (MM/DD/YYYY) and read here, before any instant exists.
    const fields: Record<string, string> = {};
    if (!where) fields.suiteId = 'Choose a suite, or the whole clinic.';
    const start = readTypedDate(v.startDate, 'first day', true);
    const end = readTypedDate(v.endDate, 'last day', true);
    if (!start.ok) fields.startDate = start.message;
    if (!end.ok) fields.endDate = end.message;
    if (!wholeDays) {
      if (!/^\d{2}:\d{2}$/.test(v.startTime)) fields.startTime = 'Enter the time it closes, such as 08:00.';
      if (!/^\d{2}:\d{2}$/.test(v.endTime)) fields.endTime = 'Enter the time it opens again, such as 17:00.';
    }
    if (Object.keys(fields).length || !start.ok || !end.ok) return show({ general: null, fields });
    let startsAt: number;
    let endsAt: number;
    try {
      startsAt = zonedToInstant(zone, start.value!, wholeDays ? '00:00' : v.startTime);
      endsAt = wholeDays ? zonedToInstant(zone, addDays(end.value!, 1), '00:00') : zonedToInstant(zone, end.value!, v.endTime);
    } catch (err) {
      return show({ general: errorText(err), fields: {} });
    }
    setBusy(true);
    try {
      const saved = await api.call('closures.add', { suiteId: where === WHOLE_CLINIC ? null : where, startsAt, endsAt, reason: v.reason });
      setV(blank);
      setWhere('');
      setErrors(noErrors);
      await useFloorStore.getState().load('closures');
      onAdded(saved.suiteName ? `Closure of ${saved.suiteName}` : 'Whole-clinic closure', saved.sessionsInside);
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => ['suiteId', 'startsAt', 'endsAt', 'reason'].includes(f) });
      const next: Record<string, string> = {};
      for (const [f, m] of Object.entries(mapped.fields)) {
        const target: ClosureField =
          f === 'startsAt' ? (wholeDays ? 'startDate' : 'startTime') : f === 'endsAt' ? (wholeDays ? 'endDate' : 'endTime') : (f as ClosureField);
        next[target] = m;
      }
      show({ general: mapped.general, fields: next });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form subform closure-form" noValidate onSubmit={onSubmit} aria-labelledby="add-closure-heading">
      <h4 id="add-closure-heading">Close a suite or the clinic</h4>
      <FormAlert message={errors.general} />
      <div className="field-row">
        <SelectField id={cid('suiteId')} label="What is closed" required value={where} onChange={setWhere} options={options} placeholder="Choose…" error={errors.fields.suiteId} />
        <TextField id={cid('reason')} label="Reason" required value={v.reason} onChange={set('reason')} error={errors.fields.reason} maxLength={200} placeholder="e.g. Pump servicing, Thanksgiving" autoComplete="off" />
      </div>
      <CheckboxField id="closure-wholeDays" label="Whole days" checked={wholeDays} onChange={setWholeDays} hint="Untick to give the times it closes and opens again." />
      <div className="field-row">
        <TextField id={cid('startDate')} label="First day" required value={v.startDate} onChange={set('startDate')} error={errors.fields.startDate} placeholder="MM/DD/YYYY" inputMode="numeric" maxLength={10} autoComplete="off" className="field-date" />
        {!wholeDays ? (
          <TextField id={cid('startTime')} label="Closed from" type="time" required value={v.startTime} onChange={set('startTime')} error={errors.fields.startTime} className="field-narrow" />
        ) : null}
      </div>
      <div className="field-row">
        <TextField id={cid('endDate')} label="Last day" required value={v.endDate} onChange={set('endDate')} error={errors.fields.endDate} placeholder="MM/DD/YYYY" inputMode="numeric" maxLength={10} autoComplete="off" className="field-date" />
        {!wholeDays ? (
          <TextField id={cid('endTime')} label="Open again at" type="time" required value={v.endTime} onChange={set('endTime')} error={errors.fields.endTime} className="field-narrow" />
        ) : null}
      </div>
      <p className="field-hint">Dates and times are clinic time ({zone.replace(/_/g, ' ')}).</p>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Add closure
        </button>
      </div>
    </form>
  );
}
