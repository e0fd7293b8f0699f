/**
 * Settings › Provider availability: each consulting provider's weekly hours (clinic time),
 * and time off: a provider's leave or a day the whole clinic is closed. Free consultation
 * times on the chart come from these.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AvailabilityException, ProviderAvailability } from '../../../../src-shared/api/schemas/scheduling';
import { WEEKDAY_NAMES } from '../../../../src-shared/api/schemas/scheduling';
import { keptDateTimeFormat, todayInZone, formatCalendarDate } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { DualTime } from '../../components/DualTime';
import { Flash } from '../../components/Flash';
import { CheckboxField, FieldMessages, FormAlert, SelectField, TextField, describedBy } from '../../components/Field';
import { useFlash } from '../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { addDays, localTimeAt, providerLabel, zonedToInstant } from '../../lib/zoned-time';
import { useClinicStore } from '../clinic/store';
import { readTypedDate } from '../../lib/typed-date';
import { useSchedulingStore } from './store';

/** Monday first, as a clinic week is read. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];
const DAY_OPTIONS = WEEK_ORDER.map((d) => ({ value: String(d), label: WEEKDAY_NAMES[d]! }));

export function AvailabilitySection() {
  const entry = useSchedulingStore((s) => s.availability);
  const staff = useClinicStore((s) => s.staff);
  // A provider added or renamed under Staff shows up here at once.
  const staffKey = staff.map((s) => `${s.id}:${s.name}:${s.role}:${s.active}`).join('|');
  useEffect(() => {
    void useSchedulingStore.getState().loadAvailability();
  }, [staffKey]);

  const data = entry?.data;
  return (
    <section className="panel availability-panel" aria-labelledby="availability-heading">
      <h2 id="availability-heading">Provider availability</h2>
      <p className="field-hint">
        When each physician or anesthesiologist sees patients for consultations, in clinic time. Free consultation times on a
        patient’s chart come from these hours, minus time off and what is already booked.
      </p>
      {entry?.status === 'error' ? (
        <div className="form-alert" role="alert">
          <p>The availability could not be loaded. {entry.error}</p>
          <button type="button" className="button" onClick={() => void useSchedulingStore.getState().loadAvailability()}>
            Try again
          </button>
        </div>
      ) : null}
      {!data ? (
        entry?.status === 'error' ? null : <p className="muted">Loading availability…</p>
      ) : (
        <>
          {data.providers.length === 0 ? (
            <p className="notice">
              No consulting providers yet. Add a staff member with the role Physician or Anesthesiologist under{' '}
              <a href="#/settings/staff">Settings › Staff and shifts</a>.
            </p>
          ) : (
            data.providers.map((p) => <ProviderHours key={p.staffId} provider={p} />)
          )}
          <TimeOff providers={data.providers} exceptions={data.exceptions} zone={data.timeZone} />
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------
// Weekly hours

interface Row {
  key: number;
  weekday: string;
  startTime: string;
  endTime: string;
  validFrom: string | null;
  validTo: string | null;
}

let rowKeys = 0;
const toRows = (p: ProviderAvailability): Row[] =>
  p.weekly.map((w) => ({ key: ++rowKeys, weekday: String(w.weekday), startTime: w.startTime, endTime: w.endTime, validFrom: w.validFrom, validTo: w.validTo }));
const signature = (p: ProviderAvailability) => p.weekly.map((w) => `${w.id}:${w.version}`).join('|');

function ProviderHours({ provider }: { provider: ProviderAvailability }) {
  const settings = useClinicStore((s) => s.settings);
  const [rows, setRows] = useState<Row[]>(() => toRows(provider));
  const [base, setBase] = useState(() => signature(provider));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const [flash, showFlash, clearFlash] = useFlash();
  const name = providerLabel(provider.staffName);
  const idBase = `avail-${provider.staffId}`;
  const headingId = `${idBase}-heading`;

  // Saved elsewhere while untouched here: show the stored hours.
  if (!dirty && signature(provider) !== base) {
    setRows(toRows(provider));
    setBase(signature(provider));
  }

  const update = (next: (r: Row[]) => Row[]) => {
    setRows(next);
    setDirty(true);
    clearFlash();
  };
  const setRow = (key: number, patch: Partial<Row>) => update((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = () =>
    update((rs) => {
      const last = rs.at(-1);
      const firstOpen = settings?.openingHours[0];
      if (!last) return [...rs, { key: ++rowKeys, weekday: '1', startTime: firstOpen?.open ?? '08:00', endTime: firstOpen?.close ?? '17:00', validFrom: null, validTo: null }];
      // The next day of the week, same hours: five clicks give a working week.
      const nextDay = WEEK_ORDER[(WEEK_ORDER.indexOf(Number(last.weekday)) + 1) % 7]!;
      return [...rs, { key: ++rowKeys, weekday: String(nextDay), startTime: last.startTime, endTime: last.endTime, validFrom: null, validTo: null }];
    });
  const copyClinicHours = () =>
    update(() =>
      [...(settings?.openingHours ?? [])]
        .sort((a, b) => WEEK_ORDER.indexOf(a.day) - WEEK_ORDER.indexOf(b.day) || a.open.localeCompare(b.open))
        .map((h) => ({ key: ++rowKeys, weekday: String(h.day), startTime: h.open, endTime: h.close, validFrom: null, validTo: null })),
    );

  const rowId = (i: number, f: 'weekday' | 'startTime' | 'endTime') => `${idBase}-${i}-${f}`;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      const saved = await api.call('availability.setWeekly', {
        staffId: provider.staffId,
        hours: rows.map((r) => ({ weekday: Number(r.weekday), startTime: r.startTime, endTime: r.endTime, validFrom: r.validFrom, validTo: r.validTo })),
      });
      setRows(toRows(saved));
      setBase(signature(saved));
      setDirty(false);
      setErrors(noErrors);
      showFlash(`Hours for ${name} saved`);
      void useSchedulingStore.getState().loadAvailability();
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => /^hours\.\d+\.(weekday|startTime|endTime|validFrom|validTo)$/.test(f) });
      const fields: Record<string, string> = {};
      for (const [f, m] of Object.entries(mapped.fields)) {
        const [, i, which] = f.split('.') as [string, string, string];
        const col = which === 'weekday' ? 'weekday' : which === 'endTime' || which === 'validTo' ? 'endTime' : 'startTime';
        fields[rowId(Number(i), col)] ??= m;
      }
      setErrors({ general: mapped.general, fields });
      const first = Object.keys(fields)[0];
      if (first) document.getElementById(first)?.focus();
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="provider-hours" aria-labelledby={headingId}>
      <div className="panel-heading">
        <h3 id={headingId}>
          {name}
          {!provider.active ? <span className="muted"> (inactive)</span> : null}
        </h3>
        <Flash message={flash} />
      </div>
      <form noValidate onSubmit={onSubmit}>
        <FormAlert message={errors.general} />
        {rows.length === 0 ? (
          <p className="muted">No weekly hours: {name} is not offered for consultations.</p>
        ) : (
          <table className="hours-table provider-hours-table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const n = i + 1;
                const ids = { weekday: rowId(i, 'weekday'), startTime: rowId(i, 'startTime'), endTime: rowId(i, 'endTime') };
                const errs = { weekday: errors.fields[ids.weekday], startTime: errors.fields[ids.startTime], endTime: errors.fields[ids.endTime] };
                return (
                  <tr key={r.key}>
                    <td>
                      <label htmlFor={ids.weekday} className="visually-hidden">
                        Day, row {n}
                      </label>
                      <select
                        id={ids.weekday}
                        value={r.weekday}
                        onChange={(e) => setRow(r.key, { weekday: e.target.value })}
                        aria-invalid={errs.weekday ? true : undefined}
                        aria-describedby={describedBy(ids.weekday, errs.weekday, null)}
                      >
                        {DAY_OPTIONS.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                      <FieldMessages id={ids.weekday} error={errs.weekday} />
                    </td>
                    <td>
                      <label htmlFor={ids.startTime} className="visually-hidden">
                        From, row {n}
                      </label>
                      <input
                        id={ids.startTime}
                        type="time"
                        value={r.startTime}
                        onChange={(e) => setRow(r.key, { startTime: e.target.value })}
                        aria-invalid={errs.startTime ? true : undefined}
                        aria-describedby={describedBy(ids.startTime, errs.startTime, null)}
                      />
                      <FieldMessages id={ids.startTime} error={errs.startTime} />
                    </td>
                    <td>
                      <label htmlFor={ids.endTime} className="visually-hidden">
                        To, row {n}
                      </label>
                      <input
                        id={ids.endTime}
                        type="time"
                        value={r.endTime}
                        onChange={(e) => setRow(r.key, { endTime: e.target.value })}
                        aria-invalid={errs.endTime ? true : undefined}
                        aria-describedby={describedBy(ids.endTime, errs.endTime, null)}
                      />
                      <FieldMessages id={ids.endTime} error={errs.endTime} />
                      {r.validFrom || r.validTo ? (
                        <div className="muted small">
                          {r.validFrom ? `from ${formatCalendarDate(r.validFrom)}` : ''} {r.validTo ? `until ${formatCalendarDate(r.validTo)}` : ''}
                        </div>
                      ) : null}
                    </td>
                    <td className="actions-cell">
                      <button type="button" className="button button-quiet button-small" onClick={() => update((rs) => rs.filter((x) => x.key !== r.key))}>
                        Remove<span className="visually-hidden"> row {n}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <div className="form-actions">
          <button type="button" className="button button-small" onClick={addRow}>
            Add hours
          </button>
          {settings?.openingHours.length ? (
            <button type="button" className="button button-quiet button-small" onClick={copyClinicHours}>
              Use the clinic’s opening hours
            </button>
          ) : null}
          <button type="submit" className="button button-primary" disabled={saving}>
            Save weekly hours
          </button>
          {dirty && !saving ? <span className="muted">Not kept until you press Save weekly hours.</span> : null}
        </div>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------
// Time off and closures

const WHOLE_CLINIC = '__clinic__';

function dayText(zone: string, instant: number): string {
  return keptDateTimeFormat('en-US', { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(instant);
}

/** Whole days (midnight to midnight) read as dates, the last day included; anything else as times. */
function ExceptionSpan({ exception: x, zone }: { exception: AvailabilityException; zone: string }) {
  const wholeDays = localTimeAt(zone, x.startsAt) === '00:00' && localTimeAt(zone, x.endsAt) === '00:00';
  if (wholeDays) {
    return (
      <>
        <td>{dayText(zone, x.startsAt)}</td>
        <td>
          {dayText(zone, x.endsAt - 1)} <span className="muted">(whole day)</span>
        </td>
      </>
    );
  }
  return (
    <>
      <td>
        <DualTime instant={x.startsAt} zone={zone} />
      </td>
      <td>
        <DualTime instant={x.endsAt} zone={zone} />
      </td>
    </>
  );
}

function TimeOff({ providers, exceptions, zone }: { providers: ProviderAvailability[]; exceptions: AvailabilityException[]; zone: string }) {
  const [flash, showFlash] = useFlash(8000);
  const [warning, setWarning] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  return (
    <section className="time-off" aria-labelledby="time-off-heading">
      <div className="panel-heading">
        <h3 id="time-off-heading">Time off and closures</h3>
        <Flash message={flash} />
      </div>
      {warning ? (
        <p className="notice notice-warning" role="alert">
          {warning}
        </p>
      ) : null}
      {listError ? (
        <p className="form-alert" role="alert">
          {listError}
        </p>
      ) : null}
      {exceptions.length === 0 ? (
        <p className="muted">No time off or closures coming up.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">From (clinic time)</th>
              <th scope="col">Until (clinic time)</th>
              <th scope="col">Reason</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {exceptions.map((x) => (
              <tr key={x.id}>
                <td>{x.staffName ? providerLabel(x.staffName) : <strong>Whole clinic closed</strong>}</td>
                <ExceptionSpan exception={x} zone={zone} />
                <td>{x.reason}</td>
                <td className="actions-cell">
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    onClick={() => {
                      api
                        .call('availability.removeException', { id: x.id, expectedVersion: x.version })
                        .then(() => {
                          setListError(null);
                          showFlash('Time off removed');
                          return useSchedulingStore.getState().loadAvailability();
                        })
                        .catch((err: unknown) => setListError(errorText(err)));
                    }}
                  >
                    Remove<span className="visually-hidden"> {x.reason}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddTimeOffForm
        providers={providers}
        zone={zone}
        onAdded={(overlaps) => {
          showFlash('Time off added');
          setWarning(
            overlaps.length
              ? `${overlaps.length === 1 ? '1 booked consultation falls' : `${overlaps.length} booked consultations fall`} in this time: ${overlaps.join('; ')}. Call the patient${overlaps.length === 1 ? '' : 's'} to move ${overlaps.length === 1 ? 'it' : 'them'}.`
              : null,
          );
          void useSchedulingStore.getState().loadAvailability();
        }}
      />
    </section>
  );
}

const TF = ['staffId', 'startDate', 'startTime', 'endDate', 'endTime', 'reason'] as const;
type TimeOffField = (typeof TF)[number];
const tid = (f: TimeOffField) => `timeoff-${f}`;

function AddTimeOffForm({ providers, zone, onAdded }: { providers: ProviderAvailability[]; zone: string; onAdded: (overlaps: string[]) => void }) {
  const today = formatCalendarDate(todayInZone(zone));
  const [who, setWho] = useState('');
  const [wholeDays, setWholeDays] = useState(true);
  const [v, setV] = useState({ startDate: today, startTime: '08:00', endDate: today, endTime: '17:00', reason: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const options = useMemo(
    () => [{ value: WHOLE_CLINIC, label: 'Whole clinic (closed)' }, ...providers.map((p) => ({ value: p.staffId, label: providerLabel(p.staffName) }))],
    [providers],
  );
  const set = (f: keyof typeof v) => (value: string) => setV((p) => ({ ...p, [f]: value }));

  const show = (next: FormErrors) => {
    setErrors(next);
    const first = TF.find((f) => next.fields[f]);
    if (first) document.getElementById(tid(first))?.focus();
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const fields: Record<string, string> = {};
    if (!who) fields.staffId = 'Choose who is away, or the whole clinic.';
    const start = readTypedDate(v.startDate, 'first day', true);
    const end = readTypedDate(v.endDate, 'last day', true);
    if (!start.ok) fields.startDate = start.message;
    if (!end.ok) fields.endDate = end.message;
    if (!wholeDays) {
      if (!/^\d{2}:\d{2}$/.test(v.startTime)) fields.startTime = 'Enter the start time, such as 08:00.';
      if (!/^\d{2}:\d{2}$/.test(v.endTime)) fields.endTime = 'Enter the end time, such as 17:00.';
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
      const out = await api.call('availability.addException', { staffId: who === WHOLE_CLINIC ? null : who, startsAt, endsAt, reason: v.reason });
      setV({ startDate: today, startTime: '08:00', endDate: today, endTime: '17:00', reason: '' });
      setWho('');
      setErrors(noErrors);
      onAdded(
        out.overlappingConsultations.map((c) => {
          const when = keptDateTimeFormat('en-US', { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(c.startsAt);
          return `${when} with ${providerLabel(c.staffName)}`;
        }),
      );
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => ['staffId', 'startsAt', 'endsAt', 'reason'].includes(f) });
      const fields: Record<string, string> = {};
      for (const [f, m] of Object.entries(mapped.fields)) {
        const target: TimeOffField = f === 'startsAt' ? (wholeDays ? 'startDate' : 'startTime') : f === 'endsAt' ? (wholeDays ? 'endDate' : 'endTime') : (f as TimeOffField);
        fields[target] = m;
      }
      show({ general: mapped.general, fields });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form subform time-off-form" noValidate onSubmit={onSubmit} aria-labelledby="add-time-off-heading">
      <h4 id="add-time-off-heading">Add time off or a closure</h4>
      <FormAlert message={errors.general} />
      <div className="field-row">
        <SelectField id={tid('staffId')} label="Who is away" required value={who} onChange={setWho} options={options} placeholder="Choose…" error={errors.fields.staffId} />
        <TextField id={tid('reason')} label="Reason" required value={v.reason} onChange={set('reason')} error={errors.fields.reason} maxLength={200} placeholder="e.g. Annual leave, Thanksgiving" autoComplete="off" />
      </div>
      <CheckboxField id="timeoff-wholeDays" label="Whole days" checked={wholeDays} onChange={setWholeDays} hint="Untick to give start and end times." />
      <div className="field-row">
        <TextField id={tid('startDate')} label="First day" required value={v.startDate} onChange={set('startDate')} error={errors.fields.startDate} placeholder="MM/DD/YYYY" inputMode="numeric" maxLength={10} autoComplete="off" className="field-date" />
        {!wholeDays ? (
          <TextField id={tid('startTime')} label="From" type="time" required value={v.startTime} onChange={set('startTime')} error={errors.fields.startTime} className="field-narrow" />
        ) : null}
      </div>
      <div className="field-row">
        <TextField id={tid('endDate')} label="Last day" required value={v.endDate} onChange={set('endDate')} error={errors.fields.endDate} placeholder="MM/DD/YYYY" inputMode="numeric" maxLength={10} autoComplete="off" className="field-date" />
        {!wholeDays ? (
          <TextField id={tid('endTime')} label="Until" type="time" required value={v.endTime} onChange={set('endTime')} error={errors.fields.endTime} className="field-narrow" />
        ) : null}
      </div>
      <p className="field-hint">Dates and times are clinic time ({zone.replace(/_/g, ' ')}).</p>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Add time off
        </button>
      </div>
    </form>
  );
}
